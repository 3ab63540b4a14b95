import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, type ResolvedConfig } from '@plein/core';
import { BlogsModule } from '@plein/blogs';
import { BusinessModule } from '@plein/business';
import { DirectoryModule } from '@plein/directory';
import { GroupsCoreModule } from '@plein/groups';
import { IdentityModule } from '@plein/identity';
import { MessagesModule } from '@plein/messages';
import { BarriersCoreModule } from '@plein/barriers';
import { InsightsWorkerModule } from '@plein/insights';
import { MailModule } from '@plein/mail';
import { NotificationsModule } from '@plein/notifications';
import { RealtimeLogModule } from '@plein/realtime';
import { PolicyModule } from '@plein/policy';
import { UploadsModule } from '@plein/uploads';
import { ENTITIES } from '../../../orm.js';

/** The worker: the same domain modules, no HTTP, the job queue's workers switched on. */
@Module({})
export class WorkerModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot({ config, entities: ENTITIES, workerEnabled: true, poolSize: 5, parallelQueries: true }),
        PolicyModule,
        IdentityModule.forRoot({ jwtSecret: config.jwtSecret, http: false }),
        // Directory resolvers (photos, imports) need the uploads service even where nobody calls them.
        UploadsModule,
        DirectoryModule,
        // Notification fan-out; its live unread counts reach sockets through the api's RealtimeRelay.
        MessagesModule,
        // Information barriers for policy (the notification fan-out asks them).
        BarriersCoreModule,
        // Campaign detection and insight rollups.
        InsightsWorkerModule,
        NotificationsModule,
        // Scheduled blog publication and blog notifications.
        BlogsModule,
        // Notice notifications, saved-search matches for vacancies, closing vacancies on their date.
        BusinessModule,
        // Group membership for policy (fan-out checks group audiences).
        GroupsCoreModule,
        RealtimeLogModule,
        // Notification mail and the weekly digest.
        MailModule.forWorker(),
      ],
    };
  }
}
