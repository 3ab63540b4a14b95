import { Injectable } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GqlContext, LoaderFactory } from '@plein/core';
import { PersonModel } from '@plein/directory';
import { CurrentActor, type Actor } from '@plein/policy';
import { InsightsDashboardModel } from './insights.models.js';
import { InsightsService } from './insights.service.js';

@Injectable()
export class AmbassadorLoader implements LoaderFactory<string, boolean> {
  constructor(private readonly insights: InsightsService) {}
  async load(ids: readonly string[]) {
    const set = await this.insights.ambassadorIds(ids);
    return ids.map((id) => set.has(id));
  }
}

/** Community insights for community managers and admins: aggregates only, from hourly rollups. */
@Resolver(() => InsightsDashboardModel)
export class InsightsResolver {
  constructor(private readonly insights: InsightsService) {}

  @Query(() => InsightsDashboardModel, { description: 'Adoption, participation, connection, authenticity and ambassadors (community managers and admins).' })
  insightsDashboard(@CurrentActor() actor: Actor, @Args('weeks', { type: () => Int, defaultValue: 12 }) weeks: number): Promise<InsightsDashboardModel> {
    return this.insights.dashboard(actor, weeks);
  }

  @Query(() => String, { description: 'The insights dashboard as CSV text.' })
  insightsCsv(@CurrentActor() actor: Actor, @Args('weeks', { type: () => Int, defaultValue: 12 }) weeks: number): Promise<string> {
    return this.insights.csv(actor, weeks);
  }

  @Mutation(() => InsightsDashboardModel, { description: 'Recomputes the insights now instead of at the next hourly rollup (admins). Returns the fresh dashboard.' })
  recomputeInsights(@CurrentActor() actor: Actor, @Args('weeks', { type: () => Int, defaultValue: 12 }) weeks: number): Promise<InsightsDashboardModel> {
    return this.insights.recompute(actor, weeks);
  }

  @Mutation(() => Boolean, { description: 'Marks (or unmarks) a person as ambassador (community managers and admins). Returns the new state.' })
  setAmbassador(@CurrentActor() actor: Actor, @Args('personId', { type: () => ID }) personId: string, @Args('ambassador') ambassador: boolean): Promise<boolean> {
    return this.insights.setAmbassador(actor, personId, ambassador);
  }
}

@Resolver(() => PersonModel)
export class PersonAmbassadorResolver {
  constructor(private readonly loader: AmbassadorLoader) {}

  @ResolveField(() => Boolean, { description: 'An ambassador badge, given by community managers.' })
  ambassador(@Parent() person: PersonModel, @Context() ctx: GqlContext): Promise<boolean> {
    return ctx.loaders.get(this.loader).load(person.id);
  }
}
