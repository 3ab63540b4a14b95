import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MixedList, EntitySchema } from 'typeorm';
import { APP_CONFIG } from './config/config.module.js';
import type { ResolvedConfig } from './config/resolved-config.js';
import { INTERACTIVE_PG_OPTIONS, ReadReplicas } from './database/read-replicas.service.js';
import { QUEUE_WORKER_ENABLED, QueueService } from './queue/queue.service.js';
import { RateLimiterService } from './rate-limit/rate-limiter.service.js';

export interface CoreModuleOptions {
  config: ResolvedConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  /** Does this process run background jobs? */
  workerEnabled: boolean;
  /** Connections in this process's pool. */
  poolSize?: number;
  /** Let PostgreSQL use parallel workers for this process's queries (the job worker's rollups); see INTERACTIVE_PG_OPTIONS. */
  parallelQueries?: boolean;
}

/**
 * Config, the database connection (migrations are run at boot, never synchronize), the job queue
 * and rate limiting: what every app and every domain lib stands on.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.config.databaseUrl,
          entities: options.entities,
          synchronize: false,
          uuidExtension: 'pgcrypto',
          migrationsRun: false,
          logging: ['error'],
          extra: {
            max: options.poolSize ?? options.config.databasePoolSize,
            // Fail fast instead of hanging when Postgres is gone; /health/ready reports it.
            connectionTimeoutMillis: 5000,
            ...(options.parallelQueries ? {} : { options: INTERACTIVE_PG_OPTIONS }),
            statement_timeout: 30_000,
          },
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: QUEUE_WORKER_ENABLED, useValue: options.workerEnabled },
        QueueService,
        RateLimiterService,
        ReadReplicas,
      ],
      exports: [APP_CONFIG, QUEUE_WORKER_ENABLED, QueueService, RateLimiterService, ReadReplicas],
    };
  }
}
