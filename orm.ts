/**
 * The one list of entities and migrations, used by the apps, the typeorm CLI (data-source.ts)
 * and the tests. Migrations are imported explicitly (not globbed) so they also load under jest.
 */
import type { DataSourceOptions } from 'typeorm';
import { RateLimitBucket } from './libs/core/src/database/rate-limit-bucket.entity.js';
import { Department } from './libs/directory/src/entities/department.entity.js';
import { Follow } from './libs/directory/src/entities/follow.entity.js';
import { HrImport } from './libs/directory/src/hr-import/hr-import.entity.js';
import { PersonProfile } from './libs/directory/src/entities/person-profile.entity.js';
import { Photo, PhotoVariant } from './libs/directory/src/entities/photo.entity.js';
import { ProfileField, ProfileFieldValue } from './libs/directory/src/entities/profile-field.entity.js';
import { Person } from './libs/directory/src/entities/person.entity.js';
import { ScimExternalId, ScimToken } from './libs/directory/src/scim/scim-token.entity.js';
import { Session } from './libs/identity/src/entities/session.entity.js';
import { Upload } from './libs/uploads/src/upload.entity.js';
import { Group, GroupAnnouncement, GroupImage, GroupMembership, GroupPin } from './libs/groups/src/entities/group.entity.js';
import { Message, MessageHashtag, MessageImage, MessageLike, MessageMention, MessageRevision } from './libs/messages/src/entities/message.entity.js';
import { Notification } from './libs/notifications/src/notification.entity.js';
import { BLOG_ENTITIES } from './libs/blogs/src/entities/blog.entity.js';
import { BUSINESS_ENTITIES } from './libs/business/src/entities/business.entity.js';
import { RealtimeEvent } from './libs/realtime/src/realtime-event.entity.js';
import { MODERATION_ENTITIES } from './libs/moderation/src/entities/moderation.entity.js';
import { POLL_ENTITIES } from './libs/polls/src/entities/poll.entity.js';
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
  Group,
  GroupMembership,
  GroupPin,
  GroupAnnouncement,
  GroupImage,
  Message,
  MessageMention,
  MessageHashtag,
  MessageLike,
  MessageRevision,
  RealtimeEvent,
  Notification,
  ScimToken,
  ScimExternalId,
  HrImport,
  ...MODERATION_ENTITIES,
  ...BLOG_ENTITIES,
  ...BUSINESS_ENTITIES,
  ...POLL_ENTITIES,
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
