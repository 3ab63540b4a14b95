import { Injectable } from '@nestjs/common';
import type { LoaderFactory } from '@plein/core';
import { NoticesService, type NoticeUpdateRow } from './notices.service.js';
import { VacanciesService } from './vacancies.service.js';

/** Timelines by notice id (the caller has checked the notice is visible). */
@Injectable()
export class NoticeUpdatesLoader implements LoaderFactory<string, NoticeUpdateRow[]> {
  constructor(private readonly notices: NoticesService) {}
  async load(ids: readonly string[]) {
    const rows = await this.notices.updatesOf(ids);
    return ids.map((id) => rows.filter((r) => r.noticeId === id));
  }
}

/** Keys "personId|noticeId": does the person follow / mark themselves affected? */
@Injectable()
export class NoticeFlagsLoader implements LoaderFactory<string, { followed: boolean; affected: boolean }> {
  constructor(private readonly notices: NoticesService) {}
  load(keys: readonly string[]) {
    return this.notices.flags(keys);
  }
}

/** Keys "personId|vacancyId": saved / interested. */
@Injectable()
export class VacancyFlagsLoader implements LoaderFactory<string, { saved: boolean; interested: boolean }> {
  constructor(private readonly vacancies: VacanciesService) {}
  load(keys: readonly string[]) {
    return this.vacancies.flags(keys);
  }
}
