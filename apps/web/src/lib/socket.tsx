import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Delivered, LiveEventName } from '../../../../libs/realtime/src/events.js';
import { useAuth } from './auth.js';

const SocketContext = createContext<Socket | null>(null);

/**
 * One Socket.IO connection to /realtime for the session. The token is read at every (re)connect,
 * so a refreshed token is used after a drop, and after the server ends the socket at the token's
 * expiry. Components subscribe with `useLive`.
 */
export function SocketProvider({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const [socket, setSocket] = useState<Socket | null>(null);
  useEffect(() => {
    if (auth.status !== 'authenticated') return;
    const s = io('/realtime', { auth: (cb) => cb({ token: auth.token() }), transports: ['websocket', 'polling'] });
    // Refused for an expired token (a tab that slept): refresh once, then try again with the new one.
    let retried = false;
    s.on('connect', () => {
      retried = false;
    });
    s.on('connect_error', (err) => {
      if (err.message !== 'UNAUTHENTICATED') return;
      void auth.refresh().then((ok) => {
        if (ok && !retried) {
          retried = true;
          s.connect();
        }
      });
    });
    // The server ends a socket when its token expires (reconnect with the refreshed token) and when
    // the session ends (logout elsewhere, deactivated, suspended: the refresh then fails too).
    let ended: string | null = null;
    s.on('session.ended', (p: Delivered<'session.ended'>) => {
      ended = p?.reason ?? 'revoked';
    });
    s.on('disconnect', (why) => {
      if (why !== 'io server disconnect') return; // Socket.IO reconnects by itself after other drops
      const reason = ended;
      ended = null;
      if (reason === 'expired') s.connect();
      else void auth.refresh();
    });
    setSocket(s);
    return () => {
      s.close();
      setSocket(null);
    };
    // Reconnect only when the session itself changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [auth.status]);
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

/**
 * Subscribes to a live event while mounted. Event names and payloads come from the map the server
 * shares (libs/realtime/src/events.ts): `useLive('notification.count', (p) => p.unread)` is checked.
 */
export function useLive<K extends LiveEventName>(event: K, handler: (payload: Delivered<K>) => void): void;
/** The form with the payload's type given by the caller (screens not yet on the map's types); the name is still checked. */
export function useLive<T>(event: LiveEventName, handler: (payload: T) => void): void;
export function useLive(event: LiveEventName, handler: (payload: never) => void): void {
  const socket = useContext(SocketContext);
  useEffect(() => {
    if (!socket) return;
    const listener = handler as unknown as (...args: unknown[]) => void;
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event, handler]);
}
