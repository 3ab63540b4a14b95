import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from '@plein/core';
import { MailLinks } from './mail-links.js';
import { MailTransport } from './mail-transport.js';
import { PreviewLinks } from './preview-link.js';
import { UnsubscribeTokens } from './unsubscribe-token.js';

/** Tuning that tests and the benchmark change; production uses the defaults. */
export interface MailTuning {
  /** Retries of a transient failure (4xx, relay down) before the mail is reported failed. */
  retries: number;
  /** First backoff; doubled per retry. */
  backoffMs: number;
  /** Consecutive transient failures after which a run stops (the relay is down) and the job is retried later. */
  circuitBreakAfter: number;
  /** Mails in flight at once. */
  concurrency: number;
}

export const MAIL_TUNING = Symbol('MAIL_TUNING');
export const DEFAULT_MAIL_TUNING: MailTuning = { retries: 4, backoffMs: 2000, circuitBreakAfter: 20, concurrency: 8 };

/** The transport, links and tokens every mail job shares; one SMTP pool per process. */
@Injectable()
export class MailContext implements OnApplicationShutdown {
  readonly transport: MailTransport;
  readonly tokens: UnsubscribeTokens;
  readonly links: MailLinks;
  readonly previews: PreviewLinks;

  constructor(@Inject(APP_CONFIG) readonly config: ResolvedConfig, @Inject(MAIL_TUNING) tuning: MailTuning) {
    // One SMTP connection per two mails in flight: each waits on the relay's answer half the time.
    this.transport = new MailTransport({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, dataDir: config.dataDir, maxConnections: Math.max(1, Math.ceil(tuning.concurrency / 2)) });
    this.tokens = new UnsubscribeTokens(config.jwtSecret);
    this.links = new MailLinks(config.mail.publicUrl, this.tokens);
    this.previews = new PreviewLinks(config.jwtSecret);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
