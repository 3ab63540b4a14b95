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
import { ModerationCases } from './moderation-cases.js';
import { ModerationQueries } from './moderation.queries.js';
import { Appeals } from './use-cases/appeals.use-case.js';
import { ClaimItem } from './use-cases/claim-item.use-case.js';
import { DecideItem } from './use-cases/decide-item.use-case.js';
import { ReadAuditLog, ManageModerationSettings } from './use-cases/audit-and-settings.use-case.js';
import { ReportContent } from './use-cases/report-content.use-case.js';
import { SuspensionAppealController } from './suspension-appeal.controller.js';

/** Appeals.suspendedUntil as an expression over `p` (people), for the per-request actor read. */
const SUSPENDED_UNTIL_SQL = `(SELECT max(a.until) FROM moderation_actions a WHERE a.subject_id = p.id AND a.kind = 'suspend' AND a.revoked_at IS NULL AND a.until > now())`;

/**
 * Reports, the moderation queue, decisions, appeals and the audit log. Registers suspensions with
 * identity's ActorService, so login, refresh, every request and every socket refuse a suspended person.
 * For the api only (it has a controller); the worker needs nothing from it.
 */
@Module({
  imports: [DirectoryModule, MessagesModule, NotificationsModule, GroupsCoreModule, BlogsModule],
  controllers: [SuspensionAppealController],
  providers: [
    ModerationQueries,
    ModerationCases,
    ModeratedItems,
    ReportContent,
    ClaimItem,
    DecideItem,
    Appeals,
    ReadAuditLog,
    ManageModerationSettings,
    ModerationResolver,
    ReportedItemResolver,
    DecisionInForceLoader,
    ...MODERATED_CONTENT_RESOLVERS,
  ],
  exports: [ModerationCases, ReportContent, DecideItem, Appeals],
})
export class ModerationModule implements OnModuleInit {
  constructor(
    private readonly actors: ActorService,
    private readonly appeals: Appeals,
  ) {}

  onModuleInit(): void {
    this.actors.useSuspensions((personId) => this.appeals.suspendedUntil(personId));
    this.actors.useSuspensionSql(SUSPENDED_UNTIL_SQL);
  }
}
