import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { makeResult, type Exchange, type Operation } from 'urql';
import { filter, map, merge, pipe, share } from 'wonka';
import { useClient } from 'urql';
import { useAuth } from './auth.js';
import { graphql } from './gql.js';
import { useLive } from './socket.js';

/**
 * Live events into the normalised cache, once for the whole app (not per screen): a like or a reply
 * elsewhere moves the counts on every card that shows the message, a deleted or moderated message
 * leaves every list, also on screens that are not open now (the feed you go back to is current).
 *
 * Graphcache only writes results of operations, so an event becomes the result of a local operation:
 * `liveExchange` (between the cache and fetch) answers an operation that carries `context.liveData`
 * with that data, without a request. A query result writes the message's fields; the `deleteMessage`
 * result runs the same update as my own delete (lib/cache.ts).
 */
export const liveExchange: Exchange = ({ forward }) => (ops$) => {
  const shared = pipe(ops$, share);
  const local = pipe(
    shared,
    filter((op: Operation) => op.kind !== 'teardown' && op.context.liveData !== undefined),
    map((op: Operation) => makeResult(op, { data: op.context.liveData })),
  );
  const rest = pipe(
    shared,
    filter((op: Operation) => op.kind === 'teardown' || op.context.liveData === undefined),
    forward,
  );
  return merge([local, rest]);
};

const LIVE_COUNTS = graphql(`query LiveMessageCounts($id: ID!) { message(id: $id) { id likeCount replyCount } }`);
const LIVE_DELETED = graphql(`mutation LiveMessageDeleted($id: ID!) { deleteMessage(id: $id) }`);

const FreshContext = createContext<{ fresh: number; reset(): void }>({ fresh: 0, reset: () => undefined });

/** New root messages by others since the feed was last loaded: the feed offers to show them. */
export const useFreshMessages = () => useContext(FreshContext);

export function LiveCache({ children }: { children: ReactNode }) {
  const client = useClient();
  const { person } = useAuth();
  const [fresh, setFresh] = useState(0);
  useLive(
    'message.updated',
    useCallback(
      (m) => {
        if (typeof m.likeCount !== 'number' || typeof m.replyCount !== 'number') return;
        const liveData = { message: { __typename: 'Message', id: m.id, likeCount: m.likeCount, replyCount: m.replyCount } };
        // Written by liveExchange, not fetched: the event has the counts.
        // network-only: never sent: liveExchange answers it with the event's counts.
        void client.query(LIVE_COUNTS, { id: m.id }, { requestPolicy: 'network-only', liveData }).toPromise();
      },
      [client],
    ),
  );
  useLive(
    'message.deleted',
    useCallback((m) => void client.mutation(LIVE_DELETED, { id: m.id }, { liveData: { deleteMessage: m.id } }).toPromise(), [client]),
  );
  useLive(
    'message.created',
    useCallback(
      (m) => {
        if (m.rootId) return; // replies show in their thread
        if (m.authorId === person?.id) return; // my own post is already in the feed
        setFresh((n) => n + 1);
      },
      [person?.id],
    ),
  );
  // Moderation put a hidden message back: offer to refresh, as for a new one.
  useLive('message.restored', useCallback((m) => void (!m.rootId && setFresh((n) => n + 1)), []));
  const reset = useCallback(() => setFresh(0), []);
  const value = useMemo(() => ({ fresh, reset }), [fresh, reset]);
  return <FreshContext.Provider value={value}>{children}</FreshContext.Provider>;
}
