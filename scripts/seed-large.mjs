// npm run seed:large — a large, realistic Plein for benchmarks and capacity tests, built set-based in
// PostgreSQL itself (INSERT … SELECT over generate_series: the rows never leave the server, so it
// runs at COPY speed without streaming them from Node). Into the embedded default database
// (./.data, started when Plein is not running) or DATABASE_URL; migrations run first, and the demo
// organisation is seeded into an empty embedded database as `npm start` would, so the demo logins
// work on the large data set (they follow seeded people and belong to the big group).
//
//   npm run seed:large -- --people 100000 --messages 5000000 [--groups 500] [--blog-posts 5000] [--follows-per-person 50]
//
// What it makes (every figure scales with --people):
// - a department tree: a board, 12 divisions and one department per ~400 people under them, each with
//   a head; every person has a manager (their department's head; heads report to the division head);
// - people with Dutch names (tussenvoegsels, diacritics), job titles, locations, skills, all three
//   employment types (about 80% employee, 12% contractor, 8% freelancer), 1% deactivated;
// - power-law follows: each person follows 0..2×N others (N = --follows-per-person on average), and
//   the chance to be followed falls with a power law, so a few people have tens of thousands of followers;
// - one open group of 20,000 members (or everyone when fewer), plus --groups smaller groups of
//   power-law sizes (open, closed and secret);
// - messages spread over the last year (ending a day ago, so the campaign scanner has nothing to
//   catch up): company, payroll-only (by payroll authors), the big group and small groups (by their
//   members), with hashtags; 20% are replies to company messages; likes on popular messages;
// - personal blogs with published posts.
// Derived data stays consistent: reply and like counters are set from the rows, group member counts
// from the memberships, message_hashtags from the messages' entities, people_search by its own
// triggers, and the message full-text index is rebuilt once after the load.
import { parseArgs } from 'node:util';
import os from 'node:os';
import pg from 'pg';
import { distImport } from './bench-support.mjs';

const { values: opts } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    messages: { type: 'string', default: '5000000' },
    groups: { type: 'string', default: '500' },
    'blog-posts': { type: 'string', default: '5000' },
    'follows-per-person': { type: 'string', default: '50' },
    'big-group': { type: 'string', default: '20000' },
    json: { type: 'boolean', default: false },
  },
});
const whole = (name, min, max) => {
  const v = Number(opts[name]);
  if (!Number.isInteger(v) || v < min || v > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}, got "${opts[name]}"`);
    process.exit(2);
  }
  return v;
};
const N = whole('people', 20, 2_000_000);
const M = whole('messages', 0, 100_000_000);
const G = whole('groups', 0, 100_000);
const B = whole('blog-posts', 0, 10_000_000);
const F = whole('follows-per-person', 0, 5000);
const BIG = Math.min(whole('big-group', 1, 2_000_000), N);
const D = Math.max(13, 13 + Math.round(N / 400)); // departments: board + 12 divisions + the rest
const REPLIES = Math.round(M * 0.2);
const TOP = M - REPLIES;
const PRIME = 1_000_003; // > any person count we accept with a step; coprime with N, so liker offsets are distinct
const CHUNK = 500_000;

const sqlArray = (xs) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;
const GIVEN = sqlArray('Jan Piet Kees Henk Willem Johan Pieter Bram Daan Sem Lucas Levi Finn Milan Noah Luuk Thijs Ruben Bas Joris Koen Lars Jeroen Maarten Sander Rik Stijn Wouter Anna Emma Julia Sophie Tess Sanne Lotte Fleur Eva Anouk Iris Lisa Femke Marloes Marjolein Ingrid Petra Esther Linda Ilse Noor Saar Roos Zoë Chloë Anaïs Renée Noëlle Mohammed Ahmed Youssef Fatima Aïsha Khadija Emre Ömer Elif Ayşe Priya Rajesh Wei Mei Minh Søren Bjørn Łukasz Małgorzata José María Françoise Hélène'.split(' '));
const PREFIX = sqlArray(['', '', '', '', '', '', 'van', 'de', 'van der', 'van den', 'van de', "van 't", 'ten', 'ter', 'den', "in 't"]);
const FAMILY = sqlArray('Jansen Janssen Jong Vries Berg Bakker Visser Smit Meijer Mulder Boer Dijk Bos Vos Peters Hendriks Dekker Brouwer Wit Dijkstra Smits Graaf Leeuwen Linden Kok Jacobs Haan Vermeulen Heuvel Veen Broek Bruijn Schouten Willems Hoekstra Beek Koster Verhoeven Prins Huisman Kuipers Postma Wal Groot Kramer Koning Maas Blom Zanten Jonker Vliet Wijk Gelder Ruijter Houten Amrani Ramdin Ødegaard Çelik Yılmaz Öztürk Şahin Nguyen Tran Kowalski Núñez Müller Zand Dam Stam'.split(' '));
const TITLES = sqlArray(['Winkelmedewerker', 'Winkelmanager', 'Monteur', 'Servicemonteur glasvezel', 'Netwerkengineer', 'Netwerkbeheerder', 'Product owner', 'Productmanager', 'Software engineer', 'DevOps-engineer', 'Data scientist', 'Data engineer', 'UX-designer', 'Scrum master', 'Klantenservicemedewerker', 'Teamleider klantenservice', 'Accountmanager zakelijk', 'Marketeer', 'HR-adviseur', 'Recruiter', 'Controller', 'Jurist', 'Security officer', 'Architect', 'Projectmanager', 'Inkoper', 'Field engineer', 'Storingsanalist']);
const CITIES = sqlArray(['Amsterdam', 'Rotterdam', 'Den Haag', 'Utrecht', 'Eindhoven', 'Groningen', 'Tilburg', 'Almere', 'Breda', 'Nijmegen', 'Apeldoorn', 'Haarlem', 'Arnhem', 'Enschede', "'s-Hertogenbosch", 'Amersfoort', 'Zwolle', 'Leiden', 'Maastricht', 'Delft']);
const SKILLS = sqlArray(['Kubernetes', 'Docker', 'Terraform', 'Python', 'Java', 'Go', 'TypeScript', 'React', 'PostgreSQL', 'Kafka', 'Glasvezel lassen', '5G', 'Netwerkbeheer', 'Cisco', 'BGP', 'Kassasysteem', 'Klantcontact', 'Verkoop', 'Coaching', 'Scrum', 'Data-analyse', 'Machine learning', 'Power BI', 'Excel', 'SQL', 'Figma', 'Arbeidsrecht', 'Inkoop', 'Linux', 'Azure', 'AWS', 'Presenteren', 'ITIL', 'Storingsanalyse', 'VCA']);
const AREAS = sqlArray(['Netwerk', 'Productontwikkeling', 'Winkels', 'Klantenservice', 'Platform Engineering', 'Data', 'Marketing', 'HR', 'Finance', 'Juridische Zaken', 'Security', 'Zakelijke Markt']);
const OPENINGS = sqlArray(['Vandaag de nieuwe release uitgerold', 'Wie heeft er ervaring met', 'Mooie klantreactie gekregen over', 'Storing opgelost bij', 'Morgen een workshop over', 'Trots op het team voor', "Vraagje aan de collega's over", 'Terugblik op de vergadering over', 'Nieuwe planning voor', 'Goed nieuws over', 'Lunchsessie volgende week over', 'Even delen: een artikel over']);
const TOPICS = sqlArray(['glasvezel in Zwolle', 'het 5G-netwerk', 'de nieuwe winkelkassa', 'onze klantenservice', 'de migratie naar de cloud', 'de onderhandelingen met leveranciers', 'het kwartaalresultaat', 'veiligheid op de werkplek', 'de storing van gisteren', 'het nieuwe abonnement', 'duurzaamheid', 'de app-release']);
const TAGS = sqlArray(['glasvezel', '5g', 'release', 'klantenservice', 'trots', 'storing', 'cloud', 'security', 'winkels', 'data', 'duurzaam', 'teamwork', 'lunch', 'innovatie', 'planning', 'hr', 'kwartaal', 'netwerk', 'app', 'veiligheid']);

// Closed-form ids, so rows can refer to each other without joins or round trips. People and messages
// get ids that grow with their number (valid UUIDs, just not random): each chunk then appends to the
// primary-key and follows indexes instead of touching every page of them.
const personId = (n) => `(lpad(to_hex(${n}), 8, '0') || '-5eed-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
const messageId = (g) => `(lpad(to_hex(${g}), 8, '0') || '-5eed-4000-8000-' || substr(md5((${g})::text), 1, 12))::uuid`;
// Replies sort after every top-level message (ids from f0000000-…).
const replyId = (g) => `('f' || lpad(to_hex(${g}), 7, '0') || '-5eed-4000-8000-' || substr(md5((${g})::text), 1, 12))::uuid`;
const deptId = (d) => `md5('seed-dept-' || (${d}))::uuid`;
// Department d's parent: 1 is the board, 2..13 the divisions, the rest hang under a division.
const parentOf = (d) => `(CASE WHEN (${d}) = 1 THEN NULL WHEN (${d}) <= 13 THEN 1 ELSE 2 + ((${d}) % 12) END)`;
// Person n: the first D people head department n; everyone else is spread by a hash.
const h = (expr, salt) => `abs(hashint8((${expr})::bigint * 7919 + ${salt}))`;
const deptOf = (n) => `(CASE WHEN (${n}) <= ${D} THEN (${n}) ELSE 1 + ${h(n, 1)} % ${D} END)`;
const typeOf = (n) => `(CASE WHEN (${n}) <= ${D} OR ${h(n, 2)} % 100 < 80 THEN 'employee' WHEN ${h(n, 2)} % 100 < 92 THEN 'contractor' ELSE 'freelancer' END)`;
const pickFrom = (arr, n, salt) => `(${arr})[1 + ${h(n, salt)} % cardinality(${arr})]`;

async function resolveDatabase() {
  const { loadConfig, startEmbeddedPostgres, silentLogger } = await distImport('libs/core/src/index.js');
  const { prepareDatabase } = await distImport('apps/api/src/bootstrap.js');
  const config = loadConfig({ ...process.env, JWT_SECRET: process.env.JWT_SECRET ?? 'x'.repeat(32) });
  let embedded;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
    databaseUrl = embedded.url;
  }
  await prepareDatabase({ ...config, databaseUrl, seedDemo: config.seedDemo, jwtSecret: 'unused', ldap: { ...config.ldap, url: config.ldap.url ?? '' } }, silentLogger());
  return { databaseUrl, embedded };
}

// Ctrl-C stops after the running statement, so the finally block can rebuild the dropped indexes
// and stop the embedded PostgreSQL it started.
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  console.error('\nstopping after the current step (Ctrl-C again to quit at once)');
});
const steps = [];
let dropped = [];
/** Drops the non-unique indexes of these tables, remembering their definitions. */
async function dropIndexes(tables) {
  const { rows } = await c.query(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
       JOIN pg_class ic ON ic.relname = i.indexname AND ic.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = i.schemaname)
       JOIN pg_index x ON x.indexrelid = ic.oid
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1) AND NOT x.indisunique AND NOT x.indisprimary`,
    [tables],
  );
  for (const r of rows) await c.query(`DROP INDEX "${r.name}"`);
  dropped = rows;
}
/** Builds the dropped indexes again (also after a failure, so the database is never left without them). */
async function restoreIndexes() {
  for (const r of dropped) {
    const sql = r.def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ');
    if (interrupted) await c.query(sql); // after Ctrl-C too: never leave a table without its indexes
    else await step(c, `index ${r.name}`.slice(0, 46), sql);
  }
  dropped = [];
}
/** Runs one statement and prints how long it took; `rows` overrides the count (a CTE reports its last INSERT only). */
async function step(c, name, sql, params = [], rows = undefined) {
  if (interrupted) throw new Error('interrupted: the data set is partial; start again from an empty database');
  const t0 = performance.now();
  const res = await c.query(sql, params);
  const ms = performance.now() - t0;
  const n = rows ?? res.rowCount ?? 0;
  steps.push({ name, ms: Math.round(ms), rows: n });
  if (!opts.json) console.log(`${name.padEnd(46)} ${String(n).padStart(10)} rows ${(ms / 1000).toFixed(1).padStart(7)} s`);
  return res;
}

const t0 = performance.now();
const { databaseUrl, embedded } = await resolveDatabase();
const c = new pg.Client({ connectionString: databaseUrl });
await c.connect();
try {
  const { rows: [seeded] } = await c.query(`SELECT EXISTS (SELECT 1 FROM people WHERE email LIKE '%@seed.plein.test') AS yes`);
  if (seeded.yes) throw new Error('this database already holds a large seed: use a fresh DATABASE_URL, or delete ./.data for the embedded one');
  await c.query(`SET maintenance_work_mem = '512MB'`);
  await c.query(`SET work_mem = '64MB'`);
  await c.query(`SET synchronous_commit = off`);
  await c.query(`SELECT setseed(0.42)`);

  // ---- departments: one statement; parents are in the same statement (FK checks run at its end).
  await step(c, 'departments', `
    INSERT INTO departments (id, code, name, parent_id)
    SELECT ${deptId('d')}, 'SEED-' || lpad(d::text, 5, '0'),
           CASE WHEN d = 1 THEN 'Raad van Bestuur (groot)' WHEN d <= 13 THEN 'Divisie ' || (${AREAS})[d - 1]
                ELSE (${AREAS})[1 + (d % 12)] || ' ' || (${CITIES})[1 + (d % cardinality(${CITIES}))] || ' ' || d END,
           CASE WHEN d = 1 THEN NULL ELSE ${deptId(parentOf('d'))} END
      FROM generate_series(1, ${D}) d`);

  // ---- people, in chunks so the statement-level people_search trigger indexes each chunk in one go.
  for (let from = 1; from <= N; from += 50_000) {
    const to = Math.min(N, from + 49_999);
    await step(c, `people ${from}-${to}`, `
      INSERT INTO people (id, uid, employee_number, given_name, family_name_prefix, family_name, display_name, email, job_title,
                          employment_type, department_id, manager_id, location, start_date, active, deactivated_at)
      SELECT ${personId('n')}, 'seed.' || n, 'S' || lpad(n::text, 7, '0'), x.given, NULLIF(x.prefix, ''), x.family,
             concat_ws(' ', x.given, NULLIF(x.prefix, ''), x.family), 'seed' || n || '@seed.plein.test',
             CASE WHEN n = 1 THEN 'CEO' WHEN n <= ${D} THEN 'Afdelingshoofd' ELSE ${pickFrom(TITLES, 'n', 5)} END,
             ${typeOf('n')}::employment_type, ${deptId(deptOf('n'))},
             CASE WHEN n = 1 THEN NULL WHEN n <= ${D} THEN ${personId(parentOf('n'))} ELSE ${personId(deptOf('n'))} END,
             ${pickFrom(CITIES, 'n', 6)}, date '2000-01-01' + (${h('n', 7)} % 9000)::int,
             NOT (n > ${D} AND ${h('n', 8)} % 100 = 0),
             CASE WHEN n > ${D} AND ${h('n', 8)} % 100 = 0 THEN now() - interval '30 days' END
        FROM generate_series($1::int, $2::int) n
        CROSS JOIN LATERAL (SELECT ${pickFrom(GIVEN, 'n', 3)} AS given, ${pickFrom(PREFIX, 'n', 4)} AS prefix, ${pickFrom(FAMILY, 'n', 9)} AS family) x`,
      [from, to]);
    // 0-5 skills for about 70% of people (profiles are indexed by their own trigger).
    await step(c, `profiles ${from}-${to}`, `
      INSERT INTO person_profiles (person_id, skills, headline)
      SELECT ${personId('n')}, ARRAY(SELECT DISTINCT (${SKILLS})[1 + ${h('n * 10 + k', 11)} % cardinality(${SKILLS})] FROM generate_series(1, 1 + ${h('n', 10)} % 5) k),
             'Werkt aan ' || ${pickFrom(TOPICS, 'n', 12)}
        FROM generate_series($1::int, $2::int) n WHERE ${h('n', 13)} % 10 < 7`,
      [from, to]);
  }
  // A working table of the people: number, id, payroll or not (for audiences), active.
  await step(c, 'working table of people', `
    CREATE TEMP TABLE sp AS SELECT n, ${personId('n')} AS id, ${typeOf('n')} = 'employee' AS payroll FROM generate_series(1, ${N}) n`);
  await c.query('ALTER TABLE sp ADD PRIMARY KEY (n)');

  // Bulk load: the secondary (non-unique) indexes of the big tables are dropped now and built once
  // at the end from their own definitions (a sort each instead of millions of random inserts);
  // primary keys and unique indexes stay, so every constraint holds throughout.
  await dropIndexes(['follows', 'messages', 'message_hashtags', 'message_likes', 'group_memberships']);
  // From here on every id is derived from rows already written, so foreign keys are checked once at
  // the end (verify, below) instead of per row, where the role may (a superuser, as in the embedded
  // database). People are in: their staff-search triggers have run.
  const skipRowChecks = await c.query(`SET session_replication_role = replica`).then(() => true, () => false);

  // ---- follows: power law. Person n follows about 2F·u of the others; followee = N·v³ (low numbers are popular).
  for (let from = 1; from <= N; from += 20_000) {
    const to = Math.min(N, from + 19_999);
    await step(c, `follows of people ${from}-${to}`, `
      INSERT INTO follows (follower_id, followee_id, created_at)
      SELECT DISTINCT ON (n, x.f) ${personId('n')}, ${personId('x.f')}, now() - (random() * interval '700 days')
        FROM generate_series($1::int, $2::int) n
        CROSS JOIN LATERAL generate_series(1, floor(${2 * F} * random() * (n / n))::int) k
        CROSS JOIN LATERAL (SELECT 1 + floor(${N} * power(random(), 3) + k * 0)::int AS f) x
       WHERE x.f <> n
       ORDER BY n, x.f
      ON CONFLICT DO NOTHING`,
      [from, to]);
  }
  // The demo people (when present) follow some of the popular seeded people, so their home feeds are full.
  await step(c, 'demo people follow seeded people', `
    INSERT INTO follows (follower_id, followee_id)
    SELECT d.id, sp.id FROM people d CROSS JOIN sp WHERE d.email NOT LIKE '%@seed.plein.test' AND sp.n <= ${Math.min(N, 3 * F || 50)} AND sp.n > 1
    ON CONFLICT DO NOTHING`);

  // ---- groups: one big open group, and G smaller ones (power-law sizes, 3..~1,000).
  await step(c, 'groups', `
    INSERT INTO groups (id, name, name_key, description, category, kind, created_by, member_count, created_at)
    SELECT md5('seed-group-' || k)::uuid, x.name, lower(x.name), 'Een groep uit de grote testset.',
           CASE WHEN k = 0 THEN 'general' ELSE (ARRAY['team','project','knowledge','interest','social','location','support'])[1 + k % 7] END,
           CASE WHEN k = 0 OR k % 10 < 7 THEN 'open' WHEN k % 10 < 9 THEN 'closed' ELSE 'secret' END,
           ${personId('CASE WHEN k = 0 THEN 1 ELSE 1 + ' + h('k', 20) + ` % ${N} END`)}, 0, now() - interval '400 days'
      FROM generate_series(0, ${G}) k
      CROSS JOIN LATERAL (SELECT CASE WHEN k = 0 THEN 'Iedereen bij Plein (groot)' ELSE 'Groep ' || k || ' ' || ${pickFrom(TOPICS, 'k', 21)} END AS name) x`);
  // Big group: owner person 1, then others in a hashed order (payroll or not, any department), so
  // that with the active demo people (who join too) it has BIG members.
  const { rows: [{ n: demoMembers }] } = await c.query(`SELECT count(*)::int AS n FROM people WHERE email NOT LIKE '%@seed.plein.test' AND active`);
  const bigSeeded = Math.max(1, BIG - demoMembers);
  await step(c, 'big group members', `
    CREATE TEMP TABLE big AS
      SELECT row_number() OVER (ORDER BY (n <> 1), ${h('n', 22)}) AS k, id FROM sp ORDER BY (n <> 1), ${h('n', 22)} LIMIT ${bigSeeded}`);
  await c.query('ALTER TABLE big ADD PRIMARY KEY (k)');
  await step(c, 'big group memberships', `
    INSERT INTO group_memberships (group_id, person_id, role, status, actor_id, created_at)
    SELECT md5('seed-group-0')::uuid, id, CASE WHEN k = 1 THEN 'owner' ELSE 'member' END, 'active', id, now() - interval '400 days' + k * interval '1 second' FROM big`);
  await step(c, 'demo people join the big group', `
    INSERT INTO group_memberships (group_id, person_id, role, status, actor_id)
    SELECT md5('seed-group-0')::uuid, d.id, 'member', 'active', d.id FROM people d WHERE d.email NOT LIKE '%@seed.plein.test' AND d.active
    ON CONFLICT DO NOTHING`);
  // Small groups: the creator owns it; members k·7919-stepped through the people (distinct per group).
  await step(c, 'small group memberships', `
    CREATE TEMP TABLE gm AS
      SELECT g AS gk, i AS idx, ${personId(`CASE WHEN i = 1 THEN 1 + ${h('g', 20)} % ${N} ELSE 1 + (${h('g', 20)} + i::bigint * ${PRIME}) % ${N} END`)} AS person_id
        FROM generate_series(1, ${G}) g CROSS JOIN LATERAL generate_series(1, LEAST(${N}, 3 + floor(1000 * power((${h('g', 23)} % 10000) / 10000.0, 4))::int)) i`);
  await c.query('CREATE INDEX ON gm (gk, idx)');
  await step(c, '  …inserted', `
    INSERT INTO group_memberships (group_id, person_id, role, status, actor_id, created_at)
    SELECT md5('seed-group-' || gk)::uuid, person_id, CASE WHEN idx = 1 THEN 'owner' WHEN idx <= 3 THEN 'admin' ELSE 'member' END, 'active', person_id, now() - interval '399 days'
      FROM gm ON CONFLICT DO NOTHING`);
  await c.query(`CREATE TEMP TABLE gs AS SELECT gk, count(*)::int AS size FROM gm GROUP BY gk`);
  await c.query('ALTER TABLE gs ADD PRIMARY KEY (gk)');
  await step(c, 'group member counts', `
    UPDATE groups g SET member_count = x.n FROM (SELECT group_id, count(*)::int AS n FROM group_memberships WHERE status = 'active' GROUP BY group_id) x
     WHERE g.id = x.group_id AND g.id IN (SELECT md5('seed-group-' || k)::uuid FROM generate_series(0, ${G}) k)`);

  // ---- messages: top-level ones in chunks, with their hashtags in the same statement.
  const span = `interval '364 days'`;
  for (let from = 1; from <= TOP; from += CHUNK) {
    const to = Math.min(TOP, from + CHUNK - 1);
    await step(c, `messages ${from}-${to}`, `
      WITH x AS (
        SELECT g, r.u1, r.u2, r.u3, r.u4, r.u5, 1 + floor(${N} * power(r.u1, 2))::int AS an
          FROM generate_series($1::int, $2::int) g
          CROSS JOIN LATERAL (SELECT g AS gg, random() AS u1, random() AS u2, random() AS u3, random() AS u4, random() AS u5) r
      ), y AS (
        SELECT x.g, x.u5,
               CASE WHEN x.u2 < 0.07 THEN b.id WHEN x.u2 < 0.10 AND gm.person_id IS NOT NULL THEN gm.person_id ELSE a.id END AS author_id,
               CASE WHEN x.u2 < 0.07 THEN 'group:' || md5('seed-group-0')::uuid WHEN x.u2 < 0.10 AND gm.person_id IS NOT NULL THEN 'group:' || md5('seed-group-' || gm.gk)::uuid
                    WHEN x.u2 < 0.25 AND a.payroll THEN 'employees' ELSE 'company' END AS audience,
               (${OPENINGS})[1 + floor(x.u3 * cardinality(${OPENINGS}))::int] || ' ' || (${TOPICS})[1 + floor(x.u4 * cardinality(${TOPICS}))::int] || '.' AS text,
               CASE WHEN x.u5 < 0.2 THEN (${TAGS})[1 + floor(x.u5 * 100)::int] END AS tag
          FROM x JOIN sp a ON a.n = x.an
          LEFT JOIN big b ON x.u2 < 0.07 AND b.k = 1 + floor(x.u3 * ${bigSeeded})::int
          LEFT JOIN gs ON x.u2 >= 0.07 AND x.u2 < 0.10 AND gs.gk = 1 + floor(x.u4 * ${Math.max(G, 1)})::int
          LEFT JOIN gm ON gm.gk = gs.gk AND gm.idx = 1 + floor(x.u3 * gs.size)::int
      ), ins AS (
        INSERT INTO messages (id, author_id, audience, body, entities, created_at)
        SELECT ${messageId('g')}, author_id, audience,
               CASE WHEN tag IS NULL THEN text ELSE text || ' #' || tag END,
               CASE WHEN tag IS NULL THEN '{"links":[],"mentions":[],"hashtags":[]}'::jsonb
                    ELSE jsonb_build_object('links', '[]'::jsonb, 'mentions', '[]'::jsonb,
                           'hashtags', jsonb_build_array(jsonb_build_object('tag', tag, 'start', char_length(text) + 1, 'end', char_length(text) + 2 + char_length(tag)))) END,
               now() - interval '1 day' - (${TOP} - g) * (${span} / ${Math.max(TOP, 1)}) - u5 * interval '1 minute'
          FROM y
        RETURNING id, entities, created_at
      )
      INSERT INTO message_hashtags (tag, message_id, created_at)
      SELECT ins.entities->'hashtags'->0->>'tag', ins.id, ins.created_at FROM ins WHERE jsonb_array_length(ins.entities->'hashtags') > 0`,
      [from, to], to - from + 1);
  }
  // Replies go to a sample of company messages (popular ones get more); likes to the same sample.
  await step(c, 'reply targets', `
    CREATE TEMP TABLE roots AS SELECT row_number() OVER () AS k, id, created_at FROM messages TABLESAMPLE BERNOULLI (5) REPEATABLE (42)
     WHERE audience = 'company' AND root_id IS NULL AND reshare_of_id IS NULL AND deleted_at IS NULL`);
  await c.query('ALTER TABLE roots ADD PRIMARY KEY (k)');
  const { rows: [{ n: ROOTS }] } = await c.query('SELECT count(*)::int AS n FROM roots');
  if (ROOTS > 0) {
    for (let from = 1; from <= REPLIES; from += CHUNK) {
      const to = Math.min(REPLIES, from + CHUNK - 1);
      await step(c, `replies ${from}-${to}`, `
        INSERT INTO messages (id, author_id, audience, body, entities, root_id, parent_id, created_at)
        SELECT ${replyId('g')}, sp.id, 'company', 'Eens! ' || (${TOPICS})[1 + floor(r.u2 * cardinality(${TOPICS}))::int] || ' blijft belangrijk.',
               '{"links":[],"mentions":[],"hashtags":[]}'::jsonb, t.id, t.id, LEAST(now() - interval '1 minute', t.created_at + r.u3 * interval '2 days')
          FROM generate_series($1::int, $2::int) g
          CROSS JOIN LATERAL (SELECT g AS gg, random() AS u1, random() AS u2, random() AS u3, random() AS u4) r
          JOIN roots t ON t.k = 1 + floor(${ROOTS} * power(r.u1, 2))::int
          JOIN sp ON sp.n = 1 + floor(${N} * r.u4)::int`,
        [from, to]);
    }
    await step(c, 'likes', `
      INSERT INTO message_likes (message_id, person_id, created_at)
      SELECT t.id, ${personId(`1 + (${h('t.k', 30)} + i::bigint * ${PRIME}) % ${N}`)}, t.created_at + interval '1 hour'
        FROM roots t CROSS JOIN LATERAL generate_series(1, LEAST(${N - 1}, floor(40 * power((${h('t.k', 31)} % 10000) / 10000.0, 3))::int)) i`);
    await step(c, 'reply and like counters', `
      UPDATE messages m SET reply_count = COALESCE(r.n, 0), like_count = COALESCE(l.n, 0)
        FROM roots t
        LEFT JOIN (SELECT root_id, count(*)::int AS n FROM messages WHERE root_id IS NOT NULL GROUP BY root_id) r ON r.root_id = t.id
        LEFT JOIN (SELECT message_id, count(*)::int AS n FROM message_likes GROUP BY message_id) l ON l.message_id = t.id
       WHERE m.id = t.id AND (r.n IS NOT NULL OR l.n IS NOT NULL)`);
  }
  await restoreIndexes();

  // ---- blogs: personal blogs of payroll authors (power law), published posts with tags.
  if (B > 0) {
    await step(c, 'blog posts (working set)', `
      CREATE TEMP TABLE bp AS
        SELECT k, 1 + floor(${N} * power(random() + k * 0, 2))::int AS an, random() AS u FROM generate_series(1, ${B}) k`);
    await step(c, 'blogs', `
      INSERT INTO blogs (id, kind, owner_person_id, title, created_at)
      SELECT DISTINCT ON (sp.id) md5('seed-blog-' || sp.n)::uuid, 'person', sp.id, 'Blog van seed.' || sp.n, now() - interval '400 days'
        FROM bp JOIN sp ON sp.n = bp.an ON CONFLICT DO NOTHING`);
    await step(c, 'blog posts', `
      INSERT INTO blog_posts (id, blog_id, author_id, audience, title, body_html, search_text, tags, status, published_at, created_at, updated_at)
      SELECT md5('seed-blogpost-' || bp.k)::uuid, b.id, sp.id, CASE WHEN sp.payroll AND bp.u < 0.2 THEN 'employees' ELSE 'company' END,
             x.title, '<p>' || x.title || '. ' || repeat('Een langere tekst over ' || x.topic || '. ', 20) || '</p>',
             x.title || ' ' || x.tag || ' ' || repeat('Een langere tekst over ' || x.topic || '. ', 20), ARRAY[x.tag], 'published',
             now() - interval '1 day' - bp.u * interval '360 days', now() - interval '1 day' - bp.u * interval '360 days', now() - interval '1 day'
        FROM bp JOIN sp ON sp.n = bp.an JOIN blogs b ON b.owner_person_id = sp.id
        CROSS JOIN LATERAL (SELECT (${TOPICS})[1 + bp.k % cardinality(${TOPICS})] AS topic, (${TAGS})[1 + bp.k % cardinality(${TAGS})] AS tag,
                                   (${OPENINGS})[1 + (bp.k / 7) % cardinality(${OPENINGS})] || ' ' || (${TOPICS})[1 + bp.k % cardinality(${TOPICS})] AS title) x`);
    await step(c, 'blog post tags', `INSERT INTO blog_post_tags (post_id, tag) SELECT id, unnest(tags) FROM blog_posts WHERE id IN (SELECT md5('seed-blogpost-' || k)::uuid FROM generate_series(1, ${B}) k)`);
  }
  if (skipRowChecks) await c.query(`SET session_replication_role = DEFAULT`);
  // Every reference the load wrote points at a row that exists.
  const { rows: [orphans] } = await step(c, 'verify references', `SELECT
      (SELECT count(*) FROM follows f WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = f.follower_id) OR NOT EXISTS (SELECT 1 FROM people p WHERE p.id = f.followee_id))::int AS follows,
      (SELECT count(*) FROM messages m WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = m.author_id)
          OR (m.root_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.id = m.root_id)))::int AS messages,
      (SELECT count(*) FROM message_likes l WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = l.message_id) OR NOT EXISTS (SELECT 1 FROM people p WHERE p.id = l.person_id))::int AS likes,
      (SELECT count(*) FROM group_memberships g WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = g.person_id) OR NOT EXISTS (SELECT 1 FROM groups x WHERE x.id = g.group_id))::int AS memberships,
      (SELECT count(*) FROM blog_posts b WHERE NOT EXISTS (SELECT 1 FROM blogs x WHERE x.id = b.blog_id))::int AS blog_posts`, [], 0);
  if (Object.values(orphans).some((n) => n > 0)) throw new Error(`dangling references after the load: ${JSON.stringify(orphans)}`);
  await step(c, 'VACUUM ANALYZE', 'VACUUM ANALYZE');

  const { rows: [counts] } = await c.query(`SELECT
      (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM people_search)::int AS people_search,
      (SELECT count(*) FROM departments)::int AS departments, (SELECT count(*) FROM follows)::int AS follows,
      (SELECT count(*) FROM groups)::int AS groups, (SELECT max(member_count) FROM groups)::int AS biggest_group,
      (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM message_likes)::int AS likes,
      (SELECT count(*) FROM blog_posts)::int AS blog_posts, pg_size_pretty(pg_database_size(current_database())) AS size,
      (SELECT json_object_agg(employment_type, n) FROM (SELECT employment_type, count(*)::int AS n FROM people GROUP BY 1) t) AS employment_types,
      (SELECT max(n) FROM (SELECT count(*)::int AS n FROM follows GROUP BY followee_id) t) AS most_followers`);
  const totalMs = performance.now() - t0;
  // Rows in the real tables (working tables left out), for the time per million rows.
  const { rows: [{ n: rowsWritten }] } = await c.query(`SELECT ((SELECT count(*) FROM people) + (SELECT count(*) FROM person_profiles) + (SELECT count(*) FROM people_search)
      + (SELECT count(*) FROM follows) + (SELECT count(*) FROM group_memberships) + (SELECT count(*) FROM messages) + (SELECT count(*) FROM message_hashtags)
      + (SELECT count(*) FROM message_likes) + (SELECT count(*) FROM blog_posts))::bigint::text AS n`).then((r) => ({ rows: [{ n: Number(r.rows[0].n) }] }));
  const summary = { options: { people: N, messages: M, groups: G, blogPosts: B, followsPerPerson: F, bigGroup: BIG }, counts, totalMs: Math.round(totalMs), rowsWritten,
    msPerMillionRows: Math.round(totalMs / (rowsWritten / 1e6)), machine: { cores: os.cpus().length, loadAverage: os.loadavg()[0], node: process.version }, steps };
  if (opts.json) console.log(JSON.stringify(summary));
  else {
    console.log(`\n${JSON.stringify(counts)}`);
    console.log(`Done in ${(totalMs / 1000).toFixed(1)} s: ${rowsWritten.toLocaleString('en')} rows written, ${(summary.msPerMillionRows / 1000).toFixed(1)} s per million rows (load average ${os.loadavg()[0].toFixed(1)}).`);
  }
} finally {
  if (dropped.length) await restoreIndexes().catch((err) => console.error(`could not rebuild indexes: ${err.message}`));
  await c.end();
  if (embedded?.owned) await embedded.stop();
}
