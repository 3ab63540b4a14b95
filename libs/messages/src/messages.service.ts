import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, isUuid, parseCursor, pageSize, ReadReplicas, statementName, toConnection, type Connection, Params } from '@plein/core';
import { PeopleService } from '@plein/directory';
import { PolicyService, parseAudience, type Actor } from '@plein/policy';
import { DataSource, type EntityManager } from 'typeorm';
import type { StoredEntities } from './entities/message.entity.js';
import { normaliseHashtag } from './message-text.js';

/** A message as read for display (deleted ones never leave this service for ordinary reads). */
export interface MessageRow {
  id: string;
  authorId: string;
  audience: string;
  body: string;
  entities: StoredEntities;
  rootId: string | null;
  parentId: string | null;
  quotedMessageId: string | null;
  reshareOfId: string | null;
  likeCount: number;
  replyCount: number;
  reshareCount: number;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  /** 'visible', or 'hidden'/'removed' by moderation (then only its author and moderators read it). */
  moderationState: 'visible' | 'hidden' | 'removed';
  moderationReason: string | null;
  /** created_at with microseconds, for keyset cursors (a JS Date keeps only milliseconds). */
  ts: string;
  rank?: number;
  /** On feed pages: the author's people row as JSON (PeopleService.personJsonSql) and the reader's like. */
  authorJson?: Record<string, unknown> | null;
  likedByMe?: boolean;
  /** On feed pages: how many of its reshares the reader may read (reshareCount counts every audience). */
  visibleReshareCount?: number;
}

export const MESSAGE_COLUMNS = `m.id, m.author_id AS "authorId", m.audience, m.body, m.entities, m.root_id AS "rootId",
  m.parent_id AS "parentId", m.quoted_message_id AS "quotedMessageId", m.reshare_of_id AS "reshareOfId",
  m.like_count AS "likeCount", m.reply_count AS "replyCount", m.reshare_count AS "reshareCount",
  m.created_at AS "createdAt", m.edited_at AS "editedAt", m.deleted_at AS "deletedAt",
  m.moderation_state AS "moderationState", m.moderation_reason AS "moderationReason",
  to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ts`;

export type FeedKind = 'home' | 'company' | 'hashtag' | 'person' | 'mentions';
export type SearchOrder = 'NEWEST' | 'BEST_MATCH';

export interface SearchFilters {
  query: string;
  authorId?: string | null;
  hashtag?: string | null;
  from?: Date | null;
  to?: Date | null;
  order: SearchOrder;
}


/**
 * Reads of messages, always through policy: single items with `canSeeAudience`, lists with the
 * SQL `audiencePredicate`, so a contractor's feed never even loads an `employees` row.
 * Feeds are computed on read (fan-out on read) from indexes on (author|audience, created_at, id).
 */
@Injectable()
export class MessagesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly reads: ReadReplicas,
    private readonly people: PeopleService,
  ) {}

  /**
   * Wraps a page query (MESSAGE_COLUMNS rows, newest first) so each row brings its author as JSON
   * and whether the reader liked it: page, authors and "liked by me" in one statement. The resolver
   * primes the request's loaders with them (MessagePagePrimer), so fields resolve without SQL.
   */
  withAuthorsAndLikes(sql: string, p: Params, readerId: string, visibleReshare?: string): string {
    const me = p.add(readerId);
    // The stored reshare_count counts reshares to every audience: the reader gets those they may read.
    const reshares = visibleReshare
      ? `, CASE WHEN page."reshareCount" = 0 THEN 0 ELSE (SELECT count(*)::int FROM messages r WHERE r.reshare_of_id = page.id AND ${visibleReshare}) END AS "visibleReshareCount"`
      : '';
    return `SELECT page.*, ${this.people.personJsonSql('a')} AS "authorJson",
        EXISTS (SELECT 1 FROM message_likes l WHERE l.message_id = page.id AND l.person_id = ${me}::uuid) AS "likedByMe"${reshares}
      FROM (${sql}) page LEFT JOIN people a ON a.id = page."authorId"
      ORDER BY page."createdAt" DESC, page.id DESC`;
  }

  /**
   * The groups the actor belongs to, for audience checks. The groups lib will provide this; until
   * then nobody is a member of any group, so group audiences are unreadable and unpostable.
   */
  async groupIdsOf(actor: Actor): Promise<string[]> {
    // Registered by the groups lib (PolicyService.useGroupMembership), cached per request there.
    return this.policy.readableGroupIds(actor);
  }

  async canSeeAudience(actor: Actor, audience: string): Promise<boolean> {
    const parsed = parseAudience(audience);
    if (!parsed) return false;
    // Members' groups, and groups readable without joining (open ones): policy decides.
    return this.policy.canReadAudience(actor, parsed);
  }

  /**
   * SQL filter on m.audience for this actor, and on the author (same alias, `author_id`): nobody
   * behind an information barrier. Appends its parameters.
   */
  async audienceSql(actor: Actor, params: Params, column = 'm.audience'): Promise<string> {
    const audience = params.append(this.policy.audiencePredicate(actor, column, params.next, await this.groupIdsOf(actor)));
    return `${audience} AND ${this.barrierSql(actor, params, column.replace(/audience$/, 'author_id'))}`;
  }

  /** SQL filter: the author column is not behind an information barrier for the actor. */
  barrierSql(actor: Actor, params: Params, authorColumn = 'm.author_id'): string {
    return params.append(this.policy.barrierPredicate(actor, authorColumn, params.next));
  }

  canInteractWith(actor: Actor, personId: string): Promise<boolean> {
    return this.policy.canInteractWith(actor, personId);
  }

  /** Single-item form: the audience, and the author not behind a barrier. */
  async canSeeMessage(actor: Actor, row: Pick<MessageRow, 'audience' | 'authorId'>): Promise<boolean> {
    return (await this.canSeeAudience(actor, row.audience)) && (await this.policy.canReadPerson(actor, row.authorId));
  }

  /**
   * SQL filter for moderated messages: hidden and removed ones stay readable by their author and by
   * moderators only (policy 'moderation.access'). Appends its parameter.
   */
  moderationSql(actor: Actor, params: Params, alias = 'm'): string {
    if (this.policy.can(actor, 'moderation.access')) return 'TRUE';
    return `(${alias}.moderation_state = 'visible' OR ${alias}.author_id = ${params.add(actor.personId)})`;
  }

  /**
   * The whole read rule for a messages row aliased `alias`, as SQL: not deleted, an audience the
   * actor reads, an author not behind a barrier (policy's predicates), not taken down by moderation
   * (but for its author and moderators). Counts and aggregates over other people's messages
   * (reshares, campaigns) filter with it, so a number never tells what a list would hide.
   */
  async visibleSql(actor: Actor, params: Params, alias = 'm'): Promise<string> {
    return `(${alias}.deleted_at IS NULL AND ${await this.audienceSql(actor, params, `${alias}.audience`)} AND ${this.moderationSql(actor, params, alias)})`;
  }

  /** Per message: how many of its reshares the actor may read (reshare_count counts every audience). */
  async visibleReshareCounts(actor: Actor, ids: readonly string[]): Promise<Map<string, number>> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return new Map();
    const p = new Params();
    const where = `r.reshare_of_id = ANY(${p.add(valid)}::uuid[]) AND ${await this.visibleSql(actor, p, 'r')}`;
    const rows: { id: string; n: number }[] = await this.db.query(
      `SELECT r.reshare_of_id AS id, count(*)::int AS n FROM messages r WHERE ${where} GROUP BY r.reshare_of_id`,
      p.values,
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  /** The single-item form of moderationSql. */
  canSeeModerated(actor: Actor, row: Pick<MessageRow, 'moderationState' | 'authorId'>): boolean {
    return row.moderationState === 'visible' || row.authorId === actor.personId || this.policy.can(actor, 'moderation.access');
  }

  /** Any rows by id, deleted ones included (callers check visibility), in no particular order. */
  async findByIds(ids: readonly string[], em: EntityManager = this.db.manager): Promise<MessageRow[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    return em.query(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = ANY($1::uuid[])`, [valid]);
  }

  /** The message if it exists, is not deleted and the actor may see it; else null. */
  async findVisible(actor: Actor, id: string, em?: EntityManager): Promise<MessageRow | null> {
    const [row] = await this.findByIds([id], em);
    if (!row || row.deletedAt || !this.canSeeModerated(actor, row)) return null;
    return (await this.canSeeMessage(actor, row)) ? row : null;
  }

  /** Which of these messages has the person liked? */
  /**
   * Hashtags starting with a prefix, most used first, counted only over messages the actor may read
   * (the feeds' own audience, barrier and moderation filters) from the last 365 days, so a
   * suggestion never reveals a tag that only appears where the actor cannot look.
   */
  async hashtagSuggestions(actor: Actor, prefix: string, first?: number | null): Promise<{ tag: string; uses: number }[]> {
    const tag = normaliseHashtag(prefix.trim());
    if (!tag) throw badInput('Type the start of a hashtag.', { field: 'prefix', messageKey: 'input.required' });
    if ([...tag].length > 100 || !/^[\p{L}\p{M}\p{N}_]+$/u.test(tag)) {
      throw badInput('A hashtag has letters, digits and _ only, at most 100 characters.', { field: 'prefix', max: 100, messageKey: 'input.tooLong' });
    }
    const limit = Math.min(Math.max(first ?? 8, 1), 20);
    const p = new Params();
    const like = p.add(`${tag.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const where = [`h.tag LIKE ${like}`, "h.created_at > now() - interval '365 days'", 'm.deleted_at IS NULL', await this.audienceSql(actor, p), this.moderationSql(actor, p)];
    return this.db.query(
      `SELECT h.tag, count(*)::int AS uses FROM message_hashtags h JOIN messages m ON m.id = h.message_id
       WHERE ${where.join(' AND ')} GROUP BY h.tag ORDER BY uses DESC, h.tag LIMIT ${limit}`,
      p.values,
    );
  }

  async likedBy(personId: string, messageIds: readonly string[]): Promise<Set<string>> {
    const rows: { message_id: string }[] = await this.db.query(
      'SELECT message_id FROM message_likes WHERE person_id = $1 AND message_id = ANY($2::uuid[])',
      [personId, messageIds.filter(isUuid)],
    );
    return new Set(rows.map((r) => r.message_id));
  }

  async mentionedPersonIds(messageId: string): Promise<string[]> {
    const rows: { person_id: string }[] = await this.db.query('SELECT person_id FROM message_mentions WHERE message_id = $1', [messageId]);
    return rows.map((r) => r.person_id);
  }

  /**
   * One page of a feed, newest first, keyset-paginated on (created_at, id). Feeds show top-level
   * messages and reshares; replies live in their thread (and in mentions, where you were named).
   * Fan-out on read, each shape chosen by EXPLAIN on 500k messages / 20k people / 100 follows each:
   * - home: one LATERAL index scan per followed author (author_id, created_at, id), LIMIT n each,
   *   merged (2.6 ms; the plain `author_id IN (followees)` form sorted ~2,500 rows: 234 ms);
   * - company: a backward scan of (created_at, id) filtered by audience;
   * - hashtag: a range scan of message_hashtags (tag, created_at, message_id);
   * - person: (author_id, created_at, id); mentions: (person_id, message_id), small per person.
   */
  async feed(actor: Actor, kind: FeedKind, args: { first?: number; after?: string; tag?: string; personId?: string }): Promise<Connection<MessageRow>> {
    const size = pageSize(args.first);
    const p = new Params();
    const filters = async () => ['m.deleted_at IS NULL', await this.audienceSql(actor, p), this.moderationSql(actor, p)];
    let cursor: [string, string] | null = null;
    if (args.after) {
      const [ts, id] = parseCursor(args.after, ['timestamp', 'uuid']);
      cursor = [p.add(ts), p.add(id)];
    }
    const before = (created: string, id: string) => (cursor ? [`(${created}, ${id}) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)`] : []);
    const order = 'ORDER BY m.created_at DESC, m.id DESC';
    const limit = `LIMIT ${size + 1}`;
    let sql: string;
    switch (kind) {
      case 'home': {
        const me = p.add(actor.personId);
        // Per followed author the barrier is a property of the author, so it filters the author list
        // once; inside the LATERAL only per-message filters remain and each author's scan stays a
        // backward index scan that stops after a page, however prolific the author.
        const perMessage = [
          'm.deleted_at IS NULL',
          p.append(this.policy.audiencePredicate(actor, 'm.audience', p.next, await this.groupIdsOf(actor))),
          this.moderationSql(actor, p),
          'm.root_id IS NULL',
          ...before('m.created_at', 'm.id'),
        ].join(' AND ');
        // Group announcements reach every member's home feed; the audience predicate keeps them to
        // members, so someone in no group skips that branch. Candidates carry only the sort key; full
        // rows are read for the one page that wins.
        const authors = this.barrierSql(actor, p, 'a.author_id');
        const announcements = (await this.groupIdsOf(actor)).length
          ? `UNION ALL
              (SELECT m.created_at, m.id FROM group_announcements ga JOIN messages m ON m.id = ga.message_id
                WHERE ${[...(await filters()), 'm.root_id IS NULL', ...before('m.created_at', 'm.id')].join(' AND ')} ${order} ${limit})`
          : '';
        sql = `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN (
            SELECT DISTINCT ON (k.created_at, k.id) k.id FROM (
              (SELECT l.created_at, l.id FROM (SELECT ${me}::uuid AS author_id UNION SELECT f.followee_id FROM follows f WHERE f.follower_id = ${me}) a
                CROSS JOIN LATERAL (SELECT m.created_at, m.id FROM messages m WHERE m.author_id = a.author_id AND ${perMessage} ${order} ${limit}) l
                WHERE ${authors})
              ${announcements}
            ) k ORDER BY k.created_at DESC, k.id DESC ${limit}
          ) page ON page.id = m.id ${order}`;
        break;
      }
      case 'company':
        sql = `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE ${[...(await filters()), 'm.root_id IS NULL', ...before('m.created_at', 'm.id')].join(' AND ')} ${order} ${limit}`;
        break;
      case 'hashtag': {
        const tag = normaliseHashtag((args.tag ?? '').trim());
        if (!tag || tag.length > 100) throw badInput('Give a hashtag, for example "iphone".', { field: 'tag', messageKey: 'input.required' });
        const where = [`h.tag = ${p.add(tag)}`, ...(await filters()), ...before('h.created_at', 'h.message_id')];
        sql = `SELECT ${MESSAGE_COLUMNS} FROM message_hashtags h JOIN messages m ON m.id = h.message_id
          WHERE ${where.join(' AND ')} ORDER BY h.created_at DESC, h.message_id DESC ${limit}`;
        break;
      }
      case 'person': {
        if (!args.personId || !isUuid(args.personId)) throw badInput('Give the id of a person.', { field: 'personId', messageKey: 'input.invalidId' });
        const where = [`m.author_id = ${p.add(args.personId)}`, 'm.root_id IS NULL', ...(await filters()), ...before('m.created_at', 'm.id')];
        sql = `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE ${where.join(' AND ')} ${order} ${limit}`;
        break;
      }
      case 'mentions': {
        const where = [`mm.person_id = ${p.add(actor.personId)}`, ...(await filters()), ...before('m.created_at', 'm.id')];
        sql = `SELECT ${MESSAGE_COLUMNS} FROM message_mentions mm JOIN messages m ON m.id = mm.message_id WHERE ${where.join(' AND ')} ${order} ${limit}`;
        break;
      }
    }
    // A feed is the heaviest read: a replica serves it when there is one (DATABASE_READ_URLS).
    const text = this.withAuthorsAndLikes(sql, p, actor.personId, await this.visibleSql(actor, p, 'r'));
    const rows = await this.reads.query<MessageRow>(actor.personId, text, p.values, statementName('feed', text));
    return toConnection(rows, size, (r) => [r.ts, r.id]);
  }

  /** A thread: the root and its replies, oldest first. NOT_FOUND-like null when the root is not visible. */
  async thread(actor: Actor, messageId: string, args: { first?: number; after?: string }): Promise<{ root: MessageRow; replies: Connection<MessageRow> } | null> {
    const start = await this.findVisible(actor, messageId);
    if (!start) return null;
    const root = start.rootId ? await this.findVisible(actor, start.rootId) : start;
    if (!root) return null;
    const size = pageSize(args.first, 100, 50);
    const p = new Params();
    // Replies share their root's audience (PostMessage enforces it), which the actor may read.
    const where = [`m.root_id = ${p.add(root.id)}`, 'm.deleted_at IS NULL', `m.audience = ${p.add(root.audience)}`, this.moderationSql(actor, p), this.barrierSql(actor, p)];
    if (args.after) {
      const [ts, id] = parseCursor(args.after, ['timestamp', 'uuid']);
      where.push(`(m.created_at, m.id) > (${p.add(ts)}::timestamptz, ${p.add(id)}::uuid)`);
    }
    const rows: MessageRow[] = await this.db.query(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE ${where.join(' AND ')} ORDER BY m.created_at, m.id LIMIT ${size + 1}`,
      p.values,
    );
    return { root, replies: toConnection(rows, size, (r) => [r.ts, r.id]) };
  }

  /**
   * Full-text search with Dutch stemming ("onderhandelingen" finds "onderhandeling"), through the
   * same audience predicate as the feeds. Newest first, or best match first (ts_rank, then newest).
   */
  async search(actor: Actor, f: SearchFilters, args: { first?: number; after?: string }): Promise<Connection<MessageRow>> {
    const size = pageSize(args.first);
    const query = f.query.trim();
    if (!query) throw badInput('Type something to search for.', { field: 'query', messageKey: 'input.required' });
    if (query.length > 200) throw badInput('A search can be at most 200 characters.', { field: 'query', max: 200, messageKey: 'input.tooLong' });
    const p = new Params();
    const q = `websearch_to_tsquery('dutch', ${p.add(query)})`;
    const rank = `ts_rank(to_tsvector('dutch', m.body), ${q})`;
    const where = ['m.deleted_at IS NULL', await this.audienceSql(actor, p), this.moderationSql(actor, p), `to_tsvector('dutch', m.body) @@ ${q}`];
    if (f.authorId) {
      if (!isUuid(f.authorId)) throw badInput('authorId must be the id of a person.', { field: 'authorId', messageKey: 'input.invalidId' });
      where.push(`m.author_id = ${p.add(f.authorId)}`);
    }
    if (f.hashtag) {
      where.push(`EXISTS (SELECT 1 FROM message_hashtags h WHERE h.message_id = m.id AND h.tag = ${p.add(normaliseHashtag(f.hashtag.trim()))})`);
    }
    if (f.from) where.push(`m.created_at >= ${p.add(f.from)}`);
    if (f.to) where.push(`m.created_at < ${p.add(f.to)}`);
    if (f.from && f.to && f.from > f.to) throw badInput('"from" must be before "to".', { field: 'from', messageKey: 'input.order' });
    const best = f.order === 'BEST_MATCH';
    if (args.after) {
      const key: (string | number)[] = best ? parseCursor(args.after, ['number', 'timestamp', 'uuid']) : parseCursor(args.after, ['timestamp', 'uuid']);
      const [ts, id] = best ? key.slice(1) : key;
      where.push(
        best
          ? `(${rank}, m.created_at, m.id) < (${p.add(key[0])}::real, ${p.add(ts)}::timestamptz, ${p.add(id)}::uuid)`
          : `(m.created_at, m.id) < (${p.add(ts)}::timestamptz, ${p.add(id)}::uuid)`,
      );
    }
    const rows = await this.reads.query<MessageRow>(
      actor.personId,
      `SELECT ${MESSAGE_COLUMNS}, ${rank} AS rank FROM messages m WHERE ${where.join(' AND ')}
        ORDER BY ${best ? 'rank DESC, ' : ''}m.created_at DESC, m.id DESC LIMIT ${size + 1}`,
      p.values,
    );
    return toConnection(rows, size, (r) => (best ? [Number(r.rank), r.ts, r.id] : [r.ts, r.id]));
  }
}
