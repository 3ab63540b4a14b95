import { Module } from '@nestjs/common';
import { DirectoryModule } from '@plein/directory';
import { MessagesModule } from '@plein/messages';
import { NotificationsFanOutJob } from './fan-out.job.js';
import { NotificationsResolver } from './notifications.resolver.js';
import { NotificationsService } from './notifications.service.js';

/** In-app notifications: the fan-out job, the list and read state. Works in the api and the worker. */
@Module({
  imports: [DirectoryModule, MessagesModule],
  providers: [NotificationsService, NotificationsFanOutJob, NotificationsResolver],
  exports: [NotificationsService],
})
export class NotificationsModule {}
