import { Injectable } from '@nestjs/common';
import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GqlContext, LoaderFactory } from '@plein/core';
import { MessageModel } from '@plein/messages';
import { CurrentActor, type Actor } from '@plein/policy';
import { CampaignMatchModel, CampaignModel, CampaignStatsModel } from './campaign.models.js';
import { CampaignsService } from './campaigns.service.js';

type CampaignHit = { campaignId: string; size: number } | null;

/**
 * Campaign id and size per message as the reader sees them: one query per page. One loader per
 * actor object (an actor lives for one request): the answer depends on what the reader may read.
 */
@Injectable()
export class MessageCampaignLoader {
  private readonly byActor = new WeakMap<Actor, LoaderFactory<string, CampaignHit>>();

  constructor(private readonly campaigns: CampaignsService) {}

  for(actor: Actor): LoaderFactory<string, CampaignHit> {
    let factory = this.byActor.get(actor);
    if (!factory) {
      factory = {
        load: async (ids) => {
          const found = await this.campaigns.ofMessages(actor, ids);
          return ids.map((id) => found.get(id) ?? null);
        },
      };
      this.byActor.set(actor, factory);
    }
    return factory;
  }
}

/** Campaigns by id as the reader sees them, batched per request (a feed page asks for several). */
@Injectable()
export class CampaignByIdLoader {
  private readonly byActor = new WeakMap<Actor, LoaderFactory<string, CampaignModel | null>>();

  constructor(private readonly campaigns: CampaignsService) {}

  for(actor: Actor): LoaderFactory<string, CampaignModel | null> {
    let factory = this.byActor.get(actor);
    if (!factory) {
      factory = {
        load: async (ids) => {
          const found = new Map((await this.campaigns.byIds(actor, ids)).map((c) => [c.id, c]));
          return ids.map((id) => found.get(id) ?? null);
        },
      };
      this.byActor.set(actor, factory);
    }
    return factory;
  }
}

@Resolver(() => CampaignModel)
export class CampaignsResolver {
  constructor(private readonly service: CampaignsService) {}

  @Query(() => CampaignMatchModel, { nullable: true, description: 'For the composer: does this text match a circulating campaign? A hint, never a block.' })
  matchCampaign(@CurrentActor() actor: Actor, @Args('text') text: string): Promise<CampaignMatchModel | null> {
    return this.service.match(actor, text);
  }

  @Query(() => [CampaignStatsModel], { description: 'Latest campaigns with reach and engagement (community managers and admins).' })
  campaigns(@CurrentActor() actor: Actor, @Args('first', { type: () => Int, defaultValue: 20 }) first: number): Promise<CampaignStatsModel[]> {
    return this.service.stats(actor, first);
  }
}

/** Lets clients collapse a campaign in a feed: "Frank and 11 colleagues posted this". */
@Resolver(() => MessageModel)
export class MessageCampaignResolver {
  constructor(
    private readonly loader: MessageCampaignLoader,
    private readonly byId: CampaignByIdLoader,
  ) {}

  @ResolveField(() => ID, { nullable: true, description: 'The campaign this message belongs to (near-identical posts by different people).' })
  async campaignId(@CurrentActor() actor: Actor, @Parent() m: MessageModel, @Context() ctx: GqlContext): Promise<string | null> {
    return (await ctx.loaders.get(this.loader.for(actor)).load(m.id))?.campaignId ?? null;
  }

  @ResolveField(() => Int, { nullable: true, description: 'How many messages its campaign has that you may read.' })
  async campaignSize(@CurrentActor() actor: Actor, @Parent() m: MessageModel, @Context() ctx: GqlContext): Promise<number | null> {
    return (await ctx.loaders.get(this.loader.for(actor)).load(m.id))?.size ?? null;
  }

  @ResolveField(() => CampaignModel, { nullable: true })
  async campaign(@CurrentActor() actor: Actor, @Parent() m: MessageModel, @Context() ctx: GqlContext): Promise<CampaignModel | null> {
    const hit = await ctx.loaders.get(this.loader.for(actor)).load(m.id);
    if (!hit) return null;
    return ctx.loaders.get(this.byId.for(actor)).load(hit.campaignId);
  }
}
