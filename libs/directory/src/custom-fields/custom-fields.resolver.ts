import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GqlContext } from '@plein/core';
import { CurrentActor, PolicyService, type Actor } from '@plein/policy';
import { ProfileFieldType } from '../entities/profile-field.entity.js';
import { PersonModel } from '../models/person.model.js';
import { CustomFieldValuesLoader } from './custom-field.loaders.js';
import { CustomFieldsService } from './custom-fields.service.js';
import { CreateProfileFieldInput, UpdateProfileFieldInput } from './dto/profile-field.input.js';
import { PersonBarrier } from '../barrier-redaction.js';
import { CustomFieldValueModel, ProfileFieldModel } from './profile-field.model.js';

@Resolver(() => PersonModel)
export class CustomFieldsResolver {
  constructor(
    private readonly fields: CustomFieldsService,
    private readonly policy: PolicyService,
    private readonly values: CustomFieldValuesLoader,
    private readonly barrier: PersonBarrier,
  ) {}

  @Query(() => [ProfileFieldModel], { description: 'The custom profile fields admins defined, in display order.' })
  profileFields(@CurrentActor() actor: Actor): Promise<ProfileFieldModel[]> {
    this.policy.assert(actor, 'person.read');
    return this.fields.list();
  }

  @Mutation(() => ProfileFieldModel, { description: 'Admins only. CONFLICT when the key is taken.' })
  createProfileField(@CurrentActor() actor: Actor, @Args('input') input: CreateProfileFieldInput): Promise<ProfileFieldModel> {
    return this.fields.create(actor, input);
  }

  @Mutation(() => ProfileFieldModel, { description: 'Admins only. The key and type cannot change.' })
  updateProfileField(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateProfileFieldInput,
  ): Promise<ProfileFieldModel> {
    return this.fields.update(actor, id, input);
  }

  @Mutation(() => Boolean, { description: 'Admins only. Deletes the field and every value of it.' })
  async deleteProfileField(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.fields.delete(actor, id);
    return true;
  }

  @Mutation(() => PersonModel, {
    description:
      'Sets one custom field of a person: person-filled fields by the person on themselves, admin-filled ones by admins; ' +
      'HR-filled ones only through the HR import. Multi-choice fields take `values`, the others `value`; neither clears it.',
  })
  setProfileFieldValue(
    @CurrentActor() actor: Actor,
    @Args('personId', { type: () => ID }) personId: string,
    @Args('key') key: string,
    @Args('value', { type: () => String, nullable: true }) value?: string | null,
    @Args('values', { type: () => [String], nullable: true }) values?: string[] | null,
  ): Promise<PersonModel> {
    return this.fields.setValue(actor, personId, key, value, values);
  }

  @ResolveField(() => [CustomFieldValueModel], { description: 'Filled-in custom fields this viewer may see, in display order.' })
  async customFields(@Parent() person: PersonModel, @CurrentActor() actor: Actor, @Context() ctx: GqlContext): Promise<CustomFieldValueModel[]> {
    if (await this.barrier.hides(actor, person.id, ctx)) return [];
    const rows = await ctx.loaders.get(this.values).load(person.id);
    return rows
      .filter((r) => this.policy.canSeeProfileField(actor, r.field.visibility, person.id))
      .map(({ field, value }) => ({
        key: field.key,
        labelNl: field.labelNl,
        labelEn: field.labelEn,
        type: field.type,
        value: field.type === ProfileFieldType.MULTI_CHOICE || Array.isArray(value) ? null : value,
        values: Array.isArray(value) ? value : [value],
        filledBy: field.filledBy,
        visibility: field.visibility,
      }));
  }
}
