// npm run bench:digest — the weekly digest "Plein deze week" at scale (issue 21: "the digest for
// 100,000 people is composed and handed to SMTP within 10 minutes on this 2-core machine, at most 2
// SQL statements per person on average").
// Seeds a fresh embedded PostgreSQL with scripts/seed-large.mjs (people, departments, follows, groups,
// a year of messages, blog posts), adds this week's featured posts, open outage notices, new
// vacancies and new colleagues, then:
//   1. raw SQL: the digest's batch statement alone (digest.sql.ts, every batch, in a transaction that
//      is rolled back), what picking the items costs without composing or sending;
//   2. the real DigestService.run from the build: claim, pick, render (MJML/Handlebars), hand to a
//      real SMTP server (smtp-server, in a child process) over a Nodemailer pool, record in the ledger.
// Prints a table; the 100,000-person time is measured with --people 100000, else projected linearly.
//   node scripts/bench-digest.mjs --people 20000 --messages 1000000
// Options: --people N (20000)  --messages N (1000000)  --batch N (500)  --concurrency N (8)
//          PLEIN_DIST=dist/apps/api where the build lives
import { fork, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { distImport, figure, reportResult, startBenchDatabase } from './bench-support.mjs';

const { values: opts } = parseArgs({
  options: {
    people: { type: 'string', default: '20000' },
    messages: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '8' },
    'smtp-child': { type: 'boolean', default: false },
  },
});

// The SMTP sink: a real SMTP server in its own process that accepts and counts every mail.
if (opts['smtp-child']) {
  const { SMTPServer } = await import('smtp-server');
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      stream.on('data', () => {});
      stream.on('end', () => {
        count++;
        cb();
      });
    },
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.server.address().port }));
  process.on('message', (m) => {
    if (m === 'count') process.send({ count });
    if (m === 'stop') server.close(() => process.exit(0));
  });
} else {
  await main();
}

async function main() {
  const P = Number(opts.people);
  const M = Number(opts.messages);
  const BATCH = Number(opts.batch);
  const db = await startBenchDatabase('digest', { migrate: true });
  const smtpChild = fork(new URL(import.meta.url).pathname, ['--smtp-child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (msg, key) => new Promise((resolve) => { const on = (m) => { if (m && key in m) { smtpChild.off('message', on); resolve(m[key]); } }; smtpChild.on('message', on); if (msg) smtpChild.send(msg); });
  const smtpPort = await ask(null, 'port');
  let app;
  try {
    console.error(`seeding ${P} people, ${M} messages (scripts/seed-large.mjs)…`);
    const t0 = performance.now();
    await new Promise((resolve, reject) => {
      // spawn, not fork: an IPC channel would keep seed-large alive after it is done.
      const seed = spawn(process.execPath, [new URL('./seed-large.mjs', import.meta.url).pathname, '--people', String(P), '--messages', String(M), '--groups', String(Math.max(20, Math.round(P / 200))), '--blog-posts', String(Math.max(100, Math.round(P / 20))), '--follows-per-person', '30', '--big-group', String(Math.min(20000, P))], {
        env: { ...process.env, DATABASE_URL: db.url, SEED_DEMO: 'false', PLEIN_DATA_DIR: db.dir },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      seed.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed-large exited ${code}`))));
    });
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    // This week's extras: featured posts, open notices, new vacancies, new colleagues.
    await c.query(`UPDATE blog_posts SET featured_from = now() - interval '2 days', featured_until = now() + interval '5 days' WHERE id IN (SELECT id FROM blog_posts ORDER BY published_at DESC LIMIT 5)`);
    await c.query(`INSERT INTO notices (title, services, severity, status, audience, department_ids, starts_at, author_id, search_text)
      SELECT 'Storing ' || d.name, ARRAY['mail'], 'major', 'investigating', 'departments', ARRAY[d.id], now() - interval '1 day', (SELECT id FROM people LIMIT 1), d.name
        FROM (SELECT * FROM departments ORDER BY code LIMIT 20) d`);
    await c.query(`INSERT INTO notices (title, services, severity, status, audience, starts_at, author_id, search_text)
      VALUES ('VPN traag voor iedereen', ARRAY['vpn'], 'minor', 'identified', 'company', now() - interval '2 days', (SELECT id FROM people LIMIT 1), 'vpn')`);
    await c.query(`INSERT INTO vacancies (title, department_id, location, hours_per_week, employment_type, description_html, search_text, closes_on, contact_id, poster_id, open_to_externals, created_at)
      SELECT 'Vacature ' || d.name, d.id, 'Utrecht', 36, 'permanent', '<p>x</p>', d.name, current_date + 30, p.id, p.id, d.code LIKE '%1%', now() - interval '1 day'
        FROM (SELECT * FROM departments ORDER BY code LIMIT 40) d, LATERAL (SELECT id FROM people WHERE department_id = d.id LIMIT 1) p`);
    await c.query(`UPDATE people SET start_date = current_date - 2 WHERE id IN (SELECT id FROM people WHERE active ORDER BY md5(id::text) LIMIT ${Math.max(10, Math.round(P / 100))})`);
    await c.query('ANALYZE');
    const seedS = (performance.now() - t0) / 1000;
    const [{ n: readers }] = (await c.query(`SELECT count(*)::int AS n FROM people WHERE active`)).rows;

    // The app's own code from the build: core, policy, groups (membership SQL) and mail.
    const { NestFactory } = await import('@nestjs/core');
    const { Module } = await import('@nestjs/common');
    const { CoreModule, loadConfig } = await distImport('libs/core/src/index.js');
    const { PolicyModule } = await distImport('libs/policy/src/index.js');
    const { GroupsCoreModule } = await distImport('libs/groups/src/index.js');
    const { MailModule, DigestService, digestBatchSql, weekOf } = await distImport('libs/mail/src/index.js');
    const { PolicyService } = await distImport('libs/policy/src/index.js');
    const { ENTITIES } = await distImport('orm.js');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plein-bench-mail-'));
    const loaded = loadConfig({ DATABASE_URL: db.url, JWT_SECRET: 'bench-secret-bench-secret-bench-secret!', PLEIN_DATA_DIR: dataDir, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, LOG_LEVEL: 'warn' });
    const config = { ...loaded, ldap: { ...loaded.ldap, url: 'ldap://127.0.0.1:1' } };
    class BenchMailModule {}
    Module({
      imports: [CoreModule.forRoot({ config, entities: ENTITIES, workerEnabled: false, poolSize: 6 }), PolicyModule, GroupsCoreModule, MailModule.forWorker({ concurrency: Number(opts.concurrency) })],
    })(BenchMailModule);
    app = await NestFactory.createApplicationContext(BenchMailModule, { logger: ['error', 'warn'] });
    await app.init();
    const digest = app.get(DigestService);
    const sql = digestBatchSql(app.get(PolicyService));
    const now = new Date();
    const { week, day } = weekOf(now);
    const since = new Date(now.getTime() - 7 * 86_400_000);

    // 1. Raw SQL: every batch of the statement, rolled back.
    const rawT0 = performance.now();
    await c.query('BEGIN');
    let after = '00000000-0000-0000-0000-000000000000';
    let rawRows = 0;
    let items = 0;
    const runId = '00000000-0000-4000-8000-000000000001';
    for (;;) {
      const { rows } = await c.query(sql, [week, runId, 1, after, BATCH, since, now, 600]);
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
      rawRows += rows.length;
      for (const r of rows) items += r.featured.length + r.conversations.length + r.notices.length + r.vacancies.length + r.colleagues.length;
    }
    await c.query('ROLLBACK');
    const rawS = (performance.now() - rawT0) / 1000;

    // 2. The real run, handing every mail to SMTP.
    const runT0 = performance.now();
    const report = await digest.run({ week, day: 1, now, batchSize: BATCH });
    const runS = (performance.now() - runT0) / 1000;
    const accepted = await ask('count', 'count');
    const perPerson = report.statements / Math.max(1, report.readers);
    const projected = (runS / Math.max(1, report.readers)) * 100_000;
    void day;

    const rows = [
      ['people (active readers)', `${readers}`],
      ['seed (seed-large + extras)', `${seedS.toFixed(1)} s`],
      ['raw SQL: batch statement only (rolled back)', `${rawS.toFixed(1)} s for ${rawRows} readers, ${(rawRows / rawS).toFixed(0)} readers/s, ${(items / Math.max(1, rawRows)).toFixed(1)} items/reader`],
      ['digest run: claim, pick, render, SMTP, ledger', `${runS.toFixed(1)} s: ${report.sent} sent, ${report.empty} empty, ${report.failed} failed; ${(report.readers / runS).toFixed(0)} readers/s`],
      ['mails accepted by the SMTP server', `${accepted}`],
      ['SQL statements per person (average)', `${perPerson.toFixed(3)} (target ≤ 2)`],
      ['100,000 people', `${P >= 100_000 ? `${runS.toFixed(0)} s measured` : `${projected.toFixed(0)} s projected linearly`} (target ≤ 600 s)`],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    console.log(`\nDigest benchmark (${os.cpus().length} cores, Node ${process.version}, batch ${BATCH}, ${opts.concurrency} mails in flight)\n`);
    console.log(`| ${'what'.padEnd(w)} | figure |\n| ${'-'.repeat(w)} | --- |`);
    for (const [k, v] of rows) console.log(`| ${k.padEnd(w)} | ${v} |`);
    reportResult('digest', [
      figure('digest.run.seconds', `digest run, ${readers} readers`, runS, 's', 'lower', { baseline: rawS, baselineName: 'raw SQL only' }),
      figure('digest.100k.seconds', '100,000 readers (measured or projected)', P >= 100_000 ? runS : projected, 's', 'lower', { target: 600 }),
      figure('digest.statements.per.person', 'SQL statements per person', perPerson, 'statements', 'lower', { target: 2 }),
    ]);
    await c.end();
  } finally {
    await app?.close().catch(() => undefined);
    smtpChild.send('stop');
    await db.stop();
  }
}
