import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, isUuid, parseCursor, pageSize, toConnection, type Connection, Params } from '@plein/core';
import { PeopleService, actorOf } from '@plein/directory';
import { MessagesService, type FanOutJob, type MessageRow } from '@plein/messages';
import { PolicyService, type Actor } from '@plein/policy';
import { appendLiveEvents } from '@plein/realtime';
import { DataSource, type EntityManager } from 'typeorm';
import { NotificationKind } from './notification.entity.js';

export interface NotificationRow {
  id: string;
  recipientId: string;
  kind: NotificationKind;
  messageId: string | null;
  actorIds: string[];
  actorCount: number;
  groupKey: string | null;
  readAt: Date | null;
  /** The blog post a blog notification is about (its comment's post for comments and mentions). */
  blogPostId: string | null;
  createdAt: Date;
  updatedAt: Date;
  ts: string;
}

const COLUMNS = `n.id, n.recipient_id AS "recipientId", n.kind, n.message_id AS "messageId", n.actor_ids AS "actorIds",
  n.actor_count AS "actorCount", n.group_key AS "groupKey", n.read_at AS "readAt", n.created_at AS "createdAt", n.updated_at AS "updatedAt",
  CASE WHEN n.group_key LIKE 'blog-post:%' THEN substr(n.group_key, 11)
       WHEN n.group_key LIKE 'blog-comment:%' OR n.group_key LIKE 'blog-mention:%'
         THEN (SELECT bc.post_id::text FROM blog_comments bc WHERE bc.id = substr(n.group_key, 14)::uuid) END AS "blogPostId",
  to_char(n.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ts`;

/** How many of the latest actors a notification keeps ("Sanne, Jan and 3 others"). */
const ACTORS_KEPT = 3;

interface Pending {
  recipientId: string;
  kind: NotificationKind;
}

/**
 * In-app notifications. Fan-out runs as a job (on the worker, or in the api with WORKER_INLINE) so
 * posting stays fast. Every recipient is checked against policy with their own, current actor: a
 * contractor mentioned in an `employees` message is not notified. Reads filter again (deleted or
 * no-longer-visible messages drop out), and the unread count goes live to the person's room.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly messages: MessagesService,
    private readonly people: PeopleService,
  ) {}

  async fanOut(job: FanOutJob): Promise<number> {
    switch (job.kind) {
      case 'message':
        return this.onMessage(job.messageId, job.actorId, job.onlyMentionIds);
      case 'like':
        return this.onLike(job.messageId, job.actorId);
      case 'follow':
        return this.onFollow(job.actorId, job.personId);
      default: {
        const unknown: never = job;
        this.logger.warn({ msg: 'unknown fan-out job', job: unknown });
        return 0;
      }
    }
  }

  private async onMessage(messageId: string, authorId: string, onlyMentionIds?: string[]): Promise<number> {
    const [message] = await this.messages.findByIds([messageId]);
    if (!message || message.deletedAt) return 0;
    const pending: Pending[] = [];
    const seen = new Set([authorId]);
    const add = (recipientId: string | undefined, kind: NotificationKind) => {
      if (!recipientId || seen.has(recipientId)) return;
      seen.add(recipientId);
      pending.push({ recipientId, kind });
    };
    if (!onlyMentionIds) {
      const related = await this.messages.findByIds([message.rootId, message.parentId, message.reshareOfId].filter((x): x is string => !!x));
      const authorOf = (id: string | null) => related.find((r) => r.id === id && !r.deletedAt)?.authorId;
      add(authorOf(message.parentId), NotificationKind.REPLY);
      add(authorOf(message.rootId), NotificationKind.REPLY);
      add(authorOf(message.reshareOfId), NotificationKind.RESHARE);
    }
    for (const id of onlyMentionIds ?? (await this.messages.mentionedPersonIds(message.id))) add(id, NotificationKind.MENTION);
    const recipients = await this.allowed(pending.map((p) => p.recipientId), message);
    const rows = pending.filter((p) => recipients.has(p.recipientId));
    if (!rows.length) return 0;
    await this.db.transaction(async (em) => {
      await em.query(
        `INSERT INTO notifications (recipient_id, kind, message_id, actor_ids, actor_count)
         SELECT r, k, $3, ARRAY[$4::uuid], 1 FROM unnest($1::uuid[], $2::text[]) AS t(r, k)`,
        [rows.map((r) => r.recipientId), rows.map((r) => r.kind), message.id, authorId],
      );
      await this.pushCounts(em, rows.map((r) => r.recipientId), recipients);
    });
    return rows.length;
  }

  /** One notification per liked message, kept current: who liked it last, and how many did. */
  private async onLike(messageId: string, likerId: string): Promise<number> {
    const [message] = await this.messages.findByIds([messageId]);
    if (!message || message.deletedAt || message.authorId === likerId) return 0;
    const recipients = await this.allowed([message.authorId], message);
    if (!recipients.size) return 0;
    return this.db.transaction(async (em) => {
      const [likers]: { ids: string[] | null; n: number }[] = await em.query(
        `SELECT (array_agg(person_id ORDER BY created_at DESC, person_id))[1:${ACTORS_KEPT}] AS ids, count(*)::int AS n
           FROM message_likes WHERE message_id = $1 AND person_id <> $2`,
        [message.id, message.authorId],
      );
      if (!likers.n || !likers.ids) return 0;
      await em.query(
        `INSERT INTO notifications (recipient_id, kind, message_id, actor_ids, actor_count, group_key)
         VALUES ($1, 'like', $2, $3, $4, $5)
         ON CONFLICT (recipient_id, group_key) DO UPDATE
           SET actor_ids = EXCLUDED.actor_ids, actor_count = EXCLUDED.actor_count, read_at = NULL, updated_at = now()`,
        [message.authorId, message.id, likers.ids, likers.n, `like:${message.id}`],
      );
      await this.pushCounts(em, [message.authorId], recipients);
      return 1;
    });
  }

  private async onFollow(followerId: string, personId: string): Promise<number> {
    if (!isUuid(followerId) || !isUuid(personId) || followerId === personId) return 0;
    const recipients = await this.allowed([personId], null);
    if (!recipients.size) return 0;
    return this.db.transaction(async (em) => {
      // Following again after an unfollow refreshes the one notification instead of adding another.
      await em.query(
        `INSERT INTO notifications (recipient_id, kind, actor_ids, actor_count, group_key) VALUES ($1, 'follow', ARRAY[$2::uuid], 1, $3)
         ON CONFLICT (recipient_id, group_key) DO UPDATE SET read_at = NULL, updated_at = now()`,
        [personId, followerId, `follow:${followerId}`],
      );
      await this.pushCounts(em, [personId], recipients);
      return 1;
    });
  }

  /**
   * Notifications that name nobody (moderation outcomes), written in the caller's transaction so they
   * exist only if the decision commits; unread counts go live to each recipient.
   */
  async addImpersonal(em: EntityManager, recipientIds: readonly string[], kind: NotificationKind): Promise<void> {
    const ids = [...new Set(recipientIds)].filter(isUuid);
    if (!ids.length) return;
    await em.query(`INSERT INTO notifications (recipient_id, kind, actor_ids, actor_count) SELECT r, $2, '{}'::uuid[], 0 FROM unnest($1::uuid[]) r`, [ids, kind]);
    const people = await this.people.findByIds(ids);
    await this.pushCounts(em, ids, new Map(people.filter((p) => p.active).map((p) => [p.id, actorOf(p)])));
  }

  /**
   * Notifications about something other than a message (outage notices, vacancies), written in the
   * caller's transaction. One row per recipient and `groupKey`: a repeat (a further update on the same
   * notice) makes it unread again and moves it up instead of adding another. The caller has already
   * checked, with each recipient's own actor, that they may see the subject; unread counts go live.
   */
  async upsertGrouped(em: EntityManager, recipients: ReadonlyMap<string, Actor>, kind: NotificationKind, actorId: string | null, groupKey: string): Promise<number> {
    const ids = [...recipients.keys()].filter(isUuid);
    if (!ids.length) return 0;
    await em.query(
      `INSERT INTO notifications (recipient_id, kind, actor_ids, actor_count, group_key)
       SELECT r, $2, $3::uuid[], $4, $5 FROM unnest($1::uuid[]) r
       ON CONFLICT (recipient_id, group_key) DO UPDATE
         SET kind = EXCLUDED.kind, actor_ids = EXCLUDED.actor_ids, actor_count = EXCLUDED.actor_count, read_at = NULL, updated_at = now()`,
      [ids, kind, actorId ? [actorId] : [], actorId ? 1 : 0, groupKey],
    );
    await this.pushCounts(em, ids, new Map(recipients));
    return ids.length;
  }

  /**
   * One notification per recipient and `groupKey`, never repeated (a blog post, comment or mention
   * tells each person once, however often the job runs), written in the caller's transaction. The
   * caller has checked, with each recipient's own actor, that they may see the subject; the unread
   * counts of those newly told go live. Returns how many were told.
   */
  async addOnce(em: EntityManager, recipients: ReadonlyMap<string, Actor>, kind: NotificationKind, actorId: string, groupKey: string): Promise<number> {
    const ids = [...recipients.keys()].filter(isUuid);
    if (!ids.length) return 0;
    const inserted: { recipient_id: string }[] = await em.query(
      `INSERT INTO notifications (recipient_id, kind, actor_ids, actor_count, group_key)
       SELECT r, $2, ARRAY[$3::uuid], 1, $4 FROM unnest($1::uuid[]) AS r
       ON CONFLICT (recipient_id, group_key) DO NOTHING RETURNING recipient_id`,
      [ids, kind, actorId, groupKey],
    );
    await this.pushCounts(
      em,
      inserted.map((r) => r.recipient_id),
      new Map(recipients),
    );
    return inserted.length;
  }

  /** The recipients (active people) who may see the message, as actors, by id. */
  private async allowed(personIds: string[], message: MessageRow | null): Promise<Map<string, Actor>> {
    const result = new Map<string, Actor>();
    const people = personIds.length ? await this.people.findByIds([...new Set(personIds)]) : [];
    for (const person of people) {
      if (!person.active) continue;
      const actor = actorOf(person);
      if (!this.policy.can(actor, 'notification.read')) continue;
      if (message && !(await this.messages.canSeeAudience(actor, message.audience))) continue;
      result.set(person.id, actor);
    }
    return result;
  }

  private async pushCounts(em: EntityManager, personIds: string[], actors: Map<string, Actor>): Promise<void> {
    const events = [];
    for (const id of new Set(personIds)) {
      const actor = actors.get(id);
      if (!actor) continue;
      events.push({ audience: `user:${id}`, type: 'notification.count', payload: { unread: await this.unreadCount(actor, em) } });
    }
    await appendLiveEvents(em, events);
  }

  /** Notifications the actor may still see: about no message, or a live message in a visible audience. */
  private async visibleWhere(actor: Actor, p: Params): Promise<string> {
    const audience = await this.messages.audienceSql(actor, p);
    // Messages hidden or removed by moderation drop out too (but for their author and moderators).
    const moderated = this.messages.moderationSql(actor, p);
    // Blog notifications (group_key blog-post:<id>, blog-comment:<id>, blog-mention:<commentId>) go when moderation hid the post or comment.
    const blogModerated = `NOT EXISTS (SELECT 1 FROM blog_posts bp WHERE bp.id = CASE WHEN n.group_key LIKE 'blog-post:%' THEN substr(n.group_key, 11)::uuid END AND bp.moderation_state <> 'visible')
      AND NOT EXISTS (SELECT 1 FROM blog_comments bc JOIN blog_posts bcp ON bcp.id = bc.post_id
            WHERE bc.id = CASE WHEN n.group_key LIKE 'blog-comment:%' OR n.group_key LIKE 'blog-mention:%' THEN substr(n.group_key, 14)::uuid END
              AND (bc.moderation_state <> 'visible' OR bcp.moderation_state <> 'visible'))`;
    return `n.recipient_id = ${p.add(actor.personId)} AND (n.message_id IS NULL OR (m.deleted_at IS NULL AND ${audience} AND ${moderated})) AND ${blogModerated}`;
  }

  async unreadCount(actor: Actor, em: EntityManager = this.db.manager): Promise<number> {
    const p = new Params();
    const where = await this.visibleWhere(actor, p);
    const [row]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM notifications n LEFT JOIN messages m ON m.id = n.message_id WHERE ${where} AND n.read_at IS NULL`,
      p.values,
    );
    return row.n;
  }

  async list(actor: Actor, args: { first?: number; after?: string }): Promise<Connection<NotificationRow>> {
    this.policy.assert(actor, 'notification.read');
    const size = pageSize(args.first);
    const p = new Params();
    const where = [await this.visibleWhere(actor, p)];
    if (args.after) {
      const [ts, id] = parseCursor(args.after, ['timestamp', 'uuid']);
      where.push(`(n.updated_at, n.id) < (${p.add(ts)}::timestamptz, ${p.add(id)}::uuid)`);
    }
    const rows: NotificationRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM notifications n LEFT JOIN messages m ON m.id = n.message_id
        WHERE ${where.join(' AND ')} ORDER BY n.updated_at DESC, n.id DESC LIMIT ${size + 1}`,
      p.values,
    );
    return toConnection(rows, size, (r) => [r.ts, r.id]);
  }

  /** Marks some (ids) or all (null) of the actor's notifications read; returns the new unread count. */
  async markRead(actor: Actor, ids: readonly string[] | null): Promise<number> {
    this.policy.assert(actor, 'notification.read');
    if (ids) {
      if (ids.length > 500) throw badInput('Mark at most 500 notifications at once.', { field: 'ids', max: 500, messageKey: 'input.tooMany' });
      if (!ids.every(isUuid)) throw badInput('Every id must be a notification id.', { field: 'ids', messageKey: 'input.invalidId' });
    }
    return this.db.transaction(async (em) => {
      const [, changed]: [unknown, number] = await em.query(
        `UPDATE notifications SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL ${ids ? 'AND id = ANY($2::uuid[])' : ''}`,
        ids ? [actor.personId, ids] : [actor.personId],
      );
      const unread = await this.unreadCount(actor, em);
      // Other tabs and devices of the same person update their badge too.
      if (changed) await appendLiveEvents(em, [{ audience: `user:${actor.personId}`, type: 'notification.count', payload: { unread } }]);
      return unread;
    });
  }
}
