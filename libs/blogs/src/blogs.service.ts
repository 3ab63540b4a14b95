import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, isUuid, parseCursor, notFound, pageSize, toConnection, type Connection, Params } from '@plein/core';
import { PolicyService, parseAudience, type Actor } from '@plein/policy';
import { DataSource, type EntityManager } from 'typeorm';
import type { BlogKindValue, BlogPostStatusValue } from './entities/blog.entity.js';
import { normaliseTag } from './blog-html.js';

export interface BlogRow {
  id: string;
  kind: BlogKindValue;
  ownerPersonId: string | null;
  groupId: string | null;
  title: string;
  createdAt: Date;
}

export interface PostRow {
  id: string;
  blogId: string;
  authorId: string;
  audience: string;
  title: string;
  bodyHtml: string;
  /** The author's Markdown source (null for an HTML body); only for those who may edit. */
  bodyMarkdown: string | null;
  tags: string[];
  coverUploadId: string | null;
  status: BlogPostStatusValue;
  publishAt: Date | null;
  publishedAt: Date | null;
  commentsClosed: boolean;
  featuredFrom: Date | null;
  featuredUntil: Date | null;
  likeCount: number;
  commentCount: number;
  createdAt: Date;
  updatedAt: Date;
  /** Set by moderation: hidden (pending) and removed posts leave every read but their author's. */
  moderationState: ModerationStateValue;
  moderationReason: string | null;
  /** published_at with microseconds, for keyset cursors. */
  ts: string | null;
  rank?: number;
}

export interface CommentRow {
  id: string;
  postId: string;
  authorId: string;
  parentId: string | null;
  body: string;
  mentionIds: string[];
  likeCount: number;
  answeredAt: Date | null;
  /** The post's author marked this comment as the answer (at most one per post). */
  markedAnswerAt: Date | null;
  createdAt: Date;
  moderationState: ModerationStateValue;
  moderationReason: string | null;
  ts: string;
}

export type ModerationStateValue = 'visible' | 'hidden' | 'removed';

export const BLOG_COLUMNS = `b.id, b.kind, b.owner_person_id AS "ownerPersonId", b.group_id AS "groupId", b.title, b.created_at AS "createdAt"`;

export const POST_COLUMNS = `p.id, p.blog_id AS "blogId", p.author_id AS "authorId", p.audience, p.title, p.body_html AS "bodyHtml", p.body_markdown AS "bodyMarkdown", p.tags,
  p.cover_upload_id AS "coverUploadId", p.status, p.publish_at AS "publishAt", p.published_at AS "publishedAt",
  p.comments_closed AS "commentsClosed", p.featured_from AS "featuredFrom", p.featured_until AS "featuredUntil",
  p.like_count AS "likeCount", p.comment_count AS "commentCount", p.created_at AS "createdAt", p.updated_at AS "updatedAt",
  p.moderation_state AS "moderationState", p.moderation_reason AS "moderationReason",
  to_char(p.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ts`;

export const COMMENT_COLUMNS = `c.id, c.post_id AS "postId", c.author_id AS "authorId", c.parent_id AS "parentId", c.body, c.mention_ids AS "mentionIds",
  c.like_count AS "likeCount", c.answered_at AS "answeredAt", c.marked_answer_at AS "markedAnswerAt", c.created_at AS "createdAt",
  c.moderation_state AS "moderationState", c.moderation_reason AS "moderationReason",
  to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ts`;

export const POST_NOT_VISIBLE = 'That blog post does not exist, is not published, or you cannot see it.';
export const BLOG_NOT_FOUND = 'That blog does not exist, or you cannot see it.';

/** Fewer readers than this in a group (a department, an employment type) and the group is not shown. */
export const MIN_GROUP_SIZE = 5;

/**
 * What "answered" and "unanswered" mean, in one place (SQL over a comment alias and its post's
 * alias): a comment is addressed to the post's author, and so waits for an answer, when someone
 * else wrote it and it is a top-level comment (said to the author on their post), a reply in a
 * thread the author started, or the thread starter's own follow-up in their thread. A third
 * person's reply in someone else's thread is readers talking among themselves: it is never
 * unanswered, never marked answered, and left out of the answer figures (blogPostStats, insights).
 */
export function addressedToAuthorSql(comment: string, post: string): string {
  return `(${comment}.author_id <> ${post}.author_id AND (${comment}.parent_id IS NULL OR EXISTS (
    SELECT 1 FROM blog_comments thread WHERE thread.id = ${comment}.parent_id AND thread.author_id IN (${post}.author_id, ${comment}.author_id))))`;
}

function cursorKey(after: string): [string, string] {
  return parseCursor(after, ['timestamp', 'uuid']);
}

/**
 * Reads of blogs and posts, always through policy: a published post is readable by whoever may read
 * its audience (lists use the SQL audience predicate), a draft or scheduled post only by those who
 * may write on its blog.
 */
@Injectable()
export class BlogsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
  ) {}

  /**
   * SQL filter for post lists: the audience is readable and the author (`column` with `author_id`
   * for `audience`) is not behind an information barrier for the actor. Appends its parameters.
   */
  async audienceSql(actor: Actor, params: Params, column = 'p.audience'): Promise<string> {
    const audience = params.append(this.policy.audiencePredicate(actor, column, params.next, await this.policy.readableGroupIds(actor)));
    return `${audience} AND ${this.barrierSql(actor, params, column.replace(/audience$/, 'author_id'))}`;
  }

  /** SQL filter: the author column is not behind an information barrier for the actor. */
  barrierSql(actor: Pick<Actor, 'personId'>, params: Params, authorColumn: string): string {
    return params.append(this.policy.barrierPredicate(actor, authorColumn, params.next));
  }

  /** SQL filter: posts hidden or removed by moderation stay in lists for their author only. */
  moderationSql(actor: Actor, params: Params, alias = 'p'): string {
    return `(${alias}.moderation_state = 'visible' OR ${alias}.author_id = ${params.add(actor.personId)})`;
  }

  async canReadAudience(actor: Actor, audience: string): Promise<boolean> {
    const parsed = parseAudience(audience);
    return !!parsed && this.policy.canReadAudience(actor, parsed);
  }

  /** Single-item form of a published post's read rule: its audience, and its author not behind a barrier. */
  async canReadPost(actor: Actor, post: Pick<PostRow, 'audience' | 'authorId'>): Promise<boolean> {
    return (await this.canReadAudience(actor, post.audience)) && (await this.policy.canReadPerson(actor, post.authorId));
  }

  async findBlog(id: string, em: EntityManager = this.db.manager): Promise<BlogRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await em.query(`SELECT ${BLOG_COLUMNS} FROM blogs b WHERE b.id = $1`, [id]);
    return row ?? null;
  }

  async findBlogs(ids: readonly string[]): Promise<BlogRow[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? this.db.query(`SELECT ${BLOG_COLUMNS} FROM blogs b WHERE b.id = ANY($1::uuid[])`, [valid]) : [];
  }

  async blogOfPerson(personId: string, em: EntityManager = this.db.manager): Promise<BlogRow | null> {
    if (!isUuid(personId)) return null;
    const [row] = await em.query(`SELECT ${BLOG_COLUMNS} FROM blogs b WHERE b.owner_person_id = $1`, [personId]);
    return row ?? null;
  }

  async blogOfGroup(groupId: string): Promise<BlogRow | null> {
    if (!isUuid(groupId)) return null;
    const [row] = await this.db.query(`SELECT ${BLOG_COLUMNS} FROM blogs b WHERE b.group_id = $1`, [groupId]);
    return row ?? null;
  }

  async authorIds(blog: BlogRow): Promise<string[]> {
    if (blog.kind === 'person') return blog.ownerPersonId ? [blog.ownerPersonId] : [];
    const rows: { person_id: string }[] = await this.db.query('SELECT person_id FROM blog_authors WHERE blog_id = $1 ORDER BY person_id', [blog.id]);
    return rows.map((r) => r.person_id);
  }

  /** May the actor write posts on this blog? Owner; a group's posting members; a company blog's authors. */
  async canWrite(actor: Actor, blog: BlogRow, em: EntityManager = this.db.manager): Promise<boolean> {
    if (!this.policy.can(actor, 'blog.write')) return false;
    switch (blog.kind) {
      case 'person':
        return blog.ownerPersonId === actor.personId;
      case 'group':
        return !!blog.groupId && (await this.policy.canGroupById(actor, 'post', blog.groupId));
      case 'company': {
        const rows: unknown[] = await em.query('SELECT 1 FROM blog_authors WHERE blog_id = $1 AND person_id = $2', [blog.id, actor.personId]);
        return rows.length > 0;
      }
    }
  }

  /**
   * May the actor see this blog exists? Group blogs: like the group itself. A person's blog: not
   * across an information barrier (nothing of theirs beyond the name shows).
   */
  async canSeeBlog(actor: Actor, blog: BlogRow): Promise<boolean> {
    switch (blog.kind) {
      case 'person':
        return !blog.ownerPersonId || (await this.policy.canReadPerson(actor, blog.ownerPersonId));
      case 'group':
        return !!blog.groupId && (await this.policy.canGroupById(actor, 'see', blog.groupId));
      case 'company':
        return true;
    }
  }

  async findPosts(ids: readonly string[], em: EntityManager = this.db.manager): Promise<PostRow[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? em.query(`SELECT ${POST_COLUMNS} FROM blog_posts p WHERE p.id = ANY($1::uuid[])`, [valid]) : [];
  }

  /**
   * The post if the actor may read it: published and in a readable audience, or (any status) on a
   * blog the actor writes on. Null otherwise, never saying which.
   */
  async findVisible(actor: Actor, id: string, em?: EntityManager): Promise<PostRow | null> {
    const [post] = await this.findPosts([id], em);
    if (!post) return null;
    // Hidden and removed posts: their author only (who sees the removal and its reason).
    if (post.moderationState !== 'visible' && post.authorId !== actor.personId) return null;
    if (post.status === 'published' && (await this.canReadPost(actor, post))) return post;
    const blog = await this.findBlog(post.blogId, em);
    return blog && (await this.canWrite(actor, blog, em)) ? post : null;
  }

  async requireVisible(actor: Actor, id: string, em?: EntityManager): Promise<PostRow> {
    const post = await this.findVisible(actor, id, em);
    if (!post) throw notFound(POST_NOT_VISIBLE);
    return post;
  }

  /** Published posts the actor may read, newest first: all blogs, one blog, or one tag. */
  async posts(actor: Actor, args: { first?: number; after?: string; blogId?: string | null; tag?: string | null }): Promise<Connection<PostRow>> {
    this.policy.assert(actor, 'blog.read');
    const size = pageSize(args.first);
    const p = new Params();
    const where = [`p.status = 'published'`, this.moderationSql(actor, p), await this.audienceSql(actor, p)];
    if (args.blogId) {
      if (!isUuid(args.blogId)) throw badInput('blogId must be the id of a blog.', { field: 'blogId', messageKey: 'input.invalidId' });
      where.push(`p.blog_id = ${p.add(args.blogId)}`);
    }
    if (args.tag) where.push(`p.id IN (SELECT t.post_id FROM blog_post_tags t WHERE t.tag = ${p.add(await this.knownTag(actor, args.tag))})`);
    if (args.after) {
      const [ts, id] = cursorKey(args.after);
      where.push(`(p.published_at, p.id) < (${p.add(ts)}::timestamptz, ${p.add(id)}::uuid)`);
    }
    const rows: PostRow[] = await this.db.query(
      `SELECT ${POST_COLUMNS} FROM blog_posts p WHERE ${where.join(' AND ')} ORDER BY p.published_at DESC, p.id DESC LIMIT ${size + 1}`,
      p.values,
    );
    return toConnection(rows, size, (r) => [r.ts ?? '', r.id]);
  }

  /** A blog's drafts and scheduled posts, for those who write on it. */
  async unpublished(actor: Actor, blogId: string): Promise<PostRow[]> {
    const blog = await this.findBlog(blogId);
    if (!blog || !(await this.canWrite(actor, blog))) throw notFound(BLOG_NOT_FOUND);
    return this.db.query(`SELECT ${POST_COLUMNS} FROM blog_posts p WHERE p.blog_id = $1 AND p.status <> 'published' ORDER BY p.updated_at DESC, p.id DESC LIMIT 200`, [blog.id]);
  }

  /**
   * A tag filter must name a tag of some post the actor can read: a typo ("onderhandelng") gets a
   * clear error instead of an empty page that looks like "nobody writes about this".
   */
  async knownTag(actor: Actor, raw: string): Promise<string> {
    const tag = normaliseTag(raw);
    if (!tag || tag.length > 50) throw badInput('Give a tag, for example "strategie".', { field: 'tag', messageKey: 'input.required' });
    const p = new Params();
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM blog_post_tags t JOIN blog_posts p ON p.id = t.post_id WHERE t.tag = ${p.add(tag)} AND p.status = 'published' AND p.moderation_state = 'visible' AND ${await this.audienceSql(actor, p)} LIMIT 1`,
      p.values,
    );
    if (!rows.length) throw badInput(`No post you can read has the tag "${tag}".`, { field: 'tag' });
    return tag;
  }

  /** Posts a community manager or admin featured, in their period now, that the actor may read. */
  async featured(actor: Actor): Promise<PostRow[]> {
    this.policy.assert(actor, 'blog.read');
    const p = new Params();
    return this.db.query(
      `SELECT ${POST_COLUMNS} FROM blog_posts p
        WHERE p.status = 'published' AND p.moderation_state = 'visible' AND p.featured_until > now() AND p.featured_from <= now() AND ${await this.audienceSql(actor, p)}
        ORDER BY p.featured_from DESC, p.id DESC LIMIT 10`,
      p.values,
    );
  }

  /**
   * Full-text search over title, tags and body with Dutch stemming ("onderhandelingen" finds
   * "onderhandeling"), through the audience predicate; best match first, then newest.
   */
  async search(actor: Actor, args: { query: string; tag?: string | null; first?: number; after?: string }): Promise<Connection<PostRow>> {
    this.policy.assert(actor, 'blog.read');
    const size = pageSize(args.first);
    const query = (args.query ?? '').trim();
    if (!query) throw badInput('Type something to search for.', { field: 'query', messageKey: 'input.required' });
    if (query.length > 200) throw badInput('A search can be at most 200 characters.', { field: 'query', max: 200, messageKey: 'input.tooLong' });
    const p = new Params();
    const q = `websearch_to_tsquery('dutch', ${p.add(query)})`;
    const rank = `ts_rank(to_tsvector('dutch', p.search_text), ${q})`;
    const where = [`p.status = 'published'`, `p.moderation_state = 'visible'`, await this.audienceSql(actor, p), `to_tsvector('dutch', p.search_text) @@ ${q}`];
    if (args.tag) where.push(`p.id IN (SELECT t.post_id FROM blog_post_tags t WHERE t.tag = ${p.add(await this.knownTag(actor, args.tag))})`);
    if (args.after) {
      const [r, ts, id] = parseCursor(args.after, ['number', 'timestamp', 'uuid']);
      where.push(`(${rank}, p.published_at, p.id) < (${p.add(r)}::real, ${p.add(ts)}::timestamptz, ${p.add(id)}::uuid)`);
    }
    const rows: PostRow[] = await this.db.query(
      `SELECT ${POST_COLUMNS}, ${rank} AS rank FROM blog_posts p WHERE ${where.join(' AND ')}
        ORDER BY rank DESC, p.published_at DESC, p.id DESC LIMIT ${size + 1}`,
      p.values,
    );
    return toConnection(rows, size, (r) => [Number(r.rank), r.ts ?? '', r.id]);
  }

  /**
   * Which comments (alias c, its thread's first comment joined as r) the actor reads, in one place
   * for the comments themselves and for their count: none by someone behind an information barrier,
   * nor any reply in a thread whose first comment is (the thread is theirs); hidden and removed ones
   * only for their author, and a reply only while its thread's first comment shows to the actor.
   * `counting`: the actor's own hidden and removed comments are shown to them, never counted.
   */
  commentReadSql(actor: Pick<Actor, 'personId'>, p: Params, counting: boolean): string {
    const own = this.barrierSql(actor, p, 'c.author_id');
    const root = this.barrierSql(actor, p, 'r.author_id');
    const me = p.add(actor.personId);
    const shown = (alias: string) => `(${alias}.moderation_state = 'visible' OR ${alias}.author_id = ${me})`;
    return `${counting ? `c.moderation_state = 'visible'` : shown('c')} AND ${own} AND (c.parent_id IS NULL OR (${root} AND ${shown('r')}))`;
  }

  /** Comments of a post (oldest first) the actor may read (commentReadSql). */
  async comments(actor: Actor, postId: string): Promise<{ post: PostRow; comments: CommentRow[] }> {
    const post = await this.requireVisible(actor, postId);
    const p = new Params();
    p.add(post.id);
    const comments: CommentRow[] = await this.db.query(
      `SELECT ${COMMENT_COLUMNS} FROM blog_comments c LEFT JOIN blog_comments r ON r.id = c.parent_id
        WHERE c.post_id = $1 AND ${this.commentReadSql(actor, p, false)}
        ORDER BY c.created_at, c.id LIMIT 2000`,
      p.values,
    );
    return { post, comments };
  }

  /**
   * How many comments (replies included) the actor reads on each post: the same rule as the
   * comments themselves (commentReadSql), so a post's count in a list and on its page agree with
   * what the page shows the actor. (The stored comment_count counts replies under a hidden comment
   * and ignores barriers: it disagreed with the page, and is kept for live events only.)
   */
  async commentCounts(actor: Pick<Actor, 'personId'>, postIds: readonly string[]): Promise<Map<string, number>> {
    const valid = postIds.filter(isUuid);
    if (!valid.length) return new Map();
    const p = new Params();
    p.add(valid);
    const rows: { postId: string; n: number }[] = await this.db.query(
      `SELECT c.post_id AS "postId", count(*)::int AS n FROM blog_comments c LEFT JOIN blog_comments r ON r.id = c.parent_id
        WHERE c.post_id = ANY($1::uuid[]) AND ${this.commentReadSql(actor, p, true)} GROUP BY c.post_id`,
      p.values,
    );
    return new Map(rows.map((r) => [r.postId, r.n]));
  }

  /** A comment the actor may read (the post, its author, its thread's first comment's author), or null. */
  async findVisibleComment(actor: Actor, id: string, em?: EntityManager): Promise<CommentRow | null> {
    const [comment] = await this.findComments([id], em);
    if (!comment || !(await this.policy.canReadPerson(actor, comment.authorId))) return null;
    if (comment.parentId) {
      const [root] = await this.findComments([comment.parentId], em);
      if (root && !(await this.policy.canReadPerson(actor, root.authorId))) return null;
    }
    return comment;
  }

  async findComments(ids: readonly string[], em: EntityManager = this.db.manager): Promise<CommentRow[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? em.query(`SELECT ${COMMENT_COLUMNS} FROM blog_comments c WHERE c.id = ANY($1::uuid[])`, [valid]) : [];
  }

  /** Comments on the actor's posts addressed to them (addressedToAuthorSql) that they have not answered yet, oldest first. */
  async unanswered(actor: Actor, postId?: string | null): Promise<CommentRow[]> {
    this.policy.assert(actor, 'blog.write');
    const p = new Params();
    const where = [`po.author_id = ${p.add(actor.personId)}`, addressedToAuthorSql('c', 'po'), 'c.answered_at IS NULL', `c.moderation_state = 'visible'`];
    where.push(this.barrierSql(actor, p, 'c.author_id'));
    if (postId) {
      if (!isUuid(postId)) throw badInput('postId must be the id of a blog post.', { field: 'postId', messageKey: 'input.invalidId' });
      where.push(`c.post_id = ${p.add(postId)}`);
    }
    return this.db.query(
      `SELECT ${COMMENT_COLUMNS} FROM blog_comments c JOIN blog_posts po ON po.id = c.post_id WHERE ${where.join(' AND ')} ORDER BY c.created_at, c.id LIMIT 500`,
      p.values,
    );
  }

  /** How many people read each post (aggregates only: never who). */
  async readerCounts(postIds: readonly string[]): Promise<Map<string, number>> {
    const valid = postIds.filter(isUuid);
    if (!valid.length) return new Map();
    const rows: { postId: string; n: number }[] = await this.db.query(
      'SELECT post_id AS "postId", count(*)::int AS n FROM blog_post_reads WHERE post_id = ANY($1::uuid[]) GROUP BY post_id',
      [valid],
    );
    return new Map(rows.map((r) => [r.postId, r.n]));
  }

  async likedBy(personId: string, targetIds: readonly string[]): Promise<Set<string>> {
    const valid = targetIds.filter(isUuid);
    if (!valid.length) return new Set();
    const rows: { target_id: string }[] = await this.db.query('SELECT target_id FROM blog_likes WHERE person_id = $1 AND target_id = ANY($2::uuid[])', [personId, valid]);
    return new Set(rows.map((r) => r.target_id));
  }

  async isSubscribed(personId: string, blogId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query('SELECT 1 FROM blog_subscriptions WHERE person_id = $1 AND blog_id = $2', [personId, blogId]);
    return rows.length > 0;
  }

  async subscriberCount(blogId: string): Promise<number> {
    const [row]: { n: number }[] = await this.db.query('SELECT count(*)::int AS n FROM blog_subscriptions WHERE blog_id = $1', [blogId]);
    return row.n;
  }

  async revisions(postId: string): Promise<{ number: number; editorId: string; title: string; bodyHtml: string; tags: string[]; createdAt: Date }[]> {
    return this.db.query(
      `SELECT number, editor_id AS "editorId", title, body_html AS "bodyHtml", tags, created_at AS "createdAt" FROM blog_post_revisions WHERE post_id = $1 ORDER BY number`,
      [postId],
    );
  }

  /**
   * Reading figures for a post, for those who write on its blog: totals, and readers by department
   * and by employment type as aggregates only, leaving out any group of fewer than MIN_GROUP_SIZE
   * readers (so nobody can tell who read it).
   */
  async stats(actor: Actor, postId: string) {
    const [post] = await this.findPosts([postId]);
    const blog = post ? await this.findBlog(post.blogId) : null;
    if (!post || !blog || !(await this.canWrite(actor, blog))) throw notFound(POST_NOT_VISIBLE);
    const [totals]: { views: number; readers: number; completed: number }[] = await this.db.query(
      'SELECT coalesce(sum(views), 0)::int AS views, count(*)::int AS readers, count(*) FILTER (WHERE completed)::int AS completed FROM blog_post_reads WHERE post_id = $1',
      [post.id],
    );
    const groups = (expr: string, join: string) =>
      this.db.query(
        `SELECT ${expr} AS label, count(*)::int AS readers, count(*) FILTER (WHERE r.completed)::int AS completed
           FROM blog_post_reads r JOIN people pe ON pe.id = r.person_id ${join}
          WHERE r.post_id = $1 GROUP BY 1 HAVING count(*) >= ${MIN_GROUP_SIZE} ORDER BY 2 DESC, 1`,
        [post.id],
      ) as Promise<{ label: string; readers: number; completed: number }[]>;
    const byDepartment = await groups(`coalesce(d.name, 'Unknown')`, 'LEFT JOIN departments d ON d.id = pe.department_id');
    const byEmploymentType = await groups('pe.employment_type::text', '');
    const [answers]: { total: number; answered: number; median: number | null }[] = await this.db.query(
      `SELECT count(*)::int AS total, count(c.answered_at)::int AS answered,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.answered_at - c.created_at)) FILTER (WHERE c.answered_at IS NOT NULL) AS median
         FROM blog_comments c JOIN blog_posts po ON po.id = c.post_id WHERE c.post_id = $1 AND ${addressedToAuthorSql('c', 'po')}`,
      [post.id],
    );
    const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null);
    return {
      postId: post.id,
      views: totals.views,
      uniqueReaders: totals.readers,
      completedReaders: totals.completed,
      readThroughRate: rate(totals.completed, totals.readers),
      byDepartment: byDepartment.map((g) => ({ ...g, readThroughRate: rate(g.completed, g.readers) })),
      byEmploymentType: byEmploymentType.map((g) => ({ ...g, readThroughRate: rate(g.completed, g.readers) })),
      minGroupSize: MIN_GROUP_SIZE,
      comments: answers.total,
      commentsAnswered: answers.answered,
      answeredShare: rate(answers.answered, answers.total),
      medianSecondsToAnswer: answers.median === null ? null : Math.round(Number(answers.median)),
    };
  }

  /** The blog, or NOT_FOUND when it does not exist or the actor may not know it does. */
  assertVisibleBlog(blog: BlogRow | null, visible: boolean): BlogRow {
    if (!blog || !visible) throw notFound(BLOG_NOT_FOUND);
    return blog;
  }
}
