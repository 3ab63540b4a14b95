import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type BlogKindValue = 'person' | 'group' | 'company';
export type BlogPostStatusValue = 'draft' | 'scheduled' | 'published';

/**
 * A blog: a person's (made on their first post), a group's, or a company blog that admins create
 * with several authors (blog_authors). Person and group blogs have exactly one owner row.
 */
@Entity('blogs')
export class Blog {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 10 })
  kind: BlogKindValue;

  @Index({ unique: true, where: 'owner_person_id IS NOT NULL' })
  @Column({ name: 'owner_person_id', type: 'uuid', nullable: true })
  ownerPersonId: string | null;

  @Index({ unique: true, where: 'group_id IS NOT NULL' })
  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId: string | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The authors of a company blog. */
@Entity('blog_authors')
@Index(['personId'])
export class BlogAuthor {
  @PrimaryColumn({ name: 'blog_id', type: 'uuid' })
  blogId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;
}

/**
 * A long-form post. body_html is sanitised HTML (never anything else); search_text is the plain text
 * of title, tags and body that the Dutch full-text index covers. Counters move in the same
 * transaction as the like or comment they count.
 */
@Entity('blog_posts')
@Index(['blogId', 'publishedAt', 'id'])
@Index(['publishedAt', 'id'])
@Index(['status', 'publishAt'])
@Index(['authorId'])
// Full-text search with Dutch stemming; an expression index TypeORM cannot describe, made by the migration.
@Index('IDX_blog_posts_search_dutch_fts', { synchronize: false })
export class BlogPost {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'blog_id', type: 'uuid' })
  blogId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  /** 'company' | 'employees' | 'group:<uuid>', as for messages. */
  @Column({ type: 'varchar', length: 100 })
  audience: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml: string;

  /** What the author wrote, when it was Markdown: the editor opens it again (null for an HTML body). */
  @Column({ name: 'body_markdown', type: 'text', nullable: true })
  bodyMarkdown: string | null;

  @Column({ name: 'search_text', type: 'text' })
  searchText: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** The upload chosen as cover image (served by the uploads lib to those who may read the post). */
  @Column({ name: 'cover_upload_id', type: 'uuid', nullable: true })
  coverUploadId: string | null;

  @Column({ type: 'varchar', length: 12, default: 'draft' })
  status: BlogPostStatusValue;

  @Column({ name: 'publish_at', type: 'timestamptz', nullable: true })
  publishAt: Date | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'comments_closed', type: 'boolean', default: false })
  commentsClosed: boolean;

  @Column({ name: 'featured_from', type: 'timestamptz', nullable: true })
  featuredFrom: Date | null;

  @Column({ name: 'featured_until', type: 'timestamptz', nullable: true })
  featuredUntil: Date | null;

  @Column({ name: 'like_count', type: 'integer', default: 0 })
  likeCount: number;

  @Column({ name: 'comment_count', type: 'integer', default: 0 })
  commentCount: number;

  /** Set by the moderation lib: 'hidden' (pending a decision) or 'removed'. */
  @Column({ name: 'moderation_state', type: 'varchar', length: 10, default: 'visible' })
  moderationState: 'visible' | 'hidden' | 'removed';

  @Column({ name: 'moderation_reason', type: 'text', nullable: true })
  moderationReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

@Entity('blog_post_tags')
@Index(['tag', 'postId'])
export class BlogPostTag {
  @PrimaryColumn({ name: 'post_id', type: 'uuid' })
  postId: string;

  @PrimaryColumn({ type: 'varchar', length: 50 })
  tag: string;
}

/** Every saved version of a post's title, body and tags, numbered from 1. */
@Entity('blog_post_revisions')
@Index(['postId', 'number'], { unique: true })
export class BlogPostRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  @Column({ type: 'integer' })
  number: number;

  @Column({ name: 'editor_id', type: 'uuid' })
  editorId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A comment: top-level (parent_id null) or a reply to one (two levels). answered_at is set when the
 * post's author replies in the thread after it: the "answered" mark and the answer-time figures.
 */
@Entity('blog_comments')
@Index(['postId', 'createdAt', 'id'])
@Index(['parentId'])
// At most one comment per post is the answer.
@Index('IDX_blog_comments_one_answer', ['postId'], { unique: true, where: 'marked_answer_at IS NOT NULL' })
export class BlogComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'mention_ids', type: 'uuid', array: true, default: () => "'{}'" })
  mentionIds: string[];

  @Column({ name: 'like_count', type: 'integer', default: 0 })
  likeCount: number;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  /** Set when the post's author marked this comment as the answer (explicitly; a reply never implies it). */
  @Column({ name: 'marked_answer_at', type: 'timestamptz', nullable: true })
  markedAnswerAt: Date | null;

  /** Set by the moderation lib: 'hidden' (pending a decision) or 'removed'. */
  @Column({ name: 'moderation_state', type: 'varchar', length: 10, default: 'visible' })
  moderationState: 'visible' | 'hidden' | 'removed';

  @Column({ name: 'moderation_reason', type: 'text', nullable: true })
  moderationReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A like of a post or a comment (ids never collide: both are random uuids). */
@Entity('blog_likes')
@Index(['personId', 'targetId'])
export class BlogLike {
  @PrimaryColumn({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('blog_subscriptions')
@Index(['personId'])
export class BlogSubscription {
  @PrimaryColumn({ name: 'blog_id', type: 'uuid' })
  blogId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One row per reader and post: how often they opened it and whether they read to the end. */
@Entity('blog_post_reads')
export class BlogPostRead {
  @PrimaryColumn({ name: 'post_id', type: 'uuid' })
  postId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'integer', default: 1 })
  views: number;

  @Column({ type: 'boolean', default: false })
  completed: boolean;

  @CreateDateColumn({ name: 'first_read_at', type: 'timestamptz' })
  firstReadAt: Date;
}

export const BLOG_ENTITIES = [Blog, BlogAuthor, BlogPost, BlogPostTag, BlogPostRevision, BlogComment, BlogLike, BlogSubscription, BlogPostRead];
