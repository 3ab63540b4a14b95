import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { useAuth } from './auth.js';

const SocketContext = createContext<Socket | null>(null);

/**
 * One Socket.IO connection to /realtime for the session. The token is read at every (re)connect,
 * so a refreshed token is used after a drop. Components subscribe with `useLive`.
 */
export function SocketProvider({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const [socket, setSocket] = useState<Socket | null>(null);
  useEffect(() => {
    if (auth.status !== 'authenticated') return;
    const s = io('/realtime', { auth: (cb) => cb({ token: auth.token() }), transports: ['websocket', 'polling'] });
    s.on('connect_error', (err) => {
      if (err.message === 'UNAUTHENTICATED') void auth.refresh();
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

export function useLive<T>(event: string, handler: (payload: T) => void): void {
  const socket = useContext(SocketContext);
  useEffect(() => {
    if (!socket) return;
    socket.on(event, handler);
    return () => {
      socket.off(event, handler);
    };
  }, [socket, event, handler]);
}
