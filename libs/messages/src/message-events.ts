import { Injectable } from '@nestjs/common';
import { QueueService } from '@plein/core';
import type { EntityManager } from 'typeorm';
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
 * The background jobs of a write. `fanOutIn` queues the job in the write's own transaction (as the
 * live events are, see appendLiveEvents): it exists exactly when the write commits, so a crash right
 * after the commit cannot lose a notification, and a rolled-back write never sends one. (A follow
 * queues the same job by name, in its own transaction: FollowsService.follow.)
 */
@Injectable()
export class MessageAfterCommit {
  constructor(private readonly queue: QueueService) {}

  /** In the write's transaction: a failure to queue fails (and rolls back) the write. */
  async fanOutIn(em: EntityManager, job: FanOutJob): Promise<void> {
    await this.queue.sendIn(em, NOTIFICATIONS_FAN_OUT_JOB, job);
  }
}
