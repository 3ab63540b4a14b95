import { useMemo, type ReactNode } from 'react';
import { Client, fetchExchange, Provider } from 'urql';
import { graphcache } from './cache.js';
import { liveExchange } from './live-cache.js';
import { useAuth } from './auth.js';

/**
 * urql with the session's token and a normalised cache (lib/cache.ts) that lives as long as the
 * session: a new login starts with an empty one. A request answered UNAUTHENTICATED (expired token) refreshes
 * the session once and is retried, so the user never notices.
 */
export function GraphqlProvider({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const client = useMemo(() => {
    const authedFetch: typeof fetch = async (input, init) => {
      const send = () => {
        const headers = new Headers(init?.headers);
        const token = auth.token();
        if (token) headers.set('authorization', `Bearer ${token}`);
        return fetch(input, { ...init, headers });
      };
      const res = await send();
      const body = (await res.clone().json().catch(() => null)) as { errors?: { extensions?: { code?: string } }[] } | null;
      if (body?.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED') && (await auth.refresh())) return send();
      return res;
    };
    return new Client({ url: '/graphql', exchanges: [graphcache(), liveExchange, fetchExchange], fetch: authedFetch, preferGetMethod: false });
    // The client lives for the session; auth.token() is read per request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [auth.status]);
  return <Provider value={client}>{children}</Provider>;
}
