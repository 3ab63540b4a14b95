// npm run chaos — longer fault runs than the tests: the built api as its own process on its own
// embedded PostgreSQL, under a mixed load (feeds, posts, likes, staff search, eventsSince, and live
// Socket.IO clients that reconnect and catch up), while PostgreSQL is stopped and started again and
// socket connections are dropped. Or, with --soak, the same load without faults for a long time,
// watching error responses and the api's memory.
//
//   npm run chaos                            faults for 2 minutes (default)
//   npm run chaos -- --duration 45s          shorter
//   npm run chaos -- --soak 10m              10-minute soak: no error responses, memory growth within the bound
//   npm run chaos -- --outage 5m             PostgreSQL killed (SIGKILL) for 5 minutes under the same load, then
//                                            back: the api survives with bounded memory and file descriptors,
//                                            answers /health/live throughout and 503 fast, is ready within 5 s
//                                            of PostgreSQL's return, holds one LISTEN connection per listener,
//                                            and every acknowledged write is stored
//   options: --users 16 (HTTP clients)  --sockets 24  --pg-down 5s (each outage)  --every 20s (between faults)
//            --memory-bound-mib 64 (soak: allowed RSS growth from the first to the last minute)
//            --heap-bound-mib 16 (soak: allowed growth of the live JS heap after a full GC, minute 1 → end)
// Exit code 0 when every check holds, 1 otherwise. Report: stdout and bench-results/chaos.json.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { io } from 'socket.io-client';
import { distImport, pct } from './bench-support.mjs';

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '2m' },
    soak: { type: 'string' },
    outage: { type: 'string' },
    'ready-within': { type: 'string', default: '5s' },
    'rss-bound-mib': { type: 'string', default: '256' },
    'fd-bound': { type: 'string', default: '200' },
    'heap-bound-mib': { type: 'string', default: '16' },
    users: { type: 'string', default: '16' },
    sockets: { type: 'string', default: '24' },
    'pg-down': { type: 'string', default: '5s' },
    every: { type: 'string', default: '20s' },
    'memory-bound-mib': { type: 'string', default: '64' },
    out: { type: 'string', default: 'bench-results' },
  },
});
const seconds = (s) => {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(String(s).trim());
  if (!m) throw new Error(`not a duration: "${s}" (for example 90s, 10m)`);
  return Number(m[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] ?? 's'];
};
const SOAK = opts.soak !== undefined;
const OUTAGE = opts.outage !== undefined ? seconds(opts.outage) : 0;
// An outage run: 20 s of load, the outage, then 30 s of load after PostgreSQL is back.
const OUTAGE_WARMUP = 20;
const DURATION = OUTAGE ? OUTAGE_WARMUP + OUTAGE + 30 : seconds(SOAK ? opts.soak : opts.duration);
const USERS = Number(opts.users);
const SOCKETS = Number(opts.sockets);
const PG_DOWN = seconds(opts['pg-down']);
const EVERY = seconds(opts.every);
const MEMORY_BOUND = Number(opts['memory-bound-mib']) * 2 ** 20;
const UIDS = ['demo.employee', 'demo.hr', 'demo.contractor', 'demo.freelancer', 'demo.moderator', 'demo.admin', 'demo.ceo'];
const PAYROLL = new Set(['demo.employee', 'demo.hr', 'demo.moderator', 'demo.admin', 'demo.ceo']);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (msg) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

const { startEmbeddedPostgres } = await distImport('libs/core/src/index.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'plein-chaos-'));
chmodSync(dir, 0o755);
// An outage kills PostgreSQL: keep synchronous commits, or its last acknowledged commits die with it.
let pgHandle = await startEmbeddedPostgres({ dataDir: dir, fast: true, durableCommits: Boolean(OUTAGE), database: 'plein' });
const dbUrl = pgHandle.url;
const pgPort = pgHandle.port;

// ---- the api, as its own process (its memory is what we watch)
function startApi() {
  // CHAOS_API_NODE_ARGS: extra node flags for the api (e.g. --heapsnapshot-signal=SIGUSR2 to look for leaks).
  // A soak also runs it with --expose-gc, so SIGUSR2 logs the live heap after a full collection.
  const nodeArgs = [...(SOAK || OUTAGE ? ['--expose-gc'] : []), ...(process.env.CHAOS_API_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, 'dist/apps/api/apps/api/src/main.js'], {
    env: {
      PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: dbUrl, JWT_SECRET: 'chaos-secret-chaos-secret-chaos-secret-0123',
      SEED_DEMO: 'true', WORKER_INLINE: 'true', LOG_LEVEL: 'info', // info: as in production (and the ready line)
      ACCESS_TOKEN_TTL_SECONDS: '86400', POST_RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_RATE_LIMIT_PER_IP: '1000000', LOGIN_RATE_LIMIT_PER_USER: '1000000', PLEIN_DATA_DIR: path.join(dir, 'app'), GRAPHQL_INTROSPECTION: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // Log lines: all, and those that are not the per-request access line (what an outage adds).
  const lines = { total: 0, other: 0, bytes: 0, marks: [], sample: [] };
  return new Promise((resolve, reject) => {
    const onData = (c) => {
      lines.bytes += c.length;
      for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines.total++;
      const text = String(c);
      const other = text.match(/^(?!.*"msg":"request").+$/gm) ?? [];
      lines.other += other.length;
      lines.sample = [...lines.sample, ...other].slice(-30);
      for (const m of text.match(/\{[^\n]*"msg":"[^"]*(LISTEN connection|job queue: database error)[^\n]*\}/g) ?? []) lines.marks.push(m);
      out = (out + c).slice(-20_000);
      const m = /"msg":"Plein is ready","url":"([^"]+)"/.exec(out);
      if (m) resolve({ child, url: m[1], output: () => out, lines });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`api exited with ${code}:\n${out.slice(-3000)}`)));
  });
}
const rssOf = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
const fdsOf = (pid) => readdirSync(`/proc/${pid}/fd`).length;

const api = await startApi();
log(`api ready at ${api.url} (pid ${api.child.pid}); ${SOAK ? `soak for ${DURATION} s` : OUTAGE ? `PostgreSQL killed for ${OUTAGE} s after ${OUTAGE_WARMUP} s, under load` : `faults for ${DURATION} s: PostgreSQL down ${PG_DOWN} s and sockets dropped, every ${EVERY} s`}`);

// ---- clients
const stats = { requests: 0, byStatus: {}, failures: 0, latency: [], errors: [] };
const acknowledged = []; // [messageId, audience]: every write the api said 200 to
let pgDown = null; // { since, until } while an outage (and its recovery) is under way
const outageWindows = [];
async function call(token, query, variables) {
  const t0 = performance.now();
  try {
    const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = await res.json().catch(() => ({}));
    stats.requests++;
    stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
    stats.latency.push(performance.now() - t0);
    const ok = res.status === 200 && !body.errors;
    if (!ok) stats.errors.push({ at: Date.now(), status: res.status, code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message, duringOutage: Boolean(pgDown) });
    return ok ? body.data : null;
  } catch (err) {
    stats.failures++;
    stats.errors.push({ at: Date.now(), status: 0, message: err.message, duringOutage: Boolean(pgDown) });
    return null;
  }
}
async function login(uid) {
  for (;;) {
    const res = await fetch(`${api.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: uid, password: 'plein-demo' }) }).catch(() => null);
    if (res?.status === 200) return (await res.json()).accessToken;
    await sleep(500);
  }
}
const tokens = {};
for (const uid of UIDS) tokens[uid] = await login(uid);

let running = true;
let n = 0;
async function user(k) {
  const uid = UIDS[k % UIDS.length];
  const token = tokens[uid];
  while (running) {
    const r = Math.random();
    const i = n++;
    if (r < 0.45) await call(token, '{ homeFeed(first: 20) { edges { node { id text likeCount author { displayName } } } pageInfo { endCursor } } }');
    else if (r < 0.6) await call(token, '{ companyFeed(first: 20) { edges { node { id text likedByMe } } } }');
    else if (r < 0.75) {
      const audience = PAYROLL.has(uid) && i % 3 === 0 ? 'employees' : 'company';
      const data = await call(token, 'mutation($t: String!, $a: String!) { postMessage(input: { text: $t, audience: $a }) { id } }', { t: `Chaos ${i} #chaos`, a: audience });
      if (data) acknowledged.push([data.postMessage.id, audience]);
    } else if (r < 0.85) await call(token, 'query($q: String) { searchPeople(query: $q, first: 10) { totalCount edges { node { displayName } } } }', { q: ['jan', 'berg', 'pri', 'van der', 'aisha'][i % 5] });
    else if (r < 0.95) {
      const last = acknowledged[acknowledged.length - 1 - (i % 5)];
      if (last && (last[1] === 'company' || PAYROLL.has(uid))) await call(token, 'mutation($id: ID!) { likeMessage(id: $id) { id likeCount } }', { id: last[0] });
    } else await call(token, 'query { eventsSince(lastEventId: "0") { id } }');
    await sleep(5 + Math.random() * 20);
  }
}

// Live clients: they reconnect by themselves and catch up with eventsSince from the last id they saw.
const live = [];
function socketClient(k) {
  const uid = UIDS[k % UIDS.length];
  const c = { uid, ids: new Set(), eventIds: new Set(), last: 0n, reconnects: 0, socket: null };
  const record = (eventId, type, id) => {
    if (c.eventIds.has(eventId)) return;
    c.eventIds.add(eventId);
    if (BigInt(eventId) > c.last) c.last = BigInt(eventId);
    if (type === 'message.created') c.ids.add(id);
  };
  c.catchUp = async () => {
    for (let tries = 0; tries < 50; tries++) {
      const data = await call(tokens[uid], 'query($id: ID!) { eventsSince(lastEventId: $id) { id type payload } }', { id: String(c.last) });
      if (!data) {
        await sleep(500); // the database may be down: try again
        continue;
      }
      for (const e of data.eventsSince) record(e.id, e.type, JSON.parse(e.payload).id);
      if (data.eventsSince.length < 500) return;
    }
  };
  c.socket = io(`${api.url}/realtime`, { auth: { token: tokens[uid] }, transports: ['websocket'], reconnectionDelay: 300, reconnectionDelayMax: 2000 });
  c.socket.on('message.created', (m) => record(m.eventId, 'message.created', m.id));
  let first = true;
  c.socket.on('ready', () => {
    if (first) first = false;
    else {
      c.reconnects++;
      void c.catchUp();
    }
  });
  live.push(c);
}
for (let k = 0; k < SOCKETS; k++) socketClient(k);
await sleep(1000);
{
  // Start every client at the end of the log as it is now.
  const data = await call(tokens['demo.hr'], '{ eventsSince(lastEventId: "0") { id } }');
  const start = BigInt(data?.eventsSince.at(-1)?.id ?? '0');
  for (const c of live) c.last = start;
}

/** The api's live JS heap after a full GC (SIGUSR2 → its 'memory' log line), in bytes. */
async function liveHeap() {
  const seen = (api.output().match(/"msg":"memory"/g) ?? []).length;
  api.child.kill('SIGUSR2');
  for (let i = 0; i < 100; i++) {
    await sleep(100);
    const lines = api.output().match(/\{[^\n]*"msg":"memory"[^\n]*\}/g) ?? [];
    if (lines.length > seen) return JSON.parse(lines.at(-1)).heapUsedMiB * 2 ** 20;
  }
  return null;
}

const memory = [];
const heap = {};
const sampler = setInterval(() => memory.push({ t: Date.now(), rss: rssOf(api.child.pid), fds: fdsOf(api.child.pid) }), 5000);
memory.push({ t: Date.now(), rss: rssOf(api.child.pid), fds: fdsOf(api.child.pid) });
const users = Array.from({ length: USERS }, (_, k) => user(k));
const started = Date.now();
const end = started + DURATION * 1000;
const recoveries = [];

const outage = {};
if (OUTAGE) {
  await sleep(OUTAGE_WARMUP * 1000);
  const pid = Number(readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  outage.heapBeforeMiB = Math.round((await liveHeap()) / 2 ** 20);
  outage.before = { rssMiB: Math.round(rssOf(api.child.pid) / 2 ** 20), fds: fdsOf(api.child.pid), logLines: api.lines.total, otherLines: api.lines.other };
  log(`killing PostgreSQL (SIGKILL to pid ${pid}) for ${OUTAGE} s`);
  pgDown = { since: Date.now() };
  process.kill(pid, 'SIGKILL');
  const probes = { live: [], liveFailures: 0, unavailable: [], unavailableStatuses: {}, rss: [], fds: [] };
  const until = pgDown.since + OUTAGE * 1000;
  while (Date.now() < until) {
    const t0 = performance.now();
    const live = await fetch(`${api.url}/health/live`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
    probes.live.push(performance.now() - t0);
    if (live?.status !== 200) probes.liveFailures++;
    const t1 = performance.now();
    const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens['demo.employee']}` }, body: JSON.stringify({ query: '{ me { id } }' }), signal: AbortSignal.timeout(30_000) }).catch(() => null);
    probes.unavailable.push(performance.now() - t1);
    probes.unavailableStatuses[res?.status ?? 0] = (probes.unavailableStatuses[res?.status ?? 0] ?? 0) + 1;
    probes.rss.push(rssOf(api.child.pid));
    probes.fds.push(fdsOf(api.child.pid));
    if (probes.live.length % 30 === 0) log(`down ${Math.round((Date.now() - pgDown.since) / 1000)} s: api RSS ${Math.round(probes.rss.at(-1) / 2 ** 20)} MiB, ${probes.fds.at(-1)} fds, ${api.lines.total - outage.before.logLines} log lines so far, ${api.lines.other - outage.before.otherLines} of them not access lines`);
    await sleep(1000);
  }
  outage.heapEndMiB = Math.round((await liveHeap()) / 2 ** 20);
  outage.logLinesDuring = api.lines.total - outage.before.logLines;
  outage.nonAccessLogLinesDuring = api.lines.other - outage.before.otherLines;
  for (;;) {
    try {
      pgHandle = await startEmbeddedPostgres({ dataDir: dir, fast: true, durableCommits: true, database: 'plein', port: pgPort });
      break;
    } catch (err) {
      log(`PostgreSQL did not start yet (${String(err?.message ?? err).split('\n')[0]}); again in 0.5 s`);
      await sleep(500);
    }
  }
  const back = Date.now();
  log('PostgreSQL is back (crash recovery done)');
  while ((await fetch(`${api.url}/health/ready`).catch(() => null))?.status !== 200) await sleep(50);
  outage.readyMs = Date.now() - back;
  while (!(await call(tokens['demo.employee'], '{ me { id } }'))) await sleep(50);
  outage.firstAnswerMs = Date.now() - back;
  recoveries.push({ downMs: back - pgDown.since, recoverMs: outage.firstAnswerMs });
  log(`ready again after ${outage.readyMs} ms; first GraphQL answer after ${outage.firstAnswerMs} ms`);
  outageWindows.push([pgDown.since, Date.now()]);
  pgDown = null;
  const p = (xs, q) => Math.round(pct(xs, q) ?? 0);
  outage.probes = {
    liveP50Ms: p(probes.live, 50), liveMaxMs: Math.round(Math.max(...probes.live)), liveFailures: probes.liveFailures,
    unavailableP50Ms: p(probes.unavailable, 50), unavailableMaxMs: Math.round(Math.max(...probes.unavailable)), unavailableStatuses: probes.unavailableStatuses,
    rssMaxMiB: Math.round(Math.max(...probes.rss) / 2 ** 20), rssLastMiB: Math.round(probes.rss.at(-1) / 2 ** 20),
    rssMidMiB: Math.round(probes.rss[Math.floor(probes.rss.length / 2)] / 2 ** 20),
    fdsMax: Math.max(...probes.fds), fdsLast: probes.fds.at(-1),
  };
  // Let the listeners reconnect (their backoff is capped at a few seconds), then count them.
  await sleep(10_000);
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const { rows } = await c.query(`SELECT application_name AS name, count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1 ORDER BY 1`);
  await c.end();
  outage.connectionsAfter = Object.fromEntries(rows.map((r) => [r.name || '(none)', r.n]));
  outage.reconnectLog = api.lines.marks.slice(0, 40).map((l) => JSON.parse(l));
  outage.lastNonAccessLines = api.lines.sample.slice(-15);
}
if (!SOAK && !OUTAGE) {
  let fault = 0;
  while (Date.now() + EVERY * 1000 < end) {
    await sleep(EVERY * 1000);
    if (fault++ % 2 === 0) {
      log(`stopping PostgreSQL for ${PG_DOWN} s`);
      pgDown = { since: Date.now() };
      await pgHandle.stop();
      await sleep(PG_DOWN * 1000);
      pgHandle = await startEmbeddedPostgres({ dataDir: dir, fast: true, database: 'plein', port: pgPort });
      const back = Date.now();
      // Recovered: the first successful read after PostgreSQL is back.
      while (!(await call(tokens['demo.employee'], '{ me { id } }'))) await sleep(100);
      recoveries.push({ downMs: back - pgDown.since, recoverMs: Date.now() - back });
      outageWindows.push([pgDown.since, Date.now()]);
      log(`PostgreSQL back; the api answered again after ${Date.now() - back} ms`);
      pgDown = null;
    } else {
      log(`dropping every socket connection`);
      for (const c of live) c.socket.io.engine.close();
    }
  }
}
if (SOAK && DURATION >= 150) {
  await sleep(Math.max(0, started + 60_000 - Date.now()));
  heap.firstMinute = await liveHeap();
}
await sleep(Math.max(0, end - Date.now()));
if (SOAK && DURATION >= 150) heap.end = await liveHeap();
running = false;
await Promise.all(users);
clearInterval(sampler);
memory.push({ t: Date.now(), rss: rssOf(api.child.pid) });

// ---- checks
await sleep(3000); // last live events and catch-ups
for (const c of live) if (!c.socket.connected) await sleep(2000);
for (const c of live) await c.catchUp();
const check = new pg.Client({ connectionString: dbUrl });
await check.connect();
const ackIds = acknowledged.map(([id]) => id);
const { rows: [{ n: stored }] } = await check.query('SELECT count(*)::int AS n FROM messages WHERE id = ANY($1::uuid[])', [ackIds]);
await check.end();
const missed = live.map((c) => {
  const expected = acknowledged.filter(([, a]) => a === 'company' || PAYROLL.has(c.uid)).map(([id]) => id);
  const leaked = acknowledged.filter(([id, a]) => a === 'employees' && !PAYROLL.has(c.uid) && c.ids.has(id)).length;
  return { uid: c.uid, expected: expected.length, missing: expected.filter((id) => !c.ids.has(id)).length, leaked, reconnects: c.reconnects };
});
for (const c of live) c.socket.close();

const errorsOutside = stats.errors.filter((e) => !outageWindows.some(([a, b]) => e.at >= a && e.at <= b + 2000));
const five00 = stats.errors.filter((e) => e.status >= 500 && e.status !== 503).length;
const firstMinute = memory.filter((m) => m.t <= started + 90_000 && m.t >= started + 30_000);
const lastMinute = memory.filter((m) => m.t >= end - 60_000);
const avg = (xs) => xs.reduce((a, m) => a + m.rss, 0) / Math.max(1, xs.length);
const growth = firstMinute.length && lastMinute.length && DURATION >= 150 ? avg(lastMinute) - avg(firstMinute) : null;
const heapGrowth = heap.firstMinute != null && heap.end != null ? heap.end - heap.firstMinute : null;
const checks = {
  'every acknowledged write is stored': stored === ackIds.length,
  'no 500 responses (503 only while PostgreSQL is down)': five00 === 0,
  'no error responses outside outages': errorsOutside.length === 0,
  'every live client got every message it may read': missed.every((m) => m.missing === 0),
  'no live client got a message it may not read': missed.every((m) => m.leaked === 0),
  ...(SOAK
    ? {
        [`memory growth within ${opts['memory-bound-mib']} MiB`]: growth === null ? null : growth <= MEMORY_BOUND,
        // The leak check proper: live objects after a full GC, at minute 1 and at the end under the same load.
        [`live JS heap growth within ${opts['heap-bound-mib']} MiB`]: heapGrowth === null ? null : heapGrowth <= Number(opts['heap-bound-mib']) * 2 ** 20,
      }
    : { 'the api recovered after every outage': recoveries.length > 0 }),
  ...(OUTAGE
    ? {
        'the api process survived': api.child.exitCode === null && api.child.signalCode === null,
        '/health/live answered (200, within 1 s) throughout the outage': outage.probes.liveFailures === 0 && outage.probes.liveMaxMs <= 1000,
        'work that needs the database answered 503 within 5 s': Object.keys(outage.probes.unavailableStatuses).every((s) => s === '503') && outage.probes.unavailableMaxMs <= 5000,
        [`ready within ${opts['ready-within']} of PostgreSQL's return`]: outage.readyMs <= seconds(opts['ready-within']) * 1000,
        [`api RSS during the outage within ${opts['rss-bound-mib']} MiB of before`]: outage.probes.rssMaxMiB - outage.before.rssMiB <= Number(opts['rss-bound-mib']),
        // Bounded, not growing: the second half of the outage adds (almost) nothing, and live objects don't pile up.
        'api RSS flat in the second half of the outage (within 32 MiB)': outage.probes.rssLastMiB - outage.probes.rssMidMiB <= 32,
        [`live JS heap after a full GC grew by at most ${opts['heap-bound-mib']} MiB over the outage`]: outage.heapEndMiB - outage.heapBeforeMiB <= Number(opts['heap-bound-mib']),
        [`open file descriptors within ${opts['fd-bound']} of before`]: outage.probes.fdsMax - outage.before.fds <= Number(opts['fd-bound']),
        'one LISTEN connection each (relay, Socket.IO adapter) afterwards':
          outage.connectionsAfter['plein-realtime-relay'] === 1 && outage.connectionsAfter['plein-io-adapter-listen'] === 1,
        // Besides the access log (one line per request, as always): a few lines, not one per retry.
        'the outage was logged in a few lines, not one per retry': outage.nonAccessLogLinesDuring <= Math.max(60, OUTAGE / 2),
      }
    : {}),
};
const report = {
  mode: SOAK ? 'soak' : OUTAGE ? 'outage' : 'faults', outage: OUTAGE ? { seconds: OUTAGE, ...outage, reconnectLogLines: api.lines.marks.length } : undefined, seconds: DURATION, users: USERS, sockets: SOCKETS, at: new Date().toISOString(),
  machine: { cores: os.cpus().length, loadAverage: os.loadavg()[0], node: process.version },
  requests: stats.requests, requestsPerSecond: Math.round(stats.requests / DURATION), byStatus: stats.byStatus, connectionFailures: stats.failures,
  latencyMs: { p50: pct(stats.latency, 50), p99: pct(stats.latency, 99) },
  errors: stats.errors.length, errorsOutsideOutages: errorsOutside.length, sampleErrors: errorsOutside.slice(0, 5),
  acknowledgedWrites: ackIds.length, storedWrites: stored, recoveries, live: missed,
  liveHeapAfterGcMiB: { firstMinute: heap.firstMinute == null ? null : Math.round(heap.firstMinute / 2 ** 20), end: heap.end == null ? null : Math.round(heap.end / 2 ** 20) },
  memoryMiB: { start: Math.round(memory[0].rss / 2 ** 20), end: Math.round(memory.at(-1).rss / 2 ** 20), max: Math.round(Math.max(...memory.map((m) => m.rss)) / 2 ** 20), growthFirstToLastMinute: growth === null ? null : Math.round(growth / 2 ** 20) },
  checks,
};
if (OUTAGE) {
  console.log(`\nOutage of ${OUTAGE} s: before RSS ${outage.before.rssMiB} MiB, live heap ${outage.heapBeforeMiB} MiB, ${outage.before.fds} fds; during: RSS mid ${outage.probes.rssMidMiB} max ${outage.probes.rssMaxMiB} MiB, live heap at the end ${outage.heapEndMiB} MiB, fds max ${outage.probes.fdsMax}; /health/live p50 ${outage.probes.liveP50Ms} ms max ${outage.probes.liveMaxMs} ms; 503 p50 ${outage.probes.unavailableP50Ms} ms max ${outage.probes.unavailableMaxMs} ms ${JSON.stringify(outage.probes.unavailableStatuses)}`);
  console.log(`log lines during the outage ${outage.logLinesDuring}, of which ${outage.nonAccessLogLinesDuring} not access lines (reconnect/queue lines ${api.lines.marks.length}); ready ${outage.readyMs} ms after PostgreSQL's return; connections afterwards ${JSON.stringify(outage.connectionsAfter)}`);
  for (const l of outage.reconnectLog.filter((x) => /restored|failures/.test(x.msg + JSON.stringify(x))).slice(-6)) console.log(`  ${JSON.stringify(l)}`);
}
console.log(`\n${SOAK ? 'Soak' : OUTAGE ? 'Outage' : 'Faults'}: ${stats.requests} requests in ${DURATION} s (${report.requestsPerSecond}/s), statuses ${JSON.stringify(stats.byStatus)}, p50 ${report.latencyMs.p50?.toFixed(1)} ms, p99 ${report.latencyMs.p99?.toFixed(1)} ms`);
console.log(`writes acknowledged ${ackIds.length}, stored ${stored}; recoveries ${JSON.stringify(recoveries)}`);
console.log(`memory (api RSS) MiB: start ${report.memoryMiB.start}, end ${report.memoryMiB.end}, max ${report.memoryMiB.max}, growth first→last minute ${report.memoryMiB.growthFirstToLastMinute ?? 'n/a (needs a run of 150 s or more)'}`);
if (SOAK) console.log(`live JS heap after a full GC MiB: minute 1 ${report.liveHeapAfterGcMiB.firstMinute ?? 'n/a'}, end ${report.liveHeapAfterGcMiB.end ?? 'n/a'}`);
for (const [name, ok] of Object.entries(checks)) console.log(`${ok === null ? 'n/a ' : ok ? 'ok  ' : 'FAIL'} ${name}`);
mkdirSync(opts.out, { recursive: true });
writeFileSync(path.join(opts.out, `chaos-${report.mode}.json`), JSON.stringify(report, null, 2) + '\n');

const exited = new Promise((r) => api.child.once('exit', r));
api.child.kill('SIGTERM');
const code = await exited;
await pgHandle.stop();
rmSync(dir, { recursive: true, force: true });
if (code !== 0) console.log(`FAIL the api exited with ${code} after SIGTERM`);
process.exit(Object.values(checks).every((ok) => ok !== false) && code === 0 ? 0 : 1);
