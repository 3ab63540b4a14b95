import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueService } from '@plein/core';
import { DigestService, weekOf } from './digest.service.js';
import { NotificationMailService } from './notification-mail.service.js';

export const MAIL_NOTIFY_JOB = 'mail.notifications';
export const MAIL_DIGEST_JOB = 'mail.digest';

export interface DigestJob {
  week?: string;
  day?: number;
}

/**
 * The mail jobs on the worker (or the api with WORKER_INLINE), never in a request: notification
 * mail every minute, and every morning the digest for the readers whose digest day it is. A digest
 * job that dies is retried by pg-boss under a new run id and carries on where the ledger says.
 */
@Injectable()
export class MailJobs implements OnApplicationBootstrap {
  constructor(
    private readonly queue: QueueService,
    private readonly notifications: NotificationMailService,
    private readonly digest: DigestService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue.workerEnabled) return;
    await this.queue.work(MAIL_NOTIFY_JOB, () => this.notifications.tick());
    await this.queue.work<DigestJob>(MAIL_DIGEST_JOB, (job) => {
      const today = weekOf(new Date());
      return this.digest.run({ week: job.data?.week ?? today.week, day: job.data?.day ?? today.day });
    });
    await this.queue.schedule(MAIL_NOTIFY_JOB, '* * * * *');
    // 06:00 UTC: in the inbox before the working day starts in the Netherlands.
    await this.queue.schedule(MAIL_DIGEST_JOB, '0 6 * * *');
  }
}
