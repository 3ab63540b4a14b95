import { Module, type OnModuleInit } from '@nestjs/common';
import { DirectoryModule } from '@plein/directory';
import { ActorService } from '@plein/identity';
import { MessagesModule } from '@plein/messages';
import { CampaignsJob } from './campaigns/campaigns.job.js';
import { CampaignByIdLoader, CampaignsResolver, MessageCampaignLoader, MessageCampaignResolver } from './campaigns/campaigns.resolver.js';
import { CampaignsService } from './campaigns/campaigns.service.js';
import { InsightsRollupJob } from './dashboard/insights.job.js';
import { AmbassadorLoader, InsightsResolver, PersonAmbassadorResolver } from './dashboard/insights.resolver.js';
import { InsightsService } from './dashboard/insights.service.js';

/** The api side: campaigns and community insights; records daily activity. */
@Module({
  imports: [MessagesModule, DirectoryModule],
  providers: [
    CampaignsService,
    CampaignsJob,
    CampaignsResolver,
    MessageCampaignLoader,
    CampaignByIdLoader,
    MessageCampaignResolver,
    InsightsService,
    InsightsRollupJob,
    InsightsResolver,
    AmbassadorLoader,
    PersonAmbassadorResolver,
  ],
  exports: [CampaignsService, InsightsService],
})
export class InsightsModule implements OnModuleInit {
  constructor(
    private readonly actors: ActorService,
    private readonly insights: InsightsService,
  ) {}

  onModuleInit(): void {
    this.actors.useActivityRecorder((personId) => this.insights.recordActive(personId));
  }
}

/** The worker side: campaign detection and rollups. */
@Module({
  imports: [MessagesModule],
  providers: [CampaignsService, CampaignsJob, InsightsService, InsightsRollupJob],
  exports: [CampaignsService, InsightsService],
})
export class InsightsWorkerModule {}
