import type { Decision } from '../components/ModerationDecision.js';

/** GraphQL documents and types for messages (kept in one place so screens agree). */
export const MESSAGE_FIELDS = `
  id audience text moderationState moderationReason moderationAction { id kind reason appealStatus canAppeal createdAt } createdAt editedAt likeCount replyCount reshareCount likedByMe rootId
  entities { links { url start end } mentions { personId uid start end } hashtags { tag start end } }
  author { id displayName employmentType photo { small } }
  mentions { id displayName }
  group { id name }
  images { id url alt width height }
`;

export const MESSAGE_FRAGMENT = `
  fragment MessageCardFields on Message {
    ${MESSAGE_FIELDS}
    note
    original { ${MESSAGE_FIELDS} }
    campaignId campaign { id size authorCount }
  }
`;

export interface Entities {
  links: { url: string; start: number; end: number }[];
  mentions: { personId: string; uid: string; start: number; end: number }[];
  hashtags: { tag: string; start: number; end: number }[];
}

export interface MessageData {
  id: string;
  audience: string;
  text: string;
  /** visible, hidden or removed: a removed message's text is a placeholder the app says itself. */
  moderationState?: string;
  /** For the author of a hidden or removed message: the moderator's reason and the decision to appeal. */
  moderationReason?: string | null;
  moderationAction?: Decision | null;
  createdAt: string;
  editedAt: string | null;
  likeCount: number;
  replyCount: number;
  reshareCount: number;
  likedByMe: boolean;
  rootId: string | null;
  entities: Entities;
  author: { id: string; displayName: string; employmentType: string; photo?: { small: string } | null };
  /** The people mentioned, to show their names instead of their login names. */
  mentions?: { id: string; displayName: string }[];
  /** The group a group message belongs to. */
  group?: { id: string; name: string } | null;
  images?: { id: string; url: string; alt: string; width: number; height: number }[];
  note?: string | null;
  original?: MessageData | null;
  /** Near-identical posts by different people (the feed shows them once). */
  campaignId?: string | null;
  campaign?: { id: string; size: number; authorCount: number } | null;
}

export interface FeedPage {
  edges: { cursor: string; node: MessageData }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const EDIT_WINDOW_MS = 15 * 60_000;
export const MAX_LENGTH = 1000;
export const MAX_IMAGES = 4;

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; url: string }
  | { kind: 'mention'; text: string; personId: string }
  | { kind: 'hashtag'; text: string; tag: string };

/** Splits text at its entities (UTF-16 offsets), so the UI renders text nodes, never HTML. */
export function segments(text: string, entities: Entities): Segment[] {
  const marks = [
    ...entities.links.map((e) => ({ ...e, seg: (t: string): Segment => ({ kind: 'link', text: t, url: e.url }) })),
    ...entities.mentions.map((e) => ({ ...e, seg: (t: string): Segment => ({ kind: 'mention', text: t, personId: e.personId }) })),
    ...entities.hashtags.map((e) => ({ ...e, seg: (t: string): Segment => ({ kind: 'hashtag', text: t, tag: e.tag }) })),
  ].sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at || m.end > text.length) continue; // overlapping or stale: keep as text
    if (m.start > at) out.push({ kind: 'text', text: text.slice(at, m.start) });
    out.push(m.seg(text.slice(m.start, m.end)));
    at = m.end;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}
