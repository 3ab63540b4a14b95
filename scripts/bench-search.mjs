// npm run bench:search — staff search at 100,000 people: p50/p95/p99 and queries/s of `searchPeople`
// over GraphQL/HTTP (the real api in this process), next to a raw-SQL baseline: the same search SQL
// the service sends (a text search: one statement for page + facets; a browse: page and counts
// concurrently, without the api's reuse of browse counts) sent straight through `pg`, in the same run.
// Uses the built app (npm run build first). Target: search p95 under 50 ms.
//
// Options (environment):
//   BENCH_PEOPLE=100000        how many people to seed
//   BENCH_REQUESTS=400         measured requests per concurrency level (after a warm-up)
//   BENCH_RAW_ONLY=1           skip the api (baseline only)
//   BENCH_DATABASE_URL=...     an already migrated, empty database instead of a fresh embedded PostgreSQL
//   PLEIN_DIST=dist/apps/api   where the build lives
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { distImport, figure, reportResult, startBenchDatabase } from './bench-support.mjs';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const RAW_ONLY = process.env.BENCH_RAW_ONLY === '1';

// ---------------------------------------------------------------------------------------------
// Deterministic data: Dutch (and not only Dutch) names with tussenvoegsels and diacritics.
let seed = 42;
// mulberry32: small, fast, and without the correlations of a plain LCG between successive picks.
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];

const GIVEN = ('Jan Piet Kees Henk Willem Johan Pieter Peter Bram Daan Sem Lucas Levi Finn Milan Noah Luuk Thijs Ruben Bas Joris Koen Tim Lars Jeroen Maarten Sander Rik Stijn Wouter ' +
  'Anna Emma Julia Sophie Tess Sanne Lotte Fleur Eva Anouk Iris Lisa Femke Marloes Marjolein Ingrid Petra Esther Linda Sandra Ilse Noor Saar Roos Zoë Chloë Anaïs Renée Noëlle Inês ' +
  'Mohammed Ahmed Youssef Fatima Aïsha Khadija Emre Ömer Çağla Elif Ayşe Murat Hüseyin Priya Rajesh Anjali Wei Mei Minh Linh Søren Bjørn Åsa Jørgen Łukasz Małgorzata Dmitri Olga José María Nuño Françoise Hélène').split(' ');
const FAMILY = ('Jansen Janssen Jong Vries Berg Bakker Visser Smit Meijer Mulder Boer Dijk Bos Vos Peters Hendriks Dekker Brouwer Wit Dijkstra Smits Graaf Leeuwen Linden Kok Jacobs Haan Vermeulen Heuvel ' +
  'Veen Broek Bruijn Schouten Willems Hoekstra Beek Koster Verhoeven Prins Huisman Kuipers Postma Peeters Wal Groot Kramer Koning Maas Blom Zanten Jonker Vliet Wijk Gelder Ruijter Houten Amrani Ramdin ' +
  'Ødegaard Çelik Yılmaz Öztürk Şahin Nguyen Tran Kowalski Wiśniewski Núñez Müller Schröder Gülen Bergman Bergsma Haagsma Zand Dam Stam').split(' ');
// Weighted: most people have no tussenvoegsel.
const PREFIXES = [null, null, null, null, null, null, 'van', 'de', 'van der', 'van den', 'van de', "van 't", 'ten', 'ter', 'den', "in 't", 'de la'];
const TITLES = ['Winkelmedewerker', 'Winkelmanager', 'Shopmanager', 'Monteur', 'Servicemonteur glasvezel', 'Technicus', 'Netwerkengineer', 'Netwerkbeheerder', 'Product owner', 'Productontwikkelaar',
  'Productmanager', 'Software engineer', 'Senior software engineer', 'DevOps-engineer', 'Kubernetes platform engineer', 'Data scientist', 'Data engineer', 'UX-designer', 'Scrum master', 'Agile coach',
  'Klantenservicemedewerker', 'Teamleider klantenservice', 'Accountmanager zakelijk', 'Marketeer', 'Content specialist', 'HR-adviseur', 'Recruiter', 'Controller', 'Financieel analist', 'Jurist',
  'Security officer', 'Architect', 'Projectmanager', 'Programmamanager', 'Directiesecretaris', 'Inkoper', 'Logistiek medewerker', 'Field engineer', 'Storingsanalist', 'Testautomatiseerder'];
const SKILLS = ['Kubernetes', 'Docker', 'Terraform', 'Ansible', 'Python', 'Java', 'Kotlin', 'Go', 'TypeScript', 'React', 'PostgreSQL', 'Kafka', 'Glasvezel lassen', 'Koperkabels', '5G', '4G/LTE',
  'Netwerkbeheer', 'Cisco', 'Juniper', 'BGP', 'Kassasysteem', 'Klantcontact', 'Verkoop', 'Coaching', 'Scrum', 'SAFe', 'Data-analyse', 'Machine learning', 'Power BI', 'Excel', 'SQL', 'Figma',
  'Gebruikersonderzoek', 'Copywriting', 'SEO', 'Arbeidsrecht', 'Contractbeheer', 'Inkoop', 'Logistiek', 'Veiligheid', 'ISO 27001', 'Pentesten', 'Linux', 'Azure', 'AWS', 'GCP', 'Nederlands', 'Engels',
  'Arabisch', 'Turks', 'Presenteren', 'Projectmanagement', 'Prince2', 'ITIL', 'Storingsanalyse', 'Meetapparatuur', 'Solderen', 'Rijbewijs B', 'BHV', 'VCA'];
const CITIES = ['Amsterdam', 'Rotterdam', 'Den Haag', 'Utrecht', 'Eindhoven', 'Groningen', 'Tilburg', 'Almere', 'Breda', 'Nijmegen', 'Apeldoorn', 'Haarlem', 'Arnhem', 'Enschede', "'s-Hertogenbosch",
  'Amersfoort', 'Zwolle', 'Leiden', 'Maastricht', 'Dordrecht', 'Zoetermeer', 'Leeuwarden', 'Delft', 'Alkmaar', 'Hoofddorp'];
const AREAS = ['Netwerk', 'Productontwikkeling', 'Winkels', 'Klantenservice', 'Platform Engineering', 'Data', 'Marketing', 'HR', 'Finance', 'Juridische Zaken', 'Security', 'Inkoop', 'Logistiek', 'Field Service', 'Zakelijke Markt', 'Directie'];
const REGIONS = ['Noord', 'Oost', 'Zuid', 'West', 'Randstad'];

async function seedDatabase(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  const codes = [];
  const names = [];
  for (const a of AREAS) for (const r of REGIONS) {
    codes.push(`${a.slice(0, 4).toUpperCase()}-${r.toUpperCase()}`);
    names.push(`${a} ${r}`);
  }
  // Bulk load with triggers off, then one set-based refresh (what a full HR import could do too);
  // the per-statement triggers are exercised by the tests and cost about the same per row.
  await c.query(`SET session_replication_role = replica`);
  const { rows: depts } = await c.query(`INSERT INTO departments (code, name) SELECT * FROM unnest($1::text[], $2::text[]) RETURNING id`, [codes, names]);
  const deptIds = depts.map((d) => d.id);
  const BATCH = 10_000;
  for (let start = 0; start < PEOPLE; start += BATCH) {
    const cols = { given: [], prefix: [], family: [], display: [], email: [], title: [], type: [], dept: [], loc: [], active: [], skills: [] };
    for (let i = start; i < Math.min(PEOPLE, start + BATCH); i++) {
      const given = pick(GIVEN);
      const prefix = pick(PREFIXES);
      const family = pick(FAMILY);
      const r = rnd();
      cols.given.push(given);
      cols.prefix.push(prefix);
      cols.family.push(family);
      cols.display.push([given, prefix, family].filter(Boolean).join(' '));
      cols.email.push(`p${i}@bench.plein.test`);
      cols.title.push(pick(TITLES));
      cols.type.push(r < 0.8 ? 'employee' : r < 0.92 ? 'contractor' : 'freelancer');
      cols.dept.push(pick(deptIds));
      cols.loc.push(pick(CITIES));
      cols.active.push(rnd() > 0.03);
      const n = Math.floor(rnd() * 7);
      cols.skills.push([...new Set(Array.from({ length: n }, () => pick(SKILLS)))].join('|'));
    }
    // One multi-row statement per batch: the statement-level triggers index the batch in one go.
    await c.query(
      `INSERT INTO people (given_name, family_name_prefix, family_name, display_name, email, job_title, employment_type, department_id, location, active)
       SELECT g, p, f, d, e, t, ty::employment_type, dep, l, a
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::text[], $10::bool[]) AS x(g, p, f, d, e, t, ty, dep, l, a)`,
      [cols.given, cols.prefix, cols.family, cols.display, cols.email, cols.title, cols.type, cols.dept, cols.loc, cols.active],
    );
    await c.query(
      `INSERT INTO person_profiles (person_id, skills)
       SELECT p.id, string_to_array(x.s, '|') FROM unnest($1::text[], $2::text[]) AS x(e, s) JOIN people p ON p.email = x.e WHERE x.s <> ''`,
      [cols.email, cols.skills],
    );
  }
  await c.query(`SET session_replication_role = DEFAULT`);
  const loadMs = performance.now() - t0;
  const r0 = performance.now();
  await c.query(`SELECT people_search_refresh(NULL)`);
  const refreshMs = performance.now() - r0;
  await c.query('VACUUM ANALYZE');
  const { rows: [counts] } = await c.query(`SELECT (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM people_search)::int AS indexed, (SELECT count(*) FROM people_search_words)::int AS words, pg_size_pretty(pg_total_relation_size('people_search')) AS size`);
  await c.end();
  return { ms: performance.now() - t0, loadMs, refreshMs, counts, deptIds };
}

// ---------------------------------------------------------------------------------------------
// What people type: prefixes, typos, particles, diacritics, skills, titles, filters, browse.
function workload(deptIds) {
  const q = (query, extra = {}) => ({ query, ...extra });
  const list = [
    q('jan'), q('ja'), q('pet'), q('bak'), q('vis'), q('sanne'), q('de jong'), q('jan de jong'), q('marloes v'),
    q('jansen'), q('janssen'), q('pieter'), q('muldr'), q('hendricks'), q('kubernets'), q('brouwer'),
    q('van der berg'), q('berg'), q('van den heuvel'), q('vanderberg'), q('heuvel'), q("van 't zand"),
    q('odegaard'), q('zoe'), q('celik'), q('yilmaz'), q('bjorn'), q('chloe'),
    q('kubernetes'), q('python'), q('glasvezel'), q('kassasysteem'), q('machine learning'), q('power bi'),
    q('monteur'), q('product owner'), q('winkelmedewerker'), q('netwerk'), q('data scientist'),
    q('utrecht'), q('den haag'), q('amsterdam monteur'),
    q('jan', { employmentTypes: ['CONTRACTOR'] }), q('monteur', { departmentIds: [deptIds[0], deptIds[1]] }), q('engineer', { location: 'Rotterdam' }),
    q('', { departmentIds: [deptIds[3]] }), q('', { employmentTypes: ['FREELANCER'] }), q('', { skill: 'Kubernetes' }), q('', { location: 'Groningen', employmentTypes: ['EMPLOYEE'] }),
    q('software', { skill: 'Go' }),
  ];
  return list;
}

const GQL = `query($query: String, $departmentIds: [ID!], $employmentTypes: [EmploymentType!], $location: String, $skill: String, $first: Int) {
  searchPeople(query: $query, departmentIds: $departmentIds, employmentTypes: $employmentTypes, location: $location, skill: $skill, first: $first) {
    edges { cursor node { id displayName jobTitle employmentType location } }
    pageInfo { hasNextPage endCursor }
    totalCount
    facets { departments { id name count } employmentTypes { employmentType count } }
  }
}`;

async function measure(name, concurrency, work, run) {
  const warm = Math.min(50, work.length * 2);
  for (let i = 0; i < warm; i++) await run(work[i % work.length]);
  const lat = [];
  const perQuery = new Map();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < REQUESTS) {
      const w = work[next++ % work.length];
      const s = performance.now();
      await run(w);
      const ms = performance.now() - s;
      lat.push(ms);
      const key = JSON.stringify(w);
      perQuery.set(key, [...(perQuery.get(key) ?? []), ms]);
    }
  }));
  const wall = performance.now() - t0;
  lat.sort((a, b) => a - b);
  const pct = (p) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))];
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const slowest = [...perQuery].map(([k, xs]) => [k, median(xs)]).sort((a, b) => b[1] - a[1]).slice(0, 5);
  return { name, concurrency, p50: pct(50), p95: pct(95), p99: pct(99), qps: (lat.length / wall) * 1000, n: lat.length, slowest };
}


// ---------------------------------------------------------------------------------------------
let bench;
let dir;
let plein;
try {
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    bench = await startBenchDatabase('search', { maxConnections: 100 });
    url = bench.url;
    dir = bench.dir;
  }

  const seeded = await seedDatabase(url);
  console.log(`Seeded ${seeded.counts.people} people in ${Math.round(seeded.ms)} ms: load ${Math.round(seeded.loadMs)} ms, people_search_refresh(NULL) ${Math.round(seeded.refreshMs)} ms (${seeded.counts.indexed} rows, ${seeded.counts.words} distinct words, ${seeded.counts.size} with indexes)`);
  const work = workload(seeded.deptIds);

  // Raw SQL baseline: the statements the service sends, with the same policy predicate.
  const { pageSql, facetSql, searchSql, isSearchText } = await distImport('libs/directory/src/search/people-search.sql.js');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const policy = (alias) => ({ sql: `${alias}.active`, params: [] });
  const TYPES = { EMPLOYEE: 'employee', CONTRACTOR: 'contractor', FREELANCER: 'freelancer' };
  const rawRun = async (w) => {
    const f = { query: w.query ?? '', departmentIds: w.departmentIds ?? null, employmentTypes: w.employmentTypes?.map((t) => TYPES[t]) ?? null, location: w.location ?? null, skill: w.skill ?? null };
    if (isSearchText(f.query)) {
      const both = searchSql(f, policy, 21, null);
      await pool.query(both.text, both.values);
    } else {
      const page = pageSql(f, policy, 21, null);
      const facets = facetSql(f, policy);
      await Promise.all([pool.query(page.text, page.values), pool.query(facets.text, facets.values)]);
    }
  };
  const results = [];
  for (const c of [1, 8]) results.push(await measure('raw SQL (pg, same statements)', c, work, rawRun));

  if (!RAW_ONLY) {
    const { startPlein } = await distImport('apps/api/src/bootstrap.js');
    plein = await startPlein({
      env: {
        NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
        SEED_DEMO: 'false', WORKER_INLINE: 'false', LOG_LEVEL: 'error', ACCESS_TOKEN_TTL_SECONDS: '3600',
        LOGIN_RATE_LIMIT_PER_IP: '1000', LOGIN_RATE_LIMIT_PER_USER: '1000', PLEIN_DATA_DIR: dir ?? mkdtempSync(path.join(os.tmpdir(), 'plein-bench-')),
      },
    });
    const login = await fetch(`${plein.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo.employee', password: 'plein-demo' }) });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const { accessToken } = await login.json();
    const gqlRun = async (w) => {
      const res = await fetch(`${plein.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ query: GQL, variables: { ...w, first: 20 } }),
      });
      const body = await res.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    };
    for (const c of [1, 8]) results.push(await measure('searchPeople (GraphQL over HTTP)', c, work, gqlRun));
  }
  await pool.end();

  console.log(`\nStaff search, ${seeded.counts.people} people, ${work.length} distinct queries (page of 20 + facets + totalCount), ${REQUESTS} requests per row, ${os.cpus().length} cores, Node ${process.version}\n`);
  console.log('| path | concurrency | p50 ms | p95 ms | p99 ms | queries/s |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) console.log(`| ${r.name} | ${r.concurrency} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${Math.round(r.qps)} |`);
  const api1 = results.find((r) => r.name.startsWith('searchPeople') && r.concurrency === 1);
  for (const r of results.filter((x) => x.concurrency === 1)) {
    console.log(`\nSlowest queries, ${r.name}, concurrency 1 (median ms): ${r.slowest.map(([k, ms]) => `${k} ${ms.toFixed(1)}`).join('; ')}`);
  }
  if (api1) console.log(`\nTarget: searchPeople p95 under 50 ms at concurrency 1: ${api1.p95 < 50 ? 'met' : 'NOT met'} (${api1.p95.toFixed(1)} ms)`);
  const raw1 = results.find((r) => r.name.startsWith('raw') && r.concurrency === 1);
  const api8 = results.find((r) => r.name.startsWith('searchPeople') && r.concurrency === 8);
  const raw8 = results.find((r) => r.name.startsWith('raw') && r.concurrency === 8);
  reportResult('search', [
    figure('search.p95', `searchPeople at ${seeded.counts.people} people, p95, 1 client`, api1?.p95, 'ms', 'lower', { baseline: raw1.p95, baselineName: 'the same statements through pg', target: 50, targetText: '≤ 50 ms' }),
    figure('search.qps.c8', 'searchPeople queries/s, 8 clients', api8?.qps, 'req/s', 'higher', { baseline: raw8.qps, baselineName: 'the same statements through pg' }),
  ], { sizes: { people: seeded.counts.people, requests: REQUESTS } });
} finally {
  await plein?.stop().catch(() => {});
  await bench?.stop();
}
