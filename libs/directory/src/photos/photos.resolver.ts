import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { notFound, type GqlContext } from '@plein/core';
import { CurrentActor, PolicyService, type Actor } from '@plein/policy';
import { UploadsService } from '@plein/uploads';
import { PersonModel } from '../models/person.model.js';
import { PersonLoader } from '../people.loaders.js';
import { PeopleService } from '../people.service.js';
import { PhotoModel } from './photo.model.js';
import { PersonBarrier } from '../barrier-redaction.js';
import { photoUrl, PhotosService } from './photos.service.js';

/** `Person.photo`, `setMyPhoto`, `removeMyPhoto`. */
@Resolver(() => PersonModel)
export class PhotosResolver {
  constructor(
    private readonly photos: PhotosService,
    private readonly uploads: UploadsService,
    private readonly people: PeopleService,
    private readonly policy: PolicyService,
    private readonly persons: PersonLoader,
    private readonly barrier: PersonBarrier,
  ) {}

  @Mutation(() => PersonModel, { description: 'Sets your profile photo from an upload (POST /uploads). JPEG, PNG, WebP or AVIF, at most 10 MB.' })
  async setMyPhoto(@CurrentActor() actor: Actor, @Args('uploadId', { type: () => ID }) uploadId: string): Promise<PersonModel> {
    this.policy.assert(actor, 'profile.photo.edit');
    const upload = await this.uploads.get(actor, uploadId);
    try {
      await this.photos.storePhoto(actor.personId, upload.bytes, 'upload');
    } finally {
      // Used or refused, the original (EXIF, GPS and all) is not kept; a retry needs a new upload.
      await this.uploads.discard(upload.id);
    }
    return this.me(actor);
  }

  @Mutation(() => PersonModel, { description: 'Removes your profile photo (the stored images too).' })
  async removeMyPhoto(@CurrentActor() actor: Actor): Promise<PersonModel> {
    this.policy.assert(actor, 'profile.photo.edit');
    await this.photos.removePhoto(actor.personId);
    return this.me(actor);
  }

  @ResolveField(() => PhotoModel, { nullable: true, description: 'The profile photo, or null when there is none.' })
  async photo(@CurrentActor() actor: Actor, @Parent() person: PersonModel, @Context() ctx: GqlContext): Promise<PhotoModel | null> {
    if (await this.barrier.hides(actor, person.id, ctx)) return null;
    // Resolvers return Person rows, which carry photo_id; anything else is looked up (batched).
    let photoId = (person as PersonModel & { photoId?: string | null }).photoId;
    if (photoId === undefined) photoId = (await ctx.loaders.get(this.persons).load(person.id))?.photoId ?? null;
    if (!photoId) return null;
    return { id: photoId, small: photoUrl(photoId, 'small'), medium: photoUrl(photoId, 'medium'), large: photoUrl(photoId, 'large') };
  }

  private async me(actor: Actor): Promise<PersonModel> {
    const person = await this.people.findById(actor.personId);
    if (!person) throw notFound('Your profile was not found.');
    return person;
  }
}
