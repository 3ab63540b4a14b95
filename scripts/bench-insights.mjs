// npm run bench:insights — the community insights dashboard at scale (issue 9: "rollups run on the
// worker and the dashboard answers within 500 ms with 2,000,000 messages").
// Seeds a realistic data set set-based in PostgreSQL (departments, people in all three employment
// types with managers, follows, messages with replies and reshares, likes, campaign fingerprints,
// activity days, blog posts and comments, reports and moderation cases, ambassadors), runs the real
// InsightsService.rollup from the build (what the worker's `insights.rollup` job calls) and times it,
// then starts the built app in-process and measures `insightsDashboard(weeks: 13 | 52)` and
// `insightsCsv` over GraphQL as a community manager (demo.moderator), next to the same reads
// (rollup rows, computed_at, people count, ambassadors) through pg in the same run.
//   node scripts/bench-insights.mjs --people 20000 --messages 2000000
// Options: --people N (20000)  --messages N (2000000)  --weeks N (26, how far back the activity goes)
//          --follows N (30 per person)  --requests N (200 per row)
//          BENCH_DATABASE_URL=... a migrated, empty database instead of a fresh embedded PostgreSQL
//          PLEIN_DIST=dist/apps/api where the build lives; BENCH_PG_LOG=file for PostgreSQL's log (and statements over 500 ms)
import { appendFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { distImport, figure, measureLoad, pct, reportResult, startBenchDatabase } from './bench-support.mjs';

const { values: opts } = parseArgs({
  options: {
    people: { type: 'string', default: '20000' },
    messages: { type: 'string', default: '2000000' },
    weeks: { type: 'string', default: '26' },
    follows: { type: 'string', default: '30' },
    requests: { type: 'string', default: '200' },
  },
});
const P = Number(opts.people);
const M = Number(opts.messages);
const WEEKS = Math.max(14, Number(opts.weeks));
const F = Math.min(Number(opts.follows), P - 1);
const REQUESTS = Number(opts.requests);
const D = Math.max(8, Math.round(P / 500)); // departments; person n <= D heads department n
const TOP = Math.round(M * 0.8); // top-level posts
const RESHARES = Math.round(M * 0.03);
const REPLIES = M - TOP - RESHARES;
const SPAN = `interval '${WEEKS * 7} days'`;

const person = (n) => `md5('bench-person-' || (${n}))::uuid`;
const message = (g) => `md5('bench-msg-' || (${g}))::uuid`;
// Top-level post g was written at topAt(g): evenly over the span, the newest a minute ago.
const topAt = (g) => `(now() - interval '1 minute' - (${TOP}::bigint - (${g})) * (${SPAN} / ${TOP}))`;
const ACTIVE = `NOT (n > ${D} AND n % 97 = 0)`; // about 1% deactivated (never a head)

async function step(c, label, sql, params = []) {
  const t0 = performance.now();
  const r = await c.query(sql, params);
  console.error(`  ${label}: ${r.rowCount ?? ''} rows in ${Math.round(performance.now() - t0)} ms`);
  return r;
}

async function seed(url) {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {}); // a failed statement rejects its query; the stop in finally must not crash the process
  await c.connect();
  const t0 = performance.now();
  await c.query(`SET maintenance_work_mem = '256MB'`);
  await c.query(`SET work_mem = '64MB'`);
  await step(c, 'departments', `
    INSERT INTO departments (id, code, name, parent_id)
    SELECT md5('bench-dept-' || d)::uuid, 'BENCH-' || d,
           (ARRAY['Netwerk', 'Klantenservice', 'Retail', 'Wholesale', 'IT', 'Finance', 'HR', 'Marketing', 'Juridisch', 'Inkoop'])[1 + d % 10] || ' ' || d,
           CASE WHEN d = 1 THEN NULL ELSE md5('bench-dept-1')::uuid END
      FROM generate_series(1, ${D}) d`);
  // Person n <= D heads department n (managed by person 1); everyone else is in department 1 + n % D
  // under its head. About 80% employee, 12% contractor, 8% freelancer.
  await step(c, 'people', `
    INSERT INTO people (id, uid, given_name, family_name, display_name, email, employment_type, department_id, manager_id, active)
    SELECT ${person('n')}, 'bench.' || n, 'Bench' || n, 'Persoon', 'Bench Persoon ' || n, 'bench' || n || '@bench.plein.test',
           (CASE WHEN n > ${D} AND n % 25 < 3 THEN 'contractor' WHEN n > ${D} AND n % 25 < 5 THEN 'freelancer' ELSE 'employee' END)::employment_type,
           md5('bench-dept-' || CASE WHEN n <= ${D} THEN n ELSE 1 + n % ${D} END)::uuid,
           CASE WHEN n = 1 THEN NULL WHEN n <= ${D} THEN ${person(1)} ELSE ${person(`1 + n % ${D}`)} END,
           ${ACTIVE}
      FROM generate_series(1, ${P}) n`);
  // Bulk load: row-level FK triggers off (every reference below is derived from rows written above;
  // the embedded bench database runs as a superuser), the full-text index built once at the end.
  await c.query(`SET session_replication_role = replica`);
  await c.query(`DROP INDEX IF EXISTS "IDX_messages_body_dutch_fts"`);
  // Follows: F per person, half of them in their own department (when P is a multiple of D, a step
  // of a multiple of D keeps the department), spread over two years (first meetings have history).
  const followee = `CASE WHEN k % 2 = 1 AND ${P % D} = 0 THEN 1 + (n - 1 + k * 7 * ${D}) % ${P} ELSE 1 + (n + k * 7919) % ${P} END`;
  await step(c, 'follows', `
    INSERT INTO follows (follower_id, followee_id, created_at)
    SELECT ${person('n')}, ${person('f')}, now() - ((n * 31 + k * 17) % 730) * interval '1 day' - (k % 24) * interval '1 hour'
      FROM generate_series(1, ${P}) n CROSS JOIN generate_series(1, ${F}) k CROSS JOIN LATERAL (SELECT ${followee} AS f) x
     WHERE f <> n ON CONFLICT DO NOTHING`);
  // Posts, in chunks: authors skewed (a third of the people write most), 25% payroll-only.
  const CHUNK = 250_000;
  for (let from = 1; from <= TOP; from += CHUNK) {
    const to = Math.min(TOP, from + CHUNK - 1);
    await step(c, `posts ${from}-${to}`, `
      INSERT INTO messages (id, author_id, audience, body, entities, like_count, created_at)
      SELECT ${message('g')}, ${person(`1 + (g * 31 % ${P}) * (1 + g % 3) / 3`)}, CASE WHEN g % 4 = 0 THEN 'employees' ELSE 'company' END,
             'Bericht ' || g || ' over ' || (ARRAY['storing', 'glasvezel', 'klanten', 'release', 'winkel', '5G', 'netwerk', 'lunch'])[1 + g % 8],
             '{"links":[],"mentions":[],"hashtags":[]}'::jsonb, CASE WHEN g % 5 < 2 THEN g % 5 + 1 ELSE 0 END, ${topAt('g')}
        FROM generate_series($1::bigint, $2::bigint) g`,
      [from, to]);
  }
  // Likes: posts with g % 5 = 0 get one, g % 5 = 1 two (as like_count says), from colleagues.
  await step(c, 'likes', `
    INSERT INTO message_likes (message_id, person_id, created_at)
    SELECT ${message('g')}, ${person(`1 + (g * 13 + j * 7919) % ${P}`)}, LEAST(now(), ${topAt('g')} + (g % 300) * interval '1 minute')
      FROM generate_series(1, ${TOP}::bigint) g CROSS JOIN LATERAL generate_series(1, CASE WHEN g % 5 < 2 THEN g % 5 + 1 ELSE 0 END) j
    ON CONFLICT DO NOTHING`);
  // Replies to earlier posts (a few hours later), and reshares (half of them with a personal note).
  for (let from = 1; from <= REPLIES; from += CHUNK) {
    const to = Math.min(REPLIES, from + CHUNK - 1);
    await step(c, `replies ${from}-${to}`, `
      INSERT INTO messages (id, author_id, audience, body, entities, root_id, parent_id, created_at)
      SELECT ${message(`${TOP + RESHARES} + k`)}, ${person(`1 + (k * 37) % ${P}`)}, 'company', 'Eens, reactie ' || k,
             '{"links":[],"mentions":[],"hashtags":[]}'::jsonb, ${message('t')}, ${message('t')}, LEAST(now(), ${topAt('t')} + (k % 600) * interval '1 minute')
        FROM generate_series($1::bigint, $2::bigint) k CROSS JOIN LATERAL (SELECT 1 + (k * 7919) % ${TOP} AS t) x`,
      [from, to]);
  }
  await step(c, 'reshares', `
    INSERT INTO messages (id, author_id, audience, body, entities, reshare_of_id, created_at)
    SELECT ${message(`${TOP} + k`)}, ${person(`1 + (k * 53) % ${P}`)}, 'company', CASE WHEN k % 2 = 0 THEN 'Lees dit!' ELSE '' END,
           '{"links":[],"mentions":[],"hashtags":[]}'::jsonb, ${message('t')}, LEAST(now(), ${topAt('t')} + (k % 900) * interval '1 minute')
      FROM generate_series(1, ${RESHARES}::bigint) k CROSS JOIN LATERAL (SELECT 1 + (k * 104729) % ${TOP} AS t) x`);
  // Campaign detection's fingerprints for every post; 2% are copies in one of 50 campaigns.
  await step(c, 'campaigns', `
    INSERT INTO campaigns (id, sample_message_id, size, author_count, first_at, last_at)
    SELECT md5('bench-campaign-' || k)::uuid, ${message('k * 50')}, 0, 0, now() - ${SPAN}, now() FROM generate_series(1, 50) k`);
  for (let from = 1; from <= TOP; from += CHUNK * 2) {
    const to = Math.min(TOP, from + CHUNK * 2 - 1);
    await step(c, `fingerprints ${from}-${to}`, `
      INSERT INTO message_fingerprints (message_id, author_id, created_at, signature, word_count, campaign_id)
      SELECT ${message('g')}, ${person(`1 + (g * 31 % ${P}) * (1 + g % 3) / 3`)}, ${topAt('g')}, array_fill((g % 1000)::int, ARRAY[32]), 4 + g % 20,
             CASE WHEN g % 50 = 7 THEN md5('bench-campaign-' || (1 + g % 50 + (g / 50) % 49))::uuid END
        FROM generate_series($1::bigint, $2::bigint) g`,
      [from, to]);
  }
  // Activity: 10% of the people never come; the others on 5-65% of the days.
  await step(c, 'activity days', `
    INSERT INTO person_activity_days (person_id, day)
    SELECT ${person('n')}, current_date - d
      FROM generate_series(1, ${P}) n CROSS JOIN generate_series(0, ${WEEKS * 7}) d
     WHERE n % 10 <> 9 AND ((n::bigint * 7919 + d * 104729 + n::bigint * d) % 100) < 5 + (n % 7) * 10`);
  // Blogs: the heads (managers) and 400 others; posts over the span, comments by others, most answered.
  const BLOGGERS = Math.min(P, D + 400);
  await step(c, 'blogs', `
    INSERT INTO blogs (id, kind, owner_person_id, title)
    SELECT md5('bench-blog-' || b)::uuid, 'person', ${person(`CASE WHEN b <= ${D} THEN b ELSE ${D} + (b * 47) % (${P} - ${D}) + 1 END`)}, 'Blog ' || b
      FROM generate_series(1, ${BLOGGERS}) b ON CONFLICT DO NOTHING`);
  const POSTS = Math.max(200, Math.round(M / 1000));
  await step(c, 'blog posts', `
    INSERT INTO blog_posts (id, blog_id, author_id, audience, title, body_html, search_text, status, published_at, created_at, updated_at)
    SELECT md5('bench-blogpost-' || k)::uuid, b.id, b.owner_person_id, 'company', 'Blog ' || k, '<p>Blog ' || k || '</p>', 'Blog ' || k, 'published',
           now() - (k % ${WEEKS * 7}) * interval '1 day' - interval '2 hours', now() - (k % ${WEEKS * 7}) * interval '1 day' - interval '2 hours', now()
      FROM generate_series(1, ${POSTS}) k
      JOIN blogs b ON b.id = md5('bench-blog-' || CASE WHEN k % 5 < 2 THEN 1 + k % ${D} ELSE 1 + k % ${BLOGGERS} END)::uuid`);
  await step(c, 'blog comments', `
    INSERT INTO blog_comments (post_id, author_id, body, created_at, answered_at)
    SELECT bp.id, ${person(`1 + (k * 389 + i * 7919) % ${P}`)}, 'Goed punt ' || i, LEAST(now(), bp.published_at + i * interval '20 minutes'),
           CASE WHEN (k + i) % 10 < 6 THEN LEAST(now(), bp.published_at + i * interval '20 minutes' + ((k * i) % 48) * interval '1 hour') END
      FROM (SELECT id, published_at, row_number() OVER (ORDER BY id) AS k FROM blog_posts) bp CROSS JOIN generate_series(1, 3) i`);
  // Safety: reports on posts (some items reported twice), a moderation case per item, most acted on.
  const REPORTS = Math.max(100, Math.round(M / 500));
  await step(c, 'reports', `
    INSERT INTO moderation_reports (item_type, item_id, reporter_id, reason, status, created_at)
    SELECT 'message', ${message(`1 + (r / 2 * 7907) % ${TOP}`)}, ${person(`1 + (r * 211) % ${P}`)}, 'spam', CASE WHEN r % 3 = 0 THEN 'open' ELSE 'resolved' END,
           LEAST(now(), ${topAt(`1 + (r / 2 * 7907) % ${TOP}`)} + (1 + r % 5) * interval '1 hour')
      FROM generate_series(1, ${REPORTS}) r ON CONFLICT DO NOTHING`);
  await step(c, 'moderation cases', `
    INSERT INTO moderation_cases (item_type, item_id, subject_id, status, first_reported_at, first_action_at)
    SELECT r.item_type, r.item_id, min(m.author_id::text)::uuid, 'resolved', min(r.created_at),
           CASE WHEN abs(hashtext(r.item_id::text)) % 5 < 4 THEN LEAST(now(), min(r.created_at) + (abs(hashtext(r.item_id::text)) % 600) * interval '1 minute') END
      FROM moderation_reports r JOIN messages m ON m.id = r.item_id GROUP BY r.item_type, r.item_id`);
  await step(c, 'ambassadors', `INSERT INTO ambassadors (person_id) SELECT ${person(`${D} + k * 97`)} FROM generate_series(1, 20) k WHERE ${D} + k * 97 <= ${P}`);
  await c.query(`SET session_replication_role = DEFAULT`);
  await step(c, 'full-text index', `CREATE INDEX "IDX_messages_body_dutch_fts" ON "messages" USING gin (to_tsvector('dutch', "body"))`);
  await step(c, 'vacuum analyze', 'VACUUM ANALYZE');
  const { rows: [counts] } = await c.query(`SELECT
      (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM departments)::int AS departments,
      (SELECT count(*) FROM follows)::int AS follows, (SELECT count(*) FROM messages)::int AS messages,
      (SELECT count(*) FROM messages WHERE parent_id IS NOT NULL)::int AS replies, (SELECT count(*) FROM message_likes)::int AS likes,
      (SELECT count(*) FROM person_activity_days)::int AS activity_days, (SELECT count(*) FROM blog_posts)::int AS blog_posts,
      (SELECT count(*) FROM blog_comments)::int AS blog_comments, (SELECT count(*) FROM moderation_reports)::int AS reports,
      pg_size_pretty(pg_database_size(current_database())) AS size`);
  await c.end();
  return { ms: performance.now() - t0, counts };
}

// What InsightsService.dashboard reads, statement by statement, through pg (the baseline).
const RAW_READS = [
  [`SELECT to_char(period_start, 'YYYY-MM-DD') AS period_start, metric, dimension, dim_value, value, population FROM insight_rollups
     WHERE period_start >= (date_trunc('week', now()) - make_interval(weeks => $1))::date OR metric IN ('active_7d', 'active_30d', 'everyone_30d', 'managers')`, (w) => [w - 1]],
  ['SELECT max(computed_at) AS at FROM insight_rollups', () => []],
  ['SELECT count(*)::int AS people FROM people WHERE active', () => []],
  [`SELECT p.id, p.display_name,
          (SELECT count(*)::int FROM messages m WHERE m.author_id = p.id AND m.created_at > now() - interval '30 days' AND m.deleted_at IS NULL) AS messages,
          (SELECT coalesce(sum(m.like_count), 0)::int FROM messages m WHERE m.author_id = p.id AND m.created_at > now() - interval '30 days' AND m.deleted_at IS NULL) AS likes,
          (SELECT count(*)::int FROM follows f JOIN people fp ON fp.id = f.follower_id AND fp.active WHERE f.followee_id = p.id) AS followers
     FROM ambassadors a JOIN people p ON p.id = a.person_id AND p.active ORDER BY p.display_name`, () => []],
];

const DASHBOARD_GQL = `query D($weeks: Int!) { insightsDashboard(weeks: $weeks) {
  weeks { weekStart activePeople activeShare postersShare messages replies likes crossDepartmentShare newCrossDepartmentPairs
          resharesWithNoteShare campaignCopyShare blogPosts managerBlogPosts managerComments managerCommentsAnsweredShare
          managerMedianSecondsToAnswer reports reportedItems medianMinutesToFirstAction }
  adoptionByDepartment { name people active7dShare active30dShare }
  adoptionByEmploymentType { name people active7dShare active30dShare }
  ambassadors { personId displayName messages30d likesReceived30d followers }
  everyoneMessages30d everyoneLikesReceived30d everyoneFollowers managers computedAt } }`;
const CSV_GQL = 'query C($weeks: Int!) { insightsCsv(weeks: $weeks) }';

const measure = (name, concurrency, run) => measureLoad(name, concurrency, run, { requests: REQUESTS, warmup: 10 });

let bench;
let plein;
let ds;
let pool;
try {
  let url = process.env.BENCH_DATABASE_URL;
  let dir;
  const log = process.env.BENCH_PG_LOG; // where PostgreSQL's own log goes, if anywhere
  if (!url) {
    bench = await startBenchDatabase('insights', { sharedBuffers: '512MB', onLog: log ? (m) => appendFileSync(log, `${m}\n`) : undefined });
    url = bench.url;
    dir = bench.dir;
    if (log) {
      // With a log, statements over half a second are in it too (where the rollup's time goes).
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`ALTER SYSTEM SET log_min_duration_statement = 500`);
      await c.query('SELECT pg_reload_conf()');
      await c.end();
    }
  }
  const seeded = await seed(url);
  const k = seeded.counts;
  console.log(`Seeded ${k.people} people in ${k.departments} departments, ${k.follows} follows, ${k.messages} messages (${k.replies} replies), ${k.likes} likes, `
    + `${k.activity_days} activity days, ${k.blog_posts} blog posts, ${k.blog_comments} blog comments, ${k.reports} reports (${k.size}) in ${Math.round(seeded.ms / 1000)} s`);

  // The rollup: the real InsightsService.rollup, which the worker's insights.rollup job runs hourly.
  const { InsightsService } = await distImport('libs/insights/src/dashboard/insights.service.js');
  const { DataSource } = await import('typeorm');
  ds = new DataSource({ type: 'postgres', url });
  await ds.initialize();
  const { Logger } = await import('@nestjs/common');
  Logger.overrideLogger(['error']);
  const service = new InsightsService(ds, null);
  const rollups = [];
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    const rows = await service.rollup();
    rollups.push({ ms: performance.now() - t0, rows });
    console.error(`  rollup ${i + 1}: ${rows} rows in ${Math.round(rollups[i].ms)} ms`);
  }
  await ds.destroy();
  ds = undefined;

  const { startPlein } = await distImport('apps/api/src/bootstrap.js');
  plein = await startPlein({
    env: {
      NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      SEED_DEMO: 'false', WORKER_INLINE: 'false', LOG_LEVEL: 'error', ACCESS_TOKEN_TTL_SECONDS: '3600',
      LOGIN_RATE_LIMIT_PER_IP: '100000', LOGIN_RATE_LIMIT_PER_USER: '100000', PLEIN_DATA_DIR: dir ?? mkdtempSync(path.join(os.tmpdir(), 'plein-bench-')),
    },
  });
  const login = async (username) => {
    const res = await fetch(`${plein.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'plein-demo' }) });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
    return res.json();
  };
  // demo.moderator is a community manager in the demo seed; SEED_DEMO is off here (the bench's data
  // is its own), so the person the first login creates gets the role the seed would have given.
  const first = await login('demo.moderator');
  {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`UPDATE people SET roles = ARRAY['member', 'community_manager'] WHERE id = $1`, [first.person.id]);
    await c.end();
  }
  const manager = await login('demo.moderator');
  const gql = async (query, variables) => {
    const res = await fetch(`${plein.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${manager.accessToken}` }, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  // Every figure has data: the weeks of the rollup window, as the dashboard shows them.
  const dash = (await gql(DASHBOARD_GQL, { weeks: 13 })).insightsDashboard;
  const empty = Object.keys(dash.weeks[0]).filter((f) => f !== 'weekStart' && dash.weeks.every((w) => !w[f]));
  const last = dash.weeks[dash.weeks.length - 2]; // the last complete week
  console.log(`\nLast complete week (${last.weekStart}): ${last.activePeople} active (${(last.activeShare * 100).toFixed(0)}%), ${last.messages} messages, ${last.replies} replies, `
    + `${last.likes} likes, cross-department ${(last.crossDepartmentShare * 100).toFixed(0)}%, ${last.newCrossDepartmentPairs} new pairs, `
    + `${last.blogPosts} blog posts (${last.managerBlogPosts} by managers), ${last.reports} reports; ${dash.adoptionByDepartment.length} departments, `
    + `${dash.adoptionByEmploymentType.length} employment types, ${dash.ambassadors.length} ambassadors, ${dash.managers} managers`);
  if (empty.length) console.log(`Figures without data in any of the 13 weeks: ${empty.join(', ')}`);

  pool = new pg.Pool({ connectionString: url, max: 8 });
  const raw = (weeks) => async () => {
    for (const [sql, params] of RAW_READS) await pool.query(sql, params(weeks));
  };
  // Where the time of the raw reads goes, statement by statement (weeks: 52, one client).
  const perRead = [];
  for (const [sql, params] of RAW_READS) {
    const lat = [];
    for (let i = 0; i < 30; i++) {
      const s = performance.now();
      await pool.query(sql, params(52));
      lat.push(performance.now() - s);
    }
    perRead.push({ sql: sql.replace(/\s+/g, ' ').slice(0, 70), p50: pct(lat, 50) });
  }
  const results = [];
  for (const c of [1, 4]) {
    for (const weeks of [13, 52]) {
      results.push(await measure(`raw: the same reads through pg, ${weeks} weeks`, c, raw(weeks)));
      results.push(await measure(`insightsDashboard(weeks: ${weeks}) (GraphQL)`, c, () => gql(DASHBOARD_GQL, { weeks })));
    }
  }
  results.push(await measure('insightsCsv(weeks: 52) (GraphQL)', 1, () => gql(CSV_GQL, { weeks: 52 })));

  const load = os.loadavg().map((x) => x.toFixed(1)).join(' / ');
  console.log(`\nInsights dashboard, ${k.people} people, ${k.messages} messages over ${WEEKS} weeks; ${REQUESTS} requests per row; ${os.cpus().length} cores, Node ${process.version}, load average ${load}\n`);
  console.log(`Rollup (InsightsService.rollup, the worker's insights.rollup job): ${rollups.map((r) => `${(r.ms / 1000).toFixed(1)} s`).join(', then ')} (${rollups[0].rows} rollup rows)\n`);
  console.log('| path | concurrency | p50 ms | p95 ms | p99 ms | requests/s |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) console.log(`| ${r.name} | ${r.concurrency} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${Math.round(r.rps)} |`);
  console.log('\n| raw read (weeks: 52) | p50 ms |\n| --- | ---: |');
  for (const r of perRead) console.log(`| \`${r.sql}…\` | ${r.p50.toFixed(1)} |`);
  const row = (prefix, c) => results.find((r) => r.name.startsWith(prefix) && r.concurrency === c);
  const worst = Math.max(...results.filter((r) => r.name.startsWith('insights')).map((r) => r.p99));
  console.log(`\nTarget: the dashboard within 500 ms: ${worst <= 500 ? 'met' : 'NOT met'} (worst p99 ${worst.toFixed(1)} ms)`);
  const d = (w, c) => figure(`insights.dashboard${w}.p99${c > 1 ? `.c${c}` : ''}`, `insightsDashboard(weeks: ${w}) at ${k.messages} messages, p99, ${c} client${c > 1 ? 's' : ''}`,
    row(`insightsDashboard(weeks: ${w})`, c).p99, 'ms', 'lower', { baseline: row(`raw: the same reads through pg, ${w} weeks`, c).p99, baselineName: 'the same reads through pg', target: 500, targetText: '≤ 500 ms' });
  reportResult('insights', [
    d(13, 1), d(52, 1), d(13, 4), d(52, 4),
    figure('insights.csv.p99', 'insightsCsv(weeks: 52), p99, 1 client', row('insightsCsv', 1).p99, 'ms', 'lower', { target: 500, targetText: '≤ 500 ms' }),
    figure('insights.rollup', `rollup of ${k.messages} messages (worker job)`, rollups[0].ms, 'ms', 'lower', { targetText: 'hourly job' }),
  ], { sizes: { people: k.people, messages: k.messages, weeks: WEEKS, requests: REQUESTS } });
} finally {
  await pool?.end().catch(() => {});
  await ds?.destroy().catch(() => {});
  await plein?.stop().catch(() => {});
  await bench?.stop();
}
