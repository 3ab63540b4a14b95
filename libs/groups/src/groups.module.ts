import { Module } from '@nestjs/common';
import { DirectoryModule } from '@plein/directory';
import { MessagesModule } from '@plein/messages';
import { NotificationsModule } from '@plein/notifications';
import { RealtimeModule } from '@plein/realtime';
import { GroupCommands } from './group-commands.service.js';
import { GroupImagesController } from './group-images.controller.js';
import { GroupImagesService } from './group-images.service.js';
import { AnnouncementLoader, GroupMembershipLoader, GroupRowLoader } from './group.loaders.js';
import { GroupsCoreModule } from './groups-core.module.js';
import { GroupMembersResolver, GroupsResolver, MessageAnnouncementResolver, PersonGroupsResolver } from './groups.resolver.js';

/**
 * Groups: open, closed and secret communities with their own feeds (the api). Membership for
 * policy comes from GroupsCoreModule, which the worker imports on its own.
 */
@Module({
  imports: [GroupsCoreModule, DirectoryModule, MessagesModule, NotificationsModule, RealtimeModule],
  controllers: [GroupImagesController],
  providers: [
    GroupCommands,
    GroupImagesService,
    GroupMembershipLoader,
    AnnouncementLoader,
    GroupRowLoader,
    GroupsResolver,
    GroupMembersResolver,
    PersonGroupsResolver,
    MessageAnnouncementResolver,
  ],
  exports: [GroupsCoreModule, GroupCommands],
})
export class GroupsModule {}
