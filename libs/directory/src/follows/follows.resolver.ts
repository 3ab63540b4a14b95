import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionArgs, type Connection, type GqlContext } from '@plein/core';
import { CurrentActor, PolicyService, type Actor } from '@plein/policy';
import { PersonConnection, PersonModel } from '../models/person.model.js';
import { FollowCountsLoader, FollowedByLoader } from './follow.loaders.js';
import { FollowsService } from './follows.service.js';

@Resolver(() => PersonModel)
export class FollowsResolver {
  constructor(
    private readonly follows: FollowsService,
    private readonly policy: PolicyService,
    private readonly counts: FollowCountsLoader,
    private readonly followedBy: FollowedByLoader,
  ) {}

  @Mutation(() => PersonModel, { description: 'Follows a person (idempotent). Returns the person followed.' })
  follow(@CurrentActor() actor: Actor, @Args('personId', { type: () => ID }) personId: string): Promise<PersonModel> {
    return this.follows.follow(actor, personId);
  }

  @Mutation(() => PersonModel, { description: 'Stops following a person (idempotent). Returns the person.' })
  unfollow(@CurrentActor() actor: Actor, @Args('personId', { type: () => ID }) personId: string): Promise<PersonModel> {
    return this.follows.unfollow(actor, personId);
  }

  @Query(() => PersonConnection, { description: 'Active people following this person, most recent first.' })
  followers(
    @CurrentActor() actor: Actor,
    @Args('personId', { type: () => ID }) personId: string,
    @Args() page: ConnectionArgs,
  ): Promise<Connection<PersonModel>> {
    this.policy.assert(actor, 'person.read');
    return this.follows.followers(personId, page.first, page.after);
  }

  @Query(() => PersonConnection, { description: 'Active people this person follows, most recent first.' })
  following(
    @CurrentActor() actor: Actor,
    @Args('personId', { type: () => ID }) personId: string,
    @Args() page: ConnectionArgs,
  ): Promise<Connection<PersonModel>> {
    this.policy.assert(actor, 'person.read');
    return this.follows.following(personId, page.first, page.after);
  }

  @ResolveField(() => Int)
  async followersCount(@Parent() person: PersonModel, @Context() ctx: GqlContext): Promise<number> {
    return (await ctx.loaders.get(this.counts).load(person.id)).followers;
  }

  @ResolveField(() => Int)
  async followingCount(@Parent() person: PersonModel, @Context() ctx: GqlContext): Promise<number> {
    return (await ctx.loaders.get(this.counts).load(person.id)).following;
  }

  @ResolveField(() => Boolean, { description: 'Whether you follow this person.' })
  followedByMe(@Parent() person: PersonModel, @CurrentActor() actor: Actor, @Context() ctx: GqlContext): Promise<boolean> | boolean {
    if (person.id === actor.personId) return false;
    return ctx.loaders.get(this.followedBy).load(`${actor.personId}:${person.id}`);
  }
}
