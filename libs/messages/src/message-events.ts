import { Injectable, Logger } from '@nestjs/common';
import { QueueService } from '@plein/core';
import type { MessageRow } from './messages.service.js';

/** The notifications lib's fan-out job. Any lib may send it by name (directory: after a follow). */
export const NOTIFICATIONS_FAN_OUT_JOB = 'notifications.fan-out';

export type FanOutJob =
  /** A new message, reply or reshare: mentions, the replied-to authors, the reshared author. */
  | { kind: 'message'; messageId: string; actorId: string; onlyMentionIds?: string[] }
  | { kind: 'like'; messageId: string; actorId: string }
  | { kind: 'follow'; actorId: string; personId: string };

/** The live payload of a message: what a client needs to show or refetch it (no reshareCount: see countsPayload). */
export function livePayload(m: MessageRow): Record<string, unknown> {
  return {
    id: m.id,
    authorId: m.authorId,
    audience: m.audience,
    rootId: m.rootId,
    parentId: m.parentId,
    reshareOfId: m.reshareOfId,
    text: m.body,
    entities: m.entities,
    likeCount: m.likeCount,
    replyCount: m.replyCount,
    createdAt: m.createdAt,
    editedAt: m.editedAt,
  };
}

/**
 * Live counts. No reshareCount: the stored count includes reshares to narrower audiences (a
 * payroll-only reshare of a company message), which one emit to the original's room cannot hide;
 * readers get their own count from `Message.reshareCount`.
 */
export function countsPayload(m: Pick<MessageRow, 'id' | 'likeCount' | 'replyCount'>): Record<string, unknown> {
  return { id: m.id, likeCount: m.likeCount, replyCount: m.replyCount };
}

/**
 * What happens after a write committed: background jobs go out. (Live events are written with the
 * transaction itself, see appendLiveEvents, and leave Postgres only on commit.) A failure here is
 * logged, not thrown: the write is done, and the person should not retry it.
 */
@Injectable()
export class MessageAfterCommit {
  private readonly logger = new Logger('Messages');

  constructor(private readonly queue: QueueService) {}

  async fanOut(job: FanOutJob): Promise<void> {
    try {
      await this.queue.send(NOTIFICATIONS_FAN_OUT_JOB, job);
    } catch (err) {
      this.logger.error({ msg: 'could not queue notifications', job, error: err instanceof Error ? err.message : String(err) });
    }
  }
}
