import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionArgs, ConnectionType } from '@plein/core';

export enum BlogKind {
  PERSON = 'person',
  GROUP = 'group',
  COMPANY = 'company',
}
registerEnumType(BlogKind, { name: 'BlogKind' });

export enum BlogPostStatus {
  DRAFT = 'draft',
  SCHEDULED = 'scheduled',
  PUBLISHED = 'published',
}
registerEnumType(BlogPostStatus, { name: 'BlogPostStatus' });

export enum BlogDiffOp {
  EQUAL = 'EQUAL',
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
}
registerEnumType(BlogDiffOp, { name: 'BlogDiffOp' });

@ObjectType('Blog')
export class BlogModel {
  @Field(() => ID)
  id: string;

  @Field(() => BlogKind)
  kind: BlogKind;

  @Field()
  title: string;

  @Field(() => ID, { nullable: true, description: 'For a group blog: its group.' })
  groupId: string | null;

  @Field()
  createdAt: Date;

  ownerPersonId: string | null;
}

@ObjectType('BlogPost')
export class BlogPostModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  blogId: string;

  @Field({ description: 'company, employees or group:<id>.' })
  audience: string;

  @Field()
  title: string;

  @Field({ description: 'Sanitised HTML (an allowlist: no scripts, styles, event handlers or frames). Safe to render as is.' })
  bodyHtml: string;

  /** The Markdown source; served by BlogPostsResolver.bodyMarkdown to those who may edit. */
  bodyMarkdown: string | null;

  @Field(() => [String], { description: 'Normalised tags: lower-case, without #; spaces and punctuation are hyphens ("cao-onderhandelingen").' })
  tags: string[];

  @Field(() => ID, { nullable: true, description: 'The cover image (re-encoded from the upload the author chose).' })
  coverUploadId: string | null;

  @Field(() => String, { nullable: true, description: 'Where to load the cover image (<img src>), or null without one.' })
  coverUrl?: string | null;

  @Field(() => BlogPostStatus)
  status: BlogPostStatus;

  @Field(() => Date, { nullable: true, description: 'When a scheduled post will be published.' })
  publishAt: Date | null;

  @Field(() => Date, { nullable: true })
  publishedAt: Date | null;

  @Field()
  commentsClosed: boolean;

  @Field(() => Date, { nullable: true, description: 'Featured on the home page from this time...' })
  featuredFrom: Date | null;

  @Field(() => Date, { nullable: true, description: '...until this time.' })
  featuredUntil: Date | null;

  @Field(() => Int)
  likeCount: number;

  /** The stored counter; the GraphQL field counts what the reader reads (BlogPostsResolver.commentCount). */
  commentCount: number;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field({ description: 'visible, hidden (pending a moderation decision) or removed. Only the author ever gets the last two.' })
  moderationState: string;

  @Field(() => String, { nullable: true, description: "The moderator's reason, for a hidden or removed item." })
  moderationReason: string | null;

  authorId: string;
}

export const BlogPostConnection = ConnectionType(BlogPostModel, 'BlogPost');

@ObjectType('BlogComment')
export class BlogCommentModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  postId: string;

  @Field(() => ID, { nullable: true, description: 'The top-level comment this one replies to (threads are two levels deep).' })
  parentId: string | null;

  @Field({ description: 'Plain text, exactly as written (trimmed): clients escape it.' })
  text: string;

  @Field(() => Int)
  likeCount: number;

  @Field({ description: "True when the comment was said to the post's author (top-level, in the author's thread, or the asker's follow-up) and the author has replied in its thread after it." })
  answered: boolean;

  @Field(() => Date, { nullable: true })
  answeredAt: Date | null;

  @Field({ description: "The post's author marked this comment as the answer (explicitly; at most one per post)." })
  isAnswer: boolean;

  @Field()
  createdAt: Date;

  @Field({ description: 'visible, hidden (pending a moderation decision) or removed. Only the author ever gets the last two.' })
  moderationState: string;

  @Field(() => String, { nullable: true, description: "The moderator's reason, for a hidden or removed item." })
  moderationReason: string | null;

  @Field(() => [BlogCommentModel], { description: 'Replies, oldest first (only on top-level comments).' })
  replies: BlogCommentModel[];

  authorId: string;
  mentionIds: string[];
}

@ObjectType('BlogPostPermissions', { description: 'What the reader may do with this post (the buttons to show); the mutations check again.' })
export class BlogPostPermissionsModel {
  @Field({ description: 'Edit, unpublish, close comments and mark the answer: the author (on a company blog, its authors).' })
  edit: boolean;

  @Field({ description: 'Feature or unfeature it: communications staff (community managers) and admins, on a published post.' })
  feature: boolean;

  @Field({ description: 'Read its figures (blogPostStats): those who write on its blog.' })
  seeStats: boolean;
}

@ObjectType('BlogSanitizeReport')
export class SanitizeReportModel {
  @Field(() => [String], { description: 'Tags removed from the body (script, iframe, ...).' })
  removedTags: string[];

  @Field(() => [String], { description: 'Attributes removed or refused, as tag[attribute] (img[onerror], a[href] with javascript:, ...).' })
  removedAttributes: string[];
}

@ObjectType('SaveBlogPostResult')
export class SaveBlogPostResult {
  @Field(() => BlogPostModel)
  post: BlogPostModel;

  @Field(() => SanitizeReportModel, { description: 'What was removed from the body to make it safe: show it to the author.' })
  sanitizeReport: SanitizeReportModel;
}

@ObjectType('BlogPostPreview')
export class BlogPostPreviewModel {
  @Field()
  html: string;

  @Field(() => SanitizeReportModel)
  sanitizeReport: SanitizeReportModel;
}

@ObjectType('BlogDiffHunk')
export class BlogDiffHunkModel {
  @Field(() => BlogDiffOp)
  op: BlogDiffOp;

  @Field(() => [String], { description: 'Lines of HTML, one block (paragraph, heading, list item) each.' })
  lines: string[];
}

@ObjectType('BlogPostRevision')
export class BlogPostRevisionModel {
  @Field(() => Int)
  number: number;

  @Field(() => ID)
  editorId: string;

  @Field()
  title: string;

  @Field()
  bodyHtml: string;

  @Field(() => [String])
  tags: string[];

  @Field()
  createdAt: Date;

  @Field({ description: 'Whether the title changed since the previous revision.' })
  titleChanged: boolean;

  @Field(() => [BlogDiffHunkModel], { description: 'Line diff of the body against the previous revision (all ADDED for the first).' })
  diff: BlogDiffHunkModel[];
}

@ObjectType('BlogReaderGroup')
export class BlogReaderGroupModel {
  @Field()
  label: string;

  @Field(() => Int)
  readers: number;

  @Field(() => Int)
  completed: number;

  @Field(() => Float, { nullable: true })
  readThroughRate: number | null;
}

@ObjectType('BlogPostStats', { description: 'Aggregates only, never who: groups with fewer than minGroupSize readers are left out.' })
export class BlogPostStatsModel {
  @Field(() => ID)
  postId: string;

  @Field(() => Int)
  views: number;

  @Field(() => Int)
  uniqueReaders: number;

  @Field(() => Int)
  completedReaders: number;

  @Field(() => Float, { nullable: true, description: 'completedReaders / uniqueReaders.' })
  readThroughRate: number | null;

  @Field(() => [BlogReaderGroupModel])
  byDepartment: BlogReaderGroupModel[];

  @Field(() => [BlogReaderGroupModel])
  byEmploymentType: BlogReaderGroupModel[];

  @Field(() => Int)
  minGroupSize: number;

  @Field(() => Int, { description: 'Comments by others than the author.' })
  comments: number;

  @Field(() => Int)
  commentsAnswered: number;

  @Field(() => Float, { nullable: true })
  answeredShare: number | null;

  @Field(() => Int, { nullable: true })
  medianSecondsToAnswer: number | null;
}

@InputType()
export class BlogBodyInput {
  @Field(() => String, { nullable: true, description: 'The body in Markdown.' })
  bodyMarkdown?: string | null;

  @Field(() => String, { nullable: true, description: 'The body as HTML from a rich-text editor; it is sanitised.' })
  bodyHtml?: string | null;
}

@InputType()
export class CreateBlogPostInput extends BlogBodyInput {
  @Field(() => ID, { nullable: true, description: 'A company or group blog you write on; leave out for your own blog.' })
  blogId?: string | null;

  @Field()
  title: string;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => String, { nullable: true, description: 'company (default), employees or group:<id>. Group blogs: their group.' })
  audience?: string | null;

  @Field(() => ID, { nullable: true })
  coverUploadId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Publish at once (otherwise a draft).' })
  publish?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Publish at this future time.' })
  publishAt?: Date | null;
}

@InputType()
export class UpdateBlogPostInput extends BlogBodyInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => String, { nullable: true })
  audience?: string | null;

  @Field(() => ID, { nullable: true, description: 'A new cover (an upload of yours).' })
  coverUploadId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Take the cover off (a new coverUploadId wins).' })
  removeCover?: boolean | null;
}

@ArgsType()
export class BlogPostsArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true })
  blogId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only posts with this tag (it must exist).' })
  tag?: string | null;
}

@ArgsType()
export class SearchBlogPostsArgs extends ConnectionArgs {
  @Field({ description: 'Words to find in titles, tags and bodies (Dutch stemming).' })
  query: string;

  @Field(() => String, { nullable: true })
  tag?: string | null;
}
