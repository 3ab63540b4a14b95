import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { bootApp, DEMO_PASSWORD, type TestApp } from './support/app.js';

/** Known-hostile inputs: XSS, SQL injection, LDAP injection, control and odd Unicode. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '<svg/onload=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  "'; DROP TABLE people; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(5); --',
  '\\x00\\x1b[31m',
  '%00%27%22',
  '*)(uid=*',
  '*)(|(objectClass=*))',
  '\\',
  '‮gnp.exe',
  '𝕳𝖊𝖑𝖑𝖔 🤖 ﷽',
  'a'.repeat(5000),
  '',
  '   ',
  '\u0000',
  '${7*7}',
  '../../../../etc/passwd',
  '<iframe src="https://evil.example"></iframe>',
  'SELECT * FROM sessions',
  '#iphone @demo.employee https://example.com/?q=<b>',
];

describe('hostile input never breaks the server or gets stored as markup', () => {
  let app: TestApp;
  let token: string;
  let db: pg.Client;
  beforeAll(async () => {
    app = await bootApp({ POST_RATE_LIMIT_PER_MINUTE: '100000' });
    token = (await app.login('demo.employee')).accessToken;
    db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  const QUERIES: [string, (s: string) => Record<string, unknown>][] = [
    ['mutation($input: PostMessageInput!) { postMessage(input: $input) { id text } }', (s) => ({ input: { text: s, audience: 'company' } })],
    ['mutation($input: PostMessageInput!) { postMessage(input: $input) { id } }', (s) => ({ input: { text: 'x', audience: s } })],
    ['mutation($input: UpdateProfileInput!) { updateMyProfile(input: $input) { id } }', (s) => ({ input: { headline: s, about: s, skills: [s] } })],
    ['query($q: String) { searchPeople(query: $q, first: 5) { totalCount } }', (s) => ({ q: s })],
    ['query($q: String!) { searchMessages(query: $q, first: 5) { edges { cursor } } }', (s) => ({ q: s })],
    ['query($t: String!) { hashtagFeed(tag: $t, first: 5) { edges { cursor } } }', (s) => ({ t: s })],
    ['query($id: ID!) { person(id: $id) { id } }', (s) => ({ id: s })],
    ['query($after: String) { companyFeed(first: 5, after: $after) { edges { cursor } } }', (s) => ({ after: s })],
    ['mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }', (s) => ({ input: { name: s, kind: 'OPEN' } })],
  ];

  async function expectNoServerError(query: string, variables: Record<string, unknown>) {
    const res = await app.gql(query, variables, token);
    expect(res.status).toBeLessThan(500);
    for (const e of res.body.errors ?? []) {
      expect(e.extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
      expect(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'RATE_LIMITED']).toContain(e.extensions.code);
    }
    return res;
  }

  it('answers every payload on every text input and search with data or a clear client error', async () => {
    const people = (await db.query('SELECT count(*)::int AS n FROM people')).rows[0].n;
    for (const payload of PAYLOADS) {
      for (const [query, vars] of QUERIES) await expectNoServerError(query, vars(payload));
    }
    // SQL injection did nothing: the tables are all still there and unchanged in size.
    expect((await db.query('SELECT count(*)::int AS n FROM people')).rows[0].n).toBe(people);
    // What was stored is the text as typed, never turned into markup.
    const stored = await db.query(`SELECT body FROM messages WHERE body LIKE '%<script>%'`);
    for (const row of stored.rows) expect(row.body).toContain('<script>alert(1)</script>');
  });

  it('property: random strings on every input never produce a 500 or INTERNAL_SERVER_ERROR', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...QUERIES), fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.constantFrom(...PAYLOADS)), async ([query, vars], s) => {
        await expectNoServerError(query, vars(s));
      }),
      { numRuns: 150 },
    );
  });

  it('property: the login route answers 400, 401 or 429 to random credentials, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom(...PAYLOADS)), fc.oneof(fc.string({ maxLength: 300 }), fc.constant(DEMO_PASSWORD)), async (username, password) => {
        const res = await fetch(`${app.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
        expect([400, 401, 429]).toContain(res.status);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses malformed JSON bodies with 400, not 500', async () => {
    const res = await fetch(`${app.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": ' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('BAD_USER_INPUT');
  });

  it('sends security headers', async () => {
    const res = await fetch(`${app.url}/health/live`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('rate limits on posting and uploads', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({ POST_RATE_LIMIT_PER_MINUTE: '3', UPLOAD_RATE_LIMIT_PER_MINUTE: '2' });
  });
  afterAll(() => app?.close());

  it('limits how fast one person posts, with a clear RATE_LIMITED error and when to retry', async () => {
    const { accessToken } = await app.login('demo.hr');
    const post = (n: number) => app.gql('mutation($input: PostMessageInput!) { postMessage(input: $input) { id } }', { input: { text: `bericht ${n}`, audience: 'company' } }, accessToken);
    for (let i = 0; i < 3; i++) expect((await post(i)).body.errors).toBeUndefined();
    const limited = await post(4);
    expect(limited.status).toBe(429);
    expect(limited.body.errors?.[0].extensions.code).toBe('RATE_LIMITED');
    expect(limited.body.errors?.[0].extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.body.errors?.[0].message).toMatch(/posting too fast/);
    // The refused post was not stored (the limit is counted in the posting statement itself).
    const stored: { n: number }[] = await app.plein.app.get(DataSource).query("SELECT count(*)::int AS n FROM messages WHERE body IN ('bericht 0', 'bericht 4')");
    expect(stored[0].n).toBe(1);
    // Someone else is not affected.
    const other = (await app.login('demo.ceo')).accessToken;
    expect((await app.gql('mutation($input: PostMessageInput!) { postMessage(input: $input) { id } }', { input: { text: 'hallo', audience: 'company' } }, other)).body.errors).toBeUndefined();
  });

  it('answers 429 with Retry-After when uploading too fast', async () => {
    const { accessToken } = await app.login('demo.freelancer');
    const upload = async () => {
      const form = new FormData();
      form.append('file', new Blob(['hallo']), 'a.txt');
      return fetch(`${app.url}/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${accessToken}` } });
    };
    expect((await upload()).status).toBe(201);
    expect((await upload()).status).toBe(201);
    const limited = await upload();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
