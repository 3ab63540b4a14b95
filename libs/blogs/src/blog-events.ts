import { Injectable } from '@nestjs/common';
import { QueueService } from '@plein/core';
import type { EntityManager } from 'typeorm';
import type { CommentRow, PostRow } from './blogs.service.js';

/** Publishes scheduled posts that are due (sent at each post's publish_at, and by a cron every minute). */
export const BLOGS_PUBLISH_DUE_JOB = 'blogs.publish-due';
/** Notifications for subscribers (a new post) and for authors (a comment, a mention). */
export const BLOGS_FAN_OUT_JOB = 'blogs.fan-out';

export type BlogFanOutJob = { kind: 'post'; postId: string } | { kind: 'comment'; commentId: string };

export function postPayload(p: PostRow): Record<string, unknown> {
  return {
    id: p.id,
    blogId: p.blogId,
    authorId: p.authorId,
    audience: p.audience,
    title: p.title,
    tags: p.tags,
    status: p.status,
    publishedAt: p.publishedAt,
    likeCount: p.likeCount,
    commentCount: p.commentCount,
    commentsClosed: p.commentsClosed,
  };
}

/**
 * `contextAuthorIds`: the authors of what the comment sits in (the post, the thread's first comment).
 * The relay and `eventsSince` leave out readers who may not read any of them (information barriers).
 */
export function commentPayload(c: CommentRow, contextAuthorIds: string[]): Record<string, unknown> {
  return { id: c.id, postId: c.postId, authorId: c.authorId, parentId: c.parentId, text: c.body, likeCount: c.likeCount, createdAt: c.createdAt, contextAuthorIds };
}

/**
 * The background jobs of a blog write, queued in the write's own transaction (`...In`): a committed
 * write always has its job, a rolled-back one never does, a crash after the commit loses nothing.
 */
@Injectable()
export class BlogAfterCommit {
  constructor(private readonly queue: QueueService) {}

  async fanOutIn(em: EntityManager, job: BlogFanOutJob): Promise<void> {
    await this.queue.sendIn(em, BLOGS_FAN_OUT_JOB, job);
  }

  /** A scheduled publication (the cron tick every minute publishes it too, should this job be late). */
  async publishAtIn(em: EntityManager, postId: string, at: Date): Promise<void> {
    await this.queue.sendIn(em, BLOGS_PUBLISH_DUE_JOB, { postId }, { startAfter: at });
  }
}
