import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { notFound, type Connection, type GqlContext } from '@plein/core';
import { PersonLoader, PersonModel } from '@plein/directory';
import { CurrentActor, PolicyService, type Actor } from '@plein/policy';
import { diffLines, linesOf, sanitizeBody } from './blog-html.js';
import { BlogCommentCountLoader, BlogLikedByLoader, BlogLoader, BlogReaderCountLoader, commentTree, toBlogModel, toCommentModel, toPostModel } from './blog.loaders.js';
import { BLOG_NOT_FOUND, BlogsService, POST_NOT_VISIBLE, type PostRow } from './blogs.service.js';
import {
  BlogBodyInput,
  BlogCommentModel,
  BlogDiffOp,
  BlogModel,
  BlogPostConnection,
  BlogPostModel,
  BlogPostPermissionsModel,
  BlogPostPreviewModel,
  BlogPostRevisionModel,
  BlogPostStatsModel,
  BlogPostsArgs,
  CreateBlogPostInput,
  SaveBlogPostResult,
  SearchBlogPostsArgs,
  UpdateBlogPostInput,
} from './models/blog.model.js';
import { BlogEngagement } from './use-cases/blog-engagement.use-case.js';
import { BlogPostWrites, type SavedPost } from './use-cases/blog-posts.use-case.js';

function toModels(c: Connection<PostRow>): Connection<BlogPostModel> {
  return { pageInfo: c.pageInfo, edges: c.edges.map((e) => ({ cursor: e.cursor, node: toPostModel(e.node) })) };
}

function toSaved(s: SavedPost): SaveBlogPostResult {
  return { post: toPostModel(s.post), sanitizeReport: s.report };
}

@Resolver(() => BlogPostModel)
export class BlogPostsResolver {
  constructor(
    private readonly blogs: BlogsService,
    private readonly policy: PolicyService,
    private readonly writes: BlogPostWrites,
    private readonly engagement: BlogEngagement,
    private readonly persons: PersonLoader,
    private readonly blogLoader: BlogLoader,
    private readonly likedBy: BlogLikedByLoader,
    private readonly commentCounts: BlogCommentCountLoader,
    private readonly readerCounts: BlogReaderCountLoader,
  ) {}

  // ---- writes

  @Mutation(() => SaveBlogPostResult, { description: 'Write a post: a draft, published now (publish), or scheduled (publishAt). Your blog is made on your first post.' })
  async createBlogPost(@CurrentActor() actor: Actor, @Args('input') input: CreateBlogPostInput): Promise<SaveBlogPostResult> {
    return toSaved(await this.writes.create(actor, input));
  }

  @Mutation(() => SaveBlogPostResult, { description: 'Edit a post; a change of title, body or tags is kept as a revision.' })
  async updateBlogPost(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateBlogPostInput): Promise<SaveBlogPostResult> {
    return toSaved(await this.writes.update(actor, id, input));
  }

  @Mutation(() => BlogPostModel, { description: 'Publish now, or schedule for publishAt (in the future).' })
  async publishBlogPost(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('publishAt', { type: () => Date, nullable: true }) publishAt?: Date | null): Promise<BlogPostModel> {
    return toPostModel(await this.writes.publish(actor, id, publishAt));
  }

  @Mutation(() => BlogPostModel, { description: 'Back to draft (a scheduled post is unscheduled).' })
  async unpublishBlogPost(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<BlogPostModel> {
    return toPostModel(await this.writes.unpublish(actor, id));
  }

  @Mutation(() => BlogPostModel, { description: 'Close (or reopen) comments on your post.' })
  async setBlogPostCommentsClosed(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('closed') closed: boolean): Promise<BlogPostModel> {
    return toPostModel(await this.writes.setCommentsClosed(actor, id, closed));
  }

  @Mutation(() => BlogPostModel, { description: 'Community managers and admins: feature a published post above everyone\'s home feed until a time (null: stop).' })
  async featureBlogPost(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('until', { type: () => Date, nullable: true }) until: Date | null,
    @Args('from', { type: () => Date, nullable: true }) from?: Date | null,
  ): Promise<BlogPostModel> {
    return toPostModel(await this.writes.feature(actor, id, until ?? null, from));
  }

  @Mutation(() => BlogPostModel, { description: "The post's author marks a comment (top-level or reply) as the answer, replacing an earlier one. Replying never marks one." })
  async markBlogCommentAsAnswer(@CurrentActor() actor: Actor, @Args('commentId', { type: () => ID }) commentId: string): Promise<BlogPostModel> {
    return toPostModel(await this.writes.markAnswer(actor, commentId, true));
  }

  @Mutation(() => BlogPostModel, { description: "The post's author takes the answer mark off a comment." })
  async unmarkBlogCommentAsAnswer(@CurrentActor() actor: Actor, @Args('commentId', { type: () => ID }) commentId: string): Promise<BlogPostModel> {
    return toPostModel(await this.writes.markAnswer(actor, commentId, false));
  }

  @Mutation(() => BlogCommentModel, { description: 'Comment on a post, or reply to a comment (parentId; a reply to a reply joins its thread).' })
  async commentOnBlogPost(
    @CurrentActor() actor: Actor,
    @Args('postId', { type: () => ID }) postId: string,
    @Args('text') text: string,
    @Args('parentId', { type: () => ID, nullable: true }) parentId?: string | null,
  ): Promise<BlogCommentModel> {
    return toCommentModel(await this.engagement.comment(actor, postId, text, parentId));
  }

  @Mutation(() => BlogPostModel)
  async likeBlogPost(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<BlogPostModel> {
    return toPostModel(await this.engagement.likePost(actor, id, true));
  }

  @Mutation(() => BlogPostModel)
  async unlikeBlogPost(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<BlogPostModel> {
    return toPostModel(await this.engagement.likePost(actor, id, false));
  }

  @Mutation(() => BlogCommentModel)
  async likeBlogComment(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<BlogCommentModel> {
    return toCommentModel(await this.engagement.likeComment(actor, id, true));
  }

  @Mutation(() => BlogCommentModel)
  async unlikeBlogComment(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<BlogCommentModel> {
    return toCommentModel(await this.engagement.likeComment(actor, id, false));
  }

  @Mutation(() => Boolean, { description: 'The reader opened a post (completed false) or scrolled to its end (completed true). False when not counted (your own post).' })
  recordRead(@CurrentActor() actor: Actor, @Args('postId', { type: () => ID }) postId: string, @Args('completed') completed: boolean): Promise<boolean> {
    return this.engagement.recordRead(actor, postId, completed);
  }

  // ---- reads

  @Query(() => BlogPostPreviewModel, { description: 'Render and sanitise a body without saving it.' })
  previewBlogPost(@CurrentActor() actor: Actor, @Args('input') input: BlogBodyInput): BlogPostPreviewModel {
    this.policy.assert(actor, 'blog.write');
    const body = sanitizeBody(input);
    return { html: body.html, sanitizeReport: body.report };
  }

  @Query(() => BlogPostModel, { description: 'A post: published and for you, or a draft on a blog you write on.' })
  async blogPost(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<BlogPostModel> {
    this.policy.assert(actor, 'blog.read');
    return toPostModel(await this.blogs.requireVisible(actor, id));
  }

  @Query(() => BlogPostConnection, { description: 'Published posts you may read, newest first; of one blog, or with one tag.' })
  async blogPosts(@CurrentActor() actor: Actor, @Args() args: BlogPostsArgs) {
    return toModels(await this.blogs.posts(actor, args));
  }

  @Query(() => [BlogPostModel], { description: 'Posts featured now, for the top of the home page.' })
  async featuredPosts(@CurrentActor() actor: Actor): Promise<BlogPostModel[]> {
    return (await this.blogs.featured(actor)).map(toPostModel);
  }

  @Query(() => BlogPostConnection, { description: 'Search posts by title, tags and text (Dutch stemming), best match first.' })
  async searchBlogPosts(@CurrentActor() actor: Actor, @Args() args: SearchBlogPostsArgs) {
    return toModels(await this.blogs.search(actor, args));
  }

  @Query(() => [BlogCommentModel], { description: "Comments said to you on your posts (top-level, in your threads, or an asker's follow-up; not readers' replies to each other) that you have not answered yet, oldest first." })
  async unansweredComments(@CurrentActor() actor: Actor, @Args('postId', { type: () => ID, nullable: true }) postId?: string | null): Promise<BlogCommentModel[]> {
    return (await this.blogs.unanswered(actor, postId)).map((c) => toCommentModel(c));
  }

  @Query(() => BlogPostStatsModel, { description: "Reading figures of a post on a blog you write on." })
  blogPostStats(@CurrentActor() actor: Actor, @Args('postId', { type: () => ID }) postId: string): Promise<BlogPostStatsModel> {
    this.policy.assert(actor, 'blog.write');
    return this.blogs.stats(actor, postId);
  }

  // ---- fields

  @ResolveField(() => PersonModel)
  async author(@Parent() p: BlogPostModel, @Context() ctx: GqlContext): Promise<PersonModel> {
    const person = await ctx.loaders.get(this.persons).load(p.authorId);
    if (!person) throw notFound('The author of this post was not found.');
    return person;
  }

  @ResolveField(() => String, { nullable: true })
  coverUrl(@Parent() p: BlogPostModel): string | null {
    return p.coverUploadId ? `/blog-covers/${p.coverUploadId}` : null;
  }

  @ResolveField(() => BlogModel)
  async blog(@Parent() p: BlogPostModel, @Context() ctx: GqlContext): Promise<BlogModel> {
    const blog = await ctx.loaders.get(this.blogLoader).load(p.blogId);
    if (!blog) throw notFound(BLOG_NOT_FOUND);
    return toBlogModel(blog);
  }

  @ResolveField(() => Boolean)
  likedByMe(@CurrentActor() actor: Actor, @Parent() p: BlogPostModel, @Context() ctx: GqlContext): Promise<boolean> {
    return ctx.loaders.get(this.likedBy).load(`${actor.personId}:${p.id}`);
  }

  @ResolveField(() => Int, { description: 'Comments you read on this post, replies included: in a list and on the post alike (hidden, removed and barred ones not).' })
  commentCount(@CurrentActor() actor: Actor, @Parent() p: BlogPostModel, @Context() ctx: GqlContext): Promise<number> {
    return ctx.loaders.get(this.commentCounts).load(`${actor.personId}:${p.id}`);
  }

  @ResolveField(() => String, { nullable: true, description: 'The Markdown the post was written in, for editing: only for those who may edit it (null for others, and for a body written as HTML).' })
  async bodyMarkdown(@CurrentActor() actor: Actor, @Parent() p: BlogPostModel, @Context() ctx: GqlContext): Promise<string | null> {
    if (p.bodyMarkdown === null) return null;
    return (await this.viewerCan(actor, p, ctx)).edit ? p.bodyMarkdown : null;
  }

  @ResolveField(() => Int, { nullable: true, description: 'How many people read it (a number, never who): for those who write on its blog (viewerCan.seeStats), null for others.' })
  async readerCount(@CurrentActor() actor: Actor, @Parent() p: BlogPostModel, @Context() ctx: GqlContext): Promise<number | null> {
    if (!(await this.viewerCan(actor, p, ctx)).seeStats) return null;
    return ctx.loaders.get(this.readerCounts).load(p.id);
  }

  @ResolveField(() => BlogPostPermissionsModel)
  async viewerCan(@CurrentActor() actor: Actor, @Parent() p: BlogPostModel, @Context() ctx: GqlContext): Promise<BlogPostPermissionsModel> {
    const blog = await ctx.loaders.get(this.blogLoader).load(p.blogId);
    const writer = !!blog && (await this.blogs.canWrite(actor, blog));
    return {
      edit: writer && (p.authorId === actor.personId || blog.kind === 'company') && p.moderationState === 'visible',
      feature: this.policy.can(actor, 'blog.feature') && p.status === 'published' && p.moderationState === 'visible',
      seeStats: writer,
    };
  }

  @ResolveField(() => [BlogCommentModel], { description: 'Top-level comments, oldest first, each with its replies.' })
  async comments(@CurrentActor() actor: Actor, @Parent() p: BlogPostModel): Promise<BlogCommentModel[]> {
    return commentTree((await this.blogs.comments(actor, p.id)).comments);
  }

  @ResolveField(() => [BlogPostRevisionModel], { description: 'Revisions, oldest first, each with a diff to the one before. Authors of the blog only.' })
  async revisions(@CurrentActor() actor: Actor, @Parent() p: BlogPostModel, @Context() ctx: GqlContext): Promise<BlogPostRevisionModel[]> {
    const blog = await ctx.loaders.get(this.blogLoader).load(p.blogId);
    if (!blog || !(await this.blogs.canWrite(actor, blog))) throw notFound(POST_NOT_VISIBLE);
    const revs = await this.blogs.revisions(p.id);
    return revs.map((r, i) => {
      const prev = i > 0 ? revs[i - 1] : null;
      return {
        ...r,
        titleChanged: !prev || prev.title !== r.title,
        diff: diffLines(prev ? linesOf(prev.bodyHtml) : [], linesOf(r.bodyHtml)).map((h) => ({ op: h.op as BlogDiffOp, lines: h.lines })),
      };
    });
  }
}

@Resolver(() => BlogCommentModel)
export class BlogCommentsResolver {
  constructor(
    private readonly persons: PersonLoader,
    private readonly likedBy: BlogLikedByLoader,
  ) {}

  @ResolveField(() => PersonModel)
  async author(@Parent() c: BlogCommentModel, @Context() ctx: GqlContext): Promise<PersonModel> {
    const person = await ctx.loaders.get(this.persons).load(c.authorId);
    if (!person) throw notFound('The author of this comment was not found.');
    return person;
  }

  @ResolveField(() => [ID], { description: 'People the comment @mentions.' })
  mentionIds(@Parent() c: BlogCommentModel): string[] {
    return c.mentionIds;
  }

  @ResolveField(() => Boolean)
  likedByMe(@CurrentActor() actor: Actor, @Parent() c: BlogCommentModel, @Context() ctx: GqlContext): Promise<boolean> {
    return ctx.loaders.get(this.likedBy).load(`${actor.personId}:${c.id}`);
  }
}

@Resolver(() => BlogModel)
export class BlogsResolver {
  constructor(
    private readonly blogs: BlogsService,
    private readonly policy: PolicyService,
    private readonly writes: BlogPostWrites,
    private readonly engagement: BlogEngagement,
    private readonly persons: PersonLoader,
  ) {}

  @Query(() => BlogModel, { nullable: true, description: "A person's blog; null when they have not posted yet (or an information barrier hides them)." })
  async personBlog(@CurrentActor() actor: Actor, @Args('personId', { type: () => ID }) personId: string): Promise<BlogModel | null> {
    this.policy.assert(actor, 'blog.read');
    const blog = await this.blogs.blogOfPerson(personId);
    return blog && (await this.blogs.canSeeBlog(actor, blog)) ? toBlogModel(blog) : null;
  }

  @Query(() => BlogModel, { nullable: true, description: "A group's blog, if it has one and you can see the group." })
  async groupBlog(@CurrentActor() actor: Actor, @Args('groupId', { type: () => ID }) groupId: string): Promise<BlogModel | null> {
    this.policy.assert(actor, 'blog.read');
    const blog = await this.blogs.blogOfGroup(groupId);
    return blog && (await this.blogs.canSeeBlog(actor, blog)) ? toBlogModel(blog) : null;
  }

  @Query(() => BlogModel)
  async blog(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<BlogModel> {
    this.policy.assert(actor, 'blog.read');
    const blog = await this.blogs.findBlog(id);
    return toBlogModel(this.blogs.assertVisibleBlog(blog, !!blog && (await this.blogs.canSeeBlog(actor, blog))));
  }

  @Mutation(() => BlogModel, { description: 'Admins: a company blog with several authors.' })
  async createCompanyBlog(@CurrentActor() actor: Actor, @Args('title') title: string, @Args('authorIds', { type: () => [ID] }) authorIds: string[]): Promise<BlogModel> {
    return toBlogModel(await this.writes.createCompanyBlog(actor, title, authorIds));
  }

  @Mutation(() => BlogModel, { description: "Admins: replace a company blog's authors." })
  async setCompanyBlogAuthors(@CurrentActor() actor: Actor, @Args('blogId', { type: () => ID }) blogId: string, @Args('authorIds', { type: () => [ID] }) authorIds: string[]): Promise<BlogModel> {
    return toBlogModel(await this.writes.setCompanyBlogAuthors(actor, blogId, authorIds));
  }

  @Mutation(() => BlogModel, { description: 'Group admins: start the group\'s blog (its posting members write on it).' })
  async createGroupBlog(@CurrentActor() actor: Actor, @Args('groupId', { type: () => ID }) groupId: string, @Args('title') title: string): Promise<BlogModel> {
    return toBlogModel(await this.writes.createGroupBlog(actor, groupId, title));
  }

  @Mutation(() => BlogModel, { description: 'Get notified of new posts on this blog.' })
  async subscribeToBlog(@CurrentActor() actor: Actor, @Args('blogId', { type: () => ID }) blogId: string): Promise<BlogModel> {
    return toBlogModel(await this.engagement.subscribe(actor, blogId, true));
  }

  @Mutation(() => BlogModel)
  async unsubscribeFromBlog(@CurrentActor() actor: Actor, @Args('blogId', { type: () => ID }) blogId: string): Promise<BlogModel> {
    return toBlogModel(await this.engagement.subscribe(actor, blogId, false));
  }

  @ResolveField(() => [PersonModel], { description: 'Who writes on this blog (a group blog: see the group\'s members).' })
  async authors(@Parent() b: BlogModel, @Context() ctx: GqlContext): Promise<PersonModel[]> {
    const ids = await this.blogs.authorIds({ ...b, ownerPersonId: b.ownerPersonId, groupId: b.groupId, kind: b.kind });
    const people = await ctx.loaders.get(this.persons).loadMany(ids);
    return people.filter((p): p is NonNullable<typeof p> & PersonModel => !!p && !(p instanceof Error));
  }

  @ResolveField(() => Boolean)
  subscribedByMe(@CurrentActor() actor: Actor, @Parent() b: BlogModel): Promise<boolean> {
    return this.blogs.isSubscribed(actor.personId, b.id);
  }

  @ResolveField(() => Boolean, { description: 'Whether you may post on this blog.' })
  canWrite(@CurrentActor() actor: Actor, @Parent() b: BlogModel): Promise<boolean> {
    return this.blogs.canWrite(actor, { ...b, kind: b.kind });
  }

  @ResolveField(() => [BlogPostModel], { description: 'Drafts and scheduled posts (only for those who write on the blog; else empty).' })
  async unpublishedPosts(@CurrentActor() actor: Actor, @Parent() b: BlogModel): Promise<BlogPostModel[]> {
    if (!(await this.blogs.canWrite(actor, { ...b, kind: b.kind }))) return [];
    return (await this.blogs.unpublished(actor, b.id)).map(toPostModel);
  }
}
