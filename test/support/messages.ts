import type { TestApp } from './app.js';

/** The fields the message tests read. */
export const MESSAGE_FIELDS = `id audience text note rootId parentId likeCount replyCount reshareCount likedByMe createdAt editedAt hashtags
  links { url start end } entities { mentions { personId uid start end } hashtags { tag } }
  author { id uid } mentions { uid } quoted { id } original { id text author { uid } }`;

export interface Msg {
  id: string;
  audience: string;
  text: string;
  note: string | null;
  rootId: string | null;
  parentId: string | null;
  likeCount: number;
  replyCount: number;
  reshareCount: number;
  likedByMe: boolean;
  createdAt: string;
  editedAt: string | null;
  hashtags: string[];
  links: { url: string; start: number; end: number }[];
  entities: { mentions: { personId: string; uid: string; start: number; end: number }[]; hashtags: { tag: string }[] };
  author: { id: string; uid: string };
  mentions: { uid: string }[];
  quoted: { id: string } | null;
  original: { id: string; text: string; author: { uid: string } } | null;
}

export type GqlError = { message: string; extensions: { code: string } & Record<string, unknown> };

/** Thin helpers over GraphQL so tests read like what a person does. */
export function messagesClient(app: TestApp) {
  const call = async <T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: GqlError[] }> => {
    const res = await app.gql<T>(query, variables, token);
    return res.body;
  };
  const ok = async <T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const body = await call<T>(token, query, variables);
    if (body.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  };
  const feedQuery = (name: string, argDecl = '', argUse = '') =>
    `query F($first: Int, $after: String${argDecl}) { ${name}(first: $first, after: $after${argUse}) { edges { cursor node { ${MESSAGE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
  type Page = { edges: { cursor: string; node: Msg }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

  return {
    call,
    ok,
    post: async (token: string, input: Record<string, unknown>) =>
      (await ok<{ postMessage: Msg }>(token, `mutation P($input: PostMessageInput!) { postMessage(input: $input) { ${MESSAGE_FIELDS} } }`, { input })).postMessage,
    postRaw: (token: string, input: Record<string, unknown>) => call<{ postMessage: Msg }>(token, `mutation P($input: PostMessageInput!) { postMessage(input: $input) { id } }`, { input }),
    reshare: (token: string, input: Record<string, unknown>) =>
      call<{ reshareMessage: Msg }>(token, `mutation R($input: ReshareMessageInput!) { reshareMessage(input: $input) { ${MESSAGE_FIELDS} } }`, { input }),
    like: (token: string, id: string) => call<{ likeMessage: Msg }>(token, `mutation L($id: ID!) { likeMessage(id: $id) { ${MESSAGE_FIELDS} } }`, { id }),
    unlike: (token: string, id: string) => call<{ unlikeMessage: Msg }>(token, `mutation L($id: ID!) { unlikeMessage(id: $id) { ${MESSAGE_FIELDS} } }`, { id }),
    edit: (token: string, id: string, text: string) => call<{ editMessage: Msg }>(token, `mutation E($id: ID!, $text: String!) { editMessage(id: $id, text: $text) { ${MESSAGE_FIELDS} } }`, { id, text }),
    remove: (token: string, id: string) => call<{ deleteMessage: string }>(token, `mutation D($id: ID!) { deleteMessage(id: $id) }`, { id }),
    message: (token: string, id: string) => call<{ message: Msg }>(token, `query M($id: ID!) { message(id: $id) { ${MESSAGE_FIELDS} } }`, { id }),
    thread: (token: string, messageId: string) =>
      call<{ thread: { root: Msg; replies: Page } }>(
        token,
        `query T($id: ID!) { thread(messageId: $id) { root { ${MESSAGE_FIELDS} } replies { edges { node { ${MESSAGE_FIELDS} } } pageInfo { hasNextPage endCursor } } } }`,
        { id: messageId },
      ),
    homeFeed: async (token: string, vars: Record<string, unknown> = {}) => (await ok<{ homeFeed: Page }>(token, feedQuery('homeFeed'), vars)).homeFeed,
    companyFeed: async (token: string, vars: Record<string, unknown> = {}) => (await ok<{ companyFeed: Page }>(token, feedQuery('companyFeed'), vars)).companyFeed,
    mentionsFeed: async (token: string, vars: Record<string, unknown> = {}) => (await ok<{ mentionsFeed: Page }>(token, feedQuery('mentionsFeed'), vars)).mentionsFeed,
    hashtagFeed: async (token: string, tag: string, vars: Record<string, unknown> = {}) =>
      (await ok<{ hashtagFeed: Page }>(token, feedQuery('hashtagFeed', ', $tag: String!', ', tag: $tag'), { tag, ...vars })).hashtagFeed,
    personFeed: async (token: string, personId: string, vars: Record<string, unknown> = {}) =>
      (await ok<{ personFeed: Page }>(token, feedQuery('personFeed', ', $personId: ID!', ', personId: $personId'), { personId, ...vars })).personFeed,
    search: async (token: string, vars: Record<string, unknown>) =>
      (
        await ok<{ searchMessages: Page }>(
          token,
          `query S($query: String!, $first: Int, $after: String, $authorId: ID, $hashtag: String, $from: DateTime, $to: DateTime, $order: MessageSearchOrder) {
            searchMessages(query: $query, first: $first, after: $after, authorId: $authorId, hashtag: $hashtag, from: $from, to: $to, order: $order) {
              edges { cursor node { ${MESSAGE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
          vars,
        )
      ).searchMessages,
  };
}

export const ids = (page: { edges: { node: { id: string } }[] }) => page.edges.map((e) => e.node.id);

/** Polls until `check` returns a value (not undefined), or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 8000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
