import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export interface SessionPerson {
  id: string;
  uid: string | null;
  displayName: string;
  employmentType: string;
  roles: string[];
}

type Status = 'loading' | 'anonymous' | 'authenticated';

export class LoginError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

interface Auth {
  status: Status;
  person: SessionPerson | null;
  /** The current access token (kept in memory only; the refresh token is an httpOnly cookie). */
  token(): string | null;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Gets a new access token with the refresh cookie; false when the session has ended. */
  refresh(): Promise<boolean>;
}

const AuthContext = createContext<Auth | null>(null);

interface TokenResponse {
  accessToken: string;
  expiresIn: number;
  person: SessionPerson;
}

/**
 * The session: access token in memory, refreshed in the background a minute before it expires,
 * so a half-written message is never lost to a login screen. A reload restores the session from
 * the refresh cookie.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [person, setPerson] = useState<SessionPerson | null>(null);
  const tokenRef = useRef<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const inflight = useRef<Promise<boolean> | null>(null);
  const refreshRef = useRef<() => Promise<boolean>>(async () => false);

  const accept = useCallback((body: TokenResponse) => {
    tokenRef.current = body.accessToken;
    setPerson(body.person);
    setStatus('authenticated');
    window.clearTimeout(timer.current);
    const ms = Math.max(10, body.expiresIn - 60) * 1000;
    timer.current = window.setTimeout(() => void refreshRef.current(), ms);
  }, []);

  const refresh = useCallback((): Promise<boolean> => {
    inflight.current ??= (async () => {
      try {
        const res = await fetch('/auth/refresh', { method: 'POST', credentials: 'same-origin' });
        if (!res.ok) {
          tokenRef.current = null;
          setPerson(null);
          setStatus('anonymous');
          return false;
        }
        accept((await res.json()) as TokenResponse);
        return true;
      } catch {
        return tokenRef.current !== null;
      } finally {
        inflight.current = null;
      }
    })();
    return inflight.current;
  }, [accept]);
  useEffect(() => {
    refreshRef.current = refresh;
  }, [refresh]);

  useEffect(() => {
    void refresh();
    return () => window.clearTimeout(timer.current);
  }, [refresh]);

  const login = useCallback(
    async (username: string, password: string) => {
      const res = await fetch('/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ username, password }),
      });
      const body = (await res.json().catch(() => ({}))) as Partial<TokenResponse> & { code?: string; message?: string; retryAfterSeconds?: number };
      if (!res.ok) throw new LoginError(body.code ?? 'INTERNAL_SERVER_ERROR', body.message ?? res.statusText, body.retryAfterSeconds);
      accept(body as TokenResponse);
    },
    [accept],
  );

  const logout = useCallback(async () => {
    window.clearTimeout(timer.current);
    await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
    tokenRef.current = null;
    setPerson(null);
    setStatus('anonymous');
  }, []);

  const value = useMemo<Auth>(() => ({ status, person, token: () => tokenRef.current, login, logout, refresh }), [status, person, login, logout, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
