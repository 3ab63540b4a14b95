import { graphql, type ResultOf } from './gql.js';
import { POLL_FIELDS } from './polls.js';

/** GraphQL fragments and types for messages (kept in one place so screens agree; keep the field lists in step). */
export const MessageFields = graphql(`
  fragment MessageFields on Message {
    id audience text moderationState moderationReason moderationAction { id kind reason appealStatus canAppeal createdAt } createdAt editedAt likeCount replyCount reshareCount likedByMe rootId
    entities { links { url start end } mentions { personId uid start end } hashtags { tag start end } }
    author { id displayName employmentType photo { small } }
    mentions { id displayName }
    group { id name }
    images { id url alt width height }
  }
`);

/**
 * A card in a feed: the message (with its poll), and for a reshare its note and the original (whose
 * poll a reshare does not show). Replies (`MessageFields`) carry no poll: a thread page of 20
 * replies must stay within the api's query cost limit. The fields of
 * `MessageFields` are written out here again, not spread: the server's depth limit counts a
 * fragment spread as a level, and a feed card nested in a connection would pass it.
 */
export const MessageCardFields = graphql(`
  fragment MessageCardFields on Message {
    id audience text moderationState moderationReason moderationAction { id kind reason appealStatus canAppeal createdAt } createdAt editedAt likeCount replyCount reshareCount likedByMe rootId
    entities { links { url start end } mentions { personId uid start end } hashtags { tag start end } }
    author { id displayName employmentType photo { small } }
    mentions { id displayName }
    group { id name }
    images { id url alt width height }
    poll { id messageId multipleChoice anonymous resultsVisibility closesAt closed resultsVisible totalVoters myVoteOptionIds moderationState options { id label position votes } }
    note
    original {
      id audience text moderationState moderationReason moderationAction { id kind reason appealStatus canAppeal createdAt } createdAt editedAt likeCount replyCount reshareCount likedByMe rootId
      entities { links { url start end } mentions { personId uid start end } hashtags { tag start end } }
      author { id displayName employmentType photo { small } }
      mentions { id displayName }
      group { id name }
      images { id url alt width height }
    }
    campaignId campaign { id size authorCount }
  }
`);

/**
 * The same fields as plain text, for screens whose operations are not typed yet (groups). Keep them
 * in step with the fragments above; remove once every screen uses `MessageCardFields`.
 */
export const MESSAGE_FIELDS = `
  id audience text moderationState moderationReason moderationAction { id kind reason appealStatus canAppeal createdAt } createdAt editedAt likeCount replyCount reshareCount likedByMe rootId
  entities { links { url start end } mentions { personId uid start end } hashtags { tag start end } }
  author { id displayName employmentType photo { small } }
  mentions { id displayName }
  group { id name }
  images { id url alt width height }
  poll { ${POLL_FIELDS} }
`;
export const MESSAGE_FRAGMENT = `
  fragment MessageCardFields on Message {
    ${MESSAGE_FIELDS}
    note
    original { ${MESSAGE_FIELDS} }
    campaignId campaign { id size authorCount }
  }
`;

type MessageBase = ResultOf<typeof MessageFields>;
type MessageCard = ResultOf<typeof MessageCardFields>;
/** A message as a card shows it: a reply carries only the base fields, a feed item also its reshare fields. */
export type MessageData = MessageBase & Partial<Omit<MessageCard, keyof MessageBase>>;
export type Entities = MessageBase['entities'];

/** A page of a message connection. */
export interface FeedPage {
  edges: { cursor?: string; node: MessageData }[];
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
