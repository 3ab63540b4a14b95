import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionArgs, type Connection, type GqlContext } from '@plein/core';
import { DepartmentLoader, DepartmentModel, PersonLoader, PersonModel, type Person } from '@plein/directory';
import { CurrentActor, type Actor } from '@plein/policy';
import { VacancyFlagsLoader } from './business.loaders.js';
import {
  GrantableRole,
  PostVacancyInput,
  VacancyConnection,
  VacancyFiltersInput,
  VacancyInterestModel,
  VacancyModel,
  VacancyReferralModel,
  VacancySearchModel,
} from './models/business.model.js';
import { RolesService } from './roles.service.js';
import { VacanciesService, type SavedSearchRow, type VacancyRow } from './vacancies.service.js';

@Resolver(() => VacancyModel)
export class VacanciesResolver {
  constructor(
    private readonly service: VacanciesService,
    private readonly persons: PersonLoader,
    private readonly departments: DepartmentLoader,
    private readonly flags: VacancyFlagsLoader,
  ) {}

  @Query(() => VacancyModel, { description: 'A vacancy you may see (open or closed).' })
  vacancy(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<VacancyRow> {
    return this.service.get(actor, id);
  }

  @Query(() => VacancyConnection, { description: 'Open vacancies you may see, newest first, with filters and Dutch full text.' })
  vacancies(
    @CurrentActor() actor: Actor,
    @Args() args: ConnectionArgs,
    @Args('filters', { type: () => VacancyFiltersInput, nullable: true }) filters?: VacancyFiltersInput | null,
  ): Promise<Connection<VacancyRow>> {
    return this.service.browse(actor, filters ?? {}, args);
  }

  @Query(() => VacancyConnection, { description: 'Vacancies you saved, most recently saved first.' })
  savedVacancies(@CurrentActor() actor: Actor, @Args() args: ConnectionArgs): Promise<Connection<VacancyRow>> {
    return this.service.saved(actor, args);
  }

  @Query(() => [VacancySearchModel])
  vacancySearches(@CurrentActor() actor: Actor): Promise<SavedSearchRow[]> {
    return this.service.savedSearches(actor);
  }

  @Query(() => [VacancyReferralModel], { description: 'Vacancies colleagues referred you to, newest first.' })
  myVacancyReferrals(@CurrentActor() actor: Actor) {
    return this.service.referralsTo(actor);
  }

  @Query(() => Boolean, { description: 'May you post vacancies (admin, vacancy poster, or a manager)?' })
  canPostVacancy(@CurrentActor() actor: Actor): Promise<boolean> {
    return this.service.canPost(actor);
  }

  @Mutation(() => VacancyModel, { description: 'Post a vacancy (admins, vacancy posters, managers).' })
  postVacancy(@CurrentActor() actor: Actor, @Args('input') input: PostVacancyInput): Promise<VacancyRow> {
    return this.service.post(actor, input);
  }

  @Mutation(() => VacancyModel, { description: 'Close a vacancy before its closing date (poster, contact person, admins).' })
  closeVacancy(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<VacancyRow> {
    return this.service.close(actor, id);
  }

  @Mutation(() => VacancyModel)
  saveVacancy(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<VacancyRow> {
    return this.service.save(actor, id, true);
  }

  @Mutation(() => VacancyModel)
  unsaveVacancy(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<VacancyRow> {
    return this.service.save(actor, id, false);
  }

  @Mutation(() => VacancySearchModel, { description: 'Save a search: new matching vacancies notify you (at most 20 searches).' })
  saveVacancySearch(@CurrentActor() actor: Actor, @Args('filters', { type: () => VacancyFiltersInput }) filters: VacancyFiltersInput): Promise<SavedSearchRow> {
    return this.service.saveSearch(actor, filters);
  }

  @Mutation(() => Boolean)
  deleteVacancySearch(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.deleteSearch(actor, id);
  }

  @Mutation(() => VacancyModel, { description: 'Express interest (optional note, at most 500 characters): only the contact person and the poster see it.' })
  expressInterest(
    @CurrentActor() actor: Actor,
    @Args('vacancyId', { type: () => ID }) vacancyId: string,
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
  ): Promise<VacancyRow> {
    return this.service.expressInterest(actor, vacancyId, note, true);
  }

  @Mutation(() => VacancyModel)
  withdrawInterest(@CurrentActor() actor: Actor, @Args('vacancyId', { type: () => ID }) vacancyId: string): Promise<VacancyRow> {
    return this.service.expressInterest(actor, vacancyId, null, false);
  }

  @Mutation(() => VacancyReferralModel, { description: 'Refer a colleague with a personal note (at most 500 characters); they are notified.' })
  referColleague(
    @CurrentActor() actor: Actor,
    @Args('vacancyId', { type: () => ID }) vacancyId: string,
    @Args('colleagueId', { type: () => ID }) colleagueId: string,
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
  ) {
    return this.service.refer(actor, vacancyId, colleagueId, note);
  }

  @ResolveField(() => DepartmentModel, { nullable: true })
  async department(@Parent() v: VacancyRow, @Context() ctx: GqlContext): Promise<DepartmentModel | null> {
    return (await ctx.loaders.get(this.departments).load(v.departmentId)) ?? null;
  }

  @ResolveField(() => PersonModel, { nullable: true })
  async contact(@Parent() v: VacancyRow, @Context() ctx: GqlContext): Promise<PersonModel | null> {
    return (await ctx.loaders.get(this.persons).load(v.contactId)) ?? null;
  }

  @ResolveField(() => PersonModel, { nullable: true })
  async poster(@Parent() v: VacancyRow, @Context() ctx: GqlContext): Promise<PersonModel | null> {
    return (await ctx.loaders.get(this.persons).load(v.posterId)) ?? null;
  }

  @ResolveField(() => Boolean)
  async savedByMe(@CurrentActor() actor: Actor, @Parent() v: VacancyRow, @Context() ctx: GqlContext): Promise<boolean> {
    return (await ctx.loaders.get(this.flags).load(`${actor.personId}|${v.id}`)).saved;
  }

  @ResolveField(() => Boolean)
  async interestedByMe(@CurrentActor() actor: Actor, @Parent() v: VacancyRow, @Context() ctx: GqlContext): Promise<boolean> {
    return (await ctx.loaders.get(this.flags).load(`${actor.personId}|${v.id}`)).interested;
  }

  @ResolveField(() => [VacancyInterestModel], { nullable: true, description: 'Who is interested: the contact person and the poster only; null for everyone else.' })
  interests(@CurrentActor() actor: Actor, @Parent() v: VacancyRow) {
    return this.service.interests(actor, v);
  }
}

@Resolver(() => VacancyInterestModel)
export class VacancyInterestResolver {
  constructor(private readonly persons: PersonLoader) {}

  @ResolveField(() => PersonModel, { nullable: true })
  async person(@Parent() i: VacancyInterestModel, @Context() ctx: GqlContext): Promise<PersonModel | null> {
    return (await ctx.loaders.get(this.persons).load(i.personId)) ?? null;
  }
}

@Resolver(() => VacancyReferralModel)
export class VacancyReferralResolver {
  constructor(
    private readonly persons: PersonLoader,
    private readonly vacancies: VacanciesService,
  ) {}

  @ResolveField(() => PersonModel, { nullable: true })
  async referrer(@Parent() r: VacancyReferralModel, @Context() ctx: GqlContext): Promise<PersonModel | null> {
    return (await ctx.loaders.get(this.persons).load(r.referrerId)) ?? null;
  }

  @ResolveField(() => VacancyModel, { nullable: true })
  async vacancy(@CurrentActor() actor: Actor, @Parent() r: VacancyReferralModel): Promise<VacancyRow | null> {
    return this.vacancies.get(actor, r.vacancyId).catch(() => null);
  }
}

@Resolver()
export class BusinessRolesResolver {
  constructor(private readonly roles: RolesService) {}

  @Mutation(() => PersonModel, { description: 'Admins: grant notice_publisher or vacancy_poster.' })
  grantRole(@CurrentActor() actor: Actor, @Args('personId', { type: () => ID }) personId: string, @Args('role', { type: () => GrantableRole }) role: GrantableRole): Promise<Person> {
    return this.roles.set(actor, personId, role, true);
  }

  @Mutation(() => PersonModel, { description: 'Admins: revoke notice_publisher or vacancy_poster.' })
  revokeRole(@CurrentActor() actor: Actor, @Args('personId', { type: () => ID }) personId: string, @Args('role', { type: () => GrantableRole }) role: GrantableRole): Promise<Person> {
    return this.roles.set(actor, personId, role, false);
  }
}
