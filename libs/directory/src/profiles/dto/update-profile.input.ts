import { Field, InputType } from '@nestjs/graphql';
import { Visibility } from '../../entities/person-profile.entity.js';
import { ContactKind } from '../profile.model.js';

@InputType()
export class LanguageInput {
  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  proficiency?: string | null;
}

@InputType()
export class ExperienceInput {
  @Field()
  company: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  location?: string | null;

  @Field(() => String, { nullable: true, description: '`YYYY` or `YYYY-MM`.' })
  startedOn?: string | null;

  @Field(() => String, { nullable: true, description: '`YYYY` or `YYYY-MM`; null while current.' })
  finishedOn?: string | null;
}

@InputType()
export class EducationInput {
  @Field()
  school: string;

  @Field(() => String, { nullable: true })
  degree?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => String, { nullable: true })
  activities?: string | null;

  @Field(() => String, { nullable: true })
  startedOn?: string | null;

  @Field(() => String, { nullable: true })
  finishedOn?: string | null;
}

@InputType()
export class CertificationInput {
  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  authority?: string | null;

  @Field(() => String, { nullable: true, description: 'An http(s) URL.' })
  url?: string | null;

  @Field(() => String, { nullable: true })
  licenseNumber?: string | null;

  @Field(() => String, { nullable: true })
  startedOn?: string | null;

  @Field(() => String, { nullable: true })
  finishedOn?: string | null;
}

@InputType()
export class ContactDetailInput {
  @Field(() => ContactKind)
  kind: ContactKind;

  @Field()
  value: string;

  @Field(() => Visibility, { nullable: true, description: 'Default: everyone.' })
  visibility?: Visibility | null;
}

/**
 * The person-owned part of a profile. A field left out stays as it is; null clears it; a list
 * replaces the whole list. HR-owned fields (name, email, department, manager, employment type)
 * are not here on purpose: the person cannot change them.
 */
@InputType()
export class UpdateProfileInput {
  @Field(() => String, { nullable: true })
  headline?: string | null;

  @Field(() => String, { nullable: true })
  about?: string | null;

  @Field(() => String, { nullable: true })
  pronouns?: string | null;

  @Field(() => String, { nullable: true })
  workingLocation?: string | null;

  @Field(() => String, { nullable: true })
  workingHours?: string | null;

  @Field(() => [String], { nullable: true })
  skills?: string[] | null;

  @Field(() => [String], { nullable: true })
  interests?: string[] | null;

  @Field(() => [LanguageInput], { nullable: true })
  languages?: LanguageInput[] | null;

  @Field(() => [ExperienceInput], { nullable: true })
  experience?: ExperienceInput[] | null;

  @Field(() => [EducationInput], { nullable: true })
  education?: EducationInput[] | null;

  @Field(() => [CertificationInput], { nullable: true })
  certifications?: CertificationInput[] | null;

  @Field(() => [ContactDetailInput], { nullable: true })
  contacts?: ContactDetailInput[] | null;
}
