import { Injectable, Logger } from '@nestjs/common';
import { QueueService } from '@plein/core';
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

/** Background jobs after a write committed; a failure is logged, the write stands. */
@Injectable()
export class BlogAfterCommit {
  private readonly logger = new Logger('Blogs');

  constructor(private readonly queue: QueueService) {}

  async fanOut(job: BlogFanOutJob): Promise<void> {
    try {
      await this.queue.send(BLOGS_FAN_OUT_JOB, job);
    } catch (err) {
      this.logger.error({ msg: 'could not queue blog notifications', job, error: err instanceof Error ? err.message : String(err) });
    }
  }

  async publishAt(postId: string, at: Date): Promise<void> {
    try {
      await this.queue.send(BLOGS_PUBLISH_DUE_JOB, { postId }, { startAfter: at });
    } catch (err) {
      // The cron tick still publishes it within a minute.
      this.logger.error({ msg: 'could not queue a scheduled publication', postId, error: err instanceof Error ? err.message : String(err) });
    }
  }
}
