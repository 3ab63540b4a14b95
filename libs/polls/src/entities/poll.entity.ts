import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type PollResultsVisibilityValue = 'after_vote' | 'after_close';
export type PollModerationStateValue = 'visible' | 'hidden' | 'removed';

/**
 * A poll a message carries (the message's text is the question). Visibility is the message's:
 * its audience, its author's barriers, its deletion and moderation; the poll has its own moderation
 * state on top (a moderator can take down a poll and leave the message).
 */
@Entity('polls')
@Index('IDX_polls_message', ['messageId'], { unique: true })
// The close job's scan: open polls by closing time.
@Index('IDX_polls_open_closes_at', ['closesAt'], { where: '"closed_at" IS NULL' })
export class Poll {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_polls' })
  id: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'multiple_choice', type: 'boolean', default: false })
  multipleChoice: boolean;

  /** Votes are counted, never shown by name (not even to the author). */
  @Column({ type: 'boolean', default: false })
  anonymous: boolean;

  /** after_vote: a voter sees the results once they voted; after_close: everyone once it closed. The author always. */
  @Column({ name: 'results_visibility', type: 'varchar', length: 20 })
  resultsVisibility: PollResultsVisibilityValue;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt: Date;

  /** Set by the close job (or the author closing early): the author has been told. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'moderation_state', type: 'varchar', length: 10, default: 'visible' })
  moderationState: PollModerationStateValue;

  @Column({ name: 'moderation_reason', type: 'text', nullable: true })
  moderationReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('poll_options')
@Index('IDX_poll_options_position', ['pollId', 'position'], { unique: true })
export class PollOption {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_poll_options' })
  id: string;

  @Column({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'varchar', length: 200 })
  label: string;
}

/** One row per person and chosen option (several for a multiple-choice poll). */
@Entity('poll_votes')
// Insights count votes per week.
@Index('IDX_poll_votes_created_at', ['createdAt'])
export class PollVote {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid', primaryKeyConstraintName: 'PK_poll_votes' })
  pollId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid', primaryKeyConstraintName: 'PK_poll_votes' })
  personId: string;

  @PrimaryColumn({ name: 'option_id', type: 'uuid', primaryKeyConstraintName: 'PK_poll_votes' })
  optionId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export const POLL_ENTITIES = [Poll, PollOption, PollVote];
