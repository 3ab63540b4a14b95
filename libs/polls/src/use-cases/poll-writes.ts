import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode, forbidden, notFound, QueueService } from '@plein/core';
import { actorOf, PeopleService } from '@plein/directory';
import { PostMessage, type MessageRow } from '@plein/messages';
import { isUuid } from '@plein/core';
import { NotificationKind, NotificationsService } from '@plein/notifications';
import { PolicyService, type Actor } from '@plein/policy';
import { appendLiveEvents, type LiveEvent } from '@plein/realtime';
import { DataSource, type EntityManager } from 'typeorm';
import { validatePoll, validateVote } from '../poll-validation.js';
import { PollsService, type PollRow } from '../polls.service.js';

/** Closes the polls that are due (sent at each poll's closing time, and by a cron tick every minute). */
export const POLLS_CLOSE_DUE_JOB = 'polls.close-due';
const NOT_VISIBLE = 'That poll does not exist, or you cannot see it.';
const closedError = () => new DomainError(ErrorCode.CONFLICT, 'This poll has closed.', { messageKey: 'poll.closed' });

export interface PostPollCommand {
  text: unknown;
  audience?: string | null;
  poll: { options?: unknown; multipleChoice?: unknown; anonymous?: unknown; resultsVisibility?: unknown; closesAt?: unknown };
}

/**
 * The writes of polls: a message with its poll (one transaction, through the messages lib's
 * PostMessage with an attachment), votes, and closing (early by the author, or when due, which tells
 * the author). Live events go through the realtime outbox in the same transactions.
 */
@Injectable()
export class PollWrites {
  private readonly logger = new Logger('Polls');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly polls: PollsService,
    private readonly postMessage: PostMessage,
    private readonly queue: QueueService,
    private readonly notifications: NotificationsService,
    private readonly people: PeopleService,
  ) {}

  /** A new message carrying a poll: the text is the question. Audience rules are the message's. */
  async post(actor: Actor, cmd: PostPollCommand): Promise<MessageRow> {
    const spec = validatePoll(cmd.poll ?? {});
    return this.postMessage.execute(actor, { text: cmd.text, audience: cmd.audience }, async (em, message) => {
      const [poll]: { id: string }[] = await em.query(
        `INSERT INTO polls (message_id, author_id, multiple_choice, anonymous, results_visibility, closes_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [message.id, actor.personId, spec.multipleChoice, spec.anonymous, spec.resultsVisibility, spec.closesAt],
      );
      await em.query(`INSERT INTO poll_options (poll_id, position, label) SELECT $1, t.i - 1, t.label FROM unnest($2::text[]) WITH ORDINALITY AS t(label, i)`, [poll.id, spec.options]);
      await this.queue.sendIn(em, POLLS_CLOSE_DUE_JOB, {}, { startAfter: spec.closesAt });
    });
  }

  /**
   * Votes (replacing the actor's earlier choice). NOT_FOUND when the actor may not see the poll;
   * FORBIDDEN when moderation took it down (its author and moderators still see it) or a barrier
   * forbids interacting with its author; CONFLICT once it has closed.
   */
  async vote(actor: Actor, pollId: string, optionIds: unknown): Promise<PollRow> {
    this.policy.assert(actor, 'message.read');
    return this.db.transaction(async (em) => {
      const poll = await this.polls.find(pollId, em, true);
      if (!poll || !(await this.polls.canSee(actor, poll, em))) throw notFound(NOT_VISIBLE);
      if (poll.moderationState !== 'visible') throw forbidden('Moderation took this poll down: it takes no votes.');
      if (!(await this.policy.canInteractWith(actor, poll.authorId))) throw forbidden('You cannot vote in this poll.');
      if (this.polls.isClosed(poll)) throw closedError();
      const ids = validateVote(optionIds, poll.multipleChoice, isUuid);
      const [{ n }]: { n: number }[] = await em.query('SELECT count(*)::int AS n FROM poll_options WHERE poll_id = $1 AND id = ANY($2::uuid[])', [poll.id, ids]);
      if (n !== ids.length) throw notFound('That option is not in this poll.');
      await em.query('DELETE FROM poll_votes WHERE poll_id = $1 AND person_id = $2', [poll.id, actor.personId]);
      await em.query('INSERT INTO poll_votes (poll_id, person_id, option_id) SELECT $1, $2, unnest($3::uuid[])', [poll.id, actor.personId, ids]);
      // Results depend on who reads them (after voting, after closing): the event says "fetch again".
      await appendLiveEvents(em, [{ audience: poll.audience, type: 'poll.voted', payload: { pollId: poll.id, messageId: poll.messageId, authorId: poll.authorId } }]);
      return poll;
    });
  }

  /** The author closes their poll early (no notification: they did it). */
  async close(actor: Actor, pollId: string): Promise<PollRow> {
    return this.db.transaction(async (em) => {
      const poll = await this.polls.find(pollId, em, true);
      if (!poll || !(await this.polls.canSee(actor, poll, em))) throw notFound(NOT_VISIBLE);
      if (poll.authorId !== actor.personId) throw forbidden('Only the author closes a poll early.');
      if (this.polls.isClosed(poll)) throw closedError();
      const live: LiveEvent[] = [];
      await this.markClosed(em, poll, live);
      await appendLiveEvents(em, live);
      return poll;
    });
  }

  /** Closes every poll that is due and tells each author (the close job; safe to run on several workers). */
  async closeDue(): Promise<string[]> {
    const closed = await this.db.transaction(async (em) => {
      const due: { id: string }[] = await em.query(
        `SELECT id FROM polls WHERE closed_at IS NULL AND closes_at <= now() ORDER BY closes_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
      );
      const live: LiveEvent[] = [];
      const rows: PollRow[] = [];
      for (const d of due) {
        const poll = (await this.polls.find(d.id, em))!;
        await this.markClosed(em, poll, live);
        await this.notifyAuthor(em, poll);
        rows.push(poll);
      }
      await appendLiveEvents(em, live);
      return rows;
    });
    if (closed.length) this.logger.log({ msg: 'polls closed', count: closed.length });
    return closed.map((p) => p.id);
  }

  private async markClosed(em: EntityManager, poll: PollRow, live: LiveEvent[]): Promise<void> {
    await em.query('UPDATE polls SET closed_at = now() WHERE id = $1', [poll.id]);
    live.push({ audience: poll.audience, type: 'poll.closed', payload: { pollId: poll.id, messageId: poll.messageId, authorId: poll.authorId } });
  }

  /** One notification on the poll's message, made unread again should it ever repeat. Nobody for a deleted message or an inactive author. */
  private async notifyAuthor(em: EntityManager, poll: PollRow): Promise<void> {
    const [live]: unknown[] = await em.query('SELECT 1 FROM messages WHERE id = $1 AND deleted_at IS NULL', [poll.messageId]);
    const author = await this.people.findById(poll.authorId);
    if (!live || !author?.active) return;
    await this.notifications.upsertGrouped(em, new Map([[author.id, actorOf(author)]]), NotificationKind.POLL_CLOSED, null, `poll:${poll.id}`, poll.messageId);
  }
}
