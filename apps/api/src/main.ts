import 'reflect-metadata';
import { ConfigError } from '@plein/core';
import type { Server } from 'node:http';
import { startPlein } from './bootstrap.js';
import { releaseMemory, releaseMemoryWhenIdle } from './memory.js';

/** `npm start`: the api (and, in the embedded default, PostgreSQL, LDAP and the job worker). */
async function main(): Promise<void> {
  const plein = await startPlein();
  // Boot's garbage back to the system now, a burst's when it is over (see memory.ts).
  releaseMemoryWhenIdle(plein.app.getHttpServer() as Server);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: `received ${signal}, shutting down` }) + '\n');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    plein.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Diagnostics: SIGUSR2 logs the process's memory before and after a memory-reducing full garbage
  // collection (`npm run chaos -- --soak` uses it to tell a leak from V8 keeping heap pages;
  // `npm run bench:idle` to read the heap and the memory per idle socket).
  process.on('SIGUSR2', () => {
    const before = process.memoryUsage();
    const collected = releaseMemory();
    const m = process.memoryUsage();
    const mib = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
    process.stdout.write(
      JSON.stringify({
        time: new Date().toISOString(), level: 'info', msg: 'memory', afterGc: collected, rssMiB: mib(m.rss), heapUsedMiB: mib(m.heapUsed), heapTotalMiB: mib(m.heapTotal), externalMiB: mib(m.external),
        heapUsedBeforeGcMiB: mib(before.heapUsed), heapTotalBeforeGcMiB: mib(before.heapTotal),
      }) + '\n',
    );
  });
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Plein failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
