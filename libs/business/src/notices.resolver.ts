import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Connection, type GqlContext } from '@plein/core';
import { DepartmentLoader, DepartmentModel, PersonLoader, PersonModel } from '@plein/directory';
import { CurrentActor, type Actor } from '@plein/policy';
import { NoticeFlagsLoader, NoticeUpdatesLoader } from './business.loaders.js';
import { NoticeStatus } from './entities/business.entity.js';
import {
  NoticeAffectedDepartmentModel,
  NoticeAffectedPersonModel,
  NoticeConnection,
  NoticeModel,
  NoticeUpdateModel,
  PublishNoticeInput,
  SearchNoticesArgs,
} from './models/business.model.js';
import { NoticesService, type NoticeRow } from './notices.service.js';

const present = <T>(v: T | null | Error | undefined): v is T => !!v && !(v instanceof Error);

@Resolver(() => NoticeModel)
export class NoticesResolver {
  constructor(
    private readonly notices: NoticesService,
    private readonly persons: PersonLoader,
    private readonly departmentLoader: DepartmentLoader,
    private readonly updateLoader: NoticeUpdatesLoader,
    private readonly flags: NoticeFlagsLoader,
  ) {}

  @Query(() => NoticeModel, { description: 'A notice you may see, with its timeline.' })
  notice(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<NoticeRow> {
    return this.notices.get(actor, id);
  }

  @Query(() => [NoticeModel], { description: 'Unresolved notices you may see, most severe first: the banner on every page.' })
  activeNotices(@CurrentActor() actor: Actor): Promise<NoticeRow[]> {
    return this.notices.active(actor);
  }

  @Query(() => NoticeConnection, { description: 'All notices you may see, resolved ones included, newest first; Dutch full-text search.' })
  searchNotices(@CurrentActor() actor: Actor, @Args() args: SearchNoticesArgs): Promise<Connection<NoticeRow>> {
    return this.notices.search(actor, args, args);
  }

  @Query(() => [String], { description: 'The services you follow (lower-case).' })
  followedServices(@CurrentActor() actor: Actor): Promise<string[]> {
    return this.notices.followedServices(actor);
  }

  @Mutation(() => NoticeModel, { description: 'Publish a notice (notice publishers and admins). It starts as INVESTIGATING with its first update.' })
  publishNotice(@CurrentActor() actor: Actor, @Args('input') input: PublishNoticeInput): Promise<NoticeRow> {
    return this.notices.publish(actor, input);
  }

  @Mutation(() => NoticeModel, { description: 'A timed update: the status stays or moves forward; RESOLVED is final.' })
  postNoticeUpdate(
    @CurrentActor() actor: Actor,
    @Args('noticeId', { type: () => ID }) noticeId: string,
    @Args('status', { type: () => NoticeStatus }) status: NoticeStatus,
    @Args('text') text: string,
  ): Promise<NoticeRow> {
    return this.notices.postUpdate(actor, noticeId, status, text);
  }

  @Mutation(() => NoticeModel, { description: 'Get notified of every update of this notice (idempotent).' })
  followNotice(@CurrentActor() actor: Actor, @Args('noticeId', { type: () => ID }) noticeId: string): Promise<NoticeRow> {
    return this.notices.follow(actor, noticeId, true);
  }

  @Mutation(() => NoticeModel)
  unfollowNotice(@CurrentActor() actor: Actor, @Args('noticeId', { type: () => ID }) noticeId: string): Promise<NoticeRow> {
    return this.notices.follow(actor, noticeId, false);
  }

  @Mutation(() => [String], { description: 'Get notified of every notice naming this service (case-insensitive). Returns the services you follow.' })
  followService(@CurrentActor() actor: Actor, @Args('name') name: string): Promise<string[]> {
    return this.notices.followService(actor, name, true);
  }

  @Mutation(() => [String])
  unfollowService(@CurrentActor() actor: Actor, @Args('name') name: string): Promise<string[]> {
    return this.notices.followService(actor, name, false);
  }

  @Mutation(() => NoticeModel, { description: '"I am affected too", with an optional comment (at most 500 characters).' })
  markAffected(
    @CurrentActor() actor: Actor,
    @Args('noticeId', { type: () => ID }) noticeId: string,
    @Args('comment', { type: () => String, nullable: true }) comment?: string | null,
  ): Promise<NoticeRow> {
    return this.notices.markAffected(actor, noticeId, comment, true);
  }

  @Mutation(() => NoticeModel)
  unmarkAffected(@CurrentActor() actor: Actor, @Args('noticeId', { type: () => ID }) noticeId: string): Promise<NoticeRow> {
    return this.notices.markAffected(actor, noticeId, null, false);
  }

  @ResolveField(() => PersonModel, { nullable: true, description: 'Who published it.' })
  async author(@Parent() n: NoticeRow, @Context() ctx: GqlContext): Promise<PersonModel | null> {
    return (await ctx.loaders.get(this.persons).load(n.authorId)) ?? null;
  }

  @ResolveField(() => [DepartmentModel], { description: 'The chosen departments (audience DEPARTMENTS); their sub-departments are reached too.' })
  async departments(@Parent() n: NoticeRow, @Context() ctx: GqlContext): Promise<DepartmentModel[]> {
    return (await ctx.loaders.get(this.departmentLoader).loadMany(n.departmentIds)).filter(present);
  }

  @ResolveField(() => [NoticeUpdateModel], { description: 'The timeline, oldest first.' })
  updates(@Parent() n: NoticeRow, @Context() ctx: GqlContext) {
    return ctx.loaders.get(this.updateLoader).load(n.id);
  }

  @ResolveField(() => Boolean)
  async followedByMe(@CurrentActor() actor: Actor, @Parent() n: NoticeRow, @Context() ctx: GqlContext): Promise<boolean> {
    return (await ctx.loaders.get(this.flags).load(`${actor.personId}|${n.id}`)).followed;
  }

  @ResolveField(() => Boolean)
  async affectedByMe(@CurrentActor() actor: Actor, @Parent() n: NoticeRow, @Context() ctx: GqlContext): Promise<boolean> {
    return (await ctx.loaders.get(this.flags).load(`${actor.personId}|${n.id}`)).affected;
  }

  @ResolveField(() => [NoticeAffectedDepartmentModel], { description: 'How many are affected per department (counts only).' })
  affectedByDepartment(@Parent() n: NoticeRow) {
    return this.notices.affectedByDepartment(n.id);
  }

  @ResolveField(() => [NoticeAffectedPersonModel], { nullable: true, description: 'Who is affected, with comments: notice publishers and admins only; null for others.' })
  affectedPeople(@CurrentActor() actor: Actor, @Parent() n: NoticeRow) {
    return this.notices.affectedPeople(actor, n.id);
  }
}

@Resolver(() => NoticeUpdateModel)
export class NoticeUpdateResolver {
  constructor(private readonly persons: PersonLoader) {}

  @ResolveField(() => PersonModel, { nullable: true })
  async author(@Parent() u: NoticeUpdateModel, @Context() ctx: GqlContext): Promise<PersonModel | null> {
    return (await ctx.loaders.get(this.persons).load(u.authorId)) ?? null;
  }
}

@Resolver(() => NoticeAffectedDepartmentModel)
export class NoticeAffectedDepartmentResolver {
  constructor(private readonly departments: DepartmentLoader) {}

  @ResolveField(() => DepartmentModel, { nullable: true, description: 'Null for people without a department.' })
  async department(@Parent() a: NoticeAffectedDepartmentModel, @Context() ctx: GqlContext): Promise<DepartmentModel | null> {
    return a.departmentId ? ((await ctx.loaders.get(this.departments).load(a.departmentId)) ?? null) : null;
  }
}

@Resolver(() => NoticeAffectedPersonModel)
export class NoticeAffectedPersonResolver {
  constructor(private readonly persons: PersonLoader) {}

  @ResolveField(() => PersonModel, { nullable: true })
  async person(@Parent() a: NoticeAffectedPersonModel, @Context() ctx: GqlContext): Promise<PersonModel | null> {
    return (await ctx.loaders.get(this.persons).load(a.personId)) ?? null;
  }
}
