import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GqlContext } from '@plein/core';
import { PersonLoader, PersonModel } from '@plein/directory';
import { CurrentActor, type Actor } from '@plein/policy';
import {
  BarrierAuditEntryModel,
  BarrierSegmentModel,
  CreateBarrierResultModel,
  SuspendedFollowModel,
  SuspendedGroupMembershipModel,
  CreateBarrierSegmentInput,
  CreateInformationBarrierInput,
  InformationBarrierModel,
} from './barrier.models.js';
import { BarriersService } from './barriers.service.js';

/** Admins define segments and the barriers between them; every change lands in the barrier audit log. */
@Resolver(() => InformationBarrierModel)
export class BarriersResolver {
  constructor(private readonly barriers: BarriersService) {}

  @Query(() => [BarrierSegmentModel], { description: 'Information-barrier segments (admins).' })
  barrierSegments(@CurrentActor() actor: Actor): Promise<BarrierSegmentModel[]> {
    return this.barriers.segments(actor);
  }

  @Query(() => [InformationBarrierModel], { description: 'Information barriers (admins).' })
  informationBarriers(@CurrentActor() actor: Actor): Promise<InformationBarrierModel[]> {
    return this.barriers.barriers(actor);
  }

  @Query(() => [BarrierAuditEntryModel], { description: 'Every change to segments and barriers, newest first (admins).' })
  barrierAudit(@CurrentActor() actor: Actor, @Args('first', { type: () => Int, defaultValue: 50 }) first: number): Promise<BarrierAuditEntryModel[]> {
    return this.barriers.auditLog(actor, first);
  }

  @Mutation(() => BarrierSegmentModel)
  createBarrierSegment(@CurrentActor() actor: Actor, @Args('input') input: CreateBarrierSegmentInput): Promise<BarrierSegmentModel> {
    return this.barriers.createSegment(actor, input);
  }

  @Mutation(() => Boolean)
  deleteBarrierSegment(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.barriers.deleteSegment(actor, id);
  }

  @Mutation(() => CreateBarrierResultModel, { description: 'Creates a barrier; returns the follows and group memberships it suspended.' })
  createInformationBarrier(@CurrentActor() actor: Actor, @Args('input') input: CreateInformationBarrierInput): Promise<CreateBarrierResultModel> {
    return this.barriers.createBarrier(actor, input);
  }

  @Mutation(() => Boolean, { description: 'Removes a barrier and lifts what it suspended.' })
  deleteInformationBarrier(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.barriers.deleteBarrier(actor, id);
  }
}

/** Names for the admin's report of what a barrier suspended (only admins reach these objects). */
@Resolver(() => SuspendedFollowModel)
export class SuspendedFollowResolver {
  constructor(private readonly persons: PersonLoader) {}

  @ResolveField(() => PersonModel, { nullable: true })
  follower(@Parent() f: SuspendedFollowModel, @Context() ctx: GqlContext): Promise<PersonModel | null> {
    return ctx.loaders.get(this.persons).load(f.followerId);
  }

  @ResolveField(() => PersonModel, { nullable: true })
  followee(@Parent() f: SuspendedFollowModel, @Context() ctx: GqlContext): Promise<PersonModel | null> {
    return ctx.loaders.get(this.persons).load(f.followeeId);
  }
}

@Resolver(() => SuspendedGroupMembershipModel)
export class SuspendedGroupMembershipResolver {
  constructor(private readonly persons: PersonLoader) {}

  @ResolveField(() => PersonModel, { nullable: true })
  person(@Parent() m: SuspendedGroupMembershipModel, @Context() ctx: GqlContext): Promise<PersonModel | null> {
    return ctx.loaders.get(this.persons).load(m.personId);
  }
}

@Resolver(() => BarrierAuditEntryModel)
export class BarrierAuditEntryResolver {
  constructor(private readonly persons: PersonLoader) {}

  @ResolveField(() => PersonModel, { nullable: true, description: 'Who made the change.' })
  async actor(@Parent() e: BarrierAuditEntryModel, @Context() ctx: GqlContext): Promise<PersonModel | null> {
    return e.actorId ? ctx.loaders.get(this.persons).load(e.actorId) : null;
  }
}
