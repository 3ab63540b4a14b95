import { Injectable } from '@nestjs/common';
import { byKeys, type LoaderFactory } from '@plein/core';
import { BlogsService, type BlogRow, type CommentRow, type PostRow } from './blogs.service.js';
import type { BlogCommentModel, BlogKind, BlogModel, BlogPostModel, BlogPostStatus } from './models/blog.model.js';

export function toBlogModel(b: BlogRow): BlogModel {
  return { id: b.id, kind: b.kind as BlogKind, title: b.title, groupId: b.groupId, createdAt: b.createdAt, ownerPersonId: b.ownerPersonId };
}

/** What a removed post or comment shows its author in place of the content (nobody else gets it at all). */
export const BLOG_REMOVED_TEXT = 'Removed by moderation.';

export function toPostModel(p: PostRow): BlogPostModel {
  const removed = p.moderationState === 'removed';
  return {
    id: p.id,
    blogId: p.blogId,
    authorId: p.authorId,
    audience: p.audience,
    title: p.title,
    bodyHtml: removed ? `<p>${BLOG_REMOVED_TEXT}</p>` : p.bodyHtml,
    bodyMarkdown: removed ? null : p.bodyMarkdown,
    tags: p.tags,
    // Not served while moderated (see BlogCoversController), so not offered either.
    coverUploadId: p.moderationState && p.moderationState !== 'visible' ? null : p.coverUploadId,
    status: p.status as BlogPostStatus,
    publishAt: p.publishAt,
    publishedAt: p.publishedAt,
    commentsClosed: p.commentsClosed,
    featuredFrom: p.featuredFrom,
    featuredUntil: p.featuredUntil,
    likeCount: p.likeCount,
    commentCount: p.commentCount,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    moderationState: p.moderationState ?? 'visible',
    moderationReason: p.moderationState && p.moderationState !== 'visible' ? p.moderationReason : null,
  };
}

export function toCommentModel(c: CommentRow, replies: BlogCommentModel[] = []): BlogCommentModel {
  return {
    id: c.id,
    postId: c.postId,
    parentId: c.parentId,
    authorId: c.authorId,
    text: c.moderationState === 'removed' ? BLOG_REMOVED_TEXT : c.body,
    mentionIds: c.mentionIds,
    likeCount: c.likeCount,
    answered: !!c.answeredAt,
    answeredAt: c.answeredAt,
    isAnswer: !!c.markedAnswerAt,
    createdAt: c.createdAt,
    moderationState: c.moderationState ?? 'visible',
    moderationReason: c.moderationState && c.moderationState !== 'visible' ? c.moderationReason : null,
    replies,
  };
}

/** Top-level comments with their replies, in order. */
export function commentTree(rows: CommentRow[]): BlogCommentModel[] {
  const top = rows.filter((r) => !r.parentId).map((r) => toCommentModel(r));
  const byId = new Map(top.map((t) => [t.id, t]));
  for (const r of rows) if (r.parentId) byId.get(r.parentId)?.replies.push(toCommentModel(r));
  return top;
}

@Injectable()
export class BlogLoader implements LoaderFactory<string, BlogRow | null> {
  constructor(private readonly blogs: BlogsService) {}
  async load(ids: readonly string[]) {
    return byKeys(ids, await this.blogs.findBlogs(ids), (b) => b.id);
  }
}

/** "Did I like it?" for posts and comments; keys are `${personId}:${targetId}`. */
@Injectable()
export class BlogLikedByLoader implements LoaderFactory<string, boolean> {
  constructor(private readonly blogs: BlogsService) {}
  async load(keys: readonly string[]) {
    const byPerson = new Map<string, string[]>();
    for (const k of keys) {
      const [personId, id] = k.split(':');
      byPerson.set(personId, [...(byPerson.get(personId) ?? []), id]);
    }
    const liked = new Set<string>();
    for (const [personId, ids] of byPerson) for (const id of await this.blogs.likedBy(personId, ids)) liked.add(`${personId}:${id}`);
    return keys.map((k) => liked.has(k));
  }
}

/** How many comments the reader reads on a post (BlogsService.commentCounts); keys are `${personId}:${postId}`. */
@Injectable()
export class BlogCommentCountLoader implements LoaderFactory<string, number> {
  constructor(private readonly blogs: BlogsService) {}
  async load(keys: readonly string[]) {
    const byPerson = new Map<string, string[]>();
    for (const k of keys) {
      const [personId, id] = k.split(':');
      byPerson.set(personId, [...(byPerson.get(personId) ?? []), id]);
    }
    const counts = new Map<string, number>();
    for (const [personId, ids] of byPerson) for (const [id, n] of await this.blogs.commentCounts({ personId }, ids)) counts.set(`${personId}:${id}`, n);
    return keys.map((k) => counts.get(k) ?? 0);
  }
}

/** How many people read a post (BlogsService.readerCounts); keys are post ids. */
@Injectable()
export class BlogReaderCountLoader implements LoaderFactory<string, number> {
  constructor(private readonly blogs: BlogsService) {}
  async load(ids: readonly string[]) {
    const counts = await this.blogs.readerCounts(ids);
    return ids.map((id) => counts.get(id) ?? 0);
  }
}
