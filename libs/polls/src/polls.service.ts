import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUuid } from '@plein/core';
import { barrierReadSql, ContentKinds, ContentVisibility, type Actor } from '@plein/policy';
import { DataSource, type EntityManager } from 'typeorm';
import type { PollModerationStateValue, PollResultsVisibilityValue } from './entities/poll.entity.js';

/** A poll with what its visibility needs from its message. */
export interface PollRow {
  id: string;
  messageId: string;
  authorId: string;
  /** The message's audience (a poll reaches who its message reaches). */
  audience: string;
  multipleChoice: boolean;
  anonymous: boolean;
  resultsVisibility: PollResultsVisibilityValue;
  closesAt: Date;
  closedAt: Date | null;
  moderationState: PollModerationStateValue;
  moderationReason: string | null;
  createdAt: Date;
}

export interface PollOptionResult {
  id: string;
  pollId: string;
  position: number;
  label: string;
  /** Null while the reader may not see results. */
  votes: number | null;
}

export interface PollResult extends PollRow {
  closed: boolean;
  resultsVisible: boolean;
  /** People who voted; null while the reader may not see results. */
  totalVoters: number | null;
  myVoteOptionIds: string[];
  options: PollOptionResult[];
}

export const POLL_COLUMNS = `pl.id, pl.message_id AS "messageId", pl.author_id AS "authorId", pm.audience, pl.multiple_choice AS "multipleChoice",
  pl.anonymous, pl.results_visibility AS "resultsVisibility", pl.closes_at AS "closesAt", pl.closed_at AS "closedAt",
  pl.moderation_state AS "moderationState", pl.moderation_reason AS "moderationReason", pl.created_at AS "createdAt"`;
const FROM = 'polls pl JOIN messages pm ON pm.id = pl.message_id';

/**
 * Reads of polls. Who may see one is the poll content kind's rule (its message's visibility, through
 * the message kind of the contract, and the poll's own moderation state); what of it a reader sees
 * (results, voters) is decided here.
 */
@Injectable()
export class PollsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly kinds: ContentKinds,
    private readonly visibility: ContentVisibility,
  ) {}

  async find(id: string, em: EntityManager = this.db.manager, lock = false): Promise<PollRow | null> {
    if (!isUuid(id)) return null;
    const [row]: PollRow[] = await em.query(`SELECT ${POLL_COLUMNS} FROM ${FROM} WHERE pl.id = $1${lock ? ' FOR UPDATE OF pl' : ''}`, [id.toLowerCase()]);
    return row ?? null;
  }

  async byMessageIds(ids: readonly string[]): Promise<PollRow[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? this.db.query(`SELECT ${POLL_COLUMNS} FROM ${FROM} WHERE pl.message_id = ANY($1::uuid[])`, [valid]) : [];
  }

  /** The yes/no: the message is visible to the actor (message kind) and the poll is not taken down (but for its author and moderators). */
  async canSee(actor: Actor, poll: PollRow, em?: EntityManager): Promise<boolean> {
    const message = this.kinds.get('message');
    return this.visibility.canSeeModerated(actor, poll) && !!message && (await message.canSee(actor, poll.messageId, em));
  }

  isClosed(poll: Pick<PollRow, 'closedAt' | 'closesAt'>, now = new Date()): boolean {
    return !!poll.closedAt || new Date(poll.closesAt).getTime() <= now.getTime();
  }

  /** Results and the reader's own votes, for polls the caller has checked the reader may see. */
  async results(actor: Actor, polls: readonly PollRow[]): Promise<PollResult[]> {
    if (!polls.length) return [];
    const ids = polls.map((p) => p.id);
    const options: { id: string; pollId: string; position: number; label: string; votes: number }[] = await this.db.query(
      `SELECT o.id, o.poll_id AS "pollId", o.position, o.label, (SELECT count(*)::int FROM poll_votes v WHERE v.option_id = o.id) AS votes
         FROM poll_options o WHERE o.poll_id = ANY($1::uuid[]) ORDER BY o.poll_id, o.position`,
      [ids],
    );
    const mine: { pollId: string; optionId: string }[] = await this.db.query(
      `SELECT poll_id AS "pollId", option_id AS "optionId" FROM poll_votes WHERE poll_id = ANY($1::uuid[]) AND person_id = $2`,
      [ids, actor.personId],
    );
    const voters: { pollId: string; n: number }[] = await this.db.query(
      `SELECT poll_id AS "pollId", count(DISTINCT person_id)::int AS n FROM poll_votes WHERE poll_id = ANY($1::uuid[]) GROUP BY poll_id`,
      [ids],
    );
    const now = new Date();
    return polls.map((poll) => {
      const myVoteOptionIds = mine.filter((m) => m.pollId === poll.id).map((m) => m.optionId);
      const closed = this.isClosed(poll, now);
      // The author always; others after voting (after_vote) or once it closed.
      const resultsVisible = poll.authorId === actor.personId || closed || (poll.resultsVisibility === 'after_vote' && myVoteOptionIds.length > 0);
      return {
        ...poll,
        closed,
        resultsVisible,
        totalVoters: resultsVisible ? (voters.find((v) => v.pollId === poll.id)?.n ?? 0) : null,
        myVoteOptionIds,
        options: options.filter((o) => o.pollId === poll.id).map((o) => ({ ...o, votes: resultsVisible ? o.votes : null })),
      };
    });
  }

  /**
   * Who chose an option, when the poll is named and the reader sees results: nobody behind an
   * information barrier from the reader (they are counted, not named), at most 50, latest first.
   */
  async voters(actor: Actor, poll: PollResult, optionId: string): Promise<string[]> {
    if (poll.anonymous || !poll.resultsVisible) return [];
    const rows: { personId: string }[] = await this.db.query(
      `SELECT v.person_id AS "personId" FROM poll_votes v
        WHERE v.poll_id = $1 AND v.option_id = $2 AND ${barrierReadSql('$3::uuid', 'v.person_id')}
        ORDER BY v.created_at DESC, v.person_id LIMIT 50`,
      [poll.id, optionId, actor.personId],
    );
    return rows.map((r) => r.personId);
  }
}
