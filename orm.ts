/**
 * The one list of entities and migrations, used by the apps, the typeorm CLI (data-source.ts)
 * and the tests. Migrations are imported explicitly (not globbed) so they also load under jest.
 */
import type { DataSourceOptions } from 'typeorm';
import { RateLimitBucket } from './libs/core/src/database/rate-limit-bucket.entity.js';
import { Department } from './libs/directory/src/entities/department.entity.js';
import { Person } from './libs/directory/src/entities/person.entity.js';
import { Session } from './libs/identity/src/entities/session.entity.js';
import { MIGRATIONS } from './migrations/index.js';

export const ENTITIES = [Department, Person, Session, RateLimitBucket];

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    synchronize: false,
    logging: ['error'],
  };
}
