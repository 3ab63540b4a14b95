import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What can be reported: the name of a registered content kind with moderation (ContentKinds.reportable():
 * message, blog_post, …). Every kind can be hidden or removed, and its owner warned or suspended.
 */
export type ReportItemType = string;
export type ReportReasonValue =
  | 'harassment_or_bullying'
  | 'discrimination'
  | 'confidential_or_insider_information'
  | 'privacy_breach'
  | 'spam_or_advertising'
  | 'other';
export type ReportStatusValue = 'open' | 'dismissed' | 'actioned';
export type CaseStatusValue = 'open' | 'escalated' | 'closed';
export type ModerationActionKind = 'dismiss' | 'hide' | 'remove' | 'warn' | 'suspend' | 'escalate' | 'auto_hide' | 'appeal_upheld' | 'appeal_overturned';

/** One person's report of one item. At most one open report per reporter and item. */
@Entity('moderation_reports')
@Index(['itemType', 'itemId', 'reporterId'], { unique: true, where: `status = 'open'` })
@Index(['reporterId', 'createdAt'])
export class ModerationReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'item_type', type: 'varchar', length: 20 })
  itemType: ReportItemType;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @Column({ name: 'reporter_id', type: 'uuid' })
  reporterId: string;

  @Column({ type: 'varchar', length: 40 })
  reason: ReportReasonValue;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status: ReportStatusValue;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}

/**
 * One reported item as the queue sees it: who it is about, its group (for group admins), its state,
 * and the claim that keeps two moderators from working on it at once.
 */
@Entity('moderation_cases')
@Index(['status', 'firstReportedAt'])
export class ModerationCase {
  @PrimaryColumn({ name: 'item_type', type: 'varchar', length: 20 })
  itemType: ReportItemType;

  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId: string;

  /** The person the item belongs to (author, profile owner, photo owner, group owner). */
  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId: string | null;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status: CaseStatusValue;

  @Column({ name: 'claimed_by', type: 'uuid', nullable: true })
  claimedBy: string | null;

  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil: Date | null;

  @Column({ name: 'first_reported_at', type: 'timestamptz' })
  firstReportedAt: Date;

  /** When a moderator first acted since the case (re)opened: for "median time to first action". */
  @Column({ name: 'first_action_at', type: 'timestamptz', nullable: true })
  firstActionAt: Date | null;
}

/** A decision: on an item and/or its subject. The person's moderation record is these rows. */
@Entity('moderation_actions')
@Index(['subjectId', 'createdAt'])
export class ModerationAction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 30 })
  kind: ModerationActionKind;

  @Column({ name: 'item_type', type: 'varchar', length: 20, nullable: true })
  itemType: ReportItemType | null;

  @Column({ name: 'item_id', type: 'uuid', nullable: true })
  itemId: string | null;

  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId: string | null;

  /** Null for automatic actions (auto-hide). */
  @Column({ name: 'moderator_id', type: 'uuid', nullable: true })
  moderatorId: string | null;

  @Column({ type: 'text' })
  reason: string;

  /** For a suspension: when it ends. */
  @Column({ type: 'timestamptz', nullable: true })
  until: Date | null;

  /** Set when an appeal overturned it (a suspension then no longer applies). */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** An appeal of a removal or suspension: one per action, decided by another moderator. */
@Entity('moderation_appeals')
export class ModerationAppeal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ name: 'action_id', type: 'uuid' })
  actionId: string;

  @Column({ name: 'appellant_id', type: 'uuid' })
  appellantId: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status: 'open' | 'upheld' | 'overturned';

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}

/** Append-only: a trigger (see the migration) refuses UPDATE and DELETE. */
@Entity('moderation_audit')
export class ModerationAudit {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Null for the system (auto-hide). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 40 })
  event: string;

  @Column({ name: 'item_type', type: 'varchar', length: 20, nullable: true })
  itemType: string | null;

  @Column({ name: 'item_id', type: 'uuid', nullable: true })
  itemId: string | null;

  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;
}

/** Team settings (one row, id 1). */
@Entity('moderation_settings')
export class ModerationSettings {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  /** Hide a message automatically (pending review) after this many distinct reporters; null = off. */
  @Column({ name: 'auto_hide_threshold', type: 'integer', nullable: true })
  autoHideThreshold: number | null;
}

export const MODERATION_ENTITIES = [ModerationReport, ModerationCase, ModerationAction, ModerationAppeal, ModerationAudit, ModerationSettings];
