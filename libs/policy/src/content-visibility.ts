import { Injectable } from '@nestjs/common';
import type { Params } from '@plein/core';
import { parseAudience, type Actor } from './actor.js';
import type { ModerationState } from './content-kind.js';
import { PolicyService } from './policy.service.js';

/** What the one visibility rule needs to know about an item. */
export interface VisibleFacts {
  audience: string;
  authorId: string;
  moderationState: ModerationState;
}

/**
 * The one content-visibility module: the audience, barrier and moderation rules every kind of
 * content (messages, blog posts and comments, polls, …) shares, as SQL for lists and as a yes/no
 * for single items. Domains build their kind's predicate from these instead of keeping copies.
 *
 * The moderator-visibility rule is one rule: content hidden or removed by moderation stays readable
 * by its author (who sees that and why) and by moderators (community managers and admins, who need
 * it to decide and to review appeals); everyone else loses it from every list, single read, count,
 * notification and replay. Before, blog posts were hidden from moderators while messages were not;
 * a moderator can now open a hidden blog post the way they open a hidden message.
 *
 * Public assets of content (message images, blog covers: served without a token, by an unguessable
 * id) follow a stricter rule, because the URL reaches no actor to check: served only while the
 * content is visible. Before, message images stayed online while a message was merely hidden; now a
 * hidden message's images go offline with it, and come back when the hiding is dismissed.
 */
@Injectable()
export class ContentVisibility {
  constructor(private readonly policy: PolicyService) {}

  /** Does moderation's hiding apply to this actor? (No for moderators.) */
  seesModerated(actor: Actor): boolean {
    return this.policy.can(actor, 'moderation.access');
  }

  /** SQL: the audience column is one the actor reads (company, employees, the actor's readable groups). */
  async audienceOnlySql(actor: Actor, p: Params, audienceColumn: string): Promise<string> {
    return p.append(this.policy.audiencePredicate(actor, audienceColumn, p.next, await this.policy.readableGroupIds(actor)));
  }

  /** SQL: the author column is not behind an information barrier for the actor. */
  barrierSql(actor: Pick<Actor, 'personId'>, p: Params, authorColumn: string): string {
    return p.append(this.policy.barrierPredicate(actor, authorColumn, p.next));
  }

  /** SQL: a readable audience, and an author not behind a barrier (columns `…audience` and `…author_id` by default). */
  async audienceSql(actor: Actor, p: Params, audienceColumn: string, authorColumn = audienceColumn.replace(/audience$/, 'author_id')): Promise<string> {
    return `${await this.audienceOnlySql(actor, p, audienceColumn)} AND ${this.barrierSql(actor, p, authorColumn)}`;
  }

  /** SQL: not taken down by moderation, or the actor is its author or a moderator. */
  moderationSql(actor: Actor, p: Params, alias: string, authorColumn = `${alias}.author_id`): string {
    if (this.seesModerated(actor)) return 'TRUE';
    return `(${alias}.moderation_state = 'visible' OR ${authorColumn} = ${p.add(actor.personId)})`;
  }

  /** The whole rule over a row aliased `alias` with audience, author_id and moderation_state columns. */
  async visibleSql(actor: Actor, p: Params, alias: string): Promise<string> {
    return `(${await this.audienceSql(actor, p, `${alias}.audience`)} AND ${this.moderationSql(actor, p, alias)})`;
  }

  /** Single-item form of moderationSql. */
  canSeeModerated(actor: Actor, item: Pick<VisibleFacts, 'moderationState' | 'authorId'>): boolean {
    return item.moderationState === 'visible' || item.authorId === actor.personId || this.seesModerated(actor);
  }

  /** Single-item form of audienceSql: the audience (members' groups and open ones), and no barrier to the author. */
  async canRead(actor: Actor, item: Pick<VisibleFacts, 'audience' | 'authorId'>): Promise<boolean> {
    const audience = parseAudience(item.audience);
    return !!audience && (await this.policy.canReadAudience(actor, audience)) && (await this.policy.canReadPerson(actor, item.authorId));
  }

  /** Single-item form of visibleSql. */
  async canSee(actor: Actor, item: VisibleFacts): Promise<boolean> {
    return this.canSeeModerated(actor, item) && (await this.canRead(actor, item));
  }

  /** SQL for a realtime_events replay: the row aliased `alias` is taken down for this reader (not its author, not a moderator). */
  takenDownSql(alias: string, me: string, moderator: boolean): string {
    return moderator ? 'FALSE' : `(${alias}.moderation_state <> 'visible' AND ${alias}.author_id <> ${me})`;
  }

  /** SQL for public assets (images by unguessable id, no actor): served only while the content is visible. */
  publicAssetSql(alias: string): string {
    return `${alias}.moderation_state = 'visible'`;
  }
}
