import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Visibility } from '../entities/person-profile.entity.js';
import { ProfileFieldFiller, ProfileFieldType } from '../entities/profile-field.entity.js';

registerEnumType(ProfileFieldType, { name: 'ProfileFieldType' });
registerEnumType(ProfileFieldFiller, {
  name: 'ProfileFieldFiller',
  description: 'hr (the HR import fills it; read-only in Plein), person (the person on themselves), admin',
});

/** A custom profile field as admins defined it. Labels come in Dutch and English; the client picks. */
@ObjectType('ProfileField')
export class ProfileFieldModel {
  @Field(() => ID)
  id: string;

  @Field()
  key: string;

  @Field()
  labelNl: string;

  @Field()
  labelEn: string;

  @Field(() => ProfileFieldType)
  type: ProfileFieldType;

  @Field(() => [String], { description: 'Allowed values of choice and multi_choice fields.' })
  options: string[];

  @Field(() => ProfileFieldFiller)
  filledBy: ProfileFieldFiller;

  @Field(() => Visibility)
  visibility: Visibility;

  @Field(() => Int)
  position: number;
}

/** One filled-in custom field of a person. */
@ObjectType('CustomFieldValue')
export class CustomFieldValueModel {
  @Field()
  key: string;

  @Field()
  labelNl: string;

  @Field()
  labelEn: string;

  @Field(() => ProfileFieldType)
  type: ProfileFieldType;

  @Field(() => String, { nullable: true, description: 'The value of text, choice and link fields; null for multi_choice.' })
  value: string | null;

  @Field(() => [String], { description: 'Every value: the chosen options of a multi_choice field, else the one value.' })
  values: string[];

  @Field(() => ProfileFieldFiller)
  filledBy: ProfileFieldFiller;

  @Field(() => Visibility)
  visibility: Visibility;
}
