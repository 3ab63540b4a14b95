import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, badInput, forbidden, isUuid, notFound, RateLimiterService, ReadReplicas, type ResolvedConfig } from '@plein/core';
import { PolicyService, parseAudience, type Actor } from '@plein/policy';
import { appendLiveEvents, type LiveEvent } from '@plein/realtime';
import { DataSource, type EntityManager } from 'typeorm';
import { MessageAfterCommit, countsPayload, livePayload } from '../message-events.js';
import { MessageImagesService, validateImageRequests } from '../message-images.js';
import { validateMessageText } from '../message-text.js';
import { MESSAGE_COLUMNS, MessagesService, type MessageRow } from '../messages.service.js';
import { bump, entitiesOf, insertMessage, insertPlainMessage, lockVisible } from './message-writes.js';

export interface PostMessageCommand {
  text: unknown;
  audience?: string | null;
  replyToId?: string | null;
  quotedMessageId?: string | null;
  images?: unknown;
  /** A client-generated UUID: a replay returns the message stored for it (see replayOf). */
  clientId?: unknown;
}

function validateClientId(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string' || !isUuid(raw)) throw badInput('clientId must be a UUID.', { field: 'clientId', messageKey: 'input.wrongFormat' });
  return raw.toLowerCase();
}

function isClientIdConflict(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } } | null;
  const pg = e?.driverError ?? e;
  return pg?.code === '23505' && pg.constraint === 'UQ_messages_author_client_id';
}

/**
 * Something a message carries that another lib owns (a poll): written in the message's own
 * transaction, after the message row and before its live events go out, so both commit or neither.
 */
export type MessageAttachment = (em: EntityManager, message: MessageRow, live: LiveEvent[]) => Promise<void>;

/**
 * Posts a message or a reply: validates, then one transaction writes the message, its mentions and
 * hashtags, the parent thread's reply count, the live events and the notification job.
 */
@Injectable()
export class PostMessage {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly messages: MessagesService,
    private readonly afterCommit: MessageAfterCommit,
    private readonly limiter: RateLimiterService,
    private readonly images: MessageImagesService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly reads: ReadReplicas,
  ) {}

  async execute(actor: Actor, cmd: PostMessageCommand, attach?: MessageAttachment): Promise<MessageRow> {
    this.policy.assert(actor, 'message.post');
    const clientId = validateClientId(cmd.clientId);
    try {
      return await this.write(actor, cmd, clientId, attach);
    } catch (err) {
      // A retry of a post that did reach us (its answer was lost), or two retries at once: the unique
      // index refuses the copy, and the retry gets the message stored the first time. Checked on the
      // conflict rather than before, so a first post stays one statement.
      if (clientId && isClientIdConflict(err)) {
        const earlier = await this.replayOf(actor, clientId);
        if (earlier) return earlier;
      }
      throw err;
    }
  }

  /** The author's message stored for this client id; NOT_FOUND when it was deleted since. */
  private async replayOf(actor: Actor, clientId: string): Promise<MessageRow | null> {
    const [row]: MessageRow[] = await this.db.query(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.author_id = $1 AND m.client_id = $2`, [actor.personId, clientId]);
    if (!row) return null;
    if (row.deletedAt) throw notFound('That message was deleted.');
    return row;
  }

  private async write(actor: Actor, cmd: PostMessageCommand, clientId: string | null, attach?: MessageAttachment): Promise<MessageRow> {
    const imageRequests = validateImageRequests(cmd.images);
    // A photo needs no caption; a message without images needs text.
    const text = validateMessageText(cmd.text, { field: 'text', allowEmpty: imageRequests.length > 0 });
    const rateLimit = { key: `post:${actor.personId}`, limit: this.config.rateLimit.postsPerMinute, windowSeconds: 60, what: 'posting' };
    if (!cmd.replyToId && !cmd.quotedMessageId && imageRequests.length === 0 && !attach) {
      // The common case, a new message nobody is told about: one statement that also counts the rate
      // limit, no explicit transaction (see insertPlainMessage). A mention needs its notification job
      // queued with the message: that takes the transaction below.
      const audience = await this.checkAudience(actor, cmd.audience);
      const entities = await entitiesOf(this.db.manager, text, actor.personId);
      if (!entities.mentions.some((m) => m.personId !== actor.personId)) {
        return insertPlainMessage(this.reads, { authorId: actor.personId, audience, body: text, entities, clientId }, rateLimit);
      }
    }
    await this.limiter.consume(rateLimit.key, rateLimit.limit, rateLimit.windowSeconds, rateLimit.what);
    // Decoding and re-encoding is slow: done before the transaction, which then only inserts bytes.
    const rendered = await this.images.render(actor, imageRequests);
    const message = await this.db.transaction(async (em) => {
      const live: LiveEvent[] = [];
      let audience: string;
      let rootId: string | null = null;
      let parentId: string | null = null;
      if (cmd.replyToId) {
        // Replies are one level deep: answering a reply attaches to the thread's root.
        const parent = await lockVisible(em, this.messages, actor, cmd.replyToId, 'The message you reply to does not exist, was deleted, or you cannot see it.');
        const root = parent.rootId ? await lockVisible(em, this.messages, actor, parent.rootId, 'The thread you reply to was deleted.') : parent;
        rootId = root.id;
        parentId = parent.id;
        audience = root.audience;
        if (cmd.audience && cmd.audience !== audience) {
          throw badInput(`A reply goes to the audience of its thread ("${audience}"); leave the audience out.`, { field: 'audience' });
        }
        const parsed = parseAudience(audience);
        if (!parsed || !(await this.policy.canPostToAudience(actor, parsed))) throw forbidden('Only members can reply in this group, and nobody can in an archived group.');
      } else {
        audience = await this.checkAudience(actor, cmd.audience);
      }
      let quotedId: string | null = null;
      if (cmd.quotedMessageId) {
        quotedId = (await lockVisible(em, this.messages, actor, cmd.quotedMessageId, 'The quoted message does not exist, was deleted, or you cannot see it.')).id;
      }
      const entities = await entitiesOf(em, text, actor.personId);
      const row = await insertMessage(em, { authorId: actor.personId, audience, body: text, entities, rootId, parentId, quotedMessageId: quotedId, clientId });
      await this.images.insert(em, row.id, rendered);
      live.push({ audience, type: 'message.created', payload: livePayload(row) });
      if (attach) await attach(em, row, live);
      if (rootId) {
        const root = await bump(em, rootId, 'reply_count', 1);
        live.push({ audience, type: 'message.updated', payload: countsPayload(root) });
      }
      await appendLiveEvents(em, live);
      // Nobody to tell about a plain post: skip the job (it is most of the cost of posting).
      const mentionsOthers = row.entities.mentions.some((m) => m.personId !== actor.personId);
      if (row.rootId || mentionsOthers) await this.afterCommit.fanOutIn(em, { kind: 'message', messageId: row.id, actorId: actor.personId });
      return row;
    });
    await this.images.discardUploads(rendered);
    return message;
  }

  /** A known audience the actor may read; group audiences the actor is not in are "unknown". */
  async checkAudience(actor: Actor, raw: string | null | undefined): Promise<string> {
    if (!raw) throw badInput('Choose an audience: company, employees or group:<id>.', { field: 'audience', messageKey: 'input.unknownChoice' });
    const audience = parseAudience(raw);
    if (!audience) throw badInput(`Unknown audience "${raw.slice(0, 60)}". Use company, employees or group:<id>.`, { field: 'audience', messageKey: 'input.unknownChoice' });
    // Policy decides posting (for groups: an active, unbanned member of a group that is not archived).
    if (await this.policy.canPostToAudience(actor, audience)) return audience;
    if (audience === 'employees') throw forbidden('Only payroll employees can post to the employees audience.');
    if (await this.messages.canSeeAudience(actor, audience)) throw forbidden('Only members can post in this group, and nobody can post in an archived group.');
    // Do not reveal whether a group the actor is not in exists.
    throw badInput(`Unknown audience "${audience}".`, { field: 'audience', messageKey: 'input.unknownChoice' });
  }
}

export interface ReshareCommand {
  messageId: string;
  note?: unknown;
  audience?: string | null;
}

/**
 * Reshares a message with an optional personal note (shown above the original). The reshare goes to
 * the original's audience; a company-wide message may be reshared to a narrower audience, never the
 * other way round, so a reshare can never widen who sees a message.
 */
@Injectable()
export class ReshareMessage {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly messages: MessagesService,
    private readonly post: PostMessage,
    private readonly afterCommit: MessageAfterCommit,
  ) {}

  async execute(actor: Actor, cmd: ReshareCommand): Promise<MessageRow> {
    this.policy.assert(actor, 'message.reshare');
    const note = validateMessageText(cmd.note, { field: 'note', allowEmpty: true, what: 'A reshare note' });
    const message = await this.db.transaction(async (em) => {
      let original = await lockVisible(em, this.messages, actor, cmd.messageId);
      // Resharing a reshare shares what it shared.
      if (original.reshareOfId) original = await lockVisible(em, this.messages, actor, original.reshareOfId);
      if (original.rootId) throw badInput('Replies cannot be reshared; reshare the thread instead.', { field: 'messageId' });
      let audience = original.audience;
      if (cmd.audience && cmd.audience !== original.audience) {
        if (original.audience !== 'company') {
          throw badInput(`This message is for "${original.audience}" and can only be reshared to that audience.`, { field: 'audience' });
        }
        audience = await this.post.checkAudience(actor, cmd.audience);
      }
      const entities = await entitiesOf(em, note, actor.personId);
      const row = await insertMessage(em, { authorId: actor.personId, audience, body: note, entities, reshareOfId: original.id });
      const counted = await bump(em, original.id, 'reshare_count', 1);
      await appendLiveEvents(em, [
        { audience, type: 'message.created', payload: livePayload(row) },
        { audience: original.audience, type: 'message.updated', payload: countsPayload(counted) },
      ]);
      await this.afterCommit.fanOutIn(em, { kind: 'message', messageId: row.id, actorId: actor.personId });
      return row;
    });
    return message;
  }
}

/** Like / unlike, idempotent: liking twice counts once, unliking what you never liked is a no-op. */
@Injectable()
export class LikeMessage {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly messages: MessagesService,
    private readonly afterCommit: MessageAfterCommit,
  ) {}

  async execute(actor: Actor, messageId: string, like: boolean): Promise<MessageRow> {
    this.policy.assert(actor, 'message.like');
    const { row } = await this.db.transaction(async (em) => {
      const message = await lockVisible(em, this.messages, actor, messageId);
      const changedRows: unknown[] = like
        ? await em.query('INSERT INTO message_likes (message_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING message_id', [message.id, actor.personId])
        : (await em.query('DELETE FROM message_likes WHERE message_id = $1 AND person_id = $2 RETURNING message_id', [message.id, actor.personId]))[0];
      if (changedRows.length === 0) return { row: message, changed: false };
      const counted = await bump(em, message.id, 'like_count', like ? 1 : -1);
      await appendLiveEvents(em, [{ audience: message.audience, type: 'message.updated', payload: countsPayload(counted) }]);
      if (like && counted.authorId !== actor.personId) await this.afterCommit.fanOutIn(em, { kind: 'like', messageId: counted.id, actorId: actor.personId });
      return { row: counted, changed: true };
    });
    return row;
  }
}
