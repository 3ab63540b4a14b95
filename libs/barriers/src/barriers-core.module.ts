import { Module, type OnModuleInit } from '@nestjs/common';
import { PolicyService } from '@plein/policy';
import { BarriersService } from './barriers.service.js';

/**
 * Information barriers for policy, in every process (api and worker): the notification fan-out
 * and the realtime relay ask the same questions as the GraphQL reads.
 */
@Module({ providers: [BarriersService], exports: [BarriersService] })
export class BarriersCoreModule implements OnModuleInit {
  constructor(
    private readonly policy: PolicyService,
    private readonly barriers: BarriersService,
  ) {}

  onModuleInit(): void {
    this.policy.useBarriers(this.barriers);
  }
}
