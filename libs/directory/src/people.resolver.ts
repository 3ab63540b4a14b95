import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { notFound, type GqlContext } from '@plein/core';
import { CurrentActor, PolicyService, type Actor } from '@plein/policy';
import { DepartmentLoader, PersonLoader } from './people.loaders.js';
import { DepartmentModel, PersonModel } from './models/person.model.js';
import { redactForBarrier } from './barrier-redaction.js';
import { PeopleService } from './people.service.js';

@Resolver(() => PersonModel)
export class PeopleResolver {
  constructor(
    private readonly people: PeopleService,
    private readonly policy: PolicyService,
    private readonly departments: DepartmentLoader,
    private readonly persons: PersonLoader,
  ) {}

  @Query(() => PersonModel, { description: 'The logged-in person.' })
  async me(@CurrentActor() actor: Actor): Promise<PersonModel> {
    const person = await this.people.findById(actor.personId);
    if (!person) throw notFound('Your profile was not found.');
    return person;
  }

  @Query(() => PersonModel, { description: 'A person by id.' })
  async person(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<PersonModel> {
    this.policy.assert(actor, 'person.read');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('No person with this id.');
    const person = await this.people.findById(id);
    if (!person) throw notFound('No person with this id.');
    // Across an information barrier: the name and nothing more.
    return (await this.policy.canReadPerson(actor, person.id)) ? person : redactForBarrier(person);
  }

  @ResolveField(() => DepartmentModel, { nullable: true })
  department(@Parent() person: PersonModel, @Context() ctx: GqlContext): Promise<DepartmentModel | null> | null {
    return person.departmentId ? ctx.loaders.get(this.departments).load(person.departmentId) : null;
  }

  @ResolveField(() => PersonModel, { nullable: true })
  manager(@Parent() person: PersonModel, @Context() ctx: GqlContext): Promise<PersonModel | null> | null {
    return person.managerId ? ctx.loaders.get(this.persons).load(person.managerId) : null;
  }
}
