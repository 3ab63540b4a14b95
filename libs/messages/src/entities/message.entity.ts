import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { LinkEntity, MentionEntity, HashtagEntity } from '../message-text.js';

export interface StoredEntities {
  links: LinkEntity[];
  mentions: (MentionEntity & { personId: string })[];
  hashtags: HashtagEntity[];
}

/**
 * A short message, a reply (root_id set: replies are one level deep) or a reshare (reshare_of_id
 * set, body = the personal note, possibly empty). Counters are kept in the same transaction as the
 * like/reply/reshare that changes them, so a feed page is one indexed read with no aggregation.
 * Deleted messages keep their row (deleted_at) for moderation and vanish from every read.
 */
@Entity('messages')
// Company feed: a backward scan, filtered by audience (a sort of every visible row took ~280 ms at 500k).
@Index(['createdAt', 'id'])
@Index(['authorId', 'createdAt', 'id'])
@Index(['audience', 'createdAt', 'id'])
@Index(['rootId', 'createdAt', 'id'])
// Full-text search with Dutch stemming; an expression index TypeORM cannot describe, made by the migration.
@Index('IDX_messages_body_dutch_fts', { synchronize: false })
// Idempotent posting: one message per author and client-generated id (migration MessageClientId).
@Index('UQ_messages_author_client_id', ['authorId', 'clientId'], { unique: true, where: '"client_id" IS NOT NULL' })
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  /** 'company' | 'employees' | 'group:<uuid>' (see parseAudience in @plein/policy). */
  @Column({ type: 'varchar', length: 100 })
  audience: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'jsonb' })
  entities: StoredEntities;

  /** The thread's root; null for a top-level message. */
  @Column({ name: 'root_id', type: 'uuid', nullable: true })
  rootId: string | null;

  /** The message the author answered (the root or one of its replies). */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ name: 'quoted_message_id', type: 'uuid', nullable: true })
  quotedMessageId: string | null;

  @Index()
  @Column({ name: 'reshare_of_id', type: 'uuid', nullable: true })
  reshareOfId: string | null;

  @Column({ name: 'like_count', type: 'integer', default: 0 })
  likeCount: number;

  @Column({ name: 'reply_count', type: 'integer', default: 0 })
  replyCount: number;

  @Column({ name: 'reshare_count', type: 'integer', default: 0 })
  reshareCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  /** Set by the moderation lib: 'hidden' (pending a decision) or 'removed'; both leave every read but the author's and moderators'. */
  @Column({ name: 'moderation_state', type: 'varchar', length: 10, default: 'visible' })
  moderationState: 'visible' | 'hidden' | 'removed';

  @Column({ name: 'moderation_reason', type: 'text', nullable: true })
  moderationReason: string | null;

  /** The id the author's app gave the post, so a retried post is stored once (PostMessageInput.clientId). */
  @Column({ name: 'client_id', type: 'uuid', nullable: true })
  clientId: string | null;
}

/** A person a message mentions (resolved @uid, active people only): drives mentionsFeed and notifications. */
@Entity('message_mentions')
@Index(['personId', 'messageId'])
export class MessageMention {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;
}

/**
 * A hashtag of a message, normalised (lower-case, NFC, accents kept). Carries the message's
 * created_at so a hashtag feed page is one index range scan, not a sort of every tagged message.
 */
@Entity('message_hashtags')
@Index(['tag', 'createdAt', 'messageId'])
// Prefix search for hashtag suggestions ("#inn" → innovatie): a varchar_pattern_ops index, made by the migration.
@Index('IDX_message_hashtags_tag_prefix', { synchronize: false })
export class MessageHashtag {
  @PrimaryColumn({ type: 'varchar', length: 400 })
  tag: string;

  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('message_likes')
@Index(['personId', 'messageId'])
export class MessageLike {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The text a message had before an edit (history kept for moderation and for "edited" views). */
@Entity('message_revisions')
export class MessageRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'jsonb' })
  entities: StoredEntities;

  /** When this text was replaced. */
  @CreateDateColumn({ name: 'replaced_at', type: 'timestamptz' })
  replacedAt: Date;
}

/**
 * An image of a message (at most 4, `position` 0-3): the upload decoded once and re-encoded as WebP
 * (at most 1600 px on its longest side), so no metadata survives and the original is not kept.
 * `alt` is the author's description for people who cannot see it (may be empty).
 */
@Entity('message_images')
@Index(['messageId', 'position'], { unique: true })
export class MessageImage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'varchar', length: 1000, default: '' })
  alt: string;

  @Column({ name: 'content_type', type: 'varchar', length: 50 })
  contentType: string;

  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  @Column({ type: 'bytea' })
  bytes: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
