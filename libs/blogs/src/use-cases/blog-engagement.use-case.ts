import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode, badInput, forbidden, isUuid, notFound } from '@plein/core';
import { parseMessageText } from '@plein/messages';
import { PolicyService, userRoom, type Actor } from '@plein/policy';
import { appendLiveEvents, type LiveEvent } from '@plein/realtime';
import { DataSource, type EntityManager } from 'typeorm';
import { BlogAfterCommit, commentPayload, postPayload } from '../blog-events.js';
import { addressedToAuthorSql, BLOG_NOT_FOUND, BlogsService, COMMENT_COLUMNS, POST_COLUMNS, POST_NOT_VISIBLE, type BlogRow, type CommentRow, type PostRow } from '../blogs.service.js';

/** Longest comment, in characters. */
export const COMMENT_MAX_CHARS = 5000;
const COMMENT_NOT_VISIBLE = 'That comment does not exist, or you cannot see it.';
const BARRIER = 'An information barrier stops you from interacting with this person.';

function validateComment(raw: unknown): string {
  if (typeof raw !== 'string') throw badInput('A comment needs some text.', { field: 'text', messageKey: 'input.required' });
  const text = raw.trim();
  if (!text) throw badInput('A comment cannot be empty or only whitespace.', { field: 'text', messageKey: 'input.required' });
  if (text.includes('\u0000')) throw badInput('A comment cannot contain NUL characters.', { field: 'text', messageKey: 'input.unstorableCharacter' });
  const chars = [...text].length;
  if (chars > COMMENT_MAX_CHARS) throw badInput(`A comment can be at most ${COMMENT_MAX_CHARS} characters; this one has ${chars}.`, { field: 'text', max: COMMENT_MAX_CHARS, messageKey: 'input.tooLong' });
  return text;
}

/**
 * Readers' side of a post: comments (two levels: a reply to a reply joins its thread), likes on
 * posts and comments, subscriptions to blogs, and reads for the author's figures.
 */
@Injectable()
export class BlogEngagement {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly blogs: BlogsService,
    private readonly afterCommit: BlogAfterCommit,
  ) {}

  async comment(actor: Actor, postId: string, textRaw: unknown, parentId?: string | null): Promise<CommentRow> {
    this.policy.assert(actor, 'blog.read');
    const text = validateComment(textRaw);
    const comment = await this.db.transaction(async (em) => {
      const post = await this.lockPublished(actor, postId, em);
      if (post.commentsClosed) throw forbidden('Comments are closed on this post.');
      let rootId: string | null = null;
      const context = [post.authorId];
      if (parentId) {
        const parent = await this.blogs.findVisibleComment(actor, parentId, em);
        if (!parent || parent.postId !== post.id || parent.moderationState !== 'visible') throw notFound(COMMENT_NOT_VISIBLE);
        // A reply answers the comment's author too: an interaction, like one with the post's author.
        if (!(await this.policy.canInteractWith(actor, parent.authorId))) throw forbidden(BARRIER);
        rootId = parent.parentId ?? parent.id;
        const [root] = parent.parentId ? await this.blogs.findComments([parent.parentId], em) : [parent];
        if (root) context.push(root.authorId);
      }
      const mentionIds = await this.mentionIds(em, text, actor.personId);
      const [row]: CommentRow[] = await em.query(
        `INSERT INTO blog_comments AS c (post_id, author_id, parent_id, body, mention_ids) VALUES ($1, $2, $3, $4, $5) RETURNING ${COMMENT_COLUMNS}`,
        [post.id, actor.personId, rootId, text, mentionIds],
      );
      const [[counted]]: [PostRow[], number] = await em.query(
        `UPDATE blog_posts p SET comment_count = comment_count + 1 WHERE p.id = $1 RETURNING ${POST_COLUMNS}`,
        [post.id],
      );
      // The author answering in a thread answers everything said to them in it so far (addressedToAuthorSql).
      if (rootId && actor.personId === post.authorId) {
        await em.query(
          `UPDATE blog_comments c SET answered_at = now() FROM blog_posts po
            WHERE po.id = c.post_id AND (c.id = $1 OR c.parent_id = $1) AND c.answered_at IS NULL AND c.id <> $2 AND ${addressedToAuthorSql('c', 'po')}`,
          [rootId, row.id],
        );
      }
      const live: LiveEvent[] = [
        { audience: post.audience, type: 'blog.comment.created', payload: commentPayload(row, context) },
        { audience: post.audience, type: 'blog.post.updated', payload: postPayload(counted) },
      ];
      if (post.authorId !== actor.personId) {
        live.push({ audience: userRoom(post.authorId), type: 'blog.comment.notification', payload: { postId: post.id, postTitle: post.title, comment: commentPayload(row, context) } });
      }
      await appendLiveEvents(em, live);
      await this.afterCommit.fanOutIn(em, { kind: 'comment', commentId: row.id });
      return row;
    });
    return comment;
  }

  async likePost(actor: Actor, postId: string, like: boolean): Promise<PostRow> {
    this.policy.assert(actor, 'blog.read');
    return this.db.transaction(async (em) => {
      const post = await this.lockPublished(actor, postId, em);
      if (!(await this.toggle(em, post.id, actor.personId, like))) return post;
      const [[row]]: [PostRow[], number] = await em.query(
        `UPDATE blog_posts p SET like_count = GREATEST(0, like_count + $2) WHERE p.id = $1 RETURNING ${POST_COLUMNS}`,
        [post.id, like ? 1 : -1],
      );
      const live: LiveEvent[] = [{ audience: row.audience, type: 'blog.post.updated', payload: postPayload(row) }];
      if (like && row.authorId !== actor.personId) {
        live.push({ audience: userRoom(row.authorId), type: 'blog.like.notification', payload: { postId: row.id, postTitle: row.title, likerId: actor.personId, likeCount: row.likeCount } });
      }
      await appendLiveEvents(em, live);
      return row;
    });
  }

  async likeComment(actor: Actor, commentId: string, like: boolean): Promise<CommentRow> {
    this.policy.assert(actor, 'blog.read');
    return this.db.transaction(async (em) => {
      const comment = await this.blogs.findVisibleComment(actor, commentId, em);
      if (!comment || comment.moderationState !== 'visible') throw notFound(COMMENT_NOT_VISIBLE);
      const post = await this.lockPublished(actor, comment.postId, em).catch((err: unknown) => {
        throw err instanceof DomainError && err.code === ErrorCode.FORBIDDEN ? err : notFound(COMMENT_NOT_VISIBLE);
      });
      if (!(await this.policy.canInteractWith(actor, comment.authorId))) throw forbidden(BARRIER);
      if (!(await this.toggle(em, comment.id, actor.personId, like))) return comment;
      const [[row]]: [CommentRow[], number] = await em.query(
        `UPDATE blog_comments c SET like_count = GREATEST(0, like_count + $2) WHERE c.id = $1 RETURNING ${COMMENT_COLUMNS}`,
        [comment.id, like ? 1 : -1],
      );
      const context = [post.authorId];
      if (row.parentId) context.push(...(await this.blogs.findComments([row.parentId], em)).map((r) => r.authorId));
      const live: LiveEvent[] = [{ audience: post.audience, type: 'blog.comment.updated', payload: commentPayload(row, context) }];
      if (like && row.authorId !== actor.personId) {
        live.push({ audience: userRoom(row.authorId), type: 'blog.like.notification', payload: { postId: post.id, commentId: row.id, likerId: actor.personId, likeCount: row.likeCount } });
      }
      await appendLiveEvents(em, live);
      return row;
    });
  }

  async subscribe(actor: Actor, blogId: string, on: boolean): Promise<BlogRow> {
    this.policy.assert(actor, 'blog.read');
    const blog = await this.blogs.findBlog(blogId);
    if (!blog || !(await this.blogs.canSeeBlog(actor, blog))) throw notFound(BLOG_NOT_FOUND);
    // Subscribing to a person's blog is following them: not across any barrier (one-way included).
    if (on && blog.kind === 'person' && blog.ownerPersonId && !(await this.policy.canInteractWith(actor, blog.ownerPersonId))) throw forbidden(BARRIER);
    if (on) await this.db.query('INSERT INTO blog_subscriptions (blog_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [blog.id, actor.personId]);
    else await this.db.query('DELETE FROM blog_subscriptions WHERE blog_id = $1 AND person_id = $2', [blog.id, actor.personId]);
    return blog;
  }

  /**
   * The client calls this when a reader opens a post (completed false) and when they scrolled to
   * its end (completed true). Authors reading their own posts are not counted.
   */
  async recordRead(actor: Actor, postId: string, completed: boolean): Promise<boolean> {
    this.policy.assert(actor, 'blog.read');
    const post = await this.blogs.findVisible(actor, postId);
    if (!post || post.status !== 'published') throw notFound(POST_NOT_VISIBLE);
    if (post.authorId === actor.personId) return false;
    await this.db.query(
      `INSERT INTO blog_post_reads (post_id, person_id, views, completed) VALUES ($1, $2, 1, $3)
       ON CONFLICT (post_id, person_id) DO UPDATE
         SET views = blog_post_reads.views + CASE WHEN EXCLUDED.completed THEN 0 ELSE 1 END,
             completed = blog_post_reads.completed OR EXCLUDED.completed`,
      [post.id, actor.personId, completed],
    );
    return true;
  }

  // ---- steps

  private async lockPublished(actor: Actor, postId: string, em: EntityManager): Promise<PostRow> {
    if (!isUuid(postId)) throw notFound(POST_NOT_VISIBLE);
    const [post]: PostRow[] = await em.query(`SELECT ${POST_COLUMNS} FROM blog_posts p WHERE p.id = $1 FOR UPDATE`, [postId]);
    // Hidden or removed by moderation: no new comments or likes, the author's included.
    if (!post || post.status !== 'published' || post.moderationState !== 'visible' || !(await this.blogs.canReadPost(actor, post))) throw notFound(POST_NOT_VISIBLE);
    // Comments and likes are interactions: no barrier allows them, one-way included.
    if (!(await this.policy.canInteractWith(actor, post.authorId))) throw forbidden(BARRIER);
    return post;
  }

  /** Adds or removes a like; true when something changed (liking twice counts once). */
  private async toggle(em: EntityManager, targetId: string, personId: string, like: boolean): Promise<boolean> {
    const rows: unknown[] = like
      ? await em.query('INSERT INTO blog_likes (target_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING target_id', [targetId, personId])
      : (await em.query('DELETE FROM blog_likes WHERE target_id = $1 AND person_id = $2 RETURNING target_id', [targetId, personId]))[0];
    return rows.length > 0;
  }

  /** @uid mentions resolved to active people (the messages lib's parser); across a barrier a mention stays plain text. */
  private async mentionIds(em: EntityManager, text: string, authorId: string): Promise<string[]> {
    const uids = [...new Set(parseMessageText(text).mentions.map((m) => m.uid))];
    if (!uids.length) return [];
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM people WHERE lower(uid) = ANY($1::text[]) AND active AND ${this.policy.interactionSql('$2::uuid', 'id')}`,
      [uids, authorId],
    );
    return rows.map((r) => r.id);
  }
}
