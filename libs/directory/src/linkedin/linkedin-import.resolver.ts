import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { notFound } from '@plein/core';
import { CurrentActor, type Actor } from '@plein/policy';
import { PersonModel } from '../models/person.model.js';
import { PeopleService } from '../people.service.js';
import { LinkedInImportService } from './linkedin-import.service.js';
import { ApplyLinkedInImportInput, LinkedInPreviewModel } from './linkedin.model.js';

/** Import from your own LinkedIn data export: upload (POST /uploads), preview, choose, apply. */
@Resolver()
export class LinkedInImportResolver {
  constructor(
    private readonly linkedin: LinkedInImportService,
    private readonly people: PeopleService,
  ) {}

  @Query(() => LinkedInPreviewModel, {
    description: 'What your LinkedIn export (the ZIP, or its CSV files as several uploads) holds for your profile. Saves nothing.',
  })
  previewLinkedInImport(@CurrentActor() actor: Actor, @Args('uploadIds', { type: () => [ID] }) uploadIds: string[]): Promise<LinkedInPreviewModel> {
    return this.linkedin.preview(actor, uploadIds);
  }

  @Mutation(() => PersonModel, {
    description: 'Puts the chosen parts of your LinkedIn export on your profile, then discards the uploads. Never changes what HR provides (name, email, department, manager).',
  })
  async applyLinkedInImport(@CurrentActor() actor: Actor, @Args('input') input: ApplyLinkedInImportInput): Promise<PersonModel> {
    await this.linkedin.apply(actor, input);
    const person = await this.people.findById(actor.personId);
    if (!person) throw notFound('Your profile was not found.');
    return person;
  }
}
