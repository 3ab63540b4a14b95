import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Params } from '@plein/core';
import { ContentKindProvider, ContentVisibility, type Actor, type ContentKind, type KindInsight, type KindLive, type KindModeration, type KindNotifications, type ModerationState } from '@plein/policy';
import { DataSource, type EntityManager } from 'typeorm';
import { MessagesService } from './messages.service.js';

const groupOf = (audience: string) => (audience.startsWith('group:') ? audience.slice('group:'.length) : null);

/** Messages and replies as a content kind (see @plein/policy content-kind.ts). */
@ContentKindProvider()
@Injectable()
export class MessageKind implements ContentKind {
  readonly name = 'message';

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly messages: MessagesService,
    private readonly visibility: ContentVisibility,
  ) {}

  async canSee(actor: Actor, id: string, em?: EntityManager): Promise<boolean> {
    return !!(await this.messages.findVisible(actor, id, em));
  }

  visibleSql(actor: Actor, p: Params, alias: string): Promise<string> {
    return this.messages.visibleSql(actor, p, alias);
  }

  readonly moderation: KindModeration = {
    resolve: async (actor, id) => {
      const message = await this.messages.findVisible(actor, id);
      return message && { subjectId: message.authorId, groupId: groupOf(message.audience) };
    },
    state: async (em, id) => {
      const [row]: { s: ModerationState }[] = await em.query('SELECT moderation_state AS s FROM messages WHERE id = $1 AND deleted_at IS NULL FOR UPDATE', [id]);
      return row?.s ?? null;
    },
    apply: async (em, id, { to, reason }, live) => {
      const [[m]]: [{ id: string; audience: string; rootId: string | null; authorId: string }[], number] = await em.query(
        `UPDATE messages SET moderation_state = $2, moderation_reason = $3 WHERE id = $1 RETURNING id, audience, root_id AS "rootId", author_id AS "authorId"`,
        [id, to, reason],
      );
      // Clients drop a message on message.deleted; message.restored tells open feeds it is back.
      if (to !== 'visible') live.push({ audience: m.audience, type: 'message.deleted', payload: { id: m.id, rootId: m.rootId } });
      else live.push({ audience: m.audience, type: 'message.restored', payload: { id: m.id, rootId: m.rootId, authorId: m.authorId } });
    },
    originalText: async (id) => (await this.messages.findByIds([id]))[0]?.body ?? null,
  };

  readonly notifications: KindNotifications = {
    raises: [
      { kind: 'mention', summary: 'mentioned you' },
      { kind: 'reply', summary: 'replied to your message' },
      { kind: 'like', summary: 'liked your message' },
      { kind: 'reshare', summary: 'reshared your message' },
    ],
    // Notifications about a message go with it: deleted, out of the reader's audiences, behind a
    // barrier, or taken down by moderation (but for its author and moderators).
    stillVisibleSql: async (actor, p) => `(n.message_id IS NULL OR EXISTS (SELECT 1 FROM messages nm WHERE nm.id = n.message_id AND ${await this.messages.visibleSql(actor, p, 'nm')}))`,
  };

  readonly live: KindLive = {
    emits: {
      'message.created': 'a message or reply was posted (payload: the message)',
      'message.updated': 'its text or counts changed',
      'message.deleted': 'deleted by its author, or hidden or removed by moderation: drop it',
      'message.restored': 'moderation put it back: fetch it again',
    },
    // Messages deleted since never replay (to nobody, their author included); taken down by moderation: only to their author and moderators.
    replayBlockedSql: (me, moderator) => `EXISTS (SELECT 1 FROM messages mm
        WHERE mm.id = CASE WHEN e.type IN ('message.created', 'message.updated') THEN (e.payload->>'id')::uuid END
          AND (mm.deleted_at IS NOT NULL OR ${this.visibility.takenDownSql('mm', me, moderator)}))`,
  };

  readonly insights = MESSAGE_INSIGHTS;
}

/** What insights count of messages (static SQL: the demo seeder rolls up without the app). */
export const MESSAGE_INSIGHTS: readonly KindInsight[] = [
  {
    metric: 'messages',
    description: 'Messages posted (not replies, not reshares).',
    weeklySql: `SELECT date_trunc('week', m.created_at)::date, count(*), 0 FROM messages m
      WHERE m.created_at >= $1 AND m.deleted_at IS NULL AND m.reshare_of_id IS NULL AND m.root_id IS NULL GROUP BY 1`,
  },
  {
    metric: 'replies',
    description: 'Replies posted.',
    weeklySql: `SELECT date_trunc('week', m.created_at)::date, count(*), 0 FROM messages m
      WHERE m.created_at >= $1 AND m.deleted_at IS NULL AND m.reshare_of_id IS NULL AND m.root_id IS NOT NULL GROUP BY 1`,
  },
  {
    metric: 'likes',
    description: 'Likes given.',
    weeklySql: `SELECT date_trunc('week', l.created_at)::date, count(*), 0 FROM message_likes l WHERE l.created_at >= $1 GROUP BY 1`,
  },
  {
    metric: 'posters',
    description: 'People who posted a message or reply.',
    weeklySql: `SELECT date_trunc('week', m.created_at)::date, count(DISTINCT m.author_id), 0 FROM messages m WHERE m.created_at >= $1 AND m.deleted_at IS NULL GROUP BY 1`,
  },
];
