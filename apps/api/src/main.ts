import 'reflect-metadata';
import { ConfigError } from '@plein/core';
import { startPlein } from './bootstrap.js';

/** `npm start`: the api (and, in the embedded default, PostgreSQL, LDAP and the job worker). */
async function main(): Promise<void> {
  const plein = await startPlein();
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
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Plein failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
