import { Module, type OnModuleInit } from '@nestjs/common';
import { PolicyService } from '@plein/policy';
import { GroupContentKind } from './group.kind.js';
import { GroupsService, membershipSql } from './groups.service.js';

/**
 * Group membership for policy, without the API around it: the api and the worker both import it,
 * so every process answers "which groups may this actor read" the same way (the worker's
 * notification fan-out checks group audiences too).
 */
@Module({ providers: [GroupsService, GroupContentKind], exports: [GroupsService] })
export class GroupsCoreModule implements OnModuleInit {
  constructor(
    private readonly policy: PolicyService,
    private readonly groups: GroupsService,
  ) {}

  onModuleInit(): void {
    this.policy.useGroupMembership((actor) => this.groups.readableGroupIds(actor), membershipSql);
    this.policy.useGroupFacts((actor, groupId) => this.groups.facts(actor, groupId));
  }
}
