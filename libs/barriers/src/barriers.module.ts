import { Module } from '@nestjs/common';
import { DirectoryModule } from '@plein/directory';
import { BarriersCoreModule } from './barriers-core.module.js';
import { BarrierAuditEntryResolver, BarriersResolver, SuspendedFollowResolver, SuspendedGroupMembershipResolver } from './barriers.resolver.js';

/** Every resolver class of the barriers lib, for the schema's RESOLVERS list. */
export const BARRIER_RESOLVERS = [BarriersResolver, SuspendedFollowResolver, SuspendedGroupMembershipResolver, BarrierAuditEntryResolver];

/** The api side: barrier administration (segments, barriers, suspensions, audit) over the core module. */
@Module({
  imports: [BarriersCoreModule, DirectoryModule],
  providers: [...BARRIER_RESOLVERS],
  exports: [BarriersCoreModule],
})
export class BarriersModule {}
