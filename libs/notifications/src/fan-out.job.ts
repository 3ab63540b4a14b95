import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueService } from '@plein/core';
import { NOTIFICATIONS_FAN_OUT_JOB, type FanOutJob } from '@plein/messages';
import { NotificationsService } from './notifications.service.js';

/**
 * Runs `notifications.fan-out` where jobs run (the worker, or the api with WORKER_INLINE). It needs
 * no socket server: the unread counts it writes to `realtime_events` reach the sockets through the
 * api nodes' RealtimeRelay (NOTIFY on commit), so a worker process can push live updates too.
 */
@Injectable()
export class NotificationsFanOutJob implements OnApplicationBootstrap {
  constructor(
    private readonly queue: QueueService,
    private readonly notifications: NotificationsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work<FanOutJob>(NOTIFICATIONS_FAN_OUT_JOB, (job) => this.notifications.fanOut(job.data));
  }
}
