import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueService } from '@plein/core';
import { CampaignsService } from './campaigns.service.js';

export const CAMPAIGN_SCAN_JOB = 'insights.campaign-scan';
export const CAMPAIGN_PRUNE_JOB = 'insights.campaign-prune';

/**
 * On the worker, every minute: fingerprint the messages committed since (those without a
 * fingerprint), so posting pays nothing extra and no message is missed whatever order transactions
 * commit in. Nightly: band keys older than the window go.
 */
@Injectable()
export class CampaignsJob implements OnApplicationBootstrap {
  private readonly logger = new Logger('CampaignsJob');

  constructor(
    private readonly queue: QueueService,
    private readonly campaigns: CampaignsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work(CAMPAIGN_SCAN_JOB, () => this.scan());
    await this.queue.schedule(CAMPAIGN_SCAN_JOB, '* * * * *');
    await this.queue.work(CAMPAIGN_PRUNE_JOB, () => this.campaigns.prune());
    await this.queue.schedule(CAMPAIGN_PRUNE_JOB, '17 3 * * *');
  }

  async scan(): Promise<number> {
    let total = 0;
    // Catch up in batches; one run ends when a batch comes back short.
    for (;;) {
      const n = await this.campaigns.scanNew(500);
      total += n;
      if (n < 500) break;
    }
    if (total) this.logger.log({ msg: 'campaign scan', messages: total });
    return total;
  }
}
