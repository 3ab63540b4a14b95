import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionArgs, notFound, type GqlContext } from '@plein/core';
import { PersonLoader, PersonModel } from '@plein/directory';
import { CurrentActor, PolicyService, type Actor } from '@plein/policy';
import { MessageImagesLoader, messageImageUrl } from './message-images.js';
import { LikedByLoader, MessageLoader, MessagePagePrimer, toMessageModel, VisibleReshareCounts } from './message.loaders.js';
import { MessagesService, type FeedKind } from './messages.service.js';
import { HashtagSuggestionModel, MessageConnection, MessageImageModel, MessageModel, MessageSearchOrder, PostMessageInput, ReshareMessageInput, SearchMessagesArgs, ThreadModel } from './models/message.model.js';
import { DeleteMessage, EditMessage } from './use-cases/change-message.use-case.js';
import { LikeMessage, PostMessage, ReshareMessage } from './use-cases/post-message.use-case.js';
import { NOT_VISIBLE } from './use-cases/message-writes.js';
import type { Connection } from '@plein/core';
import type { MessageRow } from './messages.service.js';

function toModels(c: Connection<MessageRow>): Connection<MessageModel> {
  return { pageInfo: c.pageInfo, edges: c.edges.map((e) => ({ cursor: e.cursor, node: toMessageModel(e.node) })) };
}

@Resolver(() => MessageModel)
export class MessagesResolver {
  constructor(
    private readonly messages: MessagesService,
    private readonly policy: PolicyService,
    private readonly postMessageUseCase: PostMessage,
    private readonly reshareMessageUseCase: ReshareMessage,
    private readonly likeMessageUseCase: LikeMessage,
    private readonly editMessageUseCase: EditMessage,
    private readonly deleteMessageUseCase: DeleteMessage,
    private readonly persons: PersonLoader,
    private readonly messageLoader: MessageLoader,
    private readonly likedBy: LikedByLoader,
    private readonly imagesLoader: MessageImagesLoader,
    private readonly primer: MessagePagePrimer,
    private readonly reshareCounts: VisibleReshareCounts,
  ) {}

  // ---- writes

  @Mutation(() => MessageModel, { description: 'Post a message, or a reply (replyToId).' })
  async postMessage(@CurrentActor() actor: Actor, @Args('input') input: PostMessageInput): Promise<MessageModel> {
    return toMessageModel(await this.postMessageUseCase.execute(actor, input));
  }

  @Mutation(() => MessageModel, { description: 'Reshare a message with an optional personal note.' })
  async reshareMessage(@CurrentActor() actor: Actor, @Args('input') input: ReshareMessageInput): Promise<MessageModel> {
    return toMessageModel(await this.reshareMessageUseCase.execute(actor, input));
  }

  @Mutation(() => MessageModel, { description: 'Like a message; liking twice is the same as once.' })
  async likeMessage(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<MessageModel> {
    return toMessageModel(await this.likeMessageUseCase.execute(actor, id, true));
  }

  @Mutation(() => MessageModel, { description: 'Take a like back; a no-op when you had not liked it.' })
  async unlikeMessage(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<MessageModel> {
    return toMessageModel(await this.likeMessageUseCase.execute(actor, id, false));
  }

  @Mutation(() => MessageModel, { description: 'Edit your own message, within 15 minutes of posting.' })
  async editMessage(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('text') text: string): Promise<MessageModel> {
    return toMessageModel(await this.editMessageUseCase.execute(actor, id, text));
  }

  @Mutation(() => ID, { description: 'Delete your own message (community managers: any message). Returns its id.' })
  async deleteMessage(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<string> {
    return (await this.deleteMessageUseCase.execute(actor, id)).id;
  }

  // ---- reads

  @Query(() => MessageModel, { description: 'One message you may see.' })
  async message(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<MessageModel> {
    this.policy.assert(actor, 'message.read');
    const row = await this.messages.findVisible(actor, id);
    if (!row) throw notFound(NOT_VISIBLE);
    return toMessageModel(row);
  }

  private async feed(actor: Actor, ctx: GqlContext, kind: FeedKind, args: ConnectionArgs & { tag?: string; personId?: string }) {
    this.policy.assert(actor, 'message.read');
    const page = await this.messages.feed(actor, kind, args);
    this.primer.prime(ctx, actor, page.edges.map((e) => e.node));
    return toModels(page);
  }

  @Query(() => MessageConnection, { description: 'Messages of people you follow and your own, newest first.' })
  homeFeed(@CurrentActor() actor: Actor, @Args() args: ConnectionArgs, @Context() ctx: GqlContext) {
    return this.feed(actor, ctx, 'home', args);
  }

  @Query(() => MessageConnection, { description: 'Every message you may see, newest first.' })
  companyFeed(@CurrentActor() actor: Actor, @Args() args: ConnectionArgs, @Context() ctx: GqlContext) {
    return this.feed(actor, ctx, 'company', args);
  }

  @Query(() => MessageConnection, { description: 'Messages with this hashtag (with or without #, any case).' })
  hashtagFeed(@CurrentActor() actor: Actor, @Args('tag') tag: string, @Args() args: ConnectionArgs, @Context() ctx: GqlContext) {
    return this.feed(actor, ctx, 'hashtag', { ...args, tag });
  }

  @Query(() => MessageConnection, { description: "A person's messages that you may see." })
  personFeed(@CurrentActor() actor: Actor, @Args('personId', { type: () => ID }) personId: string, @Args() args: ConnectionArgs, @Context() ctx: GqlContext) {
    return this.feed(actor, ctx, 'person', { ...args, personId });
  }

  @Query(() => MessageConnection, { description: 'Messages and replies that mention you.' })
  mentionsFeed(@CurrentActor() actor: Actor, @Args() args: ConnectionArgs, @Context() ctx: GqlContext) {
    return this.feed(actor, ctx, 'mentions', args);
  }

  @Query(() => [HashtagSuggestionModel], { description: 'Hashtags starting with prefix (with or without #), most used first, from messages you may see.' })
  hashtagSuggestions(
    @CurrentActor() actor: Actor,
    @Args('prefix') prefix: string,
    @Args('first', { type: () => Int, nullable: true, description: '1-20, default 8.' }) first?: number | null,
  ): Promise<HashtagSuggestionModel[]> {
    this.policy.assert(actor, 'message.read');
    return this.messages.hashtagSuggestions(actor, prefix, first);
  }

  @Query(() => ThreadModel, { description: 'A thread: its root and replies, oldest first. Give the root or any reply.' })
  async thread(@CurrentActor() actor: Actor, @Args('messageId', { type: () => ID }) messageId: string, @Args() args: ConnectionArgs): Promise<ThreadModel> {
    this.policy.assert(actor, 'message.read');
    const t = await this.messages.thread(actor, messageId, args);
    if (!t) throw notFound(NOT_VISIBLE);
    return { root: toMessageModel(t.root), replies: toModels(t.replies) };
  }

  @Query(() => MessageConnection, { description: 'Full-text search over messages you may see.' })
  async searchMessages(@CurrentActor() actor: Actor, @Args() args: SearchMessagesArgs) {
    this.policy.assert(actor, 'message.read');
    const result = await this.messages.search(
      actor,
      { query: args.query, authorId: args.authorId, hashtag: args.hashtag, from: args.from, to: args.to, order: args.order ?? MessageSearchOrder.NEWEST },
      args,
    );
    return toModels(result);
  }

  // ---- fields

  @ResolveField(() => PersonModel)
  async author(@Parent() m: MessageModel, @Context() ctx: GqlContext): Promise<PersonModel> {
    const person = await ctx.loaders.get(this.persons).load(m.authorId);
    if (!person) throw notFound('The author of this message was not found.');
    return person;
  }

  @ResolveField(() => Boolean)
  likedByMe(@CurrentActor() actor: Actor, @Parent() m: MessageModel, @Context() ctx: GqlContext): Promise<boolean> {
    return ctx.loaders.get(this.likedBy).load(`${actor.personId}:${m.id}`);
  }

  @ResolveField(() => Int, { description: 'Reshares of it that you may read (a reshare to an audience you are not in does not count).' })
  async reshareCount(@CurrentActor() actor: Actor, @Parent() m: MessageModel, @Context() ctx: GqlContext): Promise<number> {
    if (m.reshareCountForReader || !m.reshareCount) return m.reshareCount;
    return ctx.loaders.get(this.reshareCounts.for(actor)).load(m.id);
  }

  @ResolveField(() => String, { nullable: true, description: 'For a reshare: the personal note, or null when there is none.' })
  note(@Parent() m: MessageModel): string | null {
    return m.reshareOfId && m.body ? m.body : null;
  }

  @ResolveField(() => MessageModel, { nullable: true, description: 'For a reshare: the original message, unless deleted or not visible to you.' })
  original(@CurrentActor() actor: Actor, @Parent() m: MessageModel, @Context() ctx: GqlContext): Promise<MessageModel | null> | null {
    return m.reshareOfId ? this.visible(actor, ctx, m.reshareOfId) : null;
  }

  @ResolveField(() => MessageModel, { nullable: true, description: 'The quoted message, unless deleted or not visible to you.' })
  quoted(@CurrentActor() actor: Actor, @Parent() m: MessageModel, @Context() ctx: GqlContext): Promise<MessageModel | null> | null {
    return m.quotedMessageId ? this.visible(actor, ctx, m.quotedMessageId) : null;
  }

  @ResolveField(() => [MessageImageModel], { description: 'Up to 4 images, in order (none for a removed message).' })
  async images(@Parent() m: MessageModel, @Context() ctx: GqlContext): Promise<MessageImageModel[]> {
    if (m.moderationState === 'removed') return [];
    const rows = await ctx.loaders.get(this.imagesLoader).load(m.id);
    return rows.map((r) => ({ id: r.id, url: messageImageUrl(r.id), alt: r.alt, width: r.width, height: r.height }));
  }

  @ResolveField(() => [PersonModel], { description: 'People mentioned (active when the message was written).' })
  async mentions(@Parent() m: MessageModel, @Context() ctx: GqlContext): Promise<PersonModel[]> {
    const ids = [...new Set(m.entities.mentions.map((x) => x.personId))];
    const people = await ctx.loaders.get(this.persons).loadMany(ids);
    return people.filter((p): p is PersonModel & NonNullable<typeof p> => !!p && !(p instanceof Error));
  }

  private async visible(actor: Actor, ctx: GqlContext, id: string): Promise<MessageModel | null> {
    const row = await ctx.loaders.get(this.messageLoader).load(id);
    if (!row || row.deletedAt || !this.messages.canSeeModerated(actor, row) || !(await this.messages.canSeeMessage(actor, row))) return null;
    return toMessageModel(row);
  }
}
