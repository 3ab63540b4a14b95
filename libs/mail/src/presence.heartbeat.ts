import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RealtimeService } from '@plein/realtime';
import { DataSource } from 'typeorm';

/** How often each api node records who has the web app open. */
export const HEARTBEAT_MS = 30_000;

/**
 * Presence for mail, on each api node: every 30 s, one statement records `last_seen_at` for the
 * people with a socket on this node. Someone seen in the last two minutes is active: they get no
 * notification mail, and what happened before they were seen counts as seen.
 */
@Injectable()
export class PresenceHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailPresence');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly realtime: RealtimeService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.beat().catch((err: unknown) => this.logger.warn({ msg: 'presence heartbeat failed', error: String(err) })), HEARTBEAT_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Records the people connected to this node now; returns how many. */
  async beat(): Promise<number> {
    const ids = await this.realtime.localPersonIds();
    if (!ids.length) return 0;
    await this.db.query(
      `INSERT INTO mail_people (person_id, last_seen_at) SELECT id, now() FROM people WHERE id = ANY($1::uuid[])
       ON CONFLICT (person_id) DO UPDATE SET last_seen_at = now()`,
      [ids],
    );
    return ids.length;
  }
}
