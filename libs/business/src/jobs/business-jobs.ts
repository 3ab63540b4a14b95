import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueService } from '@plein/core';
import { NOTICE_FAN_OUT_JOB, NoticesService, type NoticeFanOutJob } from '../notices.service.js';
import { CLOSE_VACANCIES_JOB, VACANCY_MATCH_JOB, VacanciesService, type VacancyMatchJob } from '../vacancies.service.js';

/**
 * The business lib's jobs, where jobs run (the worker, or the api with WORKER_INLINE): notice
 * notifications, saved-search matches for a new vacancy, and every minute closing vacancies whose
 * closing date has come (cheap: an index on (status, closes_on); pg-boss creates one job per tick
 * across all nodes).
 */
@Injectable()
export class BusinessJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger('BusinessJobs');

  constructor(
    private readonly queue: QueueService,
    private readonly notices: NoticesService,
    private readonly vacancies: VacanciesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work<NoticeFanOutJob>(NOTICE_FAN_OUT_JOB, (job) => this.notices.fanOut(job.data));
    await this.queue.work<VacancyMatchJob>(VACANCY_MATCH_JOB, (job) => this.vacancies.notifyMatches(job.data.vacancyId));
    await this.queue.work(CLOSE_VACANCIES_JOB, () => this.closeDueVacancies());
    await this.queue.schedule(CLOSE_VACANCIES_JOB, '* * * * *');
  }

  async closeDueVacancies(now = new Date()): Promise<number> {
    const closed = await this.vacancies.closeDue(now);
    if (closed) this.logger.log({ msg: 'vacancies closed on their closing date', closed });
    return closed;
  }
}
