/**
 * The one list of entities and migrations, used by the apps, the typeorm CLI (data-source.ts)
 * and the tests. Migrations are imported explicitly (not globbed) so they also load under jest.
 */
import type { DataSourceOptions } from 'typeorm';
import { RateLimitBucket } from './libs/core/src/database/rate-limit-bucket.entity.js';
import { Department } from './libs/directory/src/entities/department.entity.js';
import { Follow } from './libs/directory/src/entities/follow.entity.js';
import { PersonProfile } from './libs/directory/src/entities/person-profile.entity.js';
import { Photo, PhotoVariant } from './libs/directory/src/entities/photo.entity.js';
import { ProfileField, ProfileFieldValue } from './libs/directory/src/entities/profile-field.entity.js';
import { Person } from './libs/directory/src/entities/person.entity.js';
import { Session } from './libs/identity/src/entities/session.entity.js';
import { Upload } from './libs/uploads/src/upload.entity.js';
import { MIGRATIONS } from './migrations/index.js';

export const ENTITIES = [
  Department,
  Person,
  PersonProfile,
  Follow,
  ProfileField,
  ProfileFieldValue,
  Photo,
  PhotoVariant,
  Session,
  RateLimitBucket,
  Upload,
];

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
