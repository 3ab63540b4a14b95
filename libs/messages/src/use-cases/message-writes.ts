import { forbidden, isUuid, notFound, RateLimiterService, type ReadReplicas } from '@plein/core';
import type { Actor } from '@plein/policy';
import { randomUUID } from 'node:crypto';
import { liveEventCtes, REALTIME_CHANNEL } from '@plein/realtime';
import type { EntityManager } from 'typeorm';
import { livePayload } from '../message-events.js';
import { MESSAGE_COLUMNS, type MessageRow, type MessagesService } from '../messages.service.js';
import { parseMessageText } from '../message-text.js';
import type { StoredEntities } from '../entities/message.entity.js';

/** Shared steps of the write use cases; each runs inside the caller's transaction. */

export const NOT_VISIBLE = 'That message does not exist, was deleted, or you cannot see it.';

/** Locks and returns a live message the actor may see; NOT_FOUND otherwise (never says which). */
export async function lockVisible(em: EntityManager, messages: MessagesService, actor: Actor, id: string, message = NOT_VISIBLE): Promise<MessageRow> {
  if (!isUuid(id)) throw notFound(message);
  const [row]: MessageRow[] = await em.query(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = $1 FOR UPDATE`, [id]);
  if (!row || row.deletedAt || !messages.canSeeModerated(actor, row) || !(await messages.canSeeMessage(actor, row))) throw notFound(message);
  // Replies, likes, reshares and quotes are interactions: an information barrier forbids them either way.
  if (!(await messages.canInteractWith(actor, row.authorId))) throw forbidden('An information barrier stops you from interacting with this person\'s messages.');
  return row;
}

/**
 * Parses the text and resolves @uid mentions to active people (unknown uids stay plain text). With
 * `authorId`, people behind an information barrier from the author stay plain text too (never notified).
 */
export async function entitiesOf(em: EntityManager, text: string, authorId?: string): Promise<StoredEntities> {
  const parsed = parseMessageText(text);
  const uids = [...new Set(parsed.mentions.map((m) => m.uid))];
  const barrier = authorId ? ' AND plein_barrier_can_interact($2::uuid, id)' : '';
  const people: { id: string; uid: string }[] = uids.length
    ? await em.query(`SELECT id, lower(uid) AS uid FROM people WHERE lower(uid) = ANY($1::text[]) AND active${barrier}`, authorId ? [uids, authorId] : [uids])
    : [];
  const byUid = new Map(people.map((p) => [p.uid, p.id]));
  return {
    links: parsed.links,
    hashtags: parsed.hashtags,
    mentions: parsed.mentions.filter((m) => byUid.has(m.uid)).map((m) => ({ ...m, personId: byUid.get(m.uid)! })),
  };
}

/** Rewrites a message's mention and hashtag rows from its entities. */
export async function writeIndexes(em: EntityManager, messageId: string, entities: StoredEntities, replace = true): Promise<void> {
  if (replace) {
    await em.query('DELETE FROM message_mentions WHERE message_id = $1', [messageId]);
    await em.query('DELETE FROM message_hashtags WHERE message_id = $1', [messageId]);
  }
  const personIds = [...new Set(entities.mentions.map((m) => m.personId))];
  const tags = [...new Set(entities.hashtags.map((h) => h.tag))];
  if (personIds.length) {
    await em.query('INSERT INTO message_mentions (message_id, person_id) SELECT $1, unnest($2::uuid[])', [messageId, personIds]);
  }
  if (tags.length) {
    await em.query(
      'INSERT INTO message_hashtags (message_id, tag, created_at) SELECT m.id, t, m.created_at FROM messages m, unnest($2::text[]) t WHERE m.id = $1',
      [messageId, tags],
    );
  }
}

type Counter = 'like_count' | 'reply_count' | 'reshare_count';

/** Moves a counter in the same transaction as the row that it counts; returns the new counts. */
export async function bump(em: EntityManager, id: string, counter: Counter, by: 1 | -1): Promise<MessageRow> {
  const [rows]: [MessageRow[], number] = await em.query(
    `UPDATE messages m SET ${counter} = GREATEST(0, ${counter} + $2) WHERE m.id = $1 RETURNING ${MESSAGE_COLUMNS}`,
    [id, by],
  );
  return rows[0];
}

export async function insertMessage(
  em: EntityManager,
  values: { authorId: string; audience: string; body: string; entities: StoredEntities; rootId?: string | null; parentId?: string | null; quotedMessageId?: string | null; reshareOfId?: string | null; clientId?: string | null },
): Promise<MessageRow> {
  const [row]: MessageRow[] = await em.query(
    `INSERT INTO messages AS m (author_id, audience, body, entities, root_id, parent_id, quoted_message_id, reshare_of_id, client_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${MESSAGE_COLUMNS}`,
    [values.authorId, values.audience, values.body, JSON.stringify(values.entities), values.rootId ?? null, values.parentId ?? null, values.quotedMessageId ?? null, values.reshareOfId ?? null, values.clientId ?? null],
  );
  await writeIndexes(em, row.id, values.entities, false);
  return row;
}

/**
 * A new top-level message (no reply, quote or images) as ONE statement in its own implicit
 * transaction: the message, its mention and hashtag rows and its `message.created` event, whose
 * ordering lock is then held only while Postgres executes and commits, never across a round trip
 * to the api. The event payload is `livePayload` of the row, with the time the database stamped.
 */
export async function insertPlainMessage(
  reads: ReadReplicas,
  values: { authorId: string; audience: string; body: string; entities: StoredEntities; clientId?: string | null },
  rateLimit: { key: string; limit: number; windowSeconds: number; what: string },
): Promise<MessageRow> {
  const id = randomUUID();
  const payload = livePayload({
    id, authorId: values.authorId, audience: values.audience, body: values.body, entities: values.entities,
    rootId: null, parentId: null, quotedMessageId: null, reshareOfId: null, likeCount: 0, replyCount: 0, reshareCount: 0,
    createdAt: new Date(0), editedAt: null, deletedAt: null, moderationState: 'visible', moderationReason: null, ts: '',
  });
  const personIds = [...new Set(values.entities.mentions.map((m) => m.personId))];
  const tags = [...new Set(values.entities.hashtags.map((h) => h.tag))];
  // The rate limit is counted in the same statement (RateLimiterService.countSql); over the limit,
  // nothing is written and the counts say how long to wait.
  const text = `WITH rl AS (
       ${RateLimiterService.countSql('$10', '$11')}
     ), m AS (
       INSERT INTO messages AS m (id, author_id, audience, body, entities, client_id) SELECT $1, $2, $3, $4, $5, $13 WHERE (SELECT hits FROM rl) <= $12 RETURNING *
     ), mentions AS (
       INSERT INTO message_mentions (message_id, person_id) SELECT m.id, p FROM m, unnest($6::uuid[]) p
     ), hashtags AS (
       INSERT INTO message_hashtags (message_id, tag, created_at) SELECT m.id, t, m.created_at FROM m, unnest($7::text[]) t
     ), ${liveEventCtes(
       `SELECT m.audience, 'message.created', jsonb_set($8::jsonb, '{createdAt}', to_jsonb(to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) FROM m`,
       '$9',
     )}
     SELECT rl.hits AS "rlHits", rl.retry AS "rlRetry", posted.* FROM rl LEFT JOIN (
       SELECT ${MESSAGE_COLUMNS} FROM m WHERE (SELECT count(*) FROM live_notified) = 1
     ) posted ON true`;
  // The hottest write: a named statement, parsed and planned once per connection.
  const [row] = await reads.prepared<MessageRow & { rlHits: number; rlRetry: number }>('post_message', text, [
    id, values.authorId, values.audience, values.body, JSON.stringify(values.entities), personIds, tags, JSON.stringify(payload), REALTIME_CHANNEL,
    rateLimit.key, rateLimit.windowSeconds, rateLimit.limit, values.clientId ?? null,
  ]);
  RateLimiterService.assertWithin(row.rlHits, row.rlRetry, rateLimit.limit, rateLimit.what);
  if (!row.id) throw new Error('posting wrote no live event');
  const { rlHits: _hits, rlRetry: _retry, ...message } = row;
  return message;
}
