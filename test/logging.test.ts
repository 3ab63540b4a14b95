import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger, nestLogger } from '@plein/core';
import { bootApp, DEMO_PASSWORD, type TestApp } from './support/app.js';

/**
 * Logging through pino and nestjs-pino, on the real api: JSON lines with string levels and ISO
 * times, one line per request carrying the request id the response echoes, and no credential in
 * any line (not the password of a login, not the bearer token, not the refresh cookie).
 */
describe('logging', () => {
  const lines: string[] = [];
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({}, { logger: createLogger({ level: 'info', destination: { write: (l: string) => lines.push(l) } }) });
  });
  afterAll(async () => {
    await app?.close();
  });
  const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  it('logs each request once, with the id the response carries, and never a credential', async () => {
    const login = await app.login('demo.employee');
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}`, cookie: login.refreshCookie, 'x-request-id': 'trace-me.42' },
      body: JSON.stringify({ query: '{ me { displayName } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-me.42');
    const generated = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'no spaces allowed' }, body: '{"query":"{ __typename }"}' });
    const newId = generated.headers.get('x-request-id');
    expect(newId).toMatch(/^[0-9a-f-]{36}$/);
    await fetch(`${app.url}/health/live`);
    await new Promise((r) => setTimeout(r, 100)); // the request line is written when the response finishes

    const requests = entries().filter((e) => e.msg === 'request');
    const traced = requests.filter((e) => e.requestId === 'trace-me.42');
    expect(traced).toHaveLength(1);
    expect(traced[0]).toMatchObject({ level: 'info', method: 'POST', path: '/graphql', status: 200 });
    expect(typeof traced[0].ms).toBe('number');
    expect(Date.parse(String(traced[0].time))).not.toBeNaN();
    expect(requests.filter((e) => e.requestId === newId)).toHaveLength(1);
    expect(requests.some((e) => String(e.path).startsWith('/health'))).toBe(false);
    expect(requests.some((e) => e.path === '/auth/login' && e.status === 200)).toBe(true);

    const all = lines.join('');
    expect(all).not.toContain(DEMO_PASSWORD);
    expect(all).not.toContain(login.accessToken);
    expect(all).not.toContain(login.refreshCookie.split('=')[1]);
    expect(all).not.toMatch(/authorization|"cookie"/i);
  });

  it('redacts secrets a caller puts in a logged object, and is silent at LOG_LEVEL=silent', () => {
    const out: string[] = [];
    const logger = nestLogger(createLogger({ level: 'debug', destination: { write: (l: string) => out.push(l) } }));
    logger.log({ msg: 'connecting', ldap: { url: 'ldap://x', bindCredentials: 'pa55word' }, password: 'hunter2' }, 'Boot');
    logger.warn('plain text', 'Boot');
    const [first, second] = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({ level: 'info', context: 'Boot', msg: 'connecting', ldap: { url: 'ldap://x', bindCredentials: '[redacted]' }, password: '[redacted]' });
    expect(out.join('')).not.toMatch(/pa55word|hunter2/);
    expect(second).toMatchObject({ level: 'warn', context: 'Boot', msg: 'plain text' });

    const quiet: string[] = [];
    nestLogger(createLogger({ level: 'silent', destination: { write: (l: string) => quiet.push(l) } })).error('boom', 'X');
    expect(quiet).toEqual([]);
  });
});
