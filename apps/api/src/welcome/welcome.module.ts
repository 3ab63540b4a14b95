import { Module } from '@nestjs/common';
import { DirectoryModule } from '@plein/directory';
import { PolicyModule } from '@plein/policy';
import { WelcomeResolver } from './welcome.resolver.js';
import { WelcomeService } from './welcome.service.js';

/** The first-login welcome and the follow/join suggestions (issue 17). */
@Module({
  imports: [PolicyModule, DirectoryModule],
  providers: [WelcomeService, WelcomeResolver],
  exports: [WelcomeService],
})
export class WelcomeModule {}
