import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueService } from '@plein/core';
import { POLLS_CLOSE_DUE_JOB, PollWrites } from './use-cases/poll-writes.js';

/**
 * Where jobs run (the worker, or the api with WORKER_INLINE): closing polls that are due, by a job
 * sent for each poll's closing time and a cron tick every minute that catches anything missed (the
 * blogs' scheduled publication works the same way).
 */
@Injectable()
export class PollJobs implements OnApplicationBootstrap {
  constructor(
    private readonly queue: QueueService,
    private readonly writes: PollWrites,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work(POLLS_CLOSE_DUE_JOB, () => this.writes.closeDue(), { delayed: true });
    await this.queue.schedule(POLLS_CLOSE_DUE_JOB, '* * * * *');
  }
}
