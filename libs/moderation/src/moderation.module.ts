import { Module, type OnModuleInit } from '@nestjs/common';
import { BlogsModule } from '@plein/blogs';
import { DirectoryModule } from '@plein/directory';
import { GroupsCoreModule } from '@plein/groups';
import { ActorService } from '@plein/identity';
import { MessagesModule } from '@plein/messages';
import { NotificationsModule } from '@plein/notifications';
import { ModeratedItems } from './item-states.js';
import { DecisionInForceLoader, MODERATED_CONTENT_RESOLVERS } from './moderated-content.resolver.js';
import { ModerationResolver, ReportedItemResolver } from './moderation.resolver.js';
import { ModerationService } from './moderation.service.js';
import { SuspensionAppealController } from './suspension-appeal.controller.js';

/** ModerationService.suspendedUntil as an expression over `p` (people), for the per-request actor read. */
const SUSPENDED_UNTIL_SQL = `(SELECT max(a.until) FROM moderation_actions a WHERE a.subject_id = p.id AND a.kind = 'suspend' AND a.revoked_at IS NULL AND a.until > now())`;

/**
 * Reports, the moderation queue, decisions, appeals and the audit log. Registers suspensions with
 * identity's ActorService, so login, refresh, every request and every socket refuse a suspended person.
 * For the api only (it has a controller); the worker needs nothing from it.
 */
@Module({
  imports: [DirectoryModule, MessagesModule, NotificationsModule, GroupsCoreModule, BlogsModule],
  controllers: [SuspensionAppealController],
  providers: [ModerationService, ModeratedItems, ModerationResolver, ReportedItemResolver, DecisionInForceLoader, ...MODERATED_CONTENT_RESOLVERS],
  exports: [ModerationService],
})
export class ModerationModule implements OnModuleInit {
  constructor(
    private readonly actors: ActorService,
    private readonly moderation: ModerationService,
  ) {}

  onModuleInit(): void {
    this.actors.useSuspensions((personId) => this.moderation.suspendedUntil(personId));
    this.actors.useSuspensionSql(SUSPENDED_UNTIL_SQL);
  }
}
