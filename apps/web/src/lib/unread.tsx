import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useClient } from 'urql';
import { useLive } from './socket.js';
import { graphql } from './gql.js';

const UNREAD = graphql(`query Unread { unreadNotificationCount }`);
const UnreadContext = createContext<{ unread: number; set(n: number): void }>({ unread: 0, set: () => undefined });

/** The unread-notification count: fetched once, then pushed live by the server. */
export function UnreadProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    void client
      .query(UNREAD, {})
      .toPromise()
      .then((r) => r.data && setUnread(r.data.unreadNotificationCount));
  }, [client]);
  useLive('notification.count', useCallback((p) => setUnread(p.unread), []));
  return <UnreadContext.Provider value={{ unread, set: setUnread }}>{children}</UnreadContext.Provider>;
}

export const useUnread = () => useContext(UnreadContext);
