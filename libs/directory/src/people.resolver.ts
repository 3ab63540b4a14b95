import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { notFound, type GqlContext } from '@plein/core';
import { CurrentActor, PolicyService, type Actor } from '@plein/policy';
import { Role } from './entities/person.entity.js';
import { DepartmentLoader, PersonLoader } from './people.loaders.js';
import { DepartmentModel, PersonModel } from './models/person.model.js';
import { PersonBarrier } from './barrier-redaction.js';
import { PeopleService } from './people.service.js';

@Resolver(() => PersonModel)
export class PeopleResolver {
  constructor(
    private readonly people: PeopleService,
    private readonly policy: PolicyService,
    private readonly departments: DepartmentLoader,
    private readonly persons: PersonLoader,
    private readonly barrier: PersonBarrier,
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
    // Across an information barrier the fields answer the name and nothing more (PersonBarrier).
    return person;
  }

  // HR details: blank across an information barrier, wherever the Person was found (PersonBarrier).

  @ResolveField(() => String, { nullable: true })
  async jobTitle(@CurrentActor() actor: Actor, @Parent() person: PersonModel, @Context() ctx: GqlContext): Promise<string | null> {
    return (await this.barrier.hides(actor, person.id, ctx)) ? null : person.jobTitle;
  }

  @ResolveField(() => String, { nullable: true })
  async location(@CurrentActor() actor: Actor, @Parent() person: PersonModel, @Context() ctx: GqlContext): Promise<string | null> {
    return (await this.barrier.hides(actor, person.id, ctx)) ? null : person.location;
  }

  @ResolveField(() => String, { description: 'Work email (HR-owned): visible to every colleague with an account (empty across an information barrier).' })
  async email(@CurrentActor() actor: Actor, @Parent() person: PersonModel, @Context() ctx: GqlContext): Promise<string> {
    return (await this.barrier.hides(actor, person.id, ctx)) ? '' : person.email;
  }

  @ResolveField(() => [Role])
  async roles(@CurrentActor() actor: Actor, @Parent() person: PersonModel, @Context() ctx: GqlContext): Promise<Role[]> {
    return (await this.barrier.hides(actor, person.id, ctx)) ? [] : person.roles;
  }

  @ResolveField(() => DepartmentModel, { nullable: true })
  async department(@CurrentActor() actor: Actor, @Parent() person: PersonModel, @Context() ctx: GqlContext): Promise<DepartmentModel | null> {
    if (!person.departmentId || (await this.barrier.hides(actor, person.id, ctx))) return null;
    return ctx.loaders.get(this.departments).load(person.departmentId);
  }

  @ResolveField(() => PersonModel, { nullable: true })
  async manager(@CurrentActor() actor: Actor, @Parent() person: PersonModel, @Context() ctx: GqlContext): Promise<PersonModel | null> {
    if (!person.managerId || (await this.barrier.hides(actor, person.id, ctx))) return null;
    return ctx.loaders.get(this.persons).load(person.managerId);
  }
}
