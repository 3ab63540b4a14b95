// npm run bench:idle — the api's memory at rest, as `npm start` runs it: the built api started with
// the `start` script's own node flags, against the embedded PostgreSQL and LDAP of the default setup
// (worker inline), once on an empty data directory (initdb, migrations, demo seed) and once warm
// (data present). After `--idle` seconds with nobody connected it reads the process's RSS from
// /proc and its V8 heap (SIGUSR2 makes the api log a `memory` line; no forced GC: what an operator
// would see). Then `--sockets` authenticated Socket.IO clients connect and sit idle, and the RSS
// growth per connection is reported (target: at most 24 KiB).
// Issue target: idle RSS after start at most 150 MB. Uses the built app (npm run build first).
//
// Options: --idle S (30)  --sockets N (2000, 0 = skip)  --runs N (1 warm start; the median is kept)
//          --node-flags="…" or BENCH_NODE_FLAGS (extra node flags before the start script's, to try V8 settings)
// The idle figures are read before any collection is asked for; then SIGUSR2 makes the api run a
// memory-reducing full collection and log its heap, for the figures "after a full GC" and the
// growth per idle socket (measured after one on both sides, so garbage does not count).
// Prints a BENCH_JSON line for `npm run bench` (scripts/bench-all.mjs).
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import { figure, reportResult } from './bench-support.mjs';

const { values: opts } = parseArgs({
  options: {
    idle: { type: 'string', default: '30' },
    sockets: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '1' },
    'node-flags': { type: 'string', default: '' },
  },
});
const IDLE_S = Number(opts.idle);
const SOCKETS = Number(opts.sockets);
const RUNS = Math.max(1, Number(opts.runs));
const MB = 1e6;
const MiB = 2 ** 20;

/** `npm start`'s own command line: node, its flags, the entry. Measured exactly as it is run. */
function startCommand() {
  const start = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts.start;
  const words = start.trim().split(/\s+/);
  if (words[0] !== 'node') throw new Error(`the start script does not begin with node: ${start}`);
  const extra = [...opts['node-flags'].split(/\s+/), ...(process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/)].filter(Boolean);
  return [...extra, ...words.slice(1)];
}

const rssOf = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function startApi(dataDir) {
  const args = startCommand();
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', PLEIN_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const memoryLines = [];
  child.stdout.setEncoding('utf8');
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      let nl;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        const ready = /"msg":"Plein is ready","url":"([^"]+)"/.exec(line);
        if (ready) resolve(ready[1]);
        if (line.includes('"msg":"memory"')) memoryLines.push(JSON.parse(line));
      }
    });
    child.once('exit', (code) => reject(new Error(`the api exited with ${code} before it was ready`)));
  });
  const readyMs = performance.now() - t0;
  /** The heap as the api sees it (SIGUSR2 → one `memory` log line). */
  const heap = async () => {
    const before = memoryLines.length;
    child.kill('SIGUSR2');
    for (let i = 0; i < 50 && memoryLines.length === before; i++) await sleep(100);
    return memoryLines.at(-1);
  };
  /** RSS sampled once a second for `seconds`; the median of the last half (the process at rest). */
  const restingRss = async (seconds) => {
    const samples = [];
    for (let i = 0; i < seconds; i++) {
      await sleep(1000);
      samples.push(rssOf(child.pid));
    }
    return median(samples.slice(Math.floor(samples.length / 2)));
  };
  const stop = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, url, readyMs, heap, restingRss, stop, args };
}

async function connectIdleSockets(url, n) {
  const res = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo.employee', password: 'plein-demo' }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const { accessToken } = await res.json();
  const sockets = [];
  for (let i = 0; i < n; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, n - i) }, () =>
        new Promise((resolve, reject) => {
          const s = io(`${url}/realtime`, { auth: { token: accessToken }, transports: ['websocket'], reconnection: false, timeout: 60_000 });
          s.once('ready', resolve);
          s.once('connect_error', reject);
          sockets.push(s);
        }),
      ),
    );
  }
  return sockets;
}

const root = path.join(os.tmpdir(), 'plein-bench');
mkdirSync(root, { recursive: true, mode: 0o755 });
const dir = mkdtempSync(path.join(root, 'idle-'));
chmodSync(dir, 0o755); // embedded PostgreSQL runs as another user when we are root
const rows = [];
let perSocketKiB;
const warmRss = [];
/** Idle RSS as found, then a full GC (SIGUSR2) and the RSS right after it. */
async function measure(api, name, readyMs) {
  const rss = await api.restingRss(IDLE_S);
  const heap = await api.heap();
  await sleep(1000);
  const row = { name, readyMs, rss, heap, rssAfterGc: rssOf(api.child.pid) };
  rows.push(row);
  return row;
}
try {
  const first = await startApi(dir);
  console.log(`api: node ${first.args.join(' ')}`);
  await measure(first, 'first start (initdb, migrations, demo seed), idle', first.readyMs);
  await first.stop();
  let lastWarm;
  for (let r = 0; r < RUNS; r++) {
    const warm = await startApi(dir);
    warmRss.push((await measure(warm, `warm start ${r + 1}, idle`, warm.readyMs)).rss);
    if (r < RUNS - 1) await warm.stop();
    else lastWarm = warm;
  }
  if (SOCKETS > 0) {
    const before = rows.at(-1).rssAfterGc;
    const sockets = await connectIdleSockets(lastWarm.url, SOCKETS);
    const row = await measure(lastWarm, `warm, ${SOCKETS} idle authenticated sockets`);
    perSocketKiB = (row.rssAfterGc - before) / 1024 / SOCKETS;
    for (const s of sockets) s.close();
  }
  await lastWarm.stop();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`\nIdle api memory (${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; idle ${IDLE_S} s)\n`);
console.log('| state | ready ms | RSS MB at rest | V8 heap used / total MiB | after a full GC: RSS MB | heap used / total MiB |\n| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(`| ${r.name} | ${r.readyMs ? Math.round(r.readyMs) : ''} | ${(r.rss / MB).toFixed(1)} | ${r.heap?.heapUsedBeforeGcMiB ?? ''} / ${r.heap?.heapTotalBeforeGcMiB ?? ''} | ${(r.rssAfterGc / MB).toFixed(1)} | ${r.heap?.heapUsedMiB ?? ''} / ${r.heap?.heapTotalMiB ?? ''} |`);
}
const warm = median(warmRss);
console.log(`\nTarget: idle RSS after a warm start at most 150 MB: ${warm <= 150 * MB ? 'met' : 'NOT met'} (${(warm / MB).toFixed(1)} MB)`);
if (perSocketKiB !== undefined) console.log(`Target: at most 24 KiB per idle socket: ${perSocketKiB <= 24 ? 'met' : 'NOT met'} (${perSocketKiB.toFixed(1)} KiB RSS growth per socket after a full GC, ${SOCKETS} sockets)`);
reportResult('idle', [
  figure('idle.rss.first.mb', 'api RSS at rest after a first start (initdb, migrations, demo seed)', rows[0].rss / MB, 'MB', 'lower', { target: 150, targetText: '≤ 150 MB' }),
  figure('idle.rss.warm.mb', 'api RSS at rest after a warm `npm start`', warm / MB, 'MB', 'lower', { target: 150, targetText: '≤ 150 MB' }),
  ...(perSocketKiB !== undefined ? [figure('idle.socket.kib', `RSS growth per idle authenticated socket (${SOCKETS} sockets, after a full GC)`, perSocketKiB, 'KiB', 'lower', { target: 24, targetText: '≤ 24 KiB' })] : []),
], { sizes: { idleSeconds: IDLE_S, sockets: SOCKETS } });
process.exit(0);
