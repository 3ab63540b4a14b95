import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionArgs, ConnectionType } from '@plein/core';

@ObjectType('MessageLink')
export class MessageLinkModel {
  @Field()
  url: string;

  @Field(() => Int, { description: 'UTF-16 offset where the link starts in text.' })
  start: number;

  @Field(() => Int, { description: 'UTF-16 offset just after the link.' })
  end: number;
}

@ObjectType('MessageMention')
export class MessageMentionModel {
  @Field(() => ID)
  personId: string;

  @Field()
  uid: string;

  @Field(() => Int)
  start: number;

  @Field(() => Int)
  end: number;
}

@ObjectType('MessageHashtag')
export class MessageHashtagModel {
  @Field({ description: 'Normalised: lower-case, NFC, accents kept.' })
  tag: string;

  @Field(() => Int)
  start: number;

  @Field(() => Int)
  end: number;
}

@ObjectType('MessageEntities')
export class MessageEntitiesModel {
  @Field(() => [MessageLinkModel])
  links: MessageLinkModel[];

  @Field(() => [MessageMentionModel])
  mentions: MessageMentionModel[];

  @Field(() => [MessageHashtagModel])
  hashtags: MessageHashtagModel[];
}

@ObjectType('MessageImage')
export class MessageImageModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'GET this path for the WebP bytes (no token needed: the random id is the capability).' })
  url: string;

  @Field({ description: "The author's description for people who cannot see the image; may be empty." })
  alt: string;

  @Field(() => Int)
  width: number;

  @Field(() => Int)
  height: number;
}

@ObjectType('HashtagSuggestion')
export class HashtagSuggestionModel {
  @Field({ description: 'Normalised: lower-case, NFC, accents kept; without #.' })
  tag: string;

  @Field(() => Int, { description: 'How many messages you may see use it (last 365 days).' })
  uses: number;
}

@InputType()
export class MessageImageInput {
  @Field(() => ID, { description: 'An image you uploaded with POST /uploads (JPEG, PNG, WebP, GIF or AVIF; at most 10 MB).' })
  uploadId: string;

  @Field(() => String, { nullable: true, description: 'What the image shows, for screen readers: up to 1000 characters.' })
  alt?: string | null;
}

/**
 * A short message. `text` is plain text exactly as written (trimmed): never markup, clients escape it
 * and build links, mentions and hashtags from `entities`. A reshare has `original` and its `note`.
 */
@ObjectType('Message')
export class MessageModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'company, employees or group:<id>.' })
  audience: string;

  @Field({ description: 'Plain text; for a reshare, the personal note (may be empty).' })
  text: string;

  @Field(() => MessageEntitiesModel)
  entities: MessageEntitiesModel;

  @Field(() => [MessageLinkModel])
  links: MessageLinkModel[];

  @Field(() => [String], { description: 'Normalised hashtags, without #.' })
  hashtags: string[];

  @Field(() => ID, { nullable: true, description: 'The thread root, for a reply.' })
  rootId: string | null;

  @Field(() => ID, { nullable: true, description: 'The message this reply answered.' })
  parentId: string | null;

  @Field(() => Int)
  likeCount: number;

  @Field(() => Int)
  replyCount: number;

  /** Resolved per reader (MessagesResolver.reshareCount): reshares the reader may read. */
  reshareCount: number;

  /** True when reshareCount is already the reader's count (a feed page brought it). */
  reshareCountForReader?: boolean;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  editedAt: Date | null;

  @Field({ description: 'visible, hidden (pending a moderation decision) or removed. Only the author and moderators ever see the last two.' })
  moderationState: string;

  @Field(() => String, { nullable: true, description: "The moderator's reason, for a hidden or removed message." })
  moderationReason: string | null;

  // Internal: resolved by field resolvers.
  authorId: string;
  quotedMessageId: string | null;
  reshareOfId: string | null;
  body: string;
}

export const MessageConnection = ConnectionType(MessageModel, 'Message');

@ObjectType('Thread')
export class ThreadModel {
  @Field(() => MessageModel)
  root: MessageModel;

  @Field(() => MessageConnection, { description: 'Replies, oldest first.' })
  replies: InstanceType<typeof MessageConnection>;
}

@InputType()
export class PostMessageInput {
  @Field({ description: '1 to 1000 characters after trimming; plain text. May be empty when the message has images.' })
  text: string;

  @Field(() => [MessageImageInput], { nullable: true, description: 'Up to 4 images, shown in this order.' })
  images?: MessageImageInput[] | null;

  @Field(() => String, { nullable: true, description: 'company, employees or group:<id>; leave out for a reply.' })
  audience?: string | null;

  @Field(() => ID, { nullable: true, description: 'Reply to this message (a reply to a reply joins the root thread).' })
  replyToId?: string | null;

  @Field(() => ID, { nullable: true })
  quotedMessageId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A UUID the client makes for this post. Posting again with the same clientId (a retry after a lost connection) returns the message posted the first time instead of a copy.',
  })
  clientId?: string | null;
}

@InputType()
export class ReshareMessageInput {
  @Field(() => ID)
  messageId: string;

  @Field(() => String, { nullable: true, description: 'A personal note, up to 1000 characters, shown above the original.' })
  note?: string | null;

  @Field(() => String, { nullable: true, description: "Defaults to the original's audience; only a company message can go narrower." })
  audience?: string | null;
}

export enum MessageSearchOrder {
  NEWEST = 'NEWEST',
  BEST_MATCH = 'BEST_MATCH',
}
registerEnumType(MessageSearchOrder, { name: 'MessageSearchOrder' });

@ArgsType()
export class SearchMessagesArgs extends ConnectionArgs {
  @Field({ description: 'Words to find; Dutch stemming ("onderhandelingen" finds "onderhandeling"); "quotes" and -minus work.' })
  query: string;

  @Field(() => ID, { nullable: true })
  authorId?: string | null;

  @Field(() => String, { nullable: true })
  hashtag?: string | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;

  @Field(() => MessageSearchOrder, { nullable: true, defaultValue: MessageSearchOrder.NEWEST })
  order?: MessageSearchOrder;
}
