import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PgBoss, type Job } from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { RepeatedErrorLog } from '../database/reconnect.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';

export const QUEUE_WORKER_ENABLED = Symbol('QUEUE_WORKER_ENABLED');

/**
 * Background jobs on Postgres (pg-boss): no extra infrastructure. Every process can send jobs;
 * only processes with the worker enabled (apps/worker, or the api with WORKER_INLINE) run them.
 * pg-boss keeps its own schema (`pgboss`) and migrates it itself.
 */
@Injectable()
export class QueueService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Queue');
  private readonly boss: PgBoss;
  private started: Promise<void> | undefined;
  private readonly queues = new Set<string>();
  private readonly errors = new RepeatedErrorLog(this.logger, 'job queue: database error', 30_000);

  constructor(
    @Inject(APP_CONFIG) config: ResolvedConfig,
    @Inject(QUEUE_WORKER_ENABLED) readonly workerEnabled: boolean,
  ) {
    this.boss = new PgBoss({
      connectionString: config.databaseUrl,
      max: 4,
      schedule: workerEnabled,
      supervise: workerEnabled,
      // Workers wake on NOTIFY when a job is created instead of waiting for the next poll (2 s):
      // notifications and other user-visible jobs land in milliseconds. Polling stays as a floor.
      useListenNotify: workerEnabled,
    });
    // While PostgreSQL is away every poll, heartbeat and maintenance run fails: say so once per 30 s
    // with a count, not once per try (pg-boss retries on its own, with its own capped backoff).
    this.boss.on('error', (err: Error) => this.errors.failed(err));
  }

  async onModuleInit(): Promise<void> {
    await this.ready();
  }

  ready(): Promise<void> {
    this.started ??= this.boss.start().then(() => undefined);
    return this.started;
  }

  private async ensureQueue(name: string): Promise<void> {
    if (this.queues.has(name)) return;
    await this.ready();
    await this.boss.createQueue(name, { notify: true }).catch((err: Error) => {
      if (!/already exists/i.test(err.message)) throw err;
    });
    this.queues.add(name);
  }

  /** `startAfter`: the job runs no earlier than this (a scheduled publication, say). */
  async send<T extends object>(name: string, data: T, options: { singletonKey?: string; startAfter?: Date } = {}): Promise<string | null> {
    await this.ensureQueue(name);
    return this.boss.send(name, data, options);
  }

  /**
   * Queues a job in the caller's transaction (its insert runs on the transaction's connection): the
   * job exists exactly when the write commits, so a crash between commit and queueing cannot lose it
   * and a rollback never leaves one behind. The queue itself is created (once) outside the transaction.
   */
  async sendIn<T extends object>(em: EntityManager, name: string, data: T, options: { singletonKey?: string; startAfter?: Date } = {}): Promise<string | null> {
    await this.ensureQueue(name);
    return this.boss.send(name, data, { ...options, db: transactionDb(em) });
  }

  /**
   * Runs `handler` for jobs of `name` when this process is a worker; otherwise does nothing.
   * `delayed`: the queue gets jobs sent with `startAfter`. NOTIFY wakes a worker when a job is sent,
   * not when it becomes due, and with NOTIFY on pg-boss polls only every 30 s; such queues keep
   * polling every 2 s so a job runs within about 2 s of its time.
   */
  async work<T>(name: string, handler: (job: Job<T>) => Promise<unknown>, options: { delayed?: boolean } = {}): Promise<void> {
    if (!this.workerEnabled) return;
    await this.ensureQueue(name);
    // NOTIFY wakes the worker at once; the 2 s backstop poll catches jobs whose wake-up arrived while
    // the worker was busy (pg-boss would otherwise wait its 30 s default) and delayed jobs falling due.
    void options.delayed;
    const polling = { pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 2, batchSize: 5 };
    // Jobs are fetched in batches, but each one is completed (or failed) on its own as soon as it has
    // run: pg-boss settles a batch as a whole, so a failure (or a stop) at the third job would
    // otherwise retry the two already done, and most handlers are not idempotent (notifications).
    await this.boss.work<T>(name, polling, async (jobs: Job<T>[]) => {
      for (const job of jobs) {
        try {
          await handler(job);
        } catch (err) {
          this.logger.warn({ msg: 'job failed', queue: name, jobId: job.id, error: err instanceof Error ? err.message : String(err) });
          await this.boss.fail(name, job.id, { message: err instanceof Error ? err.message : String(err) });
          continue;
        }
        await this.boss.complete(name, job.id);
      }
    });
  }

  /** A cron schedule; pg-boss makes sure only one job per tick is created across all nodes. */
  async schedule(name: string, cron: string): Promise<void> {
    if (!this.workerEnabled) return;
    await this.ensureQueue(name);
    await this.boss.schedule(name, cron, {});
  }

  /**
   * Before Nest's shutdown hooks close the database pools (TypeORM closes its DataSource in
   * onApplicationShutdown), so a job that is running when SIGTERM arrives finishes with its pool.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    // Graceful: stop fetching, let running handlers finish (bounded), then close the pool.
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }
}

/** pg-boss's database wrapper over a TypeORM transaction: its statements run on that connection. */
function transactionDb(em: EntityManager): { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } {
  const runner = em.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('sendIn needs the EntityManager of an open transaction');
  return {
    executeSql: async (text, values) => {
      const res = await runner.query(text, values, true);
      return { rows: res.records ?? [] };
    },
  };
}
