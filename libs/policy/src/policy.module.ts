import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ContentKinds } from './content-kind.js';
import { ContentVisibility } from './content-visibility.js';
import { PolicyService } from './policy.service.js';

/** Policy, the one content-visibility module, and the registry of content kinds (see content-kind.ts). */
@Global()
@Module({ imports: [DiscoveryModule], providers: [PolicyService, ContentVisibility, ContentKinds], exports: [PolicyService, ContentVisibility, ContentKinds] })
export class PolicyModule {}
