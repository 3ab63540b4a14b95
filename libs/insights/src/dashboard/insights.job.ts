import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueService } from '@plein/core';
import { InsightsService } from './insights.service.js';

export const INSIGHTS_ROLLUP_JOB = 'insights.rollup';

/** Hourly on the worker: raw activity into the rollup tables the dashboard reads. */
@Injectable()
export class InsightsRollupJob implements OnApplicationBootstrap {
  constructor(
    private readonly queue: QueueService,
    private readonly insights: InsightsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work(INSIGHTS_ROLLUP_JOB, () => this.insights.rollup());
    await this.queue.schedule(INSIGHTS_ROLLUP_JOB, '7 * * * *');
  }
}
