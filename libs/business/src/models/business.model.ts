import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionArgs, ConnectionType } from '@plein/core';
import { EmploymentType } from '@plein/directory';
import { NoticeAudience, NoticeSeverity, NoticeStatus, VacancyStatus } from '../entities/business.entity.js';

registerEnumType(NoticeSeverity, { name: 'NoticeSeverity' });
registerEnumType(NoticeStatus, { name: 'NoticeStatus', description: 'INVESTIGATING → IDENTIFIED → MONITORING → RESOLVED; forward only, RESOLVED is final.' });
registerEnumType(NoticeAudience, { name: 'NoticeAudience', description: 'COMPANY: everyone; EMPLOYEES: payroll only; DEPARTMENTS: the chosen departments and their sub-departments.' });
registerEnumType(VacancyStatus, { name: 'VacancyStatus' });

/** The roles an admin may grant and revoke (the others come from the directory's administration). */
export enum GrantableRole {
  NOTICE_PUBLISHER = 'notice_publisher',
  VACANCY_POSTER = 'vacancy_poster',
}
registerEnumType(GrantableRole, { name: 'GrantableRole' });

@ObjectType('NoticeUpdate')
export class NoticeUpdateModel {
  @Field(() => ID)
  id: string;

  @Field(() => NoticeStatus)
  status: NoticeStatus;

  @Field({ description: 'Plain text; clients escape it.' })
  text: string;

  @Field()
  createdAt: Date;

  authorId: string;
}

@ObjectType('Notice', { description: 'An outage or incident notice with its timeline.' })
export class NoticeModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => [String])
  services: string[];

  @Field(() => [String])
  regions: string[];

  @Field(() => NoticeSeverity)
  severity: NoticeSeverity;

  @Field(() => NoticeStatus)
  status: NoticeStatus;

  @Field(() => NoticeAudience)
  audience: NoticeAudience;

  @Field()
  startsAt: Date;

  @Field(() => Date, { nullable: true })
  expectedEndAt: Date | null;

  @Field(() => Date, { nullable: true })
  resolvedAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => Int, { description: 'How many people marked "I am affected too".' })
  affectedCount: number;

  authorId: string;
  departmentIds: string[];
}

@ObjectType('NoticeAffectedDepartment')
export class NoticeAffectedDepartmentModel {
  @Field(() => Int)
  count: number;

  departmentId: string | null;
}

@ObjectType('NoticeAffectedPerson')
export class NoticeAffectedPersonModel {
  @Field(() => String, { nullable: true })
  comment: string | null;

  @Field()
  createdAt: Date;

  personId: string;
}

export const NoticeConnection = ConnectionType(NoticeModel, 'Notice');

@InputType()
export class PublishNoticeInput {
  @Field({ description: '1-200 characters.' })
  title: string;

  @Field({ description: 'The first update of the timeline (status INVESTIGATING), 1-2000 characters.' })
  text: string;

  @Field(() => [String], { nullable: true, description: 'At most 20, each at most 60 characters.' })
  services?: string[] | null;

  @Field(() => [String], { nullable: true })
  regions?: string[] | null;

  @Field(() => NoticeSeverity)
  severity: NoticeSeverity;

  @Field()
  startsAt: Date;

  @Field(() => Date, { nullable: true, description: 'After startsAt.' })
  expectedEndAt?: Date | null;

  @Field(() => NoticeAudience)
  audience: NoticeAudience;

  @Field(() => [ID], { nullable: true, description: 'For audience DEPARTMENTS.' })
  departmentIds?: string[] | null;
}

@ArgsType()
export class SearchNoticesArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Dutch full text over title, services, regions and the timeline.' })
  query?: string | null;

  @Field(() => NoticeStatus, { nullable: true })
  status?: NoticeStatus | null;

  @Field(() => String, { nullable: true, description: 'Only notices naming this service (case-insensitive).' })
  service?: string | null;
}

@ObjectType('Vacancy', { description: 'An internal vacancy.' })
export class VacancyModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  location: string;

  @Field(() => Int)
  hoursPerWeek: number;

  @Field(() => EmploymentType, { description: 'The kind of contract offered.' })
  employmentType: EmploymentType;

  @Field({ description: 'Sanitised HTML (strict allowlist); safe to render.' })
  descriptionHtml: string;

  @Field({ description: 'The first day the vacancy is closed (YYYY-MM-DD, Europe/Amsterdam).' })
  closesOn: string;

  @Field({ description: 'Contractors and freelancers see it only when true.' })
  openToExternals: boolean;

  @Field(() => VacancyStatus)
  status: VacancyStatus;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  @Field()
  createdAt: Date;

  departmentId: string;
  contactId: string;
  posterId: string;
}

@ObjectType('VacancyInterest')
export class VacancyInterestModel {
  @Field(() => String, { nullable: true })
  note: string | null;

  @Field()
  createdAt: Date;

  personId: string;
}

@ObjectType('VacancyReferral')
export class VacancyReferralModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'The personal note (only the referred colleague and the referrer see it).' })
  note: string | null;

  @Field()
  createdAt: Date;

  vacancyId: string;
  referrerId: string;
}

@ObjectType('VacancySearch', { description: 'A saved vacancy search: new matching vacancies notify its owner.' })
export class VacancySearchModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  query: string | null;

  @Field(() => ID, { nullable: true })
  departmentId: string | null;

  @Field(() => String, { nullable: true })
  location: string | null;

  @Field(() => Int, { nullable: true })
  minHours: number | null;

  @Field(() => Int, { nullable: true })
  maxHours: number | null;

  @Field()
  createdAt: Date;
}

export const VacancyConnection = ConnectionType(VacancyModel, 'Vacancy');

@InputType()
export class VacancyFiltersInput {
  @Field(() => String, { nullable: true, description: 'Dutch full text over title, location and description.' })
  query?: string | null;

  @Field(() => ID, { nullable: true, description: 'The department and its sub-departments.' })
  departmentId?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact, ignoring case.' })
  location?: string | null;

  @Field(() => Int, { nullable: true })
  minHours?: number | null;

  @Field(() => Int, { nullable: true })
  maxHours?: number | null;
}

@InputType()
export class PostVacancyInput {
  @Field()
  title: string;

  @Field(() => ID)
  departmentId: string;

  @Field()
  location: string;

  @Field(() => Int, { description: '1-40.' })
  hoursPerWeek: number;

  @Field(() => EmploymentType)
  employmentType: EmploymentType;

  @Field({ description: 'Rich text (HTML); sanitised with a strict allowlist.' })
  description: string;

  @Field({ description: 'YYYY-MM-DD, after today: the vacancy closes on that day.' })
  closesOn: string;

  @Field(() => ID)
  contactId: string;

  @Field(() => Boolean, { nullable: true, description: 'Show it to contractors and freelancers too (default false).' })
  openToExternals?: boolean | null;
}
