import { Module } from '@nestjs/common';
import { MessagesModule } from '@plein/messages';
import { BarriersCoreModule } from './barriers/barriers-core.module.js';
import { BarriersResolver } from './barriers/barriers.resolver.js';
import { CampaignsJob } from './campaigns/campaigns.job.js';
import { CampaignsResolver, MessageCampaignLoader, MessageCampaignResolver } from './campaigns/campaigns.resolver.js';
import { CampaignsService } from './campaigns/campaigns.service.js';

/** The api side: barrier administration, campaigns and community insights. */
@Module({
  imports: [BarriersCoreModule, MessagesModule],
  providers: [BarriersResolver, CampaignsService, CampaignsJob, CampaignsResolver, MessageCampaignLoader, MessageCampaignResolver],
  exports: [CampaignsService],
})
export class InsightsModule {}

/** The worker side: barriers for policy (notification fan-out), campaign detection, rollups. */
@Module({ imports: [BarriersCoreModule, MessagesModule], providers: [CampaignsService, CampaignsJob], exports: [CampaignsService] })
export class InsightsWorkerModule {}
