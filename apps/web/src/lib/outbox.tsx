import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useClient, type CombinedError } from 'urql';
import { useAuth } from './auth.js';
import { graphql, type VariablesOf } from './gql.js';
import { MessageCardFields } from './messages.js';

/**
 * Posts that could not be sent for want of a connection: kept in localStorage (so a reload or a
 * closed tab loses nothing) and sent again with backoff, and at once when the browser says it is
 * online again. Every post carries a client-made id (`clientId`): if a post reached the server but
 * its answer was lost, the retry gets the message stored the first time, so a post appears exactly
 * once however often it is retried. The composer and the reply box put a post here when sending it
 * failed with a network error; what the server refuses (too long, forbidden) is not retried.
 */
const POST = graphql(`mutation OutboxPost($input: PostMessageInput!) { postMessage(input: $input) { ...MessageCardFields } }`, [MessageCardFields]);

export type PostInput = VariablesOf<typeof POST>['input'];
export interface Pending {
  clientId: string;
  input: PostInput;
}
/** What became of a post that was waiting: sent, or refused by the server (with its error). */
export type Outcome = { clientId: string; sent: true } | { clientId: string; sent: false; error: CombinedError };

interface Outbox {
  pending: Pending[];
  /** Keeps the post and sends it again until the server answers. */
  enqueue(p: Pending): void;
  /** The latest outcome of a waiting post (the composer clears itself or shows the error). */
  outcome: Outcome | null;
}

const OutboxContext = createContext<Outbox>({ pending: [], enqueue: () => undefined, outcome: null });
export const useOutbox = () => useContext(OutboxContext);

/** A network failure (no connection, a dropped request), as opposed to an answer from the server. */
export const isNetworkError = (error: CombinedError | undefined): boolean => !!error?.networkError && !error.graphQLErrors.length;

/** A fresh client id for a post. */
export const newClientId = (): string => crypto.randomUUID();

const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 60_000;

function load(key: string): Pending[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as Pending[]).filter((p) => typeof p?.clientId === 'string' && typeof p.input?.text === 'string') : [];
  } catch {
    return [];
  }
}

export function OutboxProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const { person } = useAuth();
  // Per person: someone else signing in on this browser never sends my drafts.
  const key = `plein.outbox.${person?.id ?? 'anonymous'}`;
  const [pending, setPending] = useState<Pending[]>(() => load(key));
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const attempt = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const sending = useRef(false);
  const pendingRef = useRef(pending);

  useEffect(() => {
    pendingRef.current = pending;
    if (pending.length) localStorage.setItem(key, JSON.stringify(pending));
    else localStorage.removeItem(key);
  }, [key, pending]);

  const flush = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    window.clearTimeout(timer.current);
    let offline = false;
    try {
      for (const p of pendingRef.current) {
        const res = await client.mutation(POST, { input: { ...p.input, clientId: p.clientId } }).toPromise();
        if (isNetworkError(res.error)) {
          offline = true;
          break; // still no connection: the rest would fail too
        }
        setPending((list) => list.filter((x) => x.clientId !== p.clientId));
        setOutcome(res.error ? { clientId: p.clientId, sent: false, error: res.error } : { clientId: p.clientId, sent: true });
      }
    } finally {
      sending.current = false;
    }
    if (offline) {
      // Backoff: 2 s, 4 s, 8 s, … up to a minute; the `online` event does not wait for it.
      const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt.current);
      attempt.current += 1;
      timer.current = window.setTimeout(() => void flush(), delay);
    } else {
      attempt.current = 0;
    }
  }, [client]);

  // A post just put here, or left from before (a reload, a closed tab): try now; if the connection
  // is still gone, the backoff takes over.
  const hasPending = pending.length > 0;
  useEffect(() => {
    if (hasPending) void flush();
  }, [hasPending, flush]);
  useEffect(() => {
    const online = () => {
      attempt.current = 0;
      void flush();
    };
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      window.clearTimeout(timer.current);
    };
  }, [flush]);

  const enqueue = useCallback((p: Pending) => setPending((list) => (list.some((x) => x.clientId === p.clientId) ? list : [...list, p])), []);

  const value = useMemo(() => ({ pending, enqueue, outcome }), [pending, enqueue, outcome]);
  return <OutboxContext.Provider value={value}>{children}</OutboxContext.Provider>;
}
