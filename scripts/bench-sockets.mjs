// npm run bench:sockets — many idle authenticated Socket.IO connections on ONE api process (the built
// api as its own process, so its memory is measured alone): the api's RSS growth per connection, and
// the time until one company message reaches every connected socket. Baseline, same run: a bare
// Socket.IO server process (no auth, no database, no rooms by policy) with the same clients.
// Issue targets: 10,000 sockets, delivery p99 ≤ 500 ms, ≤ 24 KiB per idle authenticated connection.
//   node scripts/bench-sockets.mjs --sockets 10000
// Options: --sockets N (10000)
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import { distImport, figure, pct, reportResult } from './bench-support.mjs';

const { values: opts } = parseArgs({ options: { sockets: { type: 'string', default: '10000' } } });
const N = Number(opts.sockets);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rssOf = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

function spawnReady(args, env, pattern) {
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (c) => {
      out = (out + c).slice(-20_000);
      const m = pattern.exec(out);
      if (m) resolve({ child, url: m[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out.slice(-3000)}`)));
  });
}

/** Connects n clients in batches; resolves with them once each had its first event (`ready` or connect). */
async function connectMany(url, n, auth, readyEvent) {
  const clients = [];
  for (let i = 0; i < n; i += 250) {
    await Promise.all(Array.from({ length: Math.min(250, n - i) }, (_, j) => new Promise((resolve, reject) => {
      const s = io(url, { auth: auth(i + j), transports: ['websocket'], reconnection: false, timeout: 60_000 });
      clients.push(s);
      s.once(readyEvent, resolve);
      s.once('connect_error', reject);
    })));
  }
  return clients;
}

/** RSS before and after connecting, per connection; then one emit's delivery to all. */
async function measure(pid, url, auth, readyEvent, emit) {
  await sleep(2000);
  const before = rssOf(pid);
  const t0 = performance.now();
  const clients = await connectMany(url, N, auth, readyEvent);
  const connectMs = performance.now() - t0;
  await sleep(5000); // idle: let the server settle (and collect what it can)
  const after = rssOf(pid);
  const times = [];
  const start = performance.now();
  await new Promise((resolve) => {
    for (const c of clients) c.once('message.created', () => (times.push(performance.now() - start), times.length === N && resolve()));
    setTimeout(resolve, 30_000);
    void emit();
  });
  for (const c of clients) c.close();
  return { perConnKiB: (after - before) / N / 1024, rssMiB: after / 2 ** 20, connectMs, received: times.length, p50: pct(times, 50), p99: pct(times, 99) };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'plein-bench-sockets-'));
chmodSync(dir, 0o755);
const { startEmbeddedPostgres } = await distImport('libs/core/src/index.js');
const pgHandle = await startEmbeddedPostgres({ dataDir: dir, fast: true, database: 'plein' });
const children = [];
try {
  // ---- the api
  const api = await spawnReady(['dist/apps/api/apps/api/src/main.js'], {
    NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: pgHandle.url, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    SEED_DEMO: 'true', WORKER_INLINE: 'false', LOG_LEVEL: 'info', ACCESS_TOKEN_TTL_SECONDS: '86400', LOGIN_RATE_LIMIT_PER_IP: '100000', LOGIN_RATE_LIMIT_PER_USER: '100000',
    PLEIN_DATA_DIR: path.join(dir, 'app'),
  }, /"msg":"Plein is ready","url":"([^"]+)"/);
  children.push(api.child);
  const uids = ['demo.employee', 'demo.hr', 'demo.contractor', 'demo.freelancer', 'demo.moderator', 'demo.admin', 'demo.ceo'];
  const tokens = [];
  for (const uid of uids) {
    const res = await fetch(`${api.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: uid, password: 'plein-demo' }) });
    tokens.push((await res.json()).accessToken);
  }
  const apiResult = await measure(api.child.pid, `${api.url}/realtime`, (i) => ({ token: tokens[i % tokens.length] }), 'ready', () =>
    fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` }, body: JSON.stringify({ query: 'mutation { postMessage(input: { text: "Aan iedereen", audience: "company" }) { id } }' }) }),
  );

  // ---- the baseline: a bare Socket.IO server in its own process
  const bareSource = `
    const http = require('node:http'); const { Server } = require('socket.io');
    const server = http.createServer(); const ioServer = new Server(server);
    ioServer.of('/realtime').on('connection', (s) => s.join('audience:company'));
    server.listen(0, '127.0.0.1', () => console.log('bare ready http://127.0.0.1:' + server.address().port));
    process.on('message', () => ioServer.of('/realtime').to('audience:company').emit('message.created', { id: 'bare' }));`;
  const bare = spawn(process.execPath, ['-e', bareSource], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], cwd: process.cwd() });
  children.push(bare);
  const bareUrl = await new Promise((resolve, reject) => {
    bare.stdout.on('data', (c) => {
      const m = /bare ready (\S+)/.exec(String(c));
      if (m) resolve(m[1]);
    });
    bare.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  const bareResult = await measure(bare.pid, `${bareUrl}/realtime`, () => ({}), 'connect', async () => bare.send('emit'));

  const receivedOf = (r) => `${r.received} of ${N}`;
  console.log(`\n${N} idle Socket.IO connections on one process; ${os.cpus().length} cores, Node ${process.version}\n`);
  console.log('| server | RSS growth per connection KiB | RSS MiB | connect all ms | delivered | p50 ms | p99 ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, r] of [['Plein api (authenticated, rooms by policy)', apiResult], ['baseline: bare Socket.IO server', bareResult]]) {
    console.log(`| ${name} | ${r.perConnKiB.toFixed(1)} | ${Math.round(r.rssMiB)} | ${Math.round(r.connectMs)} | ${receivedOf(r)} | ${r.p50?.toFixed(1)} | ${r.p99?.toFixed(1)} |`);
  }
  reportResult('sockets', [
    figure('sockets.memory.kib', `memory per idle authenticated connection (api RSS growth, ${N} sockets)`, apiResult.perConnKiB, 'KiB', 'lower', { baseline: bareResult.perConnKiB, baselineName: 'bare Socket.IO server', target: 24, targetText: '≤ 24 KiB' }),
    figure('sockets.live.p99', `one company message to ${N} sockets, p99`, apiResult.p99, 'ms', 'lower', { baseline: bareResult.p99, baselineName: 'bare Socket.IO emit to a room', target: 500, targetText: '≤ 500 ms' }),
    figure('sockets.live.received', `delivered of ${N}`, apiResult.received, 'sockets', 'higher', { baseline: bareResult.received, baselineName: 'bare Socket.IO', target: N }),
  ], { sizes: { sockets: N } });
} finally {
  for (const c of children) c.kill('SIGTERM');
  await sleep(1000);
  await pgHandle.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
