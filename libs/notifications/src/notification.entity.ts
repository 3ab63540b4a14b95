import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum NotificationKind {
  MENTION = 'mention',
  REPLY = 'reply',
  LIKE = 'like',
  RESHARE = 'reshare',
  FOLLOW = 'follow',
  /** Moderation acted on your content or account (no person named: moderators stay anonymous). */
  MODERATION = 'moderation',
  /** A report you made was decided. */
  REPORT_OUTCOME = 'report_outcome',
  /** A new post on a blog the recipient subscribes to (group_key blog-post:<postId>). */
  BLOG_POST = 'blog_post',
  /** A comment on the recipient's post, or a reply to their comment (group_key blog-comment:<commentId>). */
  BLOG_COMMENT = 'blog_comment',
  /** An @mention in a blog comment. */
  BLOG_MENTION = 'blog_mention',
  /** An update on an outage notice the recipient follows, or on a service they follow (group_key notice:<noticeId>). */
  NOTICE_UPDATE = 'notice_update',
  /** A new vacancy matches a saved search (group_key vacancy-match:<vacancyId>). */
  VACANCY_MATCH = 'vacancy_match',
  /** A colleague referred the recipient to a vacancy (group_key vacancy-referral:<referralId>). */
  VACANCY_REFERRAL = 'vacancy_referral',
  /** Someone is interested in a vacancy the recipient posted or is the contact for (group_key vacancy-interest:<vacancyId>). */
  VACANCY_INTEREST = 'vacancy_interest',
  /** The recipient's poll closed (group_key poll:<pollId>, on the poll's message; raised by libs/polls). */
  POLL_CLOSED = 'poll_closed',
  /** A group admin approved the recipient's request to join (group_key group-approved:<groupId>). */
  GROUP_APPROVED = 'group_approved',
}

/**
 * One in-app notification. Likes aggregate: one row per (recipient, message) through `group_key`
 * ("Sanne and 4 others liked your message"); a new like makes it unread again and moves it up.
 */
@Entity('notifications')
@Index(['recipientId', 'updatedAt', 'id'])
@Index(['recipientId', 'groupKey'], { unique: true })
// Partial index (unread, by last activity) for notification mail; created by the Mail migration.
@Index('IDX_notifications_unread_updated', { synchronize: false })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: NotificationKind;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  /** Who did it, most recent first (a few, for "Sanne, Jan and 3 others"). */
  @Column({ name: 'actor_ids', type: 'uuid', array: true })
  actorIds: string[];

  @Column({ name: 'actor_count', type: 'integer', default: 1 })
  actorCount: number;

  /** Set for aggregated kinds (like:<messageId>); null ones never merge (NULLs are distinct). */
  @Column({ name: 'group_key', type: 'varchar', length: 100, nullable: true })
  groupKey: string | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Last activity: the sort key of the list. */
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
