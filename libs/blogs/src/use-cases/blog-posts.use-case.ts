import sharp from 'sharp';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, forbidden, isUuid, notFound } from '@plein/core';
import { PolicyService, parseAudience, type Actor } from '@plein/policy';
import { appendLiveEvents, type LiveEvent } from '@plein/realtime';
import { UploadsService } from '@plein/uploads';
import { DataSource, type EntityManager } from 'typeorm';
import { BlogAfterCommit, commentPayload, postPayload } from '../blog-events.js';
import { normaliseTags, sanitizeBody, validateTitle, type SanitizeReport } from '../blog-html.js';
import { BLOG_COLUMNS, BLOG_NOT_FOUND, BlogsService, POST_COLUMNS, POST_NOT_VISIBLE, type BlogRow, type PostRow } from '../blogs.service.js';

export interface PostContentInput {
  title?: string | null;
  bodyMarkdown?: string | null;
  bodyHtml?: string | null;
  tags?: string[] | null;
  audience?: string | null;
  coverUploadId?: string | null;
  /** Take the cover off (an edit; a new coverUploadId wins). */
  removeCover?: boolean | null;
}

export interface CreatePostInput extends PostContentInput {
  /** A company or group blog; left out: the actor's own blog (made on the first post). */
  blogId?: string | null;
  /** Publish at once. */
  publish?: boolean | null;
  /** Publish later, at this time (must be in the future). */
  publishAt?: Date | null;
}

export interface SavedPost {
  post: PostRow;
  report: SanitizeReport;
}

const EMPTY_REPORT: SanitizeReport = { removedTags: [], removedAttributes: [] };
/** How far ahead a publication may be scheduled. */
const MAX_SCHEDULE_MS = 366 * 24 * 3600_000;
const COMMENT_NOT_VISIBLE = 'That comment does not exist, or you cannot see it.';

export function validatePublishAt(raw: unknown, now = new Date()): Date {
  if (!(raw instanceof Date) || Number.isNaN(raw.getTime())) throw badInput('publishAt must be a date and time.', { field: 'publishAt', messageKey: 'input.invalidDate' });
  if (raw.getTime() <= now.getTime()) throw badInput('publishAt is in the past: choose a time in the future, or publish now.', { field: 'publishAt', messageKey: 'input.dateInFuture' });
  if (raw.getTime() - now.getTime() > MAX_SCHEDULE_MS) throw badInput('publishAt can be at most a year ahead.', { field: 'publishAt', messageKey: 'input.dateRange' });
  return raw;
}

/**
 * Writing posts: create (draft, published, or scheduled), edit with a revision per saved change,
 * publish, unpublish, schedule, close comments, feature. Each write is one transaction with its live
 * events; notifications go out after commit on the worker.
 */
@Injectable()
export class BlogPostWrites {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly blogs: BlogsService,
    private readonly uploads: UploadsService,
    private readonly afterCommit: BlogAfterCommit,
  ) {}

  async create(actor: Actor, input: CreatePostInput): Promise<SavedPost> {
    this.policy.assert(actor, 'blog.write');
    const title = validateTitle(input.title);
    const body = sanitizeBody(input);
    const tags = normaliseTags(input.tags);
    if (input.publish && input.publishAt) throw badInput('Publish now or give publishAt, not both.', { field: 'publishAt', messageKey: 'input.notBoth' });
    const publishAt = input.publishAt ? validatePublishAt(input.publishAt) : null;
    const cover = await this.cover(actor, input.coverUploadId);
    const post = await this.db.transaction(async (em) => {
      const blog = input.blogId ? await this.writableBlog(actor, input.blogId, em) : await this.ownBlog(actor, em);
      const audience = await this.audienceFor(actor, blog, input.audience);
      const status = input.publish ? 'published' : publishAt ? 'scheduled' : 'draft';
      const [row]: PostRow[] = await em.query(
        `INSERT INTO blog_posts AS p (blog_id, author_id, audience, title, body_html, body_markdown, search_text, tags, cover_upload_id, status, publish_at, published_at)
         VALUES ($1, $2, $3, $4, $5, $11, $6, $7, $8, $9::varchar, $10, CASE WHEN $9::varchar = 'published' THEN now() END) RETURNING ${POST_COLUMNS}`,
        [blog.id, actor.personId, audience, title, body.html, searchText(title, tags, body.text), tags, cover, status, publishAt, markdownOf(input)],
      );
      await this.writeTags(em, row.id, tags);
      await this.addRevision(em, row, actor.personId);
      if (status === 'published') await appendLiveEvents(em, [{ audience, type: 'blog.post.published', payload: postPayload(row) }]);
      if (row.status === 'published') await this.afterCommit.fanOutIn(em, { kind: 'post', postId: row.id });
      if (row.status === 'scheduled' && row.publishAt) await this.afterCommit.publishAtIn(em, row.id, row.publishAt);
      return row;
    });
    return { post, report: body.report };
  }

  /** Edits title, body, tags, audience or cover; a change of title, body or tags is a new revision. */
  async update(actor: Actor, id: string, input: PostContentInput): Promise<SavedPost> {
    this.policy.assert(actor, 'blog.write');
    const title = input.title === undefined || input.title === null ? null : validateTitle(input.title);
    const hasBody = typeof input.bodyMarkdown === 'string' || typeof input.bodyHtml === 'string';
    const body = hasBody ? sanitizeBody(input) : null;
    const tags = input.tags ? normaliseTags(input.tags) : null;
    const cover = input.coverUploadId ? await this.cover(actor, input.coverUploadId) : undefined;
    const post = await this.db.transaction(async (em) => {
      const { post: current, blog } = await this.lockEditable(actor, id, em);
      const audience = input.audience ? await this.audienceFor(actor, blog, input.audience) : current.audience;
      const next = {
        title: title ?? current.title,
        bodyHtml: body ? body.html : current.bodyHtml,
        tags: tags ?? current.tags,
      };
      // Stored HTML is already clean: sanitising it again only recovers its text.
      const text = body ? body.text : sanitizeBody({ bodyHtml: current.bodyHtml }).text;
      const coverId = cover !== undefined ? cover : input.removeCover ? null : current.coverUploadId;
      const [[row]]: [PostRow[], number] = await em.query(
        `UPDATE blog_posts p SET title = $2, body_html = $3, tags = $4, search_text = $5, audience = $6, cover_upload_id = $7, body_markdown = $8, updated_at = now()
          WHERE p.id = $1 RETURNING ${POST_COLUMNS}`,
        [current.id, next.title, next.bodyHtml, next.tags, searchText(next.title, next.tags, text), audience, coverId, body ? markdownOf(input) : current.bodyMarkdown],
      );
      // A replaced or removed cover is nobody's any more (covers belong to one post).
      if (current.coverUploadId && current.coverUploadId !== coverId) await em.query('DELETE FROM blog_covers WHERE id = $1', [current.coverUploadId]);
      if (tags) await this.writeTags(em, row.id, tags);
      const changed = next.title !== current.title || next.bodyHtml !== current.bodyHtml || next.tags.join('\u0000') !== current.tags.join('\u0000');
      if (changed) await this.addRevision(em, row, actor.personId);
      if (row.status === 'published') {
        const live: LiveEvent[] = [{ audience: row.audience, type: 'blog.post.updated', payload: postPayload(row) }];
        // Readers of the old audience who lost access see it go.
        if (row.audience !== current.audience) live.push({ audience: current.audience, type: 'blog.post.removed', payload: { id: row.id, authorId: row.authorId } });
        await appendLiveEvents(em, live);
      }
      return row;
    });
    return { post, report: body?.report ?? EMPTY_REPORT };
  }

  /** Publishes now, or schedules for publishAt. Publishing a published post changes nothing. */
  async publish(actor: Actor, id: string, publishAtRaw?: Date | null): Promise<PostRow> {
    this.policy.assert(actor, 'blog.write');
    const publishAt = publishAtRaw ? validatePublishAt(publishAtRaw) : null;
    const post = await this.db.transaction(async (em) => {
      const { post: current } = await this.lockEditable(actor, id, em);
      if (current.status === 'published') {
        if (publishAt) throw badInput('This post is already published; unpublish it first to schedule it.', { field: 'publishAt' });
        return current;
      }
      if (publishAt) {
        const [[row]]: [PostRow[], number] = await em.query(
          `UPDATE blog_posts p SET status = 'scheduled', publish_at = $2, updated_at = now() WHERE p.id = $1 RETURNING ${POST_COLUMNS}`,
          [current.id, publishAt],
        );
        if (row.publishAt) await this.afterCommit.publishAtIn(em, row.id, row.publishAt);
        return row;
      }
      const row = await this.publishRow(em, current.id);
      await this.afterCommit.fanOutIn(em, { kind: 'post', postId: row.id });
      return row;
    });
    return post;
  }

  async unpublish(actor: Actor, id: string): Promise<PostRow> {
    this.policy.assert(actor, 'blog.write');
    return this.db.transaction(async (em) => {
      const { post: current } = await this.lockEditable(actor, id, em);
      const [[row]]: [PostRow[], number] = await em.query(
        `UPDATE blog_posts p SET status = 'draft', publish_at = NULL, published_at = NULL, featured_from = NULL, featured_until = NULL, updated_at = now()
          WHERE p.id = $1 RETURNING ${POST_COLUMNS}`,
        [current.id],
      );
      if (current.status === 'published') await appendLiveEvents(em, [{ audience: current.audience, type: 'blog.post.removed', payload: { id: row.id, authorId: row.authorId } }]);
      return row;
    });
  }

  async setCommentsClosed(actor: Actor, id: string, closed: boolean): Promise<PostRow> {
    this.policy.assert(actor, 'blog.write');
    return this.db.transaction(async (em) => {
      const { post: current } = await this.lockEditable(actor, id, em);
      const [[row]]: [PostRow[], number] = await em.query(`UPDATE blog_posts p SET comments_closed = $2 WHERE p.id = $1 RETURNING ${POST_COLUMNS}`, [current.id, closed]);
      if (row.status === 'published') await appendLiveEvents(em, [{ audience: row.audience, type: 'blog.post.updated', payload: postPayload(row) }]);
      return row;
    });
  }

  /** Community managers and admins feature a published post on everyone's home page for a period. */
  async feature(actor: Actor, id: string, until: Date | null, from?: Date | null): Promise<PostRow> {
    this.policy.assert(actor, 'blog.feature');
    const start = from ?? new Date();
    if (until) {
      if (!(until instanceof Date) || Number.isNaN(until.getTime())) throw badInput('until must be a date and time.', { field: 'until', messageKey: 'input.invalidDate' });
      if (until.getTime() <= Math.max(Date.now(), start.getTime())) throw badInput('until must be in the future and after from.', { field: 'until', messageKey: 'input.dateRange' });
      if (until.getTime() - start.getTime() > 90 * 24 * 3600_000) throw badInput('A post can be featured for at most 90 days.', { field: 'until', messageKey: 'input.dateRange' });
    }
    return this.db.transaction(async (em) => {
      const post = await this.blogs.findVisible(actor, id, em);
      if (!post || post.status !== 'published') throw notFound(POST_NOT_VISIBLE);
      const [[row]]: [PostRow[], number] = await em.query(
        `UPDATE blog_posts p SET featured_from = $2, featured_until = $3 WHERE p.id = $1 RETURNING ${POST_COLUMNS}`,
        [post.id, until ? start : null, until],
      );
      await appendLiveEvents(em, [{ audience: row.audience, type: 'blog.post.featured', payload: { ...postPayload(row), featuredUntil: row.featuredUntil } }]);
      return row;
    });
  }

  /**
   * The post's author marks one comment as the answer (`on`), replacing an earlier one, or takes
   * the mark off. Explicit only: replying never marks anything. The comment must show to readers.
   */
  async markAnswer(actor: Actor, commentId: string, on: boolean): Promise<PostRow> {
    this.policy.assert(actor, 'blog.write');
    const found = await this.blogs.findVisibleComment(actor, commentId);
    if (!found) throw notFound(COMMENT_NOT_VISIBLE);
    return this.db.transaction(async (em) => {
      const { post } = await this.lockEditable(actor, found.postId, em);
      const [comment] = await this.blogs.findComments([found.id], em);
      if (!comment || (on && comment.moderationState !== 'visible')) throw notFound(COMMENT_NOT_VISIBLE);
      if (on) {
        await em.query('UPDATE blog_comments SET marked_answer_at = NULL WHERE post_id = $1 AND marked_answer_at IS NOT NULL AND id <> $2', [post.id, comment.id]);
        await em.query('UPDATE blog_comments SET marked_answer_at = coalesce(marked_answer_at, now()) WHERE id = $1', [comment.id]);
      } else {
        await em.query('UPDATE blog_comments SET marked_answer_at = NULL WHERE id = $1', [comment.id]);
      }
      if (post.status === 'published') {
        const [changed] = await this.blogs.findComments([comment.id], em);
        const context = [post.authorId];
        if (changed.parentId) context.push(...(await this.blogs.findComments([changed.parentId], em)).map((r) => r.authorId));
        await appendLiveEvents(em, [{ audience: post.audience, type: 'blog.comment.updated', payload: { ...commentPayload(changed, context), answer: on } }]);
      }
      return post;
    });
  }

  /** Publishes every scheduled post that is due (the worker's job; safe to run twice). */
  async publishDue(): Promise<string[]> {
    const published = await this.db.transaction(async (em) => {
      const due: { id: string }[] = await em.query(
        `SELECT id FROM blog_posts WHERE status = 'scheduled' AND publish_at <= now() ORDER BY publish_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
      );
      const rows: PostRow[] = [];
      for (const d of due) {
        const row = await this.publishRow(em, d.id);
        await this.afterCommit.fanOutIn(em, { kind: 'post', postId: row.id });
        rows.push(row);
      }
      return rows;
    });
    return published.map((p) => p.id);
  }

  private async publishRow(em: EntityManager, id: string): Promise<PostRow> {
    const [[row]]: [PostRow[], number] = await em.query(
      `UPDATE blog_posts p SET status = 'published', published_at = now(), publish_at = NULL, updated_at = now() WHERE p.id = $1 RETURNING ${POST_COLUMNS}`,
      [id],
    );
    await appendLiveEvents(em, [{ audience: row.audience, type: 'blog.post.published', payload: postPayload(row) }]);
    return row;
  }

  /** Admins create a company blog with its authors (for example the chief blogger and the HR director). */
  async createCompanyBlog(actor: Actor, titleRaw: unknown, authorIds: readonly string[]): Promise<BlogRow> {
    this.policy.assert(actor, 'blog.administer');
    const title = validateBlogTitle(titleRaw);
    if (!authorIds.length) throw badInput('A company blog needs at least one author.', { field: 'authorIds', messageKey: 'input.chooseAtLeastOne' });
    if (authorIds.length > 50) throw badInput('A company blog can have at most 50 authors.', { field: 'authorIds', max: 50, messageKey: 'input.tooMany' });
    return this.db.transaction(async (em) => {
      const ids = await activePeople(em, authorIds);
      const [blog]: BlogRow[] = await em.query(`INSERT INTO blogs AS b (kind, title) VALUES ('company', $1) RETURNING ${BLOG_COLUMNS}`, [title]);
      await em.query('INSERT INTO blog_authors (blog_id, person_id) SELECT $1, unnest($2::uuid[])', [blog.id, ids]);
      return blog;
    });
  }

  /** Sets a company blog's authors (admins). */
  async setCompanyBlogAuthors(actor: Actor, blogId: string, authorIds: readonly string[]): Promise<BlogRow> {
    this.policy.assert(actor, 'blog.administer');
    if (!authorIds.length) throw badInput('A company blog needs at least one author.', { field: 'authorIds', messageKey: 'input.chooseAtLeastOne' });
    return this.db.transaction(async (em) => {
      const blog = await this.blogs.findBlog(blogId, em);
      if (!blog || blog.kind !== 'company') throw notFound(BLOG_NOT_FOUND);
      const ids = await activePeople(em, authorIds);
      await em.query('DELETE FROM blog_authors WHERE blog_id = $1', [blog.id]);
      await em.query('INSERT INTO blog_authors (blog_id, person_id) SELECT $1, unnest($2::uuid[])', [blog.id, ids]);
      return blog;
    });
  }

  /** A group's blog: its posting members write, its audience reads. Made by someone who may edit the group. */
  async createGroupBlog(actor: Actor, groupId: string, titleRaw: unknown): Promise<BlogRow> {
    this.policy.assert(actor, 'blog.write');
    const title = validateBlogTitle(titleRaw);
    if (!isUuid(groupId) || !(await this.policy.canGroupById(actor, 'see', groupId))) throw notFound('That group does not exist, or you cannot see it.');
    if (!(await this.policy.canGroupById(actor, 'edit', groupId))) throw forbidden('Only group admins can start a blog for the group.');
    const existing = await this.blogs.blogOfGroup(groupId);
    if (existing) return existing;
    const [blog]: BlogRow[] = await this.db.query(
      `INSERT INTO blogs AS b (kind, group_id, title) VALUES ('group', $1, $2) ON CONFLICT DO NOTHING RETURNING ${BLOG_COLUMNS}`,
      [groupId, title],
    );
    return blog ?? (await this.blogs.blogOfGroup(groupId))!;
  }

  // ---- steps

  private async ownBlog(actor: Actor, em: EntityManager): Promise<BlogRow> {
    const existing = await this.blogs.blogOfPerson(actor.personId, em);
    if (existing) return existing;
    await em.query(`INSERT INTO blogs (kind, owner_person_id, title) VALUES ('person', $1, $2) ON CONFLICT DO NOTHING`, [actor.personId, actor.displayName.slice(0, 200) || 'Blog']);
    return (await this.blogs.blogOfPerson(actor.personId, em))!;
  }

  private async writableBlog(actor: Actor, blogId: string, em: EntityManager): Promise<BlogRow> {
    const blog = await this.blogs.findBlog(blogId, em);
    if (!blog || !(await this.blogs.canSeeBlog(actor, blog))) throw notFound(BLOG_NOT_FOUND);
    if (!(await this.blogs.canWrite(actor, blog, em))) throw forbidden('Only the authors of this blog can post on it.');
    return blog;
  }

  /** The audience of a new or edited post: a group blog's is its group; others choose company, employees or a group they post in. */
  private async audienceFor(actor: Actor, blog: BlogRow, raw: string | null | undefined): Promise<string> {
    if (blog.kind === 'group') {
      const own = `group:${blog.groupId}`;
      if (raw && raw !== own) throw badInput(`Posts on a group blog go to the group ("${own}"); leave the audience out.`, { field: 'audience' });
      return own;
    }
    const value = raw ?? 'company';
    const audience = parseAudience(value);
    if (!audience) throw badInput(`Unknown audience "${value.slice(0, 60)}". Use company, employees or group:<id>.`, { field: 'audience', messageKey: 'input.unknownChoice' });
    if (blog.kind === 'company' && audience.startsWith('group:')) throw badInput('A company blog writes for company or employees.', { field: 'audience' });
    if (await this.policy.canPostToAudience(actor, audience)) return audience;
    if (audience === 'employees') throw forbidden('Only payroll employees can write for the employees audience.');
    throw badInput(`Unknown audience "${audience}".`, { field: 'audience', messageKey: 'input.unknownChoice' });
  }

  /** Locks a post the actor may edit: its author, or another author of the same company blog. */
  private async lockEditable(actor: Actor, id: string, em: EntityManager): Promise<{ post: PostRow; blog: BlogRow }> {
    if (!isUuid(id)) throw notFound(POST_NOT_VISIBLE);
    const [post]: PostRow[] = await em.query(`SELECT ${POST_COLUMNS} FROM blog_posts p WHERE p.id = $1 FOR UPDATE`, [id]);
    const blog = post ? await this.blogs.findBlog(post.blogId, em) : null;
    if (!post || !blog) throw notFound(POST_NOT_VISIBLE);
    const writer = await this.blogs.canWrite(actor, blog, em);
    if (!writer) {
      if (post.status === 'published' && (await this.blogs.canReadAudience(actor, post.audience))) throw forbidden('Only the author can change this post.');
      throw notFound(POST_NOT_VISIBLE);
    }
    if (post.authorId !== actor.personId && blog.kind !== 'company') throw forbidden('Only the author can change this post.');
    // A moderated post stays as moderation left it (edits would bypass the decision; a removal can be appealed).
    if (post.moderationState !== 'visible') throw forbidden(`This post was ${post.moderationState} by moderation and cannot be changed.`);
    return { post, blog };
  }

  private async writeTags(em: EntityManager, postId: string, tags: string[]): Promise<void> {
    await em.query('DELETE FROM blog_post_tags WHERE post_id = $1', [postId]);
    if (tags.length) await em.query('INSERT INTO blog_post_tags (post_id, tag) SELECT $1, unnest($2::text[])', [postId, tags]);
  }

  private async addRevision(em: EntityManager, post: PostRow, editorId: string): Promise<void> {
    await em.query(
      `INSERT INTO blog_post_revisions (post_id, number, editor_id, title, body_html, tags)
       SELECT $1, coalesce(max(number), 0) + 1, $2, $3, $4, $5 FROM blog_post_revisions WHERE post_id = $1`,
      [post.id, editorId, post.title, post.bodyHtml, post.tags],
    );
  }

  /**
   * The cover: one of the actor's own uploads, decoded and re-encoded (WebP, at most 1600×900,
   * metadata stripped) into `blog_covers`, so it outlives the upload; returns the cover's id.
   */
  private async cover(actor: Actor, uploadId: string | null | undefined): Promise<string | null> {
    if (!uploadId) return null;
    const upload = await this.uploads.get(actor, uploadId);
    const notAnImage = () => badInput('The cover must be an image we can read (JPEG, PNG, WebP, GIF or AVIF).', { field: 'coverUploadId', messageKey: 'input.notAnImage' });
    if (upload.size > 10 * 1024 * 1024) throw badInput('A cover image can be at most 10 MB.', { field: 'coverUploadId', messageKey: 'input.fileTooLarge' });
    let rendered: { data: Buffer; info: { width: number; height: number } };
    try {
      rendered = await sharp(upload.bytes, { failOn: 'truncated', limitInputPixels: 50_000_000 })
        .rotate()
        .resize({ width: 1600, height: 900, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer({ resolveWithObject: true });
    } catch {
      throw notAnImage();
    }
    const [row]: { id: string }[] = await this.db.query(
      'INSERT INTO blog_covers (owner_id, content_type, width, height, bytes) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [actor.personId, 'image/webp', rendered.info.width, rendered.info.height, rendered.data],
    );
    await this.uploads.discard(upload.id);
    return row.id;
  }
}

/** The Markdown source kept for editing: what the author wrote, or null for an HTML body. */
function markdownOf(input: { bodyMarkdown?: string | null }): string | null {
  return typeof input.bodyMarkdown === 'string' ? input.bodyMarkdown : null;
}

export function searchText(title: string, tags: readonly string[], text: string): string {
  return `${title} ${tags.join(' ')} ${text}`;
}

function validateBlogTitle(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.trim()) throw badInput('A blog needs a title.', { field: 'title', messageKey: 'input.required' });
  const title = raw.replace(/\s+/g, ' ').trim();
  if ([...title].length > 200) throw badInput('A blog title can be at most 200 characters.', { field: 'title', max: 200, messageKey: 'input.tooLong' });
  return title;
}

async function activePeople(em: EntityManager, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.every(isUuid)) throw badInput('Every author must be the id of a person.', { field: 'authorIds', messageKey: 'input.invalidId' });
  const rows: { id: string }[] = await em.query('SELECT id FROM people WHERE id = ANY($1::uuid[]) AND active', [unique]);
  if (rows.length !== unique.length) throw badInput('Every author must be an active person.', { field: 'authorIds' });
  return unique;
}
