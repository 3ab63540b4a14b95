import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Params } from '@plein/core';
import { ContentKindProvider, ContentKinds, ContentVisibility, type Actor, type ContentKind, type KindInsight, type KindLive, type KindModeration, type KindNotifications, type ModerationState } from '@plein/policy';
import { DataSource, type EntityManager } from 'typeorm';
import { PollsService } from './polls.service.js';

/** The notification the author gets when their poll closes (group_key poll:<pollId>, on the poll's message). */
export const POLL_CLOSED_NOTIFICATION = 'poll_closed';

const groupOf = (audience: string) => (audience.startsWith('group:') ? audience.slice('group:'.length) : null);

/**
 * Polls as a content kind: everything moderation, notifications, realtime replay and insights need
 * to know about polls is here, and they find it through the ContentKinds registry. A poll is read
 * through its message (the message kind of the same contract decides audience, barriers, deletion
 * and the message's moderation); the poll's own moderation state comes on top.
 */
@ContentKindProvider()
@Injectable()
export class PollKind implements ContentKind {
  readonly name = 'poll';

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly polls: PollsService,
    private readonly kinds: ContentKinds,
    private readonly visibility: ContentVisibility,
  ) {}

  async canSee(actor: Actor, id: string, em?: EntityManager): Promise<boolean> {
    const poll = await this.polls.find(id, em);
    return !!poll && (await this.polls.canSee(actor, poll, em));
  }

  async visibleSql(actor: Actor, p: Params, alias: string): Promise<string> {
    const message = this.kinds.get('message');
    if (!message?.visibleSql) return 'FALSE';
    return `(EXISTS (SELECT 1 FROM messages pm WHERE pm.id = ${alias}.message_id AND ${await message.visibleSql(actor, p, 'pm')}) AND ${this.visibility.moderationSql(actor, p, alias)})`;
  }

  readonly moderation: KindModeration = {
    // Reportable while it is visible to the reporter; the poll's group admins moderate it, as for a group message.
    resolve: async (actor, id) => {
      const poll = await this.polls.find(id);
      if (!poll || poll.moderationState !== 'visible' || !(await this.polls.canSee(actor, poll))) return null;
      return { subjectId: poll.authorId, groupId: groupOf(poll.audience) };
    },
    state: async (em, id) => {
      const [row]: { s: ModerationState }[] = await em.query('SELECT moderation_state AS s FROM polls WHERE id = $1 FOR UPDATE', [id]);
      return row?.s ?? null;
    },
    // Hidden or removed: the poll leaves the message for everyone but its author and moderators
    // (votes are refused, results unreadable); put back, it returns with its votes.
    apply: async (em, id, { to, reason }, live) => {
      const [[poll]]: [{ messageId: string; authorId: string }[], number] = await em.query(
        `UPDATE polls SET moderation_state = $2, moderation_reason = $3 WHERE id = $1 RETURNING message_id AS "messageId", author_id AS "authorId"`,
        [id, to, reason],
      );
      const [message]: { audience: string }[] = await em.query('SELECT audience FROM messages WHERE id = $1', [poll.messageId]);
      if (!message) return;
      const payload = { pollId: id, messageId: poll.messageId, authorId: poll.authorId };
      live.push({ audience: message.audience, type: to === 'visible' ? 'poll.restored' : 'poll.removed', payload });
    },
    // The question (the message's text) and the options, as written.
    originalText: async (id) => {
      const [row]: { t: string | null }[] = await this.db.query(
        `SELECT concat_ws(E'\n', m.body, (SELECT string_agg('- ' || o.label, E'\n' ORDER BY o.position) FROM poll_options o WHERE o.poll_id = pl.id)) AS t
           FROM polls pl JOIN messages m ON m.id = pl.message_id WHERE pl.id = $1`,
        [id],
      );
      return row?.t ?? null;
    },
  };

  readonly notifications: KindNotifications = {
    raises: [{ kind: POLL_CLOSED_NOTIFICATION, summary: 'Your poll has closed: see the results.', impersonal: true, subjectPrefix: 'poll' }],
    // On the poll's message (the message kind drops it with the message); here: with the poll's own moderation.
    stillVisibleSql: async (actor, p) => `NOT EXISTS (SELECT 1 FROM polls np
        WHERE np.id = CASE WHEN n.group_key LIKE 'poll:%' THEN substr(n.group_key, 6)::uuid END AND NOT ${this.visibility.moderationSql(actor, p, 'np')})`,
  };

  readonly live: KindLive = {
    emits: {
      'poll.voted': 'someone voted: fetch the poll again (results depend on the reader)',
      'poll.closed': 'the poll closed: results are final',
      'poll.removed': 'moderation took the poll down: drop it from the message',
      'poll.restored': 'moderation put the poll back: fetch it again',
    },
    // Votes and closings of a poll taken down since, or whose message is gone, do not replay.
    replayBlockedSql: (me, moderator) => `EXISTS (SELECT 1 FROM polls pl JOIN messages pm ON pm.id = pl.message_id
        WHERE pl.id = CASE WHEN e.type IN ('poll.voted', 'poll.closed') THEN (e.payload->>'pollId')::uuid END
          AND (pm.deleted_at IS NOT NULL OR ${this.visibility.takenDownSql('pl', me, moderator)} OR ${this.visibility.takenDownSql('pm', me, moderator)}))`,
  };

  readonly insights: readonly KindInsight[] = [
    {
      metric: 'poll_votes',
      description: 'Votes cast in polls (population: distinct voters).',
      weeklySql: `SELECT date_trunc('week', v.created_at)::date, count(*), count(DISTINCT v.person_id) FROM poll_votes v WHERE v.created_at >= $1 GROUP BY 1`,
    },
  ];
}
