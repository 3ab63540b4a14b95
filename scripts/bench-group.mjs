// npm run bench:group — one group of 20,000 members: reading its feed (a page of 20, first page and
// deep pages) and posting to it, through GraphQL/HTTP (the real api in this process), next to a raw-SQL
// baseline measured in the same run (the api in its own child process; the feed SQL GroupsService sends; the insert + live-event
// statements postMessage runs in its transaction), plus live delivery to connected sockets.
// Uses the built app (npm run build first).
//
// Options (environment):
//   BENCH_MEMBERS=20000        group members (people seeded server-side with INSERT … SELECT generate_series)
//   BENCH_GROUP_MESSAGES=100000  messages already in the group
//   BENCH_OTHER_MESSAGES=200000  messages elsewhere (company), so the index is not the group's alone
//   BENCH_REQUESTS=400         measured requests per row (after a warm-up)
//   BENCH_SOCKETS=200          sockets connected as a member while posting (live delivery latency)
//   The targets are the home feed's (scripts/bench-feed.mjs): feed page p99 ≤ 30 ms, posting ≥ 500 messages/s.
//   PLEIN_DIST=dist/apps/api   where the build lives
import os from 'node:os';
import pg from 'pg';
import { apiNodeFlags, distImport, figure, forkServer, measureLoad, reportResult, startBenchDatabase } from './bench-support.mjs';
import { io } from 'socket.io-client';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20_000);
const GROUP_MESSAGES = Number(process.env.BENCH_GROUP_MESSAGES ?? 100_000);
const OTHER_MESSAGES = Number(process.env.BENCH_OTHER_MESSAGES ?? 200_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 200);
const TARGET_P99_MS = 30;
const TARGET_POSTS = 500;

/** Runs `run(i)` REQUESTS times at `concurrency`, after a warm-up; latency percentiles and rate. */
const measure = (name, concurrency, run, requests = REQUESTS) => measureLoad(name, concurrency, run, { requests });

let bench;
let dir;
let plein;
const sockets = [];
try {
  bench = await startBenchDatabase('group', { migrate: false, maxConnections: 100 });
  const url = bench.url;
  dir = bench.dir;

  // The api in its own process (scripts/bench-feed-server.mjs), so the sockets and the load
  // generator here do not share its event loop.
  plein = await forkServer('./bench-feed-server.mjs', ['api', JSON.stringify({
    NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    SEED_DEMO: 'true', WORKER_INLINE: 'false', LOG_LEVEL: 'error', ACCESS_TOKEN_TTL_SECONDS: '3600', POST_RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_RATE_LIMIT_PER_IP: '1000', LOGIN_RATE_LIMIT_PER_USER: '1000', PLEIN_DATA_DIR: dir,
  })], { execArgv: apiNodeFlags() });
  const login = await fetch(`${plein.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo.employee', password: 'plein-demo' }) });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { accessToken, person } = await login.json();
  const gql = async (query, variables) => {
    const res = await fetch(`${plein.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const { createGroup: group } = await gql(`mutation { createGroup(input: { name: "Iedereen bij Plein", kind: CLOSED, category: GENERAL }) { id } }`);
  const audience = `group:${group.id}`;

  // ---- seed: people and memberships server-side (the same speed as COPY, no client streaming), then messages.
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  await c.query(
    `INSERT INTO people (given_name, family_name, display_name, email, employment_type, active)
     SELECT 'Lid', 'Nummer ' || i, 'Lid Nummer ' || i, 'lid' || i || '@bench.plein.test',
            (CASE WHEN i % 10 = 0 THEN 'contractor' ELSE 'employee' END)::employment_type, true
       FROM generate_series(1, $1) AS i`,
    [MEMBERS - 1],
  );
  await c.query(
    `INSERT INTO group_memberships (group_id, person_id, role, status, created_at)
     SELECT $1, p.id, 'member', 'active', now() - (row_number() OVER () * interval '1 second')
       FROM people p WHERE p.email LIKE '%@bench.plein.test'`,
    [group.id],
  );
  await c.query(`UPDATE groups SET member_count = (SELECT count(*) FROM group_memberships WHERE group_id = $1 AND status = 'active') WHERE id = $1`, [group.id]);
  // Messages: authors are members; the group's history and company-wide chatter, interleaved in time.
  await c.query(
    `WITH authors AS (SELECT array_agg(person_id) AS ids FROM (SELECT person_id FROM group_memberships WHERE group_id = $3 LIMIT 500) x)
     INSERT INTO messages (author_id, audience, body, entities, created_at)
     SELECT a.ids[1 + i % cardinality(a.ids)], $1, 'Groepsbericht ' || i, '{"links":[],"mentions":[],"hashtags":[]}'::jsonb, now() - (i * interval '7 seconds')
       FROM generate_series(1, $2) AS i, authors a`,
    [audience, GROUP_MESSAGES, group.id],
  );
  await c.query(
    `INSERT INTO messages (author_id, audience, body, entities, created_at)
     SELECT $1, 'company', 'Bedrijfsbericht ' || i, '{"links":[],"mentions":[],"hashtags":[]}'::jsonb, now() - (i * interval '3 seconds') FROM generate_series(1, $2) AS i`,
    [person.id, OTHER_MESSAGES],
  );
  await c.query('VACUUM ANALYZE');
  const seedMs = performance.now() - t0;
  const { rows: [counts] } = await c.query(
    `SELECT (SELECT member_count FROM groups WHERE id = $1) AS members, (SELECT count(*) FROM messages WHERE audience = $2)::int AS group_messages, (SELECT count(*) FROM messages)::int AS messages`,
    [group.id, audience],
  );
  await c.end();
  console.log(`Seeded ${counts.members} members, ${counts.group_messages} group messages (${counts.messages} in all) in ${Math.round(seedMs)} ms`);

  // ---- cursors for deep pages: every 50th message of the first 20,000.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const { MESSAGE_COLUMNS } = await distImport('libs/messages/src/messages.service.js');
  const { encodeCursor } = await distImport('libs/core/src/pagination/connection.js');
  const { rows: keys } = await pool.query(
    `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ts, id FROM messages
      WHERE audience = $1 AND deleted_at IS NULL AND root_id IS NULL ORDER BY created_at DESC, id DESC LIMIT 20000`,
    [audience],
  );
  const deep = keys.filter((_, i) => i % 50 === 49);
  const FEED_SQL = (after) =>
    `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.audience = $1 AND m.deleted_at IS NULL AND m.root_id IS NULL
       ${after ? 'AND (m.created_at, m.id) < ($2::timestamptz, $3::uuid)' : ''} ORDER BY m.created_at DESC, m.id DESC LIMIT 21`;
  const rawFeed = (i, deepPage) => {
    if (!deepPage) return pool.query(FEED_SQL(false), [audience]);
    const k = deep[i % deep.length];
    return pool.query(FEED_SQL(true), [audience, k.ts, k.id]);
  };
  const FEED_GQL = `query($g: ID!, $after: String) { groupFeed(groupId: $g, first: 20, after: $after) {
    edges { cursor node { id text createdAt likeCount replyCount likedByMe author { id displayName } } } pageInfo { hasNextPage endCursor } } }`;
  const gqlFeed = (i, deepPage) => gql(FEED_GQL, { g: group.id, after: deepPage ? encodeCursor([deep[i % deep.length].ts, deep[i % deep.length].id]) : null });

  const results = [];
  for (const conc of [1, 8]) {
    // The floor every GraphQL request pays here (auth guard's actor read, Apollo, limits): `{ me { id } }`.
    results.push(await measure('floor: { me { id } } (GraphQL)', conc, () => gql('{ me { id } }')));
    results.push(await measure('feed page 1: raw SQL', conc, (i) => rawFeed(i, false)));
    results.push(await measure('feed page 1: groupFeed (GraphQL)', conc, (i) => gqlFeed(i, false)));
    results.push(await measure('feed deep page (≤ 20,000 back): raw SQL', conc, (i) => rawFeed(i, true)));
    results.push(await measure('feed deep page (≤ 20,000 back): groupFeed (GraphQL)', conc, (i) => gqlFeed(i, true)));
  }

  // ---- posting with nobody connected, as bench:feed measures posting to the home feed…
  const QUIET_POST = `mutation($t: String!, $a: String) { postMessage(input: { text: $t, audience: $a }) { id } }`;
  results.push(await measure('post to the group: postMessage (GraphQL, no sockets)', 16, (i) => gql(QUIET_POST, { t: `Stil bericht ${i}`, a: audience }), Math.min(REQUESTS, 300)));

  // ---- …and with sockets connected as a member: they are in the group's room; one emit serves them all.
  for (let i = 0; i < SOCKETS; i++) {
    const s = io(`${plein.url}/realtime`, { auth: { token: accessToken }, transports: ['websocket'], reconnection: false });
    await new Promise((resolve, reject) => {
      s.once('ready', resolve);
      s.once('connect_error', reject);
    });
    sockets.push(s);
  }
  // Arrival per message id, whatever comes first: the socket event or the mutation's response.
  const arrivals = new Map();
  const started = new Map();
  let received = 0;
  for (const s of sockets) {
    s.on('message.created', (m) => {
      received++;
      const a = arrivals.get(m.id) ?? { n: 0, last: 0 };
      a.n++;
      a.last = performance.now();
      arrivals.set(m.id, a);
    });
  }
  const POST = `mutation($t: String!, $a: String) { postMessage(input: { text: $t, audience: $a }) { id } }`;
  const postGql = async (i) => {
    const t = performance.now();
    const { postMessage } = await gql(POST, { t: `Bericht ${i} aan de hele groep`, a: audience });
    started.set(postMessage.id, t);
  };
  const rawPost = async (i) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows: [m] } = await client.query(`INSERT INTO messages AS m (author_id, audience, body, entities) VALUES ($1, $2, $3, '{"links":[],"mentions":[],"hashtags":[]}'::jsonb) RETURNING ${MESSAGE_COLUMNS}`, [person.id, audience, `Ruw ${i}`]);
      const { rows: [e] } = await client.query(`INSERT INTO realtime_events (audience, type, payload) VALUES ($1, 'bench.raw', $2) RETURNING id`, [audience, JSON.stringify({ id: m.id })]);
      await client.query(`SELECT pg_notify('plein_bench_raw', $1)`, [String(e.id)]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  const posts = Math.min(REQUESTS, 300);
  for (const conc of [1, 16]) {
    results.push(await measure('post to the group: raw SQL (insert + event + notify)', conc, rawPost, posts));
    results.push(await measure(`post to the group: postMessage (GraphQL, ${SOCKETS} sockets listening)`, conc, postGql, posts));
  }
  // Let the relay drain its backlog (up to 10 s) before counting what reached every socket.
  for (let waited = 0; waited < 10_000 && [...started.keys()].some((id) => (arrivals.get(id)?.n ?? 0) < SOCKETS); waited += 200) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const delivery = [];
  let incomplete = 0;
  for (const [id, t0] of started) {
    const a = arrivals.get(id);
    if (a && a.n === SOCKETS) delivery.push(a.last - t0);
    else incomplete++;
  }
  delivery.sort((a, b) => a - b);
  const dp = (p) => (delivery.length ? delivery[Math.min(delivery.length - 1, Math.floor((p / 100) * delivery.length))] : NaN);
  await pool.end();

  console.log(`\nOne group of ${counts.members} members, ${counts.group_messages} group messages, ${REQUESTS} requests per feed row, ${posts} per post row, ${os.cpus().length} cores, Node ${process.version}\n`);
  console.log('| path | concurrency | p50 ms | p95 ms | p99 ms | per second |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) console.log(`| ${r.name} | ${r.concurrency} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${Math.round(r.rps)} |`);
  if (SOCKETS) {
    console.log(`\nLive delivery (postMessage start → the last of ${SOCKETS} sockets has the event): p50 ${dp(50).toFixed(1)} ms, p99 ${dp(99).toFixed(1)} ms over ${delivery.length} messages (${received} events received; ${incomplete} messages did not reach every socket)`);
  }
  const feed1 = results.find((r) => r.name === 'feed page 1: groupFeed (GraphQL)' && r.concurrency === 1);
  const quiet16 = results.find((r) => r.name === 'post to the group: postMessage (GraphQL, no sockets)');
  const posts16 = results.find((r) => r.name.startsWith('post to the group: postMessage (GraphQL, ') && r.name.includes('listening') && r.concurrency === 16);
  console.log(
    `\nTargets (the home feed's): groupFeed p99 ≤ ${TARGET_P99_MS} ms: ${feed1.p99 <= TARGET_P99_MS ? 'met' : 'NOT met'} (${feed1.p99.toFixed(1)} ms); ` +
      `posting ≥ ${TARGET_POSTS} msg/s with p99 ≤ 100 ms: ${quiet16.rps >= TARGET_POSTS && quiet16.p99 <= 100 ? 'met' : 'NOT met'} (${Math.round(quiet16.rps)}/s, p99 ${quiet16.p99.toFixed(1)} ms at concurrency 16; ` +
      `${Math.round(posts16.rps)}/s with ${SOCKETS} sockets listening)`,
  );
  const raw1 = results.find((r) => r.name === 'feed page 1: raw SQL' && r.concurrency === 1);
  const rawPost16 = results.find((r) => r.name.startsWith('post to the group: raw SQL') && r.concurrency === 16);
  reportResult('group', [
    figure('group.feed.p99', `groupFeed page of 20, group of ${counts.members}, p99`, feed1.p99, 'ms', 'lower', { baseline: raw1.p99, baselineName: 'the same SQL through pg', target: TARGET_P99_MS, targetText: `≤ ${TARGET_P99_MS} ms` }),
    figure('group.post.rate', 'postMessage to the group (no sockets), 16 writers', quiet16.rps, 'msg/s', 'higher', { baseline: rawPost16.rps, baselineName: 'insert + event + notify through pg', target: TARGET_POSTS, targetText: `≥ ${TARGET_POSTS} msg/s` }),
    figure('group.post.p99', 'postMessage to the group (no sockets), 16 writers, p99', quiet16.p99, 'ms', 'lower', { target: 100, targetText: '≤ 100 ms' }),
    figure('group.post.rate.sockets', `postMessage to the group (${SOCKETS} sockets listening), 16 writers`, posts16.rps, 'msg/s', 'higher', { baseline: rawPost16.rps, baselineName: 'insert + event + notify through pg' }),
    ...(SOCKETS ? [figure('group.live.p99', `group post to the last of ${SOCKETS} sockets, p99`, dp(99), 'ms', 'lower', { target: 500, targetText: '≤ 500 ms' })] : []),
  ], { sizes: { members: counts.members, groupMessages: counts.group_messages, requests: REQUESTS, sockets: SOCKETS } });
} finally {
  for (const s of sockets) s.close();
  await plein?.stop().catch(() => {});
  await bench?.stop();
}
