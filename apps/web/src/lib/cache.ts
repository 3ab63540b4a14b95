import { cacheExchange, type Cache, type CacheExchangeOpts, type Data, type KeyingConfig } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { graphql } from './gql.js';
import schemaJson from './schema.generated.json';

/**
 * The normalised cache (urql Graphcache). Every result is split into entities by `__typename` and
 * `id`, so one copy of a message, a person or a group serves every screen: a like on a thread page
 * is on the feed card when you go back, a follow on a profile is on the people list, without a
 * reload or a refetch. Three things complete it:
 * - `keys`: types without an `id` (connections, edges, counts, settings) are embedded in their
 *   parent instead of being entities (computed from the schema, so a new type needs no entry here);
 * - `resolvers`: the home and company feeds page with Relay cursors; the pages are merged into one list;
 * - `updates`: what a mutation adds to or removes from a list, or which cached fields it makes
 *   stale (they are fetched again when a screen shows them).
 * Live events (lib/live-cache.ts) reach the cache through the same updates.
 */
type IntrospectionType = { kind: string; name: string; fields?: { name: string }[] | null };
const schema = schemaJson as unknown as NonNullable<CacheExchangeOpts['schema']>;
const types = (schemaJson as unknown as { __schema: { types: IntrospectionType[] } }).__schema.types;

const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);
export const keys: KeyingConfig = Object.fromEntries(
  types.filter((t) => t.kind === 'OBJECT' && !ROOTS.has(t.name) && !t.fields?.some((f) => f.name === 'id')).map((t) => [t.name, () => null]),
);

/** The message lists a new root message of mine belongs on (the first page of each cached one). */
const MESSAGE_LISTS = ['companyFeed', 'homeFeed', 'personFeed', 'groupFeed', 'hashtagFeed'] as const;

type MessageLike = Data & { id?: string; rootId?: string | null; audience?: string; author?: Data & { id?: string }; entities?: { hashtags?: { tag: string }[] } };

function belongs(field: (typeof MESSAGE_LISTS)[number], args: Record<string, unknown> | null, m: MessageLike): boolean {
  switch (field) {
    case 'companyFeed':
    case 'homeFeed':
      return true;
    case 'personFeed':
      return args?.personId === m.author?.id;
    case 'groupFeed':
      return m.audience === `group:${String(args?.groupId)}`;
    case 'hashtagFeed':
      return !!m.entities?.hashtags?.some((h) => h.tag === String(args?.tag ?? '').replace(/^#/, '').toLowerCase());
  }
}

// One document per list, selecting what the prepend writes: the edge and its node's id. The
// variables are the cached field's own arguments, so the write lands on that very field.
const LIST_DOCS = {
  companyFeed: graphql(`query CacheCompanyFeed($first: Int, $after: String) { companyFeed(first: $first, after: $after) { edges { cursor node { id } } } }`),
  homeFeed: graphql(`query CacheHomeFeed($first: Int, $after: String) { homeFeed(first: $first, after: $after) { edges { cursor node { id } } } }`),
  personFeed: graphql(`query CachePersonFeed($personId: ID!, $first: Int, $after: String) { personFeed(personId: $personId, first: $first, after: $after) { edges { cursor node { id } } } }`),
  groupFeed: graphql(`query CacheGroupFeed($groupId: ID!, $first: Int, $after: String) { groupFeed(groupId: $groupId, first: $first, after: $after) { edges { cursor node { id } } } }`),
  hashtagFeed: graphql(`query CacheHashtagFeed($tag: String!, $first: Int, $after: String) { hashtagFeed(tag: $tag, first: $first, after: $after) { edges { cursor node { id } } } }`),
};
type ListData = { [field: string]: { edges: { __typename?: string; cursor: string; node: { __typename?: string; id: string } }[] } };

/** A new root message (mine, just posted or reshared) goes first in every cached first page it belongs on. */
export function prependMessage(cache: Cache, message: MessageLike | null | undefined): void {
  if (!message?.id || message.rootId) return;
  const id = message.id;
  for (const f of cache.inspectFields('Query')) {
    const field = MESSAGE_LISTS.find((n) => n === f.fieldName);
    if (!field || f.arguments?.after || !belongs(field, f.arguments, message)) continue;
    cache.updateQuery({ query: LIST_DOCS[field], variables: (f.arguments ?? {}) as never }, (data) => {
      const list = (data as ListData | null)?.[field];
      if (!list || list.edges.some((e) => e.node.id === id)) return data;
      const edge = { __typename: 'MessageEdge', cursor: '', node: { __typename: 'Message', id } };
      return { ...data, [field]: { ...list, edges: [edge, ...list.edges] } } as never;
    });
  }
}

/** A message is gone (deleted, or hidden by moderation): out of every cached list, and reshares of it too. */
export function removeMessage(cache: Cache, id: string): void {
  const gone = cache.keyOfEntity({ __typename: 'Message', id });
  const lists = [...MESSAGE_LISTS, 'mentionsFeed'] as string[];
  for (const f of cache.inspectFields('Query')) {
    let connection: string | null = null;
    if (lists.includes(f.fieldName)) connection = cache.resolve('Query', f.fieldKey) as string | null;
    else if (f.fieldName === 'thread') {
      const thread = cache.resolve('Query', f.fieldKey) as string | null;
      connection = thread ? (cache.resolve(thread, 'replies') as string | null) : null;
    }
    if (!connection) continue;
    const edges = (cache.resolve(connection, 'edges') as string[] | null) ?? [];
    const kept = edges.filter((e) => {
      const node = cache.resolve(e, 'node') as string | null;
      return node !== gone && (!node || cache.resolve(node, 'original') !== gone);
    });
    if (kept.length !== edges.length) cache.link(connection, 'edges', kept);
  }
}

/** Query fields that list groups or people by a relation a join, leave or follow changes. */
const GROUP_LISTS = ['groups', 'myGroups', 'groupsOfMyColleagues', 'suggestions'];
const FOLLOW_LISTS = ['homeFeed', 'suggestions', 'followers', 'following'];
function invalidateFields(cache: Cache, names: string[]): void {
  for (const f of cache.inspectFields('Query')) if (names.includes(f.fieldName)) cache.invalidate('Query', f.fieldKey);
}

const MODERATED_TYPES: Record<string, string> = { MESSAGE: 'Message', BLOG_POST: 'BlogPost', BLOG_COMMENT: 'BlogComment', GROUP: 'Group', PROFILE: 'Person', POLL: 'Poll' };

export const cacheOptions = {
  schema,
  keys,
  resolvers: {
    Query: {
      // A message by id is the Message entity, wherever it was loaded (a feed, a thread).
      message: (_parent, args) => ({ __typename: 'Message', id: String(args.id) }),
      homeFeed: relayPagination(),
      companyFeed: relayPagination(),
    },
  },
  updates: {
    Mutation: {
      postMessage: (result: Data, _args, cache) => prependMessage(cache, result.postMessage as MessageLike),
      // A message with a poll is a message like any other: first in the feeds it belongs in.
      postPoll: (result: Data, _args, cache) => prependMessage(cache, result.postPoll as MessageLike),
      reshareMessage: (result: Data, _args, cache) => prependMessage(cache, result.reshareMessage as MessageLike),
      deleteMessage: (_result, args, cache) => removeMessage(cache, String(args.id)),
      follow: (_result, _args, cache) => invalidateFields(cache, FOLLOW_LISTS),
      unfollow: (_result, _args, cache) => invalidateFields(cache, FOLLOW_LISTS),
      joinGroup: (_result, args, cache) => {
        cache.invalidate({ __typename: 'Group', id: String(args.groupId) });
        invalidateFields(cache, GROUP_LISTS);
      },
      leaveGroup: (_result, args, cache) => {
        cache.invalidate({ __typename: 'Group', id: String(args.groupId) });
        invalidateFields(cache, GROUP_LISTS);
      },
      respondToGroupInvitation: (_result, args, cache) => {
        cache.invalidate({ __typename: 'Group', id: String(args.groupId) });
        invalidateFields(cache, GROUP_LISTS);
      },
      // The import answers with the person's id only: the profile is fetched again where it shows.
      applyLinkedInImport: (result: Data, _args, cache) => {
        const person = result.applyLinkedInImport as { id?: string } | null;
        if (person?.id) cache.invalidate({ __typename: 'Person', id: person.id });
      },
      // A moderation decision changes what the item shows (and to whom): screens that show it fetch it again.
      moderateItem: (_result, args, cache) => {
        const input = args.input as { itemType?: string; itemId?: string } | undefined;
        const typename = input?.itemType ? MODERATED_TYPES[input.itemType] : undefined;
        if (typename && input?.itemId) cache.invalidate({ __typename: typename, id: input.itemId });
      },
    },
  },
} satisfies CacheExchangeOpts;

export const graphcache = () => cacheExchange(cacheOptions);
