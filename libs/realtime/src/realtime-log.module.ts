import { Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueueService } from '@plein/core';
import { DataSource } from 'typeorm';

export const PURGE_REALTIME_EVENTS_JOB = 'realtime.purge-events';
/** How long a disconnected client can still catch up with eventsSince; older clients reload. */
export const REALTIME_EVENTS_RETENTION_HOURS = 72;

/** Hourly on the worker: the live-event log keeps the last few days only. */
@Injectable()
export class PurgeRealtimeEventsJob implements OnApplicationBootstrap {
  private readonly logger = new Logger('PurgeRealtimeEventsJob');

  constructor(
    private readonly queue: QueueService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work(PURGE_REALTIME_EVENTS_JOB, () => this.run());
    await this.queue.schedule(PURGE_REALTIME_EVENTS_JOB, '17 * * * *');
  }

  async run(): Promise<number> {
    const [, deleted]: [unknown, number] = await this.db.query(
      `DELETE FROM realtime_events WHERE created_at < now() - make_interval(hours => $1)`,
      [REALTIME_EVENTS_RETENTION_HOURS],
    );
    this.logger.log({ msg: 'old realtime events purged', deleted });
    return deleted;
  }
}

/** The live-event log's housekeeping; imported by the api and the worker (jobs run where enabled). */
@Module({ providers: [PurgeRealtimeEventsJob], exports: [PurgeRealtimeEventsJob] })
export class RealtimeLogModule {}
