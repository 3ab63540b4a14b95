import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RootLogger } from '../../libs/core/src/logging/logger.js';
import { startPlein, type RunningPlein } from '../../apps/api/src/bootstrap.js';
import { createTestDatabase } from './database.js';

export const DEMO_PASSWORD = 'plein-demo';
export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface TestApp {
  plein: RunningPlein;
  url: string;
  databaseUrl: string;
  login(username: string, password?: string): Promise<{ accessToken: string; person: { id: string; displayName: string; employmentType: string; roles: string[] }; refreshCookie: string }>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<{ status: number; body: { data?: T; errors?: { message: string; extensions: { code: string } & Record<string, unknown> }[] } }>;
  close(): Promise<void>;
}

/**
 * Boots the real api in this process: a fresh database on the test cluster (migrated and seeded
 * with the demo organisation by the app itself), the embedded LDAP directory, a random port.
 */
export async function bootApp(env: Record<string, string> = {}, options: { logger?: RootLogger } = {}): Promise<TestApp> {
  const databaseUrl = env.DATABASE_URL ?? (await createTestDatabase('app'));
  const plein = await startPlein({
    env: {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      SEED_DEMO: 'true',
      WORKER_INLINE: 'false',
      LOGIN_RATE_LIMIT_PER_IP: '1000',
      LOGIN_RATE_LIMIT_PER_USER: '1000',
      PLEIN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'plein-app-')),
      // Quiet tests: only errors reach the output.
      LOG_LEVEL: 'error',
      ...env,
    },
    logger: options.logger,
  });
  const url = plein.url;
  const app: TestApp = {
    plein,
    url,
    databaseUrl,
    async login(username, password = DEMO_PASSWORD) {
      const res = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      const body = (await res.json()) as { accessToken: string; person: TestApp['login'] extends (...a: never[]) => Promise<infer R> ? R extends { person: infer P } ? P : never : never };
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(body)}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      return { ...body, refreshCookie: cookie };
    },
    async gql(query, variables, token, headers = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
    close: () => plein.stop(),
  };
  return app;
}
