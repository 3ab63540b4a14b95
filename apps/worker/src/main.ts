import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, createLogger, loadConfig, nestLogger } from '@plein/core';
import { prepareDatabase, resolveInfrastructure } from '../../api/src/bootstrap.js';
import { WorkerModule } from './worker.module.js';

/**
 * `npm run start:worker`: background jobs from the Postgres queue (pg-boss). In production it runs
 * beside the api nodes; in the embedded default the api runs the same jobs in-process (WORKER_INLINE).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // No HTTP here, so no request context: nestjs-pino's Logger straight over the process's pino.
  const logger = nestLogger(createLogger({ level: config.logLevel, nodeEnv: config.nodeEnv }));
  // The worker never serves logins, so it needs no directory of its own.
  const { resolved, pg, ldap } = await resolveInfrastructure({ ...config, ldap: { ...config.ldap, url: config.ldap.url ?? 'ldap://127.0.0.1:1' } }, logger);
  await prepareDatabase(resolved, logger);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(resolved), { logger });
  await app.init();
  logger.log({ msg: 'worker ready' }, 'Worker');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: `received ${signal}, finishing running jobs` }, 'Worker');
    setTimeout(() => process.exit(1), 20_000).unref();
    app
      .close()
      .then(async () => {
        await ldap?.stop();
        if (pg?.owned) await pg.stop();
      })
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `Worker failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
