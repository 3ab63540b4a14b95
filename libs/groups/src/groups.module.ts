import { Module, type OnModuleInit } from '@nestjs/common';
import { DirectoryModule } from '@plein/directory';
import { MessagesModule } from '@plein/messages';
import { PolicyService } from '@plein/policy';
import { RealtimeModule } from '@plein/realtime';
import { GroupCommands } from './group-commands.service.js';
import { GroupImagesController } from './group-images.controller.js';
import { GroupImagesService } from './group-images.service.js';
import { AnnouncementLoader, GroupMembershipLoader } from './group.loaders.js';
import { GroupMembersResolver, GroupsResolver, MessageAnnouncementResolver, PersonGroupsResolver } from './groups.resolver.js';
import { GroupsService } from './groups.service.js';

/**
 * Groups: open, closed and secret communities with their own feeds. At start it tells policy who
 * belongs where, so message feeds, single messages and socket rooms all see group membership.
 */
@Module({
  imports: [DirectoryModule, MessagesModule, RealtimeModule],
  controllers: [GroupImagesController],
  providers: [
    GroupsService,
    GroupCommands,
    GroupImagesService,
    GroupMembershipLoader,
    AnnouncementLoader,
    GroupsResolver,
    GroupMembersResolver,
    PersonGroupsResolver,
    MessageAnnouncementResolver,
  ],
  exports: [GroupsService, GroupCommands],
})
export class GroupsModule implements OnModuleInit {
  constructor(
    private readonly policy: PolicyService,
    private readonly groups: GroupsService,
  ) {}

  onModuleInit(): void {
    this.policy.useGroupMembership((actor) => this.groups.readableGroupIds(actor));
    this.policy.useGroupFacts((actor, groupId) => this.groups.facts(actor, groupId));
  }
}
