import { Module, type DynamicModule } from '@nestjs/common';
import { RealtimeModule } from '@plein/realtime';
import { DigestService } from './digest.service.js';
import { DEFAULT_MAIL_TUNING, MAIL_TUNING, MailContext, type MailTuning } from './mail-context.js';
import { MailJobs } from './mail.jobs.js';
import { MailSettingsResolver } from './mail-settings.resolver.js';
import { MailSettingsService } from './mail-settings.service.js';
import { NotificationMailService } from './notification-mail.service.js';
import { PresenceHeartbeat } from './presence.heartbeat.js';
import { SentMailPreviewController } from './sent-mail-preview.controller.js';
import { SentMailService } from './sent-mail.service.js';
import { UnsubscribeController } from './unsubscribe.controller.js';

/**
 * E-mail people read: notification mail while they are away, the weekly digest "Plein deze week",
 * settings and one-click unsubscribe. `forApi()` adds what needs the HTTP server and sockets (the
 * unsubscribe endpoint, the presence heartbeat); the worker imports `forWorker()`.
 */
@Module({})
export class MailModule {
  private static base(tuning: Partial<MailTuning>) {
    return [
      { provide: MAIL_TUNING, useValue: { ...DEFAULT_MAIL_TUNING, ...tuning } },
      MailContext,
      MailSettingsService,
      SentMailService,
      MailSettingsResolver,
      DigestService,
      NotificationMailService,
      MailJobs,
    ];
  }

  static forApi(tuning: Partial<MailTuning> = {}): DynamicModule {
    return {
      module: MailModule,
      imports: [RealtimeModule],
      controllers: [UnsubscribeController, SentMailPreviewController],
      providers: [...MailModule.base(tuning), PresenceHeartbeat],
      exports: [DigestService, NotificationMailService, MailSettingsService, MailContext, PresenceHeartbeat],
    };
  }

  static forWorker(tuning: Partial<MailTuning> = {}): DynamicModule {
    return {
      module: MailModule,
      providers: MailModule.base(tuning),
      exports: [DigestService, NotificationMailService, MailSettingsService, MailContext],
    };
  }
}
