import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Params } from '@plein/core';
import { ContentKindProvider, ContentVisibility, type Actor, type ContentKind, type KindInsight, type KindLive, type KindModeration, type KindNotifications, type ModerationState } from '@plein/policy';
import { DataSource, type EntityManager } from 'typeorm';
import { commentPayload, postPayload } from './blog-events.js';
import { BlogsService, COMMENT_COLUMNS, POST_COLUMNS, type CommentRow, type PostRow } from './blogs.service.js';

const groupOf = (audience: string) => (audience.startsWith('group:') ? audience.slice('group:'.length) : null);

/** Blog posts as a content kind (see @plein/policy content-kind.ts). */
@ContentKindProvider()
@Injectable()
export class BlogPostKind implements ContentKind {
  readonly name = 'blog_post';

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly blogs: BlogsService,
    private readonly visibility: ContentVisibility,
  ) {}

  async canSee(actor: Actor, id: string, em?: EntityManager): Promise<boolean> {
    return !!(await this.blogs.findVisible(actor, id, em));
  }

  async visibleSql(actor: Actor, p: Params, alias: string): Promise<string> {
    return `(${alias}.status = 'published' AND ${await this.visibility.visibleSql(actor, p, alias)})`;
  }

  readonly moderation: KindModeration = {
    resolve: async (actor, id) => {
      const post = await this.blogs.findVisible(actor, id);
      if (!post || post.status !== 'published' || post.moderationState !== 'visible') return null;
      // A post in a group blog reaches that group's admins, as a group message does.
      return { subjectId: post.authorId, groupId: groupOf(post.audience) };
    },
    state: async (em, id) => {
      const [row]: { s: ModerationState }[] = await em.query('SELECT moderation_state AS s FROM blog_posts WHERE id = $1 FOR UPDATE', [id]);
      return row?.s ?? null;
    },
    apply: async (em, id, { to, reason }, live) => {
      const [[post]]: [PostRow[], number] = await em.query(`UPDATE blog_posts p SET moderation_state = $2, moderation_reason = $3 WHERE p.id = $1 RETURNING ${POST_COLUMNS}`, [id, to, reason]);
      if (post.status !== 'published') return;
      if (to !== 'visible') live.push({ audience: post.audience, type: 'blog.post.removed', payload: { id: post.id, authorId: post.authorId } });
      else live.push({ audience: post.audience, type: 'blog.post.published', payload: postPayload(post) });
    },
    originalText: async (id) => {
      const [row]: { t: string }[] = await this.db.query(`SELECT title || E'\n\n' || search_text AS t FROM blog_posts WHERE id = $1`, [id]);
      return row?.t ?? null;
    },
  };

  readonly notifications: KindNotifications = {
    raises: [{ kind: 'blog_post', summary: 'published a new blog post', subjectPrefix: 'blog-post' }],
    // group_key blog-post:<id>: gone when moderation took the post down (but for its author and moderators).
    stillVisibleSql: async (actor, p) => `NOT EXISTS (SELECT 1 FROM blog_posts bp
        WHERE bp.id = CASE WHEN n.group_key LIKE 'blog-post:%' THEN substr(n.group_key, 11)::uuid END AND NOT ${this.visibility.moderationSql(actor, p, 'bp')})`,
  };

  readonly live: KindLive = {
    emits: {
      'blog.post.published': 'a post was published (or put back by moderation)',
      'blog.post.updated': 'its text or counts changed',
      'blog.post.removed': 'unpublished, deleted, or taken down by moderation: drop it',
    },
    // A comment's events go with its post too.
    replayBlockedSql: (me, moderator) => `EXISTS (SELECT 1 FROM blog_posts bp
        WHERE bp.id = CASE WHEN e.type IN ('blog.post.published', 'blog.post.updated') THEN (e.payload->>'id')::uuid
                           WHEN e.type IN ('blog.comment.created', 'blog.comment.updated') THEN (e.payload->>'postId')::uuid END
          AND ${this.visibility.takenDownSql('bp', me, moderator)})`,
  };

  readonly insights = BLOG_POST_INSIGHTS;
}

/** Blog comments (and replies to comments) as a content kind. */
@ContentKindProvider()
@Injectable()
export class BlogCommentKind implements ContentKind {
  readonly name = 'blog_comment';

  constructor(
    private readonly blogs: BlogsService,
    private readonly visibility: ContentVisibility,
  ) {}

  async canSee(actor: Actor, id: string, em?: EntityManager): Promise<boolean> {
    const comment = await this.blogs.findVisibleComment(actor, id, em);
    return !!comment && this.visibility.canSeeModerated(actor, comment) && !!(await this.blogs.findVisible(actor, comment.postId, em));
  }

  readonly moderation: KindModeration = {
    resolve: async (actor, id) => {
      const [comment] = await this.blogs.findComments([id]);
      const post = comment && comment.moderationState === 'visible' ? await this.blogs.findVisible(actor, comment.postId) : null;
      if (!comment || !post || post.status !== 'published' || post.moderationState !== 'visible') return null;
      return { subjectId: comment.authorId, groupId: groupOf(post.audience) };
    },
    state: async (em, id) => {
      const [row]: { s: ModerationState }[] = await em.query('SELECT moderation_state AS s FROM blog_comments WHERE id = $1 FOR UPDATE', [id]);
      return row?.s ?? null;
    },
    apply: async (em, id, { from, to, reason }, live) => {
      const [[comment]]: [CommentRow[], number] = await em.query(
        `UPDATE blog_comments c SET moderation_state = $2, moderation_reason = $3 WHERE c.id = $1 RETURNING ${COMMENT_COLUMNS}`,
        [id, to, reason],
      );
      // The post's comment count counts what readers see.
      const delta = from === 'visible' ? -1 : to === 'visible' ? 1 : 0;
      const [[post]]: [PostRow[], number] = await em.query(`UPDATE blog_posts p SET comment_count = GREATEST(0, comment_count + $2) WHERE p.id = $1 RETURNING ${POST_COLUMNS}`, [
        comment.postId,
        delta,
      ]);
      if (post.status !== 'published' || post.moderationState !== 'visible') return;
      if (to !== 'visible') live.push({ audience: post.audience, type: 'blog.comment.removed', payload: { id: comment.id, postId: post.id, authorId: comment.authorId } });
      else {
        // Restored: readers behind a barrier from the post's or the thread's author are left out, as on creation.
        const context = [post.authorId];
        if (comment.parentId) {
          const [root]: { authorId: string }[] = await em.query('SELECT author_id AS "authorId" FROM blog_comments WHERE id = $1', [comment.parentId]);
          if (root) context.push(root.authorId);
        }
        live.push({ audience: post.audience, type: 'blog.comment.created', payload: commentPayload(comment, context) });
      }
      if (delta) live.push({ audience: post.audience, type: 'blog.post.updated', payload: postPayload(post) });
    },
    originalText: async (id) => (await this.blogs.findComments([id]))[0]?.body ?? null,
  };

  readonly notifications: KindNotifications = {
    raises: [
      { kind: 'blog_comment', summary: 'commented on a blog post of yours', subjectPrefix: 'blog-comment' },
      { kind: 'blog_mention', summary: 'mentioned you in a blog comment', subjectPrefix: 'blog-mention' },
    ],
    // group_key blog-comment:<id> and blog-mention:<commentId>: gone with the comment or its post.
    stillVisibleSql: async (actor, p) => `NOT EXISTS (SELECT 1 FROM blog_comments bc JOIN blog_posts bcp ON bcp.id = bc.post_id
        WHERE bc.id = CASE WHEN n.group_key LIKE 'blog-comment:%' OR n.group_key LIKE 'blog-mention:%' THEN substr(n.group_key, 14)::uuid END
          AND NOT (${this.visibility.moderationSql(actor, p, 'bc')} AND ${this.visibility.moderationSql(actor, p, 'bcp')}))`,
  };

  readonly live: KindLive = {
    emits: {
      'blog.comment.created': 'a comment was written (or put back by moderation)',
      'blog.comment.updated': 'its text or counts changed',
      'blog.comment.removed': 'deleted, or taken down by moderation: drop it',
    },
    replayBlockedSql: (me, moderator) => `EXISTS (SELECT 1 FROM blog_comments bc
        WHERE bc.id = CASE WHEN e.type IN ('blog.comment.created', 'blog.comment.updated') THEN (e.payload->>'id')::uuid END
          AND ${this.visibility.takenDownSql('bc', me, moderator)})`,
  };
}

/** What insights count of blog posts (static SQL: the demo seeder rolls up without the app). */
export const BLOG_POST_INSIGHTS: readonly KindInsight[] = [
  {
    metric: 'blog_posts',
    description: 'Blog posts published; population: those by managers (people with active direct reports).',
    weeklySql: `SELECT date_trunc('week', b.published_at)::date, count(*),
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM people dr WHERE dr.manager_id = b.author_id AND dr.active))
      FROM blog_posts b WHERE b.status = 'published' AND b.published_at >= $1 GROUP BY 1`,
  },
];
