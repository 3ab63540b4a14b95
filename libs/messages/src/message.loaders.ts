import { Injectable } from '@nestjs/common';
import { byKeys, type GqlContext, type LoaderFactory } from '@plein/core';
import { PeopleService, PersonBarrier, PersonLoader } from '@plein/directory';
import type { Actor } from '@plein/policy';
import { MessagesService, type MessageRow } from './messages.service.js';
import type { MessageModel } from './models/message.model.js';

/** What a removed message shows in place of its text (only its author and moderators ever get it). */
export const REMOVED_TEXT = 'Removed by moderation.';

export function toMessageModel(row: MessageRow): MessageModel {
  const removed = row.moderationState === 'removed';
  const entities = removed ? { links: [], mentions: [], hashtags: [] } : (row.entities ?? { links: [], mentions: [], hashtags: [] });
  return {
    id: row.id,
    audience: row.audience,
    text: removed ? REMOVED_TEXT : row.body,
    body: removed ? '' : row.body,
    moderationState: row.moderationState ?? 'visible',
    moderationReason: row.moderationState && row.moderationState !== 'visible' ? row.moderationReason : null,
    entities,
    links: entities.links,
    hashtags: [...new Set(entities.hashtags.map((h) => h.tag))],
    rootId: row.rootId,
    parentId: row.parentId,
    likeCount: row.likeCount,
    replyCount: row.replyCount,
    reshareCount: row.visibleReshareCount ?? row.reshareCount,
    reshareCountForReader: row.visibleReshareCount !== undefined,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    authorId: row.authorId,
    quotedMessageId: row.quotedMessageId,
    reshareOfId: row.reshareOfId,
  };
}

/** Messages by id (quoted and reshared ones); callers check deletion and audience. */
@Injectable()
export class MessageLoader implements LoaderFactory<string, MessageRow | null> {
  constructor(private readonly messages: MessagesService) {}
  async load(ids: readonly string[]) {
    return byKeys(ids, await this.messages.findByIds(ids), (m) => m.id);
  }
}

/**
 * How many of each message's reshares the reader may read, one query per page. One loader per
 * actor object (an actor lives for one request), as the count depends on the reader's audiences.
 */
@Injectable()
export class VisibleReshareCounts {
  private readonly byActor = new WeakMap<Actor, LoaderFactory<string, number>>();

  constructor(private readonly messages: MessagesService) {}

  for(actor: Actor): LoaderFactory<string, number> {
    let factory = this.byActor.get(actor);
    if (!factory) {
      factory = { load: async (ids) => { const n = await this.messages.visibleReshareCounts(actor, ids); return ids.map((id) => n.get(id) ?? 0); } };
      this.byActor.set(actor, factory);
    }
    return factory;
  }
}

/**
 * "Did I like it?" for a whole page in one query. Keys are `${personId}:${messageId}` because one
 * loader factory serves every request (the bag of loaders is per request, the factory is not).
 */
@Injectable()
export class LikedByLoader implements LoaderFactory<string, boolean> {
  constructor(private readonly messages: MessagesService) {}
  async load(keys: readonly string[]) {
    const byPerson = new Map<string, string[]>();
    for (const k of keys) {
      const [personId, messageId] = k.split(':');
      byPerson.set(personId, [...(byPerson.get(personId) ?? []), messageId]);
    }
    const liked = new Set<string>();
    for (const [personId, ids] of byPerson) {
      for (const id of await this.messages.likedBy(personId, ids)) liked.add(`${personId}:${id}`);
    }
    return keys.map((k) => liked.has(k));
  }
}

/**
 * Feed pages bring their authors and the reader's likes in the page's own statement
 * (MessagesService.withAuthorsAndLikes); this puts them into the request's loaders, so `author` and
 * `likedByMe` resolve without another query. Rows without them are left to the loaders.
 */
@Injectable()
export class MessagePagePrimer {
  constructor(
    private readonly people: PeopleService,
    private readonly persons: PersonLoader,
    private readonly likedBy: LikedByLoader,
    private readonly barrier: PersonBarrier,
  ) {}

  /** Feed pages filter their authors by the barrier predicate already: they are readable. */
  prime(ctx: GqlContext, actor: Actor, rows: readonly MessageRow[]): void {
    const persons = ctx.loaders.get(this.persons);
    const liked = ctx.loaders.get(this.likedBy);
    for (const row of rows) {
      if (row.authorJson) persons.prime(row.authorId, this.people.personFromJson(row.authorJson));
      this.barrier.primeReadable(ctx, actor, row.authorId);
      if (row.likedByMe !== undefined) liked.prime(`${actor.personId}:${row.id}`, row.likedByMe);
    }
  }
}
