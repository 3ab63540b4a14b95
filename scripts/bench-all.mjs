// npm run bench — every benchmark in one go: each scripts/bench-*.mjs runs as its own process (its own
// throwaway embedded PostgreSQL), prints its tables as before and one `BENCH_JSON:` line, which this
// script collects into one table: each figure next to its baseline from the same run and the target.
// Written to bench-results/bench.json and bench-results/bench.md.
//
//   npm run bench                      the issue's sizes (long: tens of minutes on 2 cores)
//   npm run bench -- --quick           small sizes, a few minutes: checks that everything runs, not the targets
//   npm run bench -- --only feed,search
//   PLEIN_DIST=dist/apps/api           where the build lives (npm run bench builds first)
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string', default: 'bench-results' },
  },
});

// Sizes per benchmark: the issue's (full) and a smoke-test size (quick). Each script keeps its own options.
const BENCHES = [
  { name: 'startup', script: 'bench-startup.mjs', full: { args: ['3'] }, quick: { args: ['1'] } },
  {
    name: 'feed', script: 'bench-feed.mjs',
    full: { args: ['--people', '20000', '--messages', '2000000', '--sockets', '5000'] },
    quick: { args: ['--people', '500', '--messages', '20000', '--follows', '50', '--requests', '100', '--post-seconds', '2', '--sockets', '50'] },
  },
  {
    name: 'group', script: 'bench-group.mjs',
    full: { env: {} },
    quick: { env: { BENCH_MEMBERS: '1000', BENCH_GROUP_MESSAGES: '5000', BENCH_OTHER_MESSAGES: '10000', BENCH_REQUESTS: '100', BENCH_SOCKETS: '20' } },
  },
  { name: 'idle', script: 'bench-idle.mjs', full: { args: ['--idle', '30', '--sockets', '2000'] }, quick: { args: ['--idle', '10', '--sockets', '200'] } },
  { name: 'sockets', script: 'bench-sockets.mjs', full: { args: ['--sockets', '10000'] }, quick: { args: ['--sockets', '1000'] } },
  { name: 'search', script: 'bench-search.mjs', full: { env: {} }, quick: { env: { BENCH_PEOPLE: '5000', BENCH_REQUESTS: '100' } } },
  { name: 'hr-import', script: 'bench-hr-import.mjs', full: { args: ['100000'] }, quick: { args: ['5000'] } },
  { name: 'campaigns', script: 'bench-campaigns.mjs', full: { args: ['--messages', '2000000'] }, quick: { args: ['--messages', '20000', '--new', '200'] } },
  {
    name: 'insights', script: 'bench-insights.mjs',
    full: { args: ['--people', '20000', '--messages', '2000000'] },
    quick: { args: ['--people', '2000', '--messages', '100000', '--requests', '50'] },
  },
];

const only = opts.only ? new Set(opts.only.split(',').map((s) => s.trim())) : null;
if (only) for (const name of only) if (!BENCHES.some((b) => b.name === name)) {
  console.error(`unknown benchmark "${name}"; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

function run(bench) {
  const size = opts.quick ? bench.quick : bench.full;
  const args = [path.join('scripts', bench.script), ...(size.args ?? [])];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...(size.env ?? {}) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
      process.stdout.write(String(c).split('\n').filter((l) => !l.startsWith('BENCH_JSON: ')).join('\n'));
    });
    child.stderr.on('data', (c) => {
      err += c;
      process.stderr.write(c);
    });
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_JSON: '));
      const result = line ? JSON.parse(line.slice('BENCH_JSON: '.length)) : null;
      resolve({ name: bench.name, code, seconds: Math.round((performance.now() - t0) / 1000), result, error: code === 0 && result ? null : (err || out).slice(-2000) });
    });
  });
}

const fmt = (v, unit) => (v === null || v === undefined ? "—" : `${v >= 100 ? Math.round(v).toLocaleString("en") : Number.isInteger(v) ? v : v.toFixed(1)} ${unit}`);

const started = new Date();
const runs = [];
for (const bench of BENCHES) {
  if (only && !only.has(bench.name)) continue;
  console.log(`\n=== ${bench.name} (${opts.quick ? 'quick' : 'full'} size) ===`);
  runs.push(await run(bench));
}

const rows = runs.flatMap((r) => (r.result?.figures ?? []).map((f) => ({ bench: r.name, ...f })));
const lines = [
  `Plein benchmarks, ${opts.quick ? 'quick sizes (a smoke test: the targets are for the full sizes)' : "the issue's sizes"}, ${started.toISOString()}`,
  `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average at the end ${os.loadavg()[0].toFixed(1)}`,
  '',
  '| benchmark | figure | measured | baseline (same run) | target | met |',
  '| --- | --- | ---: | --- | --- | --- |',
  ...rows.map((f) => `| ${f.bench} | ${f.name} | ${fmt(f.value, f.unit)} | ${f.baseline === null ? '—' : `${fmt(f.baseline, f.unit)} (${f.baselineName})`} | ${f.targetText ?? (f.target === null ? '—' : fmt(f.target, f.unit))} | ${f.met === null ? '—' : f.met ? 'yes' : 'NO'} |`),
];
const failed = runs.filter((r) => r.error);
for (const f of failed) lines.push('', `${f.name}: FAILED (exit ${f.code}); last output:`, '```', f.error.trim(), '```');
const report = lines.join('\n');
console.log(`\n${report}`);

mkdirSync(opts.out, { recursive: true });
const json = {
  startedAt: started.toISOString(), finishedAt: new Date().toISOString(), quick: opts.quick,
  machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg() },
  runs: runs.map((r) => ({ name: r.name, exitCode: r.code, seconds: r.seconds, sizes: r.result?.sizes ?? null, error: r.error })),
  figures: rows,
};
writeFileSync(path.join(opts.out, 'bench.json'), JSON.stringify(json, null, 2) + '\n');
writeFileSync(path.join(opts.out, 'bench.md'), report + '\n');
console.log(`\nWritten: ${path.join(opts.out, 'bench.json')}, ${path.join(opts.out, 'bench.md')}`);
process.exit(failed.length ? 1 : 0);
