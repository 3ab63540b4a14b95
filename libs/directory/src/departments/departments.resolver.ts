import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionArgs, type Connection, type GqlContext } from '@plein/core';
import { CurrentActor, PolicyService, type Actor } from '@plein/policy';
import { DepartmentModel, PersonConnection, PersonModel } from '../models/person.model.js';
import { DepartmentLoader } from '../people.loaders.js';
import { PersonBarrier } from '../barrier-redaction.js';
import { ChildDepartmentsLoader, DirectReportsLoader } from './department.loaders.js';
import { DepartmentsService } from './departments.service.js';

@Resolver(() => DepartmentModel)
export class DepartmentsResolver {
  constructor(
    private readonly departments: DepartmentsService,
    private readonly policy: PolicyService,
    private readonly byId: DepartmentLoader,
    private readonly children: ChildDepartmentsLoader,
  ) {}

  @Query(() => DepartmentModel, { description: 'A department by id.' })
  department(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<DepartmentModel> {
    this.policy.assert(actor, 'person.read');
    return this.departments.get(id);
  }

  @Query(() => [DepartmentModel], { name: 'departments', description: 'Departments by name, for pickers; query narrows to names or codes containing it (case and accents ignored).' })
  listDepartments(
    @CurrentActor() actor: Actor,
    @Args('query', { type: () => String, nullable: true }) query?: string | null,
    @Args('first', { type: () => Int, nullable: true, description: '1-1000, default 50.' }) first?: number | null,
  ): Promise<DepartmentModel[]> {
    this.policy.assert(actor, 'person.read');
    return this.departments.list(query, first);
  }

  @ResolveField('parent', () => DepartmentModel, { nullable: true })
  parent(@Parent() department: DepartmentModel, @Context() ctx: GqlContext): Promise<DepartmentModel | null> | null {
    return department.parentId ? ctx.loaders.get(this.byId).load(department.parentId) : null;
  }

  @ResolveField('children', () => [DepartmentModel], { description: 'Sub-departments, by name.' })
  childDepartments(@Parent() department: DepartmentModel, @Context() ctx: GqlContext): Promise<DepartmentModel[]> {
    return ctx.loaders.get(this.children).load(department.id);
  }

  @ResolveField('people', () => PersonConnection, { description: 'Active members, by family name then given name.' })
  people(@Parent() department: DepartmentModel, @Args() page: ConnectionArgs): Promise<Connection<PersonModel>> {
    return this.departments.people(department.id, page.first, page.after);
  }
}

@Resolver(() => PersonModel)
export class DirectReportsResolver {
  constructor(
    private readonly reports: DirectReportsLoader,
    private readonly barrier: PersonBarrier,
  ) {}

  @ResolveField(() => [PersonModel], { description: 'Active people who report to this person, by family name then given name (none across an information barrier).' })
  async directReports(@CurrentActor() actor: Actor, @Parent() person: PersonModel, @Context() ctx: GqlContext): Promise<PersonModel[]> {
    if (await this.barrier.hides(actor, person.id, ctx)) return [];
    return ctx.loaders.get(this.reports).load(person.id);
  }
}
