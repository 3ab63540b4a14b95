import { Module } from '@nestjs/common';
import { BarriersCoreModule } from './barriers/barriers-core.module.js';
import { BarriersResolver } from './barriers/barriers.resolver.js';

/** The api side: barrier administration, campaigns and community insights. */
@Module({ imports: [BarriersCoreModule], providers: [BarriersResolver] })
export class InsightsModule {}

/** The worker side: barriers for policy (notification fan-out), campaign detection, rollups. */
@Module({ imports: [BarriersCoreModule] })
export class InsightsWorkerModule {}
