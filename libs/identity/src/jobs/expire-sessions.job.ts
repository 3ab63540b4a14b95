import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueService, RateLimiterService } from '@plein/core';
import { TokenService } from '../auth/token.service.js';

export const EXPIRE_SESSIONS_JOB = 'identity.expire-sessions';

/** Housekeeping on the worker, every 10 minutes: expired refresh sessions and rate-limit windows go. */
@Injectable()
export class ExpireSessionsJob implements OnApplicationBootstrap {
  private readonly logger = new Logger('ExpireSessionsJob');

  constructor(
    private readonly queue: QueueService,
    private readonly tokens: TokenService,
    private readonly limiter: RateLimiterService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work(EXPIRE_SESSIONS_JOB, () => this.run());
    await this.queue.schedule(EXPIRE_SESSIONS_JOB, '*/10 * * * *');
  }

  async run(): Promise<{ sessions: number; buckets: number }> {
    const sessions = await this.tokens.purgeExpired();
    const buckets = await this.limiter.purgeExpired();
    this.logger.log({ msg: 'expired sessions purged', sessions, buckets });
    return { sessions, buckets };
  }
}
