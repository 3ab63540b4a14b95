/**
 * Every event the /realtime namespace sends, by name, with its payload: one map for the server and
 * the web app. The server's `LiveEvent.type` must be one of these names (a typo fails the build);
 * the web app's `useLive(name, handler)` gets the payload type from here (apps/web/src/lib/socket.tsx
 * imports this file as types only, so nothing of the server reaches the browser's bundle).
 *
 * Dates travel as ISO strings. Events relayed from the outbox (libs/realtime/src/event-log.ts)
 * arrive with their `eventId` added (see `Delivered`). A new kind of content adds its events here.
 * Pure types: this file must import nothing.
 */

/** A message's text entities as stored (UTF-16 offsets). */
export interface LiveMessageEntities {
  links: { url: string; start: number; end: number }[];
  mentions: { personId: string; uid: string; start: number; end: number }[];
  hashtags: { tag: string; start: number; end: number }[];
}

/** A new message, or an edited one (libs/messages/src/message-events.ts `livePayload`). */
export interface LiveMessage {
  id: string;
  authorId: string;
  audience: string;
  rootId: string | null;
  parentId: string | null;
  reshareOfId: string | null;
  text: string;
  entities: LiveMessageEntities;
  likeCount: number;
  replyCount: number;
  createdAt: string;
  editedAt: string | null;
}

/** A message's counts moved (`countsPayload`; an edit sends the whole `LiveMessage`). No reshare count: see countsPayload. */
export interface LiveMessageCounts {
  id: string;
  likeCount: number;
  replyCount: number;
}

export interface LiveBlogPost {
  id: string;
  blogId: string;
  authorId: string;
  audience: string;
  title: string;
  tags: string[];
  status: string;
  publishedAt: string | null;
  likeCount: number;
  commentCount: number;
  commentsClosed: boolean;
}

export interface LiveBlogComment {
  id: string;
  postId: string;
  authorId: string;
  parentId: string | null;
  text: string;
  likeCount: number;
  createdAt: string;
  [more: string]: unknown;
}

export interface LiveNotice {
  id: string;
  title: string;
  services: string[];
  regions: string[];
  severity: string;
  status: string;
  startsAt: string;
  expectedEndAt: string | null;
  resolvedAt: string | null;
  affectedCount: number;
}

export interface LiveNoticeUpdate {
  id: string;
  status: string;
  text: string;
  authorId: string | null;
  createdAt: string;
}

/** Rooms the relay moves the person's sockets in and out of (it strips this before the emit, or passes it on). */
export interface MoveRooms {
  join?: string[];
  leave?: string[];
}

export interface LiveEvents {
  // messages
  'message.created': LiveMessage;
  'message.updated': LiveMessageCounts | LiveMessage;
  'message.deleted': { id: string; rootId?: string | null };
  'message.restored': { id: string; rootId: string | null; authorId: string };
  // blogs
  'blog.post.published': LiveBlogPost;
  'blog.post.updated': LiveBlogPost;
  'blog.post.featured': LiveBlogPost & { featuredUntil: string | null };
  'blog.post.removed': { id: string; authorId: string };
  'blog.comment.created': LiveBlogComment;
  'blog.comment.updated': LiveBlogComment;
  'blog.comment.removed': { id: string; postId: string; authorId: string };
  'blog.comment.notification': { postId: string; postTitle: string; comment: LiveBlogComment };
  'blog.like.notification': { postId: string; postTitle?: string; commentId?: string; likerId: string; likeCount: number };
  // groups
  'group.member.changed': { groupId: string; personId: string; status: string | null; role: string | null; byId: string; moveRooms?: MoveRooms };
  'group.updated': { groupId: string; archived?: boolean; moderationState?: string };
  'group.deleted': { groupId: string };
  'group.joinRequested': { groupId: string; personId: string };
  'group.invited': { groupId: string; byId: string };
  'group.pins.changed': { groupId: string; messageId: string; pinned: boolean };
  'group.announcement.changed': { groupId: string; messageId: string | null; announced: boolean };
  // polls (libs/polls): someone voted, or it closed; the reader fetches the poll again (results depend on the reader)
  'poll.voted': { pollId: string; messageId: string; authorId: string };
  'poll.closed': { pollId: string; messageId: string; authorId: string };
  'poll.removed': { pollId: string; messageId: string; [more: string]: unknown };
  'poll.restored': { pollId: string; messageId: string; [more: string]: unknown };
  // notifications, moderation, roles
  'notification.count': { unread: number };
  'moderation.queue': Record<string, unknown>;
  'roles.changed': { role: string; granted: boolean };
  'follow.new': { follower: { id: string; displayName: string }; followedAt: string };
  // business
  'notice.published': { notice: LiveNotice; update: LiveNoticeUpdate };
  'notice.updated': { notice: LiveNotice; update: LiveNoticeUpdate };
  'notice.affected': { id: string; affectedCount: number };
  'vacancy.posted': { id: string; title: string; departmentId: string | null; location: string; hoursPerWeek: number; closesOn: string; [more: string]: unknown };
  'vacancy.closed': { id: string };
  // the connection itself
  ready: { personId: string; expiresAt: string };
  'session.ended': { reason?: string };
}

export type LiveEventName = keyof LiveEvents;

/** What a client receives: the payload, and the outbox id of relayed events (for catch-up). */
export type Delivered<K extends LiveEventName> = LiveEvents[K] & { eventId?: string };

/** Every name of the map, for checks at run time (test/live-events-map.test.ts finds each name the server emits here). */
export const LIVE_EVENT_NAMES = [
  'message.created', 'message.updated', 'message.deleted', 'message.restored',
  'blog.post.published', 'blog.post.updated', 'blog.post.featured', 'blog.post.removed',
  'blog.comment.created', 'blog.comment.updated', 'blog.comment.removed', 'blog.comment.notification', 'blog.like.notification',
  'group.member.changed', 'group.updated', 'group.deleted', 'group.joinRequested', 'group.invited', 'group.pins.changed', 'group.announcement.changed',
  'poll.voted', 'poll.closed', 'poll.removed', 'poll.restored',
  'notification.count', 'moderation.queue', 'roles.changed', 'follow.new',
  'notice.published', 'notice.updated', 'notice.affected', 'vacancy.posted', 'vacancy.closed',
  'ready', 'session.ended',
] as const satisfies readonly LiveEventName[];
// The list names every event of the map (the build fails when one is missing).
type Unlisted = Exclude<LiveEventName, (typeof LIVE_EVENT_NAMES)[number]>;
export const LIVE_EVENT_NAMES_COMPLETE: [Unlisted] extends [never] ? true : never = true;
