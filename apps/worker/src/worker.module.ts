import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, type ResolvedConfig } from '@plein/core';
import { DirectoryModule } from '@plein/directory';
import { IdentityModule } from '@plein/identity';
import { PolicyModule } from '@plein/policy';
import { ENTITIES } from '../../../orm.js';

/** The worker: the same domain modules, no HTTP, the job queue's workers switched on. */
@Module({})
export class WorkerModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot({ config, entities: ENTITIES, workerEnabled: true, poolSize: 5 }),
        PolicyModule,
        IdentityModule.forRoot({ jwtSecret: config.jwtSecret, http: false }),
        DirectoryModule,
      ],
    };
  }
}
