// npm run bench:feed — the daily heartbeat at scale: home-feed page latency over GraphQL next to a bare
// node:http + pg handler running the same SQL (same run, same data), posting throughput through the
// api next to raw INSERTs, and live delivery of message.created to many Socket.IO clients.
// Uses the built app (npm run build first). The api and the bare handler each run in their own child
// process (scripts/bench-feed-server.mjs); this process only generates load (keep-alive HTTP).
// Issue targets: 20,000 people, 2,000,000 messages, home feed p99 ≤ 30 ms at 10 and 32 clients and at
// least half the bare handler's pages/s, at most 6 SQL statements per page; posting ≥ 500 messages/s
// at 16 writers with p99 ≤ 100 ms; 5,000 sockets. The defaults are smaller so a laptop run takes a
// few minutes; pass the sizes explicitly:
//   node scripts/bench-feed.mjs --people 20000 --messages 2000000 --sockets 5000
//
// Options: --people N (2000)  --messages N (200000)  --follows N (100, per person)
//          --requests N (1000, measured feed requests per row)  --post-seconds N (5)  --sockets N (500)
//          --concurrency 1,10,32 (feed clients per row)
//          --reuse  with BENCH_DATABASE_URL: skip seeding when that database already holds the bench people
//          --existing  with BENCH_DATABASE_URL: seed nothing, measure the data already there (for example
//                   a `npm run seed:large` database); the two viewers follow --follows active people of it
//          BENCH_DATABASE_URL=... an already migrated database instead of a fresh embedded PostgreSQL
//          --pool N  DATABASE_POOL_SIZE for the api (default: the app's default, 20)
//          BENCH_PROFILE=dir  write a V8 CPU profile of the api process to dir
//          PLEIN_DIST=dist/apps/api where the build lives
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { apiNodeFlags, figure, forkServer, measureLoad, pct, reportResult, startBenchDatabase } from './bench-support.mjs';
import { io } from 'socket.io-client';

const { values: opts } = parseArgs({
  options: {
    people: { type: 'string', default: '2000' },
    messages: { type: 'string', default: '200000' },
    follows: { type: 'string', default: '100' },
    requests: { type: 'string', default: '1000' },
    'post-seconds': { type: 'string', default: '5' },
    sockets: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '1,10,32' },
    reuse: { type: 'boolean', default: false },
    existing: { type: 'boolean', default: false },
    pool: { type: 'string' },
  },
});
const CONCURRENCY = opts.concurrency.split(',').map(Number);
const PEOPLE = Number(opts.people);
const MESSAGES = Number(opts.messages);
const FOLLOWS = Math.min(Number(opts.follows), PEOPLE - 1);
const REQUESTS = Number(opts.requests);
const POST_SECONDS = Number(opts['post-seconds']);
const SOCKETS = Number(opts.sockets);

// ---------------------------------------------------------------------------------------------
// Data: people, follows, messages (75% company, 25% employees, some replies and hashtags), likes.
// Set-based SQL; the full-text index is built once after the load instead of row by row.
async function seed(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  const countsSql = `SELECT (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM follows)::int AS follows,
            pg_size_pretty(pg_total_relation_size('messages')) AS size`;
  if (opts.existing) {
    const { rows: [counts] } = await c.query(countsSql);
    await c.end();
    return { ms: 0, counts, reused: true };
  }
  if (opts.reuse) {
    const { rows: [n] } = await c.query(`SELECT count(*)::int AS n FROM people WHERE email LIKE '%@bench.plein.test'`);
    if (n.n >= PEOPLE) {
      const { rows: [counts] } = await c.query(countsSql);
      await c.end();
      return { ms: 0, counts, reused: true };
    }
  }
  await c.query(
    `INSERT INTO people (given_name, family_name, display_name, email, employment_type)
     SELECT 'Bench' || g, 'Persoon', 'Bench Persoon ' || g, 'bench' || g || '@bench.plein.test',
            (CASE WHEN g % 6 = 3 THEN 'contractor' WHEN g % 10 = 7 THEN 'freelancer' ELSE 'employee' END)::employment_type
     FROM generate_series(1, $1) g`,
    [PEOPLE],
  );
  await c.query(`CREATE TEMP TABLE bench_people AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM people WHERE email LIKE '%@bench.plein.test'`);
  await c.query(`CREATE INDEX ON bench_people (n)`);
  // Each person follows FOLLOWS others, spread deterministically.
  await c.query(
    `INSERT INTO follows (follower_id, followee_id)
     SELECT a.id, b.id FROM bench_people a CROSS JOIN generate_series(1, $2::int) k
     JOIN bench_people b ON b.n = 1 + ((a.n + k * 7919) % $1) WHERE a.id <> b.id ON CONFLICT DO NOTHING`,
    [PEOPLE, FOLLOWS],
  );
  await c.query(`DROP INDEX IF EXISTS "IDX_messages_body_dutch_fts"`);
  const words = ['onderhandelingen', 'storing', 'glasvezel', 'lunch', 'klanten', 'release', 'vergadering', 'winkel', '5G', 'netwerk'];
  const CHUNK = 250_000;
  for (let from = 1; from <= MESSAGES; from += CHUNK) {
    const to = Math.min(MESSAGES, from + CHUNK - 1);
    await c.query(
      `INSERT INTO messages (author_id, audience, body, entities, like_count, created_at)
       SELECT p.id, CASE WHEN g % 4 = 0 THEN 'employees' ELSE 'company' END,
              'Bericht ' || g || ' over ' || ($4::text[])[1 + g % 10] || CASE WHEN g % 5 = 0 THEN ' #tag' || (g % 40) ELSE '' END,
              CASE WHEN g % 5 = 0 THEN jsonb_build_object('links', '[]'::jsonb, 'mentions', '[]'::jsonb, 'hashtags', jsonb_build_array(jsonb_build_object('tag', 'tag' || (g % 40), 'start', 0, 'end', 0)))
                   ELSE '{"links":[],"mentions":[],"hashtags":[]}'::jsonb END,
              g % 7, now() - (($3::bigint - g) * interval '2 seconds')
       FROM generate_series($1::bigint, $2::bigint) g JOIN bench_people p ON p.n = 1 + (g * 31) % ${PEOPLE}`,
      [from, to, MESSAGES, words],
    );
  }
  await c.query(
    `INSERT INTO message_hashtags (tag, message_id, created_at)
     SELECT h->>'tag', m.id, m.created_at FROM messages m, jsonb_array_elements(m.entities->'hashtags') h ON CONFLICT DO NOTHING`,
  );
  await c.query(`CREATE INDEX "IDX_messages_body_dutch_fts" ON "messages" USING gin (to_tsvector('dutch', "body"))`);
  await c.query('VACUUM ANALYZE');
  const { rows: [counts] } = await c.query(countsSql);
  await c.end();
  return { ms: performance.now() - t0, counts };
}

// The same page the api serves (see MessagesService.feed 'home'): candidates per followed author by
// LATERAL index scans, then full rows, author names and likedByMe for the page only.
const RAW_HOME_SQL = `
  WITH page AS (
    SELECT DISTINCT ON (k.created_at, k.id) k.id, k.created_at FROM (
      SELECT l.created_at, l.id FROM (SELECT $1::uuid AS author_id UNION SELECT f.followee_id FROM follows f WHERE f.follower_id = $1) a
      CROSS JOIN LATERAL (SELECT m.created_at, m.id FROM messages m
        WHERE m.author_id = a.author_id AND m.deleted_at IS NULL AND m.audience = ANY($2::text[]) AND m.root_id IS NULL
        ORDER BY m.created_at DESC, m.id DESC LIMIT 21) l
    ) k ORDER BY k.created_at DESC, k.id DESC LIMIT 21)
  SELECT m.id, m.body AS text, m.like_count, m.reply_count, m.reshare_count, m.created_at, p.display_name,
         EXISTS (SELECT 1 FROM message_likes l WHERE l.message_id = m.id AND l.person_id = $1) AS liked_by_me
  FROM page JOIN messages m ON m.id = page.id JOIN people p ON p.id = m.author_id
  ORDER BY m.created_at DESC, m.id DESC`;

/** One server (the api or the bare handler) in a child process; `statements()` counts its SQL. */
async function startServer(args, { profileDir } = {}) {
  const execArgv = [...(args[0] === 'api' ? apiNodeFlags() : []), ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const server = await forkServer('./bench-feed-server.mjs', args, { execArgv });
  return { url: server.url, statements: () => server.ask({ cmd: 'count' }, 'statements'), stop: server.stop };
}

/** Keep-alive HTTP from the load generator, the same client for the api and the bare handler. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode !== 200) reject(new Error(`${res.statusCode} ${text.slice(0, 300)}`));
        else resolve(text);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const measure = (name, concurrency, run) => measureLoad(name, concurrency, run, { requests: REQUESTS });

/** `concurrency` loops calling run(w, i) for `seconds`: the rate per second and latency percentiles. */
async function throughput(seconds, concurrency, run) {
  const lat = [];
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; performance.now() < until; i++) {
        const s = performance.now();
        await run(w, i);
        lat.push(performance.now() - s);
      }
    }),
  );
  return { rate: (lat.length / (performance.now() - t0)) * 1000, p50: pct(lat, 50), p99: pct(lat, 99) };
}

/**
 * Baseline for live delivery: a bare Socket.IO server (no auth, no database, no policy) with the
 * same number of websocket clients in one room, one emit, time until each client has it.
 */
async function bareSocketIo(n) {
  const { Server } = await import('socket.io');
  const server = http.createServer();
  const ioServer = new Server(server);
  ioServer.of('/realtime').on('connection', (s) => s.join('audience:company'));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/realtime`;
  const clients = [];
  try {
    for (let i = 0; i < n; i += 200) {
      await Promise.all(Array.from({ length: Math.min(200, n - i) }, () => new Promise((resolve, reject) => {
        const c = io(url, { transports: ['websocket'], reconnection: false, timeout: 20_000 });
        clients.push(c);
        c.once('connect', resolve);
        c.once('connect_error', reject);
      })));
    }
    await new Promise((r) => setTimeout(r, 300)); // joins are applied on the server's side of connect
    const times = [];
    const start = performance.now();
    await new Promise((resolve) => {
      for (const c of clients) c.once('message.created', () => (times.push(performance.now() - start), times.length === n && resolve()));
      setTimeout(resolve, 15_000);
      ioServer.of('/realtime').to('audience:company').emit('message.created', { id: 'bare', text: 'Live naar company' });
    });
    return { received: times.length, p50: pct(times, 50), p99: pct(times, 99) };
  } finally {
    for (const c of clients) c.close();
    ioServer.close();
  }
}

const HOME_GQL = `query H($after: String) { homeFeed(first: 20, after: $after) {
  edges { cursor node { id text likeCount replyCount reshareCount likedByMe createdAt author { displayName } } }
  pageInfo { hasNextPage endCursor } } }`;

let bench;
let dir;
let plein;
const sockets = [];
try {
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    bench = await startBenchDatabase('feed', { sharedBuffers: '512MB' });
    url = bench.url;
    dir = bench.dir;
  }

  const seeded = await seed(url);
  console.log(`Seeded ${seeded.counts.people} people, ${seeded.counts.follows} follows, ${seeded.counts.messages} messages (${seeded.counts.size}) in ${Math.round(seeded.ms)} ms`);

  plein = await startServer(
    ['api', JSON.stringify({
      NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      SEED_DEMO: 'false', WORKER_INLINE: 'false', LOG_LEVEL: 'error', ACCESS_TOKEN_TTL_SECONDS: '3600', POST_RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_RATE_LIMIT_PER_IP: '100000', LOGIN_RATE_LIMIT_PER_USER: '100000', PLEIN_DATA_DIR: dir ?? mkdtempSync(path.join(os.tmpdir(), 'plein-bench-')),
      ...(opts.pool ? { DATABASE_POOL_SIZE: opts.pool } : {}),
    })],
    { profileDir: process.env.BENCH_PROFILE },
  );
  const login = async (username) => {
    const res = await fetch(`${plein.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'plein-demo' }) });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const employee = await login('demo.employee');
  const contractor = await login('demo.contractor');
  // Posts come from someone the viewers do not follow, so the measured home feeds stay the seeded ones.
  const poster = await login('demo.hr');
  // The two viewers follow FOLLOWS bench people each, like everyone else.
  const pool = new pg.Pool({ connectionString: url, max: 16 });
  for (const v of [employee, contractor]) {
    await pool.query(
      `INSERT INTO follows (follower_id, followee_id)
       SELECT $1::uuid, id FROM people WHERE ${opts.existing ? "active AND id <> $1" : "email LIKE '%@bench.plein.test'"}
        ORDER BY md5(id::text || $1::uuid::text) LIMIT $2 ON CONFLICT DO NOTHING`,
      [v.person.id, FOLLOWS],
    );
  }
  await pool.query('ANALYZE follows');
  const viewers = {
    employee: { id: employee.person.id, audiences: ['company', 'employees'], token: employee.accessToken },
    contractor: { id: contractor.person.id, audiences: ['company'], token: contractor.accessToken },
  };

  const gql = async (token, query, variables) => {
    const body = JSON.parse(await request(`${plein.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) }));
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const raw = await startServer(['raw', url, RAW_HOME_SQL, JSON.stringify(Object.fromEntries(Object.entries(viewers).map(([k, v]) => [k, [v.id, v.audiences]])))]);
  const cursors = {};
  for (const [k, v] of Object.entries(viewers)) cursors[k] = (await gql(v.token, HOME_GQL, {})).homeFeed.pageInfo.endCursor;

  // SQL statements per home-feed page, counted in the api process (every pg query it sends).
  await plein.statements();
  for (let i = 0; i < 20; i++) await gql(viewers[i % 2 ? 'contractor' : 'employee'].token, HOME_GQL, {});
  const statementsPerPage = (await plein.statements()) / 20;

  const results = [];
  const as = (i) => (i % 4 === 3 ? 'contractor' : 'employee');
  for (const c of CONCURRENCY) {
    results.push(await measure('raw: node:http + pg, same SQL', c, (i) => request(`${raw.url}/?as=${as(i)}`)));
    results.push(await measure('homeFeed, page 1 (GraphQL)', c, (i) => gql(viewers[as(i)].token, HOME_GQL, {})));
    results.push(await measure('homeFeed, page 2 (GraphQL)', c, (i) => gql(viewers[as(i)].token, HOME_GQL, { after: cursors[as(i)] })));
  }
  await raw.stop();

  // Posting: api mutations vs raw INSERTs, 16 concurrent writers each, for POST_SECONDS.
  const POST = `mutation P($input: PostMessageInput!) { postMessage(input: $input) { id } }`;
  const apiPosts = await throughput(POST_SECONDS, 16, (w, i) => gql(poster.accessToken, POST, { input: { text: `Bench ${w}-${i} over #glasvezel${i % 4 ? "" : " met @demo.contractor"}`, audience: i % 4 ? "company" : "employees" } }));
  const rawPosts = await throughput(POST_SECONDS, 16, (w, i) =>
    pool.query(`INSERT INTO messages (author_id, audience, body, entities) VALUES ($1, 'company', $2, '{"links":[],"mentions":[],"hashtags":[]}')`, [poster.person.id, `raw ${w}-${i}`]),
  );

  // Sockets: SOCKETS clients (payroll and not), one post, time until each received message.created.
  const t0 = performance.now();
  const batch = 200;
  for (let i = 0; i < SOCKETS; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, SOCKETS - i) }, (_, j) =>
        new Promise((resolve, reject) => {
          const who = (i + j) % 4 === 3 ? 'contractor' : 'employee';
          const s = io(`${plein.url}/realtime`, { auth: { token: viewers[who].token }, transports: ['websocket'], reconnection: false, timeout: 20_000 });
          s.once('ready', () => resolve());
          s.once('connect_error', reject);
          sockets.push({ s, who });
        }),
      ),
    );
  }
  const connectMs = performance.now() - t0;
  const delivery = async (audience) => {
    const expected = sockets.filter((x) => audience === 'company' || x.who === 'employee');
    const times = [];
    let leaks = 0;
    const start = performance.now();
    const done = new Promise((resolve) => {
      for (const { s, who } of sockets) {
        s.once('message.created', () => {
          if (audience === 'employees' && who !== 'employee') leaks++;
          times.push(performance.now() - start);
          if (times.length === expected.length) resolve();
        });
      }
      setTimeout(resolve, 15_000);
    });
    await gql(poster.accessToken, POST, { input: { text: `Live naar ${audience}`, audience } });
    await done;
    await new Promise((r) => setTimeout(r, 300));
    for (const { s } of sockets) s.removeAllListeners('message.created');
    return { audience, expected: expected.length, received: times.length, p50: pct(times, 50), p99: pct(times, 99), leaks };
  };
  const live = [await delivery('company'), await delivery('employees')];
  await pool.end();
  for (const { s } of sockets) s.close();
  sockets.length = 0;
  const bare = await bareSocketIo(SOCKETS);

  console.log(`\napi DATABASE_POOL_SIZE: ${opts.pool ?? 'default (20)'}`);
  console.log(`\nFeeds, ${seeded.counts.people} people, ${seeded.counts.messages} messages, ${FOLLOWS} follows each; ${REQUESTS} requests per row; ${os.cpus().length} cores, Node ${process.version}\n`);
  console.log('| path | concurrency | p50 ms | p95 ms | p99 ms | requests/s |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) console.log(`| ${r.name} | ${r.concurrency} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${Math.round(r.rps)} |`);
  console.log(`\nSQL statements per home-feed page (GraphQL, counted in the api process): ${statementsPerPage} (target ≤ 6)`);
  console.log('\n| posting (16 writers) | messages/s | p50 ms | p99 ms |\n| --- | ---: | ---: | ---: |');
  console.log(`| postMessage over GraphQL (validation, mentions, hashtags, live event, fan-out job) | ${Math.round(apiPosts.rate)} | ${apiPosts.p50.toFixed(1)} | ${apiPosts.p99.toFixed(1)} |`);
  console.log(`| raw INSERT through pg | ${Math.round(rawPosts.rate)} | ${rawPosts.p50.toFixed(1)} | ${rawPosts.p99.toFixed(1)} |`);
  console.log(`\n${SOCKETS} sockets connected in ${Math.round(connectMs)} ms\n`);
  console.log('| live message.created | sockets expected | received | p50 ms | p99 ms | leaked to non-payroll |\n| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const l of live) console.log(`| ${l.audience} | ${l.expected} | ${l.received} | ${l.p50?.toFixed(1)} | ${l.p99?.toFixed(1)} | ${l.leaks} |`);
  console.log(`| baseline: bare Socket.IO server, one emit to a room of ${SOCKETS} | ${SOCKETS} | ${bare.received} | ${bare.p50?.toFixed(1)} | ${bare.p99?.toFixed(1)} | |`);
  const row = (prefix, c) => results.find((r) => r.name.startsWith(prefix) && r.concurrency === c);
  const figures = [];
  const verdicts = [];
  for (const c of CONCURRENCY) {
    const bare = row('raw', c);
    const page = row('homeFeed, page 1', c);
    figures.push(figure(`feed.home.p99.c${c}`, `home feed page of 20 (GraphQL), p99, ${c} client${c > 1 ? 's' : ''}`, page.p99, 'ms', 'lower', { baseline: bare.p99, baselineName: 'node:http + pg, same SQL', target: 30, targetText: '≤ 30 ms' }));
    figures.push(figure(`feed.home.rps.c${c}`, `home feed pages/s, ${c} client${c > 1 ? 's' : ''}`, page.rps, 'req/s', 'higher', { baseline: bare.rps, baselineName: 'node:http + pg, same SQL', target: bare.rps / 2, targetText: '≥ half the bare handler' }));
    verdicts.push(`${c} clients: p99 ${page.p99.toFixed(1)} ms (${page.p99 <= 30 ? 'met' : 'NOT met'}), ${Math.round(page.rps)} pages/s vs bare ${Math.round(bare.rps)} (${page.rps >= bare.rps / 2 ? 'met' : 'NOT met'})`);
  }
  const company = live.find((l) => l.audience === 'company');
  figures.push(
    figure('feed.home.statements', 'SQL statements per home-feed page', statementsPerPage, 'statements', 'lower', { target: 6, targetText: '≤ 6' }),
    figure('feed.post.rate', 'postMessage with fan-out, 16 writers', apiPosts.rate, 'msg/s', 'higher', { baseline: rawPosts.rate, baselineName: 'raw INSERT through pg', target: 500, targetText: '≥ 500 msg/s' }),
    figure('feed.post.p99', 'postMessage p99, 16 writers', apiPosts.p99, 'ms', 'lower', { baseline: rawPosts.p99, baselineName: 'raw INSERT through pg', target: 100, targetText: '≤ 100 ms' }),
    figure('feed.live.p99', `message.created to ${company.expected} sockets, p99`, company.p99, 'ms', 'lower', { baseline: bare.p99, baselineName: 'bare Socket.IO emit to a room', target: 250, targetText: '≤ 250 ms (at 5,000 sockets)' }),
    figure('feed.live.received', `message.created received of ${company.expected}`, company.received, 'sockets', 'higher', { target: company.expected }),
  );
  console.log(`\nTargets: home feed ${verdicts.join('; ')}; posting ≥ 500 msg/s: ${apiPosts.rate >= 500 ? 'met' : 'NOT met'} (${Math.round(apiPosts.rate)}), p99 ≤ 100 ms: ${apiPosts.p99 <= 100 ? 'met' : 'NOT met'} (${apiPosts.p99.toFixed(1)})`);
  reportResult('feed', figures, { sizes: { people: seeded.counts.people, messages: seeded.counts.messages, follows: FOLLOWS, sockets: SOCKETS, requests: REQUESTS, pool: opts.pool ?? null } });
} finally {
  for (const { s } of sockets) s.close();
  await plein?.stop().catch(() => {});
  await bench?.stop();
}
