import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueueService } from '@plein/core';
import { PeopleService, actorOf } from '@plein/directory';
import { NotificationKind, NotificationsService } from '@plein/notifications';
import { PolicyService, type Actor } from '@plein/policy';
import { DataSource } from 'typeorm';
import { BLOGS_FAN_OUT_JOB, BLOGS_PUBLISH_DUE_JOB, type BlogFanOutJob } from '../blog-events.js';
import { BlogsService, type PostRow } from '../blogs.service.js';
import { BlogPostWrites } from '../use-cases/blog-posts.use-case.js';

/**
 * The blogs' background work, where jobs run (the worker, or the api with WORKER_INLINE):
 * publishing scheduled posts (a job at each post's time, and a cron tick every minute that catches
 * anything missed), and notifications: subscribers of a blog about a new post, an author about a
 * comment, people about a mention. Every recipient is checked with their own, current actor.
 */
@Injectable()
export class BlogJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger('Blogs');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly writes: BlogPostWrites,
    private readonly blogs: BlogsService,
    private readonly people: PeopleService,
    private readonly policy: PolicyService,
    private readonly notifications: NotificationsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work(BLOGS_PUBLISH_DUE_JOB, () => this.writes.publishDue(), { delayed: true });
    await this.queue.schedule(BLOGS_PUBLISH_DUE_JOB, '* * * * *');
    await this.queue.work<BlogFanOutJob>(BLOGS_FAN_OUT_JOB, (job) => this.fanOut(job.data));
  }

  async fanOut(job: BlogFanOutJob): Promise<number> {
    switch (job.kind) {
      case 'post':
        return this.onPost(job.postId);
      case 'comment':
        return this.onComment(job.commentId);
      default: {
        const unknown: never = job;
        this.logger.warn({ msg: 'unknown blog fan-out job', job: unknown });
        return 0;
      }
    }
  }

  private async onPost(postId: string): Promise<number> {
    const [post] = await this.blogs.findPosts([postId]);
    if (!post || post.status !== 'published' || post.moderationState !== 'visible') return 0;
    const subs: { person_id: string }[] = await this.db.query('SELECT person_id FROM blog_subscriptions WHERE blog_id = $1 AND person_id <> $2', [post.blogId, post.authorId]);
    return this.notify(subs.map((s) => s.person_id), post, NotificationKind.BLOG_POST, post.authorId, `blog-post:${post.id}`);
  }

  private async onComment(commentId: string): Promise<number> {
    const [comment] = await this.blogs.findComments([commentId]);
    const [post] = comment ? await this.blogs.findPosts([comment.postId]) : [];
    if (!comment || !post || post.status !== 'published' || comment.moderationState !== 'visible' || post.moderationState !== 'visible') return 0;
    let n = 0;
    const told = new Set([comment.authorId]);
    const commentTo = [post.authorId];
    if (comment.parentId) {
      const [root] = await this.blogs.findComments([comment.parentId]);
      if (root) commentTo.push(root.authorId);
    }
    const first = commentTo.filter((id) => !told.has(id));
    first.forEach((id) => told.add(id));
    n += await this.notify([...new Set(first)], post, NotificationKind.BLOG_COMMENT, comment.authorId, `blog-comment:${comment.id}`);
    const mentioned = comment.mentionIds.filter((id) => !told.has(id));
    n += await this.notify(mentioned, post, NotificationKind.BLOG_MENTION, comment.authorId, `blog-mention:${comment.id}`);
    return n;
  }

  /**
   * One notification per recipient who may read the post (its audience, its author) and the one who
   * acted (information barriers), and their unread badge, live.
   */
  private async notify(personIds: string[], post: PostRow, kind: NotificationKind, actorId: string, groupKey: string): Promise<number> {
    if (!personIds.length) return 0;
    const recipients = new Map<string, Actor>();
    for (const person of await this.people.findByIds(personIds)) {
      if (!person.active) continue;
      const actor = actorOf(person);
      if (!this.policy.can(actor, 'notification.read') || !(await this.blogs.canReadPost(actor, post))) continue;
      if (await this.policy.canReadPerson(actor, actorId)) recipients.set(person.id, actor);
    }
    if (!recipients.size) return 0;
    return this.db.transaction((em) => this.notifications.addOnce(em, recipients, kind, actorId, groupKey));
  }
}
