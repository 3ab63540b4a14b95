import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, notFound } from '@plein/core';
import { CurrentActor, PolicyService, type Actor } from '@plein/policy';
import { DataSource } from 'typeorm';
import { PersonModel } from '../models/person.model.js';
import { PeopleService } from '../people.service.js';

/**
 * The person's language ('nl' default, 'en'): the web app's language menu sets it, and mail and
 * exports follow it. Shown only on one's own person (`me { language }`); null on anyone else.
 */
@Resolver(() => PersonModel)
export class LanguageResolver {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PeopleService,
    private readonly policy: PolicyService,
  ) {}

  @ResolveField(() => String, { nullable: true, description: 'nl or en; only on your own person.' })
  language(@CurrentActor() actor: Actor, @Parent() person: PersonModel & { language?: string }): string | null {
    return person.id === actor.personId ? (person.language ?? 'nl') : null;
  }

  @Mutation(() => PersonModel, { description: 'Sets your language (nl or en) for the web app, mail and exports.' })
  async setMyLanguage(@CurrentActor() actor: Actor, @Args('language') language: string): Promise<PersonModel> {
    this.policy.assert(actor, 'mail.settings');
    if (language !== 'nl' && language !== 'en') throw badInput('The language is nl or en.', { field: 'language' });
    await this.db.query(`UPDATE people SET language = $2 WHERE id = $1`, [actor.personId, language]);
    const person = await this.people.findById(actor.personId);
    if (!person) throw notFound('Your profile was not found.');
    return person;
  }
}
