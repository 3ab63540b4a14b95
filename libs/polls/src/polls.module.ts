import { Module } from '@nestjs/common';
import { DirectoryModule } from '@plein/directory';
import { MessagesModule } from '@plein/messages';
import { NotificationsModule } from '@plein/notifications';
import { PollJobs } from './poll-jobs.js';
import { PollKind } from './poll.kind.js';
import { MessagePollResolver, PollByMessageLoader, PollOptionsResolver, PollsResolver } from './polls.resolver.js';
import { PollsService } from './polls.service.js';
import { PollWrites } from './use-cases/poll-writes.js';

/**
 * Polls on messages, the proof of the content-kind contract: PollKind registers polls with
 * moderation, notifications, realtime replay and insights; nothing in those libs names polls.
 * Works in the api and the worker (the close job).
 */
@Module({
  imports: [DirectoryModule, MessagesModule, NotificationsModule],
  providers: [PollKind, PollsService, PollWrites, PollJobs, PollByMessageLoader, PollsResolver, PollOptionsResolver, MessagePollResolver],
  exports: [PollsService, PollWrites],
})
export class PollsModule {}
