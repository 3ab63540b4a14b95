import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Visibility } from '../entities/person-profile.entity.js';

/** The kinds of contact detail a person may list; each value is validated for its kind. */
export enum ContactKind {
  PHONE = 'phone',
  MOBILE = 'mobile',
  EMAIL = 'email',
  TEAMS = 'teams',
  WEBSITE = 'website',
  OTHER = 'other',
}

registerEnumType(Visibility, {
  name: 'Visibility',
  description: 'everyone (all colleagues with an account), employees (payroll colleagues only), nobody (only the person)',
});
registerEnumType(ContactKind, { name: 'ContactKind' });

@ObjectType('LanguageSkill')
export class LanguageModel {
  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  proficiency: string | null;
}

@ObjectType('ExperienceItem')
export class ExperienceModel {
  @Field()
  company: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true })
  location: string | null;

  @Field(() => String, { nullable: true, description: '`YYYY` or `YYYY-MM`.' })
  startedOn: string | null;

  @Field(() => String, { nullable: true, description: '`YYYY` or `YYYY-MM`; null while current.' })
  finishedOn: string | null;
}

@ObjectType('EducationItem')
export class EducationModel {
  @Field()
  school: string;

  @Field(() => String, { nullable: true })
  degree: string | null;

  @Field(() => String, { nullable: true })
  notes: string | null;

  @Field(() => String, { nullable: true })
  activities: string | null;

  @Field(() => String, { nullable: true })
  startedOn: string | null;

  @Field(() => String, { nullable: true })
  finishedOn: string | null;
}

@ObjectType('Certification')
export class CertificationModel {
  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  authority: string | null;

  @Field(() => String, { nullable: true })
  url: string | null;

  @Field(() => String, { nullable: true })
  licenseNumber: string | null;

  @Field(() => String, { nullable: true })
  startedOn: string | null;

  @Field(() => String, { nullable: true })
  finishedOn: string | null;
}

@ObjectType('ContactDetail')
export class ContactDetailModel {
  @Field(() => ContactKind)
  kind: ContactKind;

  @Field()
  value: string;

  @Field(() => Visibility)
  visibility: Visibility;
}

/**
 * What the person owns and edits (or imports from LinkedIn). Plain text throughout: the API never
 * renders markup, and clients must escape it like any other text.
 */
@ObjectType('Profile')
export class ProfileModel {
  @Field(() => String, { nullable: true, description: 'hidden or removed when moderation took the profile text down; shown to its owner only (null otherwise).' })
  moderationState?: string | null;

  @Field(() => String, { nullable: true, description: "The moderator's reason, for the owner of a hidden or removed profile." })
  moderationReason?: string | null;

  @Field(() => String, { nullable: true })
  headline: string | null;

  @Field(() => String, { nullable: true })
  about: string | null;

  @Field(() => String, { nullable: true })
  pronouns: string | null;

  @Field(() => String, { nullable: true })
  workingLocation: string | null;

  @Field(() => String, { nullable: true })
  workingHours: string | null;

  @Field(() => [String])
  skills: string[];

  @Field(() => [String])
  interests: string[];

  @Field(() => [LanguageModel])
  languages: LanguageModel[];

  @Field(() => [ExperienceModel])
  experience: ExperienceModel[];

  @Field(() => [EducationModel])
  education: EducationModel[];

  @Field(() => [CertificationModel])
  certifications: CertificationModel[];
}
