import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueService } from '@plein/core';
import { InsightsService } from './insights.service.js';

export const INSIGHTS_ROLLUP_JOB = 'insights.rollup';

/**
 * Hourly on the worker: raw activity into the rollup tables the dashboard reads. And once at start
 * when no rollup ran today (a fresh install, a worker that was down), so a new organisation sees
 * figures within a minute instead of at the next hour.
 */
@Injectable()
export class InsightsRollupJob implements OnApplicationBootstrap {
  constructor(
    private readonly queue: QueueService,
    private readonly insights: InsightsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work(INSIGHTS_ROLLUP_JOB, () => this.insights.rollup());
    await this.queue.schedule(INSIGHTS_ROLLUP_JOB, '7 * * * *');
    if (this.queue.workerEnabled && !(await this.insights.rolledUpToday())) {
      // One job per day across nodes, whichever worker starts first.
      await this.queue.send(INSIGHTS_ROLLUP_JOB, {}, { singletonKey: `startup-${new Date().toISOString().slice(0, 10)}` });
    }
  }
}
