import { Injectable } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { BlogCommentModel, BlogPostModel } from '@plein/blogs';
import type { GqlContext, LoaderFactory } from '@plein/core';
import { MessageLoader, MessageModel, MessagesService, toMessageModel } from '@plein/messages';
import { CurrentActor, type Actor } from '@plein/policy';
import type { ReportItemType } from './entities/moderation.entity.js';
import { ModerationActionModel, ReportModel } from './models/moderation.model.js';
import { canAppeal, ModerationService, type ActionRow } from './moderation.service.js';

/**
 * The decision in force on an item, for its author: keys are `${authorId}|${itemType}|${itemId}`
 * (one factory serves every request; the bag of loaders is per request), one query per author and page.
 */
@Injectable()
export class DecisionInForceLoader implements LoaderFactory<string, ActionRow | null> {
  constructor(private readonly moderation: ModerationService) {}

  async load(keys: readonly string[]): Promise<(ActionRow | null)[]> {
    const parsed = keys.map((k) => {
      const [subjectId, itemType, itemId] = k.split('|');
      return { subjectId, itemType: itemType as ReportItemType, itemId };
    });
    const bySubject = new Map<string, Map<string, ActionRow>>();
    for (const subjectId of new Set(parsed.map((p) => p.subjectId))) {
      bySubject.set(subjectId, await this.moderation.decisionsInForce(subjectId, parsed.filter((p) => p.subjectId === subjectId)));
    }
    return parsed.map((p) => bySubject.get(p.subjectId)?.get(`${p.itemType}:${p.itemId}`) ?? null);
  }
}

/** The author's own view of moderated content: the decision (reason, appeal status) to show and appeal. Nobody else gets it. */
function decisionFor(actor: Actor, ctx: GqlContext, loader: DecisionInForceLoader, item: { authorId: string; moderationState: string; itemType: ReportItemType; id: string }) {
  if (item.moderationState === 'visible' || item.authorId !== actor.personId) return null;
  return ctx.loaders.get(loader).load(`${actor.personId}|${item.itemType}|${item.id}`);
}

const DESCRIPTION = 'For the author of hidden or removed content: the decision in force (its reason, whether and how it was appealed). Null for everyone else.';

@Resolver(() => MessageModel)
export class MessageModerationResolver {
  constructor(private readonly loader: DecisionInForceLoader) {}

  @ResolveField(() => ModerationActionModel, { nullable: true, description: DESCRIPTION })
  moderationAction(@CurrentActor() actor: Actor, @Parent() m: MessageModel, @Context() ctx: GqlContext) {
    return decisionFor(actor, ctx, this.loader, { ...m, itemType: 'message' });
  }
}

@Resolver(() => BlogPostModel)
export class BlogPostModerationResolver {
  constructor(private readonly loader: DecisionInForceLoader) {}

  @ResolveField(() => ModerationActionModel, { nullable: true, description: DESCRIPTION })
  moderationAction(@CurrentActor() actor: Actor, @Parent() p: BlogPostModel, @Context() ctx: GqlContext) {
    return decisionFor(actor, ctx, this.loader, { ...p, itemType: 'blog_post' });
  }
}

@Resolver(() => BlogCommentModel)
export class BlogCommentModerationResolver {
  constructor(private readonly loader: DecisionInForceLoader) {}

  @ResolveField(() => ModerationActionModel, { nullable: true, description: DESCRIPTION })
  moderationAction(@CurrentActor() actor: Actor, @Parent() c: BlogCommentModel, @Context() ctx: GqlContext) {
    return decisionFor(actor, ctx, this.loader, { ...c, itemType: 'blog_comment' });
  }
}

@Resolver(() => ModerationActionModel)
export class ModerationActionResolver {
  @ResolveField(() => Boolean, { description: 'True when you are the person it is about and may still appeal it (a removal or suspension in force, not yet appealed).' })
  canAppeal(@CurrentActor() actor: Actor, @Parent() a: ModerationActionModel): boolean {
    return a.subjectId === actor.personId && canAppeal(a);
  }
}

@Resolver(() => ReportModel)
export class ReportModerationResolver {
  constructor(
    private readonly messages: MessagesService,
    private readonly messageLoader: MessageLoader,
  ) {}

  @ResolveField(() => MessageModel, { nullable: true, description: 'For a report about a message: the message, while you may still read it (a removed one is gone).' })
  async message(@CurrentActor() actor: Actor, @Parent() r: ReportModel, @Context() ctx: GqlContext): Promise<MessageModel | null> {
    if (r.itemType !== 'message') return null;
    const row = await ctx.loaders.get(this.messageLoader).load(r.itemId);
    if (!row || row.deletedAt || !this.messages.canSeeModerated(actor, row) || !(await this.messages.canSeeMessage(actor, row))) return null;
    return toMessageModel(row);
  }
}

export const MODERATED_CONTENT_RESOLVERS = [MessageModerationResolver, BlogPostModerationResolver, BlogCommentModerationResolver, ModerationActionResolver, ReportModerationResolver];
