// npm run bench:sockets — many connected Socket.IO clients on ONE api process: memory per idle
// authenticated connection and the time from a post until every socket that may see it has it,
// next to a bare Socket.IO server (same clients, same payload, same machine, same run).
// The servers run in child processes (scripts/bench-sockets-server.mjs) so their memory is theirs
// alone; the clients all live in this process. Uses the built app (npm run build first).
// Issue targets: 10,000 sockets, delivery p99 ≤ 500 ms (5,000 sockets: ≤ 250 ms), ≤ 24 KiB per
// idle authenticated connection.
//
// Options: --sockets N (10000)  --rounds N (5, posts per audience)  --batch N (250, connects in flight)
// Prints a BENCH_JSON line for `npm run bench` (scripts/bench-all.mjs).
import os from 'node:os';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import { apiNodeFlags, figure, forkServer, pct, reportResult, startBenchDatabase } from './bench-support.mjs';

const { values: opts } = parseArgs({
  options: {
    sockets: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '5' },
    batch: { type: 'string', default: '250' },
  },
});
const SOCKETS = Number(opts.sockets);
const ROUNDS = Number(opts.rounds);
const BATCH = Number(opts.batch);
async function startServer(mode, env) {
  const server = await forkServer('./bench-sockets-server.mjs', mode === 'api' ? [mode, JSON.stringify(env)] : [mode], {
    execArgv: [...(mode === 'api' ? apiNodeFlags() : []), '--expose-gc'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return { ...server, mem: () => server.ask({ cmd: 'mem' }, 'mem') };
}

async function connectAll(url, tokenFor) {
  const sockets = [];
  const t0 = performance.now();
  for (let i = 0; i < SOCKETS; i += BATCH) {
    await Promise.all(
      Array.from({ length: Math.min(BATCH, SOCKETS - i) }, (_, j) => {
        const { token, who } = tokenFor(i + j);
        return new Promise((resolve, reject) => {
          const s = io(`${url}/realtime`, { auth: { token }, transports: ['websocket'], reconnection: false, timeout: 60_000 });
          s.once('ready', resolve);
          s.once('connect_error', reject);
          sockets.push({ s, who });
        });
      }),
    );
  }
  return { sockets, connectMs: performance.now() - t0 };
}

/** Sends once, then collects the arrival time at each socket that should get it (and counts leaks). */
async function deliver(sockets, shouldGet, send) {
  const expected = sockets.filter(shouldGet).length;
  const times = [];
  let leaks = 0;
  let payload;
  const start = performance.now();
  const done = new Promise((resolve) => {
    for (const x of sockets) {
      x.s.once('message.created', (p) => {
        payload ??= p;
        if (!shouldGet(x)) leaks++;
        times.push(performance.now() - start);
        if (times.length === expected) resolve();
      });
    }
    setTimeout(resolve, 20_000);
  });
  await send();
  await done;
  await new Promise((r) => setTimeout(r, 300));
  for (const { s } of sockets) s.removeAllListeners('message.created');
  return { expected, times, leaks, payload };
}

const kib = (bytes) => bytes / 1024;
let bench;
let api;
let bare;
let sockets = [];
try {
  bench = await startBenchDatabase('sockets');
  api = await startServer('api', {
    NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: bench.url, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    SEED_DEMO: 'false', WORKER_INLINE: 'false', LOG_LEVEL: 'error', ACCESS_TOKEN_TTL_SECONDS: '3600', POST_RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_RATE_LIMIT_PER_IP: '100000', LOGIN_RATE_LIMIT_PER_USER: '100000', PLEIN_DATA_DIR: bench.dir, PATH: process.env.PATH,
  });
  const login = async (username) => {
    const res = await fetch(`${api.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'plein-demo' }) });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const employee = await login('demo.employee');
  const contractor = await login('demo.contractor');
  const gql = async (query, variables) => {
    const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${employee.accessToken}` }, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const POST = `mutation P($input: PostMessageInput!) { postMessage(input: $input) { id } }`;
  await gql(POST, { input: { text: 'Opwarmen', audience: 'company' } });

  // --- the api: memory, then delivery by audience -------------------------------------------------
  const apiBefore = await api.mem();
  ({ sockets } = await connectAll(api.url, (i) => (i % 4 === 3 ? { token: contractor.accessToken, who: 'contractor' } : { token: employee.accessToken, who: 'employee' })).then((r) => {
    console.log(`api: ${SOCKETS} authenticated sockets connected in ${Math.round(r.connectMs)} ms`);
    return r;
  }));
  await new Promise((r) => setTimeout(r, 2000));
  const apiAfter = await api.mem();
  const apiRows = [];
  let samplePayload;
  for (const audience of ['company', 'employees']) {
    const all = [];
    let leaks = 0;
    let expected = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const res = await deliver(sockets, (x) => audience === 'company' || x.who === 'employee', () =>
        gql(POST, { input: { text: `Live naar ${audience}, ronde ${r + 1}: de storing in regio Utrecht is verholpen.`, audience } }),
      );
      samplePayload ??= res.payload;
      all.push(...res.times);
      leaks += res.leaks;
      expected += res.expected;
    }
    apiRows.push({ path: `api: postMessage → message.created (${audience})`, expected, received: all.length, p50: pct(all, 50), p99: pct(all, 99), leaks });
  }
  for (const { s } of sockets) s.close();
  sockets = [];
  api.send({ cmd: 'stop' });

  // --- the bare baseline: same clients, same payload ------------------------------------------------
  bare = await startServer('bare');
  const bareBefore = await bare.mem();
  ({ sockets } = await connectAll(bare.url, () => ({ token: 'bare', who: 'employee' })));
  await new Promise((r) => setTimeout(r, 2000));
  const bareAfter = await bare.mem();
  const bareTimes = [];
  let bareExpected = 0;
  for (let r = 0; r < ROUNDS * 2; r++) {
    const res = await deliver(sockets, () => true, async () => bare.send({ cmd: 'emit', payload: samplePayload }));
    bareTimes.push(...res.times);
    bareExpected += res.expected;
  }
  const bareRow = { path: 'bare Socket.IO: room broadcast (IPC → emit)', expected: bareExpected, received: bareTimes.length, p50: pct(bareTimes, 50), p99: pct(bareTimes, 99), leaks: 0 };

  const memRows = [
    { path: 'api (authenticated, rooms by policy)', rss: kib(apiAfter.rss - apiBefore.rss) / SOCKETS, heap: kib(apiAfter.heapUsed - apiBefore.heapUsed) / SOCKETS },
    { path: 'bare Socket.IO', rss: kib(bareAfter.rss - bareBefore.rss) / SOCKETS, heap: kib(bareAfter.heapUsed - bareBefore.heapUsed) / SOCKETS },
  ];

  console.log(`\nSockets: ${SOCKETS} clients on one server process, ${ROUNDS} posts per audience; ${os.cpus().length} cores, Node ${process.version}\n`);
  console.log('| delivery | expected | received | p50 ms | p99 ms | leaked to non-payroll |\n| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of [...apiRows, bareRow]) console.log(`| ${r.path} | ${r.expected} | ${r.received} | ${r.p50?.toFixed(1)} | ${r.p99?.toFixed(1)} | ${r.leaks} |`);
  console.log('\n| memory per idle connection | RSS KiB | JS heap KiB |\n| --- | ---: | ---: |');
  for (const m of memRows) console.log(`| ${m.path} | ${m.rss.toFixed(1)} | ${m.heap.toFixed(1)} |`);
  const worst = Math.max(...apiRows.map((r) => r.p99));
  const target = SOCKETS >= 10_000 ? 500 : 250;
  console.log(`\nTargets: delivery p99 ≤ ${target} ms: ${worst <= target ? 'met' : 'NOT met'} (${worst.toFixed(1)} ms); ≤ 24 KiB per idle connection: ${memRows[0].rss <= 24 ? 'met' : 'NOT met'} (${memRows[0].rss.toFixed(1)} KiB RSS)`);
  reportResult('sockets', [
    figure('sockets.memory.kib', `memory per idle authenticated connection (api RSS growth, ${SOCKETS} sockets)`, memRows[0].rss, 'KiB', 'lower', { baseline: memRows[1].rss, baselineName: 'bare Socket.IO server', target: 24, targetText: '≤ 24 KiB' }),
    figure('sockets.memory.heap.kib', `JS heap per idle authenticated connection (${SOCKETS} sockets)`, memRows[0].heap, 'KiB', 'lower', { baseline: memRows[1].heap, baselineName: 'bare Socket.IO server', target: 24, targetText: '≤ 24 KiB' }),
    figure('sockets.live.p99', `message.created to ${SOCKETS} sockets, p99 (worst audience)`, worst, 'ms', 'lower', { baseline: bareRow.p99, baselineName: 'bare Socket.IO emit to a room', target, targetText: `≤ ${target} ms` }),
    figure('sockets.live.leaks', 'payroll-only messages received by contractors', apiRows.reduce((n, r) => n + r.leaks, 0), 'sockets', 'lower', { target: 0, targetText: '0' }),
  ], { sizes: { sockets: SOCKETS, rounds: ROUNDS } });
} finally {
  for (const { s } of sockets) s.close();
  bare?.send({ cmd: 'stop' });
  api?.child.kill();
  await bench?.stop();
}
process.exit(0);
