import { Field, InputType, Int, ObjectType, registerEnumType, ID } from '@nestjs/graphql';

export enum LinkedInImportMode {
  MERGE = 'MERGE',
  REPLACE = 'REPLACE',
}
registerEnumType(LinkedInImportMode, {
  name: 'LinkedInImportMode',
  description: 'MERGE adds the chosen items to what the profile has (skipping duplicates); REPLACE overwrites each chosen section.',
});

@ObjectType('LinkedInExperience')
export class LinkedInExperienceModel {
  @Field(() => Int, { description: 'Stable position in the export: pass it back to applyLinkedInImport.' })
  index: number;
  @Field() company: string;
  @Field() title: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => String, { nullable: true }) location: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM or YYYY.' }) startedOn: string | null;
  @Field(() => String, { nullable: true, description: 'null = current.' }) finishedOn: string | null;
}

@ObjectType('LinkedInEducation')
export class LinkedInEducationModel {
  @Field(() => Int) index: number;
  @Field() school: string;
  @Field(() => String, { nullable: true }) degree: string | null;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field(() => String, { nullable: true }) activities: string | null;
  @Field(() => String, { nullable: true }) startedOn: string | null;
  @Field(() => String, { nullable: true }) finishedOn: string | null;
}

@ObjectType('LinkedInLanguage')
export class LinkedInLanguageModel {
  @Field(() => Int) index: number;
  @Field() name: string;
  @Field(() => String, { nullable: true }) proficiency: string | null;
}

@ObjectType('LinkedInCertification')
export class LinkedInCertificationModel {
  @Field(() => Int) index: number;
  @Field() name: string;
  @Field(() => String, { nullable: true }) authority: string | null;
  @Field(() => String, { nullable: true }) url: string | null;
  @Field(() => String, { nullable: true }) licenseNumber: string | null;
  @Field(() => String, { nullable: true }) startedOn: string | null;
  @Field(() => String, { nullable: true }) finishedOn: string | null;
}

@ObjectType('LinkedInCounts')
export class LinkedInCountsModel {
  @Field(() => Int) experience: number;
  @Field(() => Int) education: number;
  @Field(() => Int) skills: number;
  @Field(() => Int) languages: number;
  @Field(() => Int) certifications: number;
}

@ObjectType('LinkedInPreview', { description: 'What a LinkedIn export holds for your profile. Nothing is saved until applyLinkedInImport.' })
export class LinkedInPreviewModel {
  @Field(() => String, { nullable: true }) headline: string | null;
  @Field(() => String, { nullable: true, description: 'The LinkedIn summary; becomes "about".' }) about: string | null;
  @Field(() => [LinkedInExperienceModel]) experience: LinkedInExperienceModel[];
  @Field(() => [LinkedInEducationModel]) education: LinkedInEducationModel[];
  @Field(() => [String], { description: 'Without duplicates (ignoring case).' }) skills: string[];
  @Field(() => [LinkedInLanguageModel]) languages: LinkedInLanguageModel[];
  @Field(() => [LinkedInCertificationModel]) certifications: LinkedInCertificationModel[];
  @Field(() => LinkedInCountsModel) counts: LinkedInCountsModel;
  @Field(() => [String], { description: 'The files read.' }) files: string[];
  @Field(() => [String], { description: 'Files present but not read (connections, messages, …): never stored.' }) ignoredFiles: string[];
}

@InputType('ApplyLinkedInImportInput')
export class ApplyLinkedInImportInput {
  @Field(() => [ID], { description: 'The same uploads as the preview.' }) uploadIds: string[];
  @Field(() => Boolean, { nullable: true, description: 'Take the headline.' }) headline?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Take the summary as "about".' }) about?: boolean | null;
  @Field(() => [Int], { nullable: true, description: 'Indexes from the preview; omitted or empty leaves the section alone.' }) experience?: number[] | null;
  @Field(() => [Int], { nullable: true }) education?: number[] | null;
  @Field(() => [String], { nullable: true, description: 'Skill names from the preview.' }) skills?: string[] | null;
  @Field(() => [Int], { nullable: true }) languages?: number[] | null;
  @Field(() => [Int], { nullable: true }) certifications?: number[] | null;
  @Field(() => LinkedInImportMode, { defaultValue: LinkedInImportMode.MERGE }) mode: LinkedInImportMode;
}
