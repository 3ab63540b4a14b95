import { Field, InputType, Int } from '@nestjs/graphql';
import { Visibility } from '../../entities/person-profile.entity.js';
import { ProfileFieldFiller, ProfileFieldType } from '../../entities/profile-field.entity.js';

@InputType()
export class CreateProfileFieldInput {
  @Field({ description: 'Stable key: `[a-z][a-z0-9_]{1,49}`, unique. Cannot change later.' })
  key: string;

  @Field()
  labelNl: string;

  @Field()
  labelEn: string;

  @Field(() => ProfileFieldType, { description: 'Cannot change later.' })
  type: ProfileFieldType;

  @Field(() => [String], { nullable: true, description: 'Required (at least one) for choice and multi_choice.' })
  options?: string[] | null;

  @Field(() => ProfileFieldFiller)
  filledBy: ProfileFieldFiller;

  @Field(() => Visibility, { nullable: true, description: 'Default: everyone.' })
  visibility?: Visibility | null;

  @Field(() => Int, { nullable: true, description: 'Display order, ascending. Default 0.' })
  position?: number | null;
}

/** Left-out fields stay as they are. Removing an option drops the values that used it. */
@InputType()
export class UpdateProfileFieldInput {
  @Field(() => String, { nullable: true })
  labelNl?: string | null;

  @Field(() => String, { nullable: true })
  labelEn?: string | null;

  @Field(() => [String], { nullable: true })
  options?: string[] | null;

  @Field(() => ProfileFieldFiller, { nullable: true })
  filledBy?: ProfileFieldFiller | null;

  @Field(() => Visibility, { nullable: true })
  visibility?: Visibility | null;

  @Field(() => Int, { nullable: true })
  position?: number | null;
}
