// npm run bench:hr-import — the HR staff import at scale, on this machine: a 100,000-row export
// with Dutch names (tussenvoegsels, diacritics), a department tree and managers (many listed after
// the people reporting to them), imported into a fresh embedded PostgreSQL, then re-run unchanged,
// then re-run with 1% of the rows changed. Next to it, raw-SQL baselines in the same cluster:
// a plain COPY of the same file into a bare table, and reading 100,000 people rows back.
// Uses the built app (npm run build first). PLEIN_DIST points elsewhere (default dist/apps/api).
import { chmodSync, createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const DIST = path.resolve(process.env.PLEIN_DIST ?? 'dist/apps/api');
const load = (rel) => import(pathToFileURL(path.join(DIST, rel)).href);
const ROWS = Number(process.argv[2] ?? 100_000);

const { startEmbeddedPostgres, silentLogger } = await load('libs/core/src/index.js');
const { ImportHrFile, HrImportsService, PhotosService } = await load('libs/directory/src/index.js');
const { prepareDatabase } = await load('apps/api/src/bootstrap.js');
const { dataSourceOptions } = await load('orm.js');
const { DataSource } = await import('typeorm');

// --- a realistic export ------------------------------------------------------------------------
let seed = 47;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const GIVEN = ['Sanne', 'Daan', 'Emma', 'Lucas', 'Julia', 'Sem', 'Tess', 'Finn', 'Lotte', 'Bram', 'Noor', 'Thijs', 'Fleur', 'Ruben', 'Anouk', 'Jesse', 'Iris', 'Niels', 'Maaike', 'Joost', 'Chloë', 'Zoë', 'Loïs', 'Esmée', 'Renée', 'Björn', 'Anaïs', 'Noël', 'Daniël', 'Mohammed', 'Fatima', 'Priya', 'Aïsha', 'Gijs', 'Femke', 'Stijn', 'Marieke', 'Pieter', 'Koen', 'Hanneke'];
const PREFIX = [null, null, null, 'van', 'de', 'van der', 'van den', 'van de', "van 't", 'ter', 'den', 'in het', 'El'];
const FAMILY = ['Berg', 'Jansen', 'Vries', 'Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Vos', 'Peters', 'Hendriks', 'Dekker', 'Brouwer', 'Groot', 'Leeuwen', 'Heuvel', 'Wijk', 'Hoek', 'Ruijter', 'Koç', 'Yılmaz', 'Öztürk', 'Ramdin', 'Çelik', 'Ëlzinga', 'Zand', 'Houten', 'Gelder', 'Amrani', 'Boër', 'Duijn', 'Huisman'];
const CITIES = ['Den Haag', 'Rotterdam', 'Amsterdam', 'Utrecht', 'Groningen', 'Eindhoven', 'Zwolle', 'Maastricht'];
const TITLES = ['Netwerkengineer', 'Medewerker klantenservice', 'Winkelmedewerker', 'Productmanager', 'Data-analist', 'Teamleider', 'Monteur', 'Adviseur', 'Architect, cloud & netwerk'];
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i').replace(/[^a-zA-Z]/g, '').toLowerCase();
const q = (s) => (s == null ? '' : /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function generate(file, n) {
  // A tree: 1 board, 12 divisions, ~15 departments each; each department has a head.
  const depts = [{ code: 'D000', name: 'Raad van Bestuur', parent: '' }];
  for (let d = 1; d <= 12; d++) {
    const div = `D${String(d).padStart(3, '0')}`;
    depts.push({ code: div, name: `Divisie ${d}`, parent: 'D000' });
    for (let s = 1; s <= 15; s++) depts.push({ code: `${div}-${String(s).padStart(2, '0')}`, name: `Afdeling ${d}.${s} – Zoë & Björn`, parent: div });
  }
  const people = [];
  const heads = new Map();
  for (let i = 0; i < n; i++) {
    const dept = i < depts.length ? depts[i] : pick(depts.slice(13));
    const number = `P${String(100000 + i)}`;
    if (i < depts.length) heads.set(dept.code, number);
    const given = pick(GIVEN);
    const prefix = pick(PREFIX);
    const family = pick(FAMILY);
    const type = rand() < 0.8 ? 'employee' : rand() < 0.5 ? 'contractor' : 'freelancer';
    const start = `${2000 + Math.floor(rand() * 25)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const leaver = rand() < 0.005;
    people.push({ number, given, prefix, family, dept, type, start, end: leaver ? '2025-06-30' : '', email: `${fold(given)}.${fold((prefix ?? '') + family)}.${i}@plein-telecom.nl`, title: pick(TITLES), city: pick(CITIES) });
  }
  for (const p of people) {
    const head = heads.get(p.dept.code);
    p.manager = head === p.number ? (p.dept.parent ? heads.get(p.dept.parent) : '') : head;
  }
  // Shuffle: managers often come after their reports.
  for (let i = people.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [people[i], people[j]] = [people[j], people[i]];
  }
  write(file, people);
  return people;
}

function write(file, people) {
  const lines = ['employee_number,given_name,family_name_prefix,family_name,preferred_name,email,department_code,department_name,parent_department_code,manager_employee_number,job_title,employment_type,location,phone,start_date,end_date,photo'];
  for (const p of people) {
    lines.push([p.number, p.given, p.prefix, p.family, '', p.email, p.dept.code, p.dept.name, p.dept.parent, p.manager, p.title, p.type, p.city, '+31 6 12345678', p.start, p.end, ''].map(q).join(','));
  }
  writeFileSync(file, lines.join('\n') + '\n');
  chmodSync(file, 0o644); // the baseline COPY reads it as the postgres user
}

// --- run -----------------------------------------------------------------------------------------
const dir = mkdtempSync(path.join(os.tmpdir(), 'plein-bench-hr-'));
chmodSync(dir, 0o755); // postgres runs as another user when we are root
const csv = path.join(dir, 'staff.csv');
const changedCsv = path.join(dir, 'staff-changed.csv');
let pgHandle;
let ds;
try {
  const people = generate(csv, ROWS);
  // 1% of the rows change (a new job title), as in a typical weekly export.
  write(changedCsv, people.map((p, i) => (i % 100 === 0 ? { ...p, title: 'Senior adviseur' } : p)));

  pgHandle = await startEmbeddedPostgres({ dataDir: dir });
  const config = { databaseUrl: pgHandle.url, seedDemo: false };
  await prepareDatabase(config, silentLogger());
  ds = new DataSource({ ...dataSourceOptions(pgHandle.url), logging: false });
  await ds.initialize();
  const records = new HrImportsService(ds);
  const importer = new ImportHrFile(ds, records, new PhotosService(ds));

  const run = async (file) => {
    const record = await records.create({ startedBy: null, source: 'cli', options: { fileName: path.basename(file), dryRun: false, deactivateMissing: false, mapping: null, photos: null } });
    const t0 = performance.now();
    const report = await importer.execute({ importId: record.id, file: createReadStream(file), mapping: null, photos: null, dryRun: false, deactivateMissing: false });
    return { ms: performance.now() - t0, counts: report.counts };
  };

  const first = await run(csv);
  const rerun = await run(csv);
  const changed = await run(changedCsv);

  // What the import costs without the staff-search index maintenance (people_search triggers):
  // the same first import into a second fresh database with the user triggers on people disabled.
  await pgHandle.ensureDatabase('plein_bench_nosearch');
  const bareUrl = pgHandle.url.replace(/\/[^/]+$/, '/plein_bench_nosearch');
  await prepareDatabase({ databaseUrl: bareUrl, seedDemo: false }, silentLogger());
  const ds2 = new DataSource({ ...dataSourceOptions(bareUrl), logging: false });
  await ds2.initialize();
  await ds2.query('ALTER TABLE people DISABLE TRIGGER USER');
  const records2 = new HrImportsService(ds2);
  const record2 = await records2.create({ startedBy: null, source: 'cli', options: { fileName: 'staff.csv', dryRun: false, deactivateMissing: false, mapping: null, photos: null } });
  let t1 = performance.now();
  await new ImportHrFile(ds2, records2).execute({ importId: record2.id, file: createReadStream(csv), mapping: null, photos: null, dryRun: false, deactivateMissing: false });
  const noSearchMs = performance.now() - t1;
  await ds2.destroy();

  // Baselines: the same rows, raw SQL, same cluster.
  await ds.query(`CREATE TABLE bench_bare (employee_number varchar(64), given_name varchar(100), family_name_prefix varchar(30), family_name varchar(100),
    preferred_name varchar(100), email varchar(254), department_code varchar(64), department_name varchar(200), parent_department_code varchar(64),
    manager_employee_number varchar(64), job_title varchar(200), employment_type text, location varchar(200), phone varchar(50),
    start_date date, end_date date, photo varchar(255))`);
  let t0 = performance.now();
  await ds.query(`COPY bench_bare FROM '${csv.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true)`);
  const copyMs = performance.now() - t0;
  t0 = performance.now();
  const all = await ds.query(`SELECT * FROM people`);
  const selectMs = performance.now() - t0;

  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM people`);
  if (n !== people.length || all.length !== n) throw new Error(`expected ${people.length} people, found ${n}`);
  const c = (x) => `${x.created} created, ${x.updated} updated, ${x.unchanged} unchanged, ${x.deactivated} deactivated, ${x.rejected} rejected`;
  console.log(`\nHR import of ${ROWS.toLocaleString('en')} rows on ${os.cpus().length} cores (load average ${os.loadavg()[0].toFixed(1)}), Node ${process.version}, PostgreSQL embedded (fsync on)`);
  console.log('| measurement | ms | outcome |\n| --- | ---: | --- |');
  console.log(`| first import (empty directory) | ${Math.round(first.ms)} | ${c(first.counts)} |`);
  console.log(`| re-run, unchanged | ${Math.round(rerun.ms)} | ${c(rerun.counts)} |`);
  console.log(`| re-run, 1% of rows changed | ${Math.round(changed.ms)} | ${c(changed.counts)} |`);
  console.log(`| first import, people_search triggers disabled (the import's own cost) | ${Math.round(noSearchMs)} | ${ROWS} created |`);
  console.log(`| baseline: raw COPY of the same file into a bare table | ${Math.round(copyMs)} | ${ROWS} rows |`);
  console.log(`| baseline: SELECT * FROM people (the directory read back) | ${Math.round(selectMs)} | ${all.length} rows |`);
  console.log(`\nTargets: first import under 60000 ms: ${first.ms < 60_000 ? 'met' : 'NOT met'}; unchanged re-run under 20000 ms: ${rerun.ms < 20_000 ? 'met' : 'NOT met'}`);
  const { figure, reportResult } = await import('./bench-support.mjs');
  reportResult('hr-import', [
    figure('hr.first.ms', `HR import of ${ROWS} rows, empty directory`, first.ms, 'ms', 'lower', { baseline: copyMs, baselineName: 'raw COPY of the same file', target: 60_000, targetText: '< 60 s' }),
    figure('hr.rerun.ms', `HR import of ${ROWS} rows, unchanged re-run`, rerun.ms, 'ms', 'lower', { baseline: selectMs, baselineName: 'SELECT * FROM people', target: 20_000, targetText: '< 20 s' }),
  ], { sizes: { rows: ROWS } });
} finally {
  await ds?.destroy().catch(() => undefined);
  if (pgHandle?.owned) await pgHandle.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
