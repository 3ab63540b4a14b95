import { Module } from '@nestjs/common';
import { DirectoryModule } from '@plein/directory';
import { NotificationsModule } from '@plein/notifications';
import { NoticeFlagsLoader, NoticeUpdatesLoader, VacancyFlagsLoader } from './business.loaders.js';
import { BusinessJobs } from './jobs/business-jobs.js';
import { NoticeAffectedDepartmentResolver, NoticeAffectedPersonResolver, NoticeUpdateResolver, NoticesResolver } from './notices.resolver.js';
import { NoticesService } from './notices.service.js';
import { RolesService } from './roles.service.js';
import { BusinessRolesResolver, VacanciesResolver, VacancyInterestResolver, VacancyReferralResolver } from './vacancies.resolver.js';
import { VacanciesService } from './vacancies.service.js';

/** Every resolver class of the business lib, for the schema's RESOLVERS list. */
export const BUSINESS_RESOLVERS = [
  NoticesResolver,
  NoticeUpdateResolver,
  NoticeAffectedDepartmentResolver,
  NoticeAffectedPersonResolver,
  VacanciesResolver,
  VacancyInterestResolver,
  VacancyReferralResolver,
  BusinessRolesResolver,
];

/** Outage notices and internal vacancies. Works in the api and the worker (its jobs). */
@Module({
  imports: [DirectoryModule, NotificationsModule],
  providers: [NoticesService, VacanciesService, RolesService, NoticeUpdatesLoader, NoticeFlagsLoader, VacancyFlagsLoader, BusinessJobs, ...BUSINESS_RESOLVERS],
  exports: [NoticesService, VacanciesService, BusinessJobs],
})
export class BusinessModule {}
