import { Person } from '@plein/directory';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { GroupKindValue, GroupMemberStatusValue, GroupRoleValue } from '@plein/policy';

/**
 * A community with its own feed (messages with audience `group:<id>`). Soft-deleted (deleted_at) so
 * moderation keeps the record; archived groups are read-only. `name_key` (lower-case, spaces
 * collapsed) is unique among live groups: two groups named "Fietsclub" and "fietsclub " would only
 * confuse people. `member_count` is kept in the same transaction as each membership change, so
 * "popular" needs no aggregation.
 */
@Entity('groups')
@Index(['nameKey'], { unique: true, where: 'deleted_at IS NULL' })
@Index(['memberCount', 'id'], { where: 'deleted_at IS NULL' })
@Index(['category'])
// Trigram search over plein_fold(name || ' ' || description): an expression index made by the migration.
@Index('IDX_groups_search_trgm', { synchronize: false })
export class Group {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ name: 'name_key', type: 'varchar', length: 80 })
  nameKey: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', default: '' })
  rules: string;

  @Column({ type: 'varchar', length: 20 })
  category: string;

  @Column({ type: 'varchar', length: 10 })
  kind: GroupKindValue;

  @Column({ name: 'payroll_only', type: 'boolean', default: false })
  payrollOnly: boolean;

  @Column({ name: 'avatar_image_id', type: 'uuid', nullable: true })
  avatarImageId: string | null;

  @Column({ name: 'cover_image_id', type: 'uuid', nullable: true })
  coverImageId: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'member_count', type: 'integer', default: 0 })
  memberCount: number;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  /** Set by the moderation lib: 'hidden' (pending a decision) or 'removed'. */
  @Column({ name: 'moderation_state', type: 'varchar', length: 10, default: 'visible' })
  moderationState: 'visible' | 'hidden' | 'removed';

  @Column({ name: 'moderation_reason', type: 'text', nullable: true })
  moderationReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * One row per person and group: an invitation, a join request, a membership or a ban. Declining,
 * withdrawing, leaving and removal delete the row; a ban keeps it (so the person cannot rejoin).
 */
@Entity('group_memberships')
@Index(['personId', 'status'])
@Index(['groupId', 'status', 'createdAt', 'personId'])
export class GroupMembership {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Group, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: Group;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Column({ type: 'varchar', length: 10, default: 'member' })
  role: GroupRoleValue;

  @Column({ type: 'varchar', length: 10 })
  status: GroupMemberStatusValue;

  /** Who invited, approved or banned (the last one to change the status). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** When the current status began (joined, invited, requested, banned). */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A message pinned to the top of a group's feed by a group admin. */
@Entity('group_pins')
export class GroupPin {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @ManyToOne(() => Group, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: Group;

  @Column({ name: 'pinned_by', type: 'uuid' })
  pinnedBy: string;

  @CreateDateColumn({ name: 'pinned_at', type: 'timestamptz' })
  pinnedAt: Date;
}

/**
 * A group message its admins marked as an announcement: it shows in every member's home feed
 * (the messages lib's home feed includes announced messages; the audience predicate keeps them
 * to members).
 */
@Entity('group_announcements')
export class GroupAnnouncement {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Index()
  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => Group, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: Group;

  @Column({ name: 'announced_by', type: 'uuid' })
  announcedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A group's avatar or cover, re-encoded as WebP (no metadata survives). A new one replaces the old. */
@Entity('group_images')
export class GroupImage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => Group, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: Group;

  @Column({ type: 'varchar', length: 10 })
  kind: 'avatar' | 'cover';

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
