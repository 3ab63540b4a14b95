import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { bootApp, DEMO_PASSWORD, type TestApp } from './support/app.js';

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

describe('POST /auth/login through passport-ldapauth against the embedded directory', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(() => app.close());

  it('logs in a demo user and answers the token, its lifetime, the person and an httpOnly refresh cookie', async () => {
    const res = await post(`${app.url}/auth/login`, { username: 'demo.employee', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(typeof res.body.accessToken).toBe('string');
    expect(res.body.expiresIn).toBe(900);
    expect(res.body.person).toMatchObject({ uid: 'demo.employee', displayName: 'Jan van der Berg', employmentType: 'employee', roles: ['member'] });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^plein_refresh=[0-9a-f-]{36}\.[\w-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/auth');
  });

  it.each(['demo.contractor', 'demo.freelancer', 'demo.hr', 'demo.moderator', 'demo.admin'])('logs in %s with the demo password', async (uid) => {
    const { person } = await app.login(uid);
    expect(person.displayName.length).toBeGreaterThan(3);
  });

  it('gives the community manager and the admin their roles', async () => {
    expect((await app.login('demo.moderator')).person.roles).toEqual(['member', 'community_manager']);
    expect((await app.login('demo.admin')).person.roles).toEqual(['member', 'admin']);
    expect((await app.login('demo.contractor')).person.employmentType).toBe('contractor');
    expect((await app.login('demo.freelancer')).person.employmentType).toBe('freelancer');
  });

  it('accepts the username in any case and with surrounding spaces', async () => {
    const res = await post(`${app.url}/auth/login`, { username: '  Demo.Employee ', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.person.uid).toBe('demo.employee');
  });

  it('answers 401 with the same message for a wrong password and an unknown user', async () => {
    const wrong = await post(`${app.url}/auth/login`, { username: 'demo.employee', password: 'not-the-password' });
    const unknown = await post(`${app.url}/auth/login`, { username: 'nobody.here', password: DEMO_PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Invalid username or password.' });
    expect(unknown.body).toEqual(wrong.body);
  });

  it.each(['*', '*)(uid=*', '\\', 'demo.employee)(|(uid=*', '*)(objectClass=*'])('escapes LDAP filter characters: %s logs nobody in', async (username) => {
    const res = await post(`${app.url}/auth/login`, { username, password: DEMO_PASSWORD });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    [{}, 'username'],
    [{ username: 'demo.employee' }, 'password'],
    [{ username: 'demo.employee', password: '' }, 'password'],
    [{ username: 42, password: 'x' }, 'username'],
    [{ username: 'a'.repeat(129), password: 'x' }, 'username'],
    [{ username: 'demo.employee', password: 'x'.repeat(257) }, 'password'],
  ])('refuses a malformed body %j with 400 naming the field', async (body, field) => {
    const res = await post(`${app.url}/auth/login`, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('BAD_USER_INPUT');
    expect(res.body.field).toBe(field);
  });

  it('creates a person on the first login of someone LDAP knows and Plein does not', async () => {
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      const before = await db.query(`SELECT count(*)::int AS n FROM people WHERE uid = 'demo.newcomer'`);
      expect(before.rows[0].n).toBe(0);
      const { person } = await app.login('demo.newcomer');
      expect(person.displayName).toBe('Noah van Dam');
      const after = await db.query(`SELECT given_name, family_name_prefix, family_name, employment_type, d.code FROM people p JOIN departments d ON d.id = p.department_id WHERE uid = 'demo.newcomer'`);
      expect(after.rows).toEqual([{ given_name: 'Noah', family_name_prefix: 'van', family_name: 'Dam', employment_type: 'employee', code: 'CARE' }]);
      // A second login finds the same person.
      expect((await app.login('demo.newcomer')).person.id).toBe(person.id);
    } finally {
      await db.end();
    }
  });

  it('refuses a deactivated person (a leaver) even though LDAP accepts the password', async () => {
    const { person } = await app.login('demo.freelancer');
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      await db.query('UPDATE people SET active = false WHERE id = $1', [person.id]);
      const res = await post(`${app.url}/auth/login`, { username: 'demo.freelancer', password: DEMO_PASSWORD });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(res.body.message).toMatch(/deactivated/);
    } finally {
      await db.query('UPDATE people SET active = true WHERE id = $1', [person.id]);
      await db.end();
    }
  });

  it('rejects the access token of a person deactivated after login', async () => {
    const { accessToken, person } = await app.login('demo.hr');
    expect((await app.gql('{ me { id } }', {}, accessToken)).body.data).toEqual({ me: { id: person.id } });
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      await db.query('UPDATE people SET active = false WHERE id = $1', [person.id]);
      const res = await app.gql('{ me { id } }', {}, accessToken);
      expect(res.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    } finally {
      await db.query('UPDATE people SET active = true WHERE id = $1', [person.id]);
      await db.end();
    }
  });
});

describe('refresh and logout', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(() => app.close());

  it('rotates the refresh token: the new one works, the old one no longer does', async () => {
    const { refreshCookie, person } = await app.login('demo.employee');
    const first = await post(`${app.url}/auth/refresh`, {}, { cookie: refreshCookie });
    expect(first.status).toBe(200);
    expect(first.body.person.id).toBe(person.id);
    const me = await app.gql('{ me { displayName } }', {}, first.body.accessToken);
    expect(me.body.data).toEqual({ me: { displayName: 'Jan van der Berg' } });
    const rotated = (first.headers.get('set-cookie') ?? '').split(';')[0];
    expect(rotated).not.toBe(refreshCookie);
    const second = await post(`${app.url}/auth/refresh`, {}, { cookie: rotated });
    expect(second.status).toBe(200);
  });

  it('treats reuse of a rotated token as theft and ends the whole session family', async () => {
    const { refreshCookie } = await app.login('demo.employee');
    const first = await post(`${app.url}/auth/refresh`, {}, { cookie: refreshCookie });
    const current = (first.headers.get('set-cookie') ?? '').split(';')[0];
    // Reuse within REFRESH_REUSE_GRACE_SECONDS (30) is a second tab refreshing at once
    // (test/sessions.test.ts); this replay comes after it.
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    await db.query(`UPDATE sessions SET revoked_at = revoked_at - interval '31 seconds' WHERE id = $1`, [refreshCookie.split('=')[1].split('.')[0]]).finally(() => db.end());
    const replay = await post(`${app.url}/auth/refresh`, {}, { cookie: refreshCookie });
    expect(replay.status).toBe(401);
    const afterTheft = await post(`${app.url}/auth/refresh`, {}, { cookie: current });
    expect(afterTheft.status).toBe(401);
    expect(afterTheft.body.code).toBe('UNAUTHENTICATED');
  });

  it('logout revokes the refresh token and clears the cookie', async () => {
    const { refreshCookie } = await app.login('demo.contractor');
    const out = await post(`${app.url}/auth/logout`, {}, { cookie: refreshCookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/plein_refresh=;/);
    const again = await post(`${app.url}/auth/refresh`, {}, { cookie: refreshCookie });
    expect(again.status).toBe(401);
  });

  it.each(['', 'plein_refresh=garbage', 'plein_refresh=00000000-0000-0000-0000-000000000000.aaaaaaaaaaaaaaaaaaaaaaaaaaaaa'])('refuses refresh with cookie %j', async (cookie) => {
    const res = await post(`${app.url}/auth/refresh`, {}, cookie ? { cookie } : {});
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/log in again/);
  });
});

describe('login rate limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({ LOGIN_RATE_LIMIT_PER_IP: '8', LOGIN_RATE_LIMIT_PER_USER: '3', LOGIN_RATE_LIMIT_WINDOW_SECONDS: '120' });
  });
  afterAll(() => app.close());

  it('locks a username after repeated failures with 429 and Retry-After, even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await post(`${app.url}/auth/login`, { username: 'demo.hr', password: 'wrong' })).status).toBe(401);
    }
    const locked = await post(`${app.url}/auth/login`, { username: 'demo.hr', password: DEMO_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('RATE_LIMITED');
    const retry = Number(locked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(120);
    // Another user from the same IP is not locked out by this user's failures.
    expect((await post(`${app.url}/auth/login`, { username: 'demo.admin', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('limits attempts per IP address', async () => {
    let last = 0;
    for (let i = 0; i < 8; i++) last = (await post(`${app.url}/auth/login`, { username: `someone${i}`, password: 'x' })).status;
    expect(last).toBe(429);
    const blocked = await post(`${app.url}/auth/login`, { username: 'demo.employee', password: DEMO_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('when the directory is down', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({ LDAP_TIMEOUT_MS: '1000' });
  });
  afterAll(() => app.close());

  it('answers 503 "directory unavailable" to logins, while issued sessions keep working', async () => {
    const { accessToken, refreshCookie } = await app.login('demo.employee');
    await app.plein.embeddedLdap!.stop();
    const started = Date.now();
    const res = await post(`${app.url}/auth/login`, { username: 'demo.employee', password: DEMO_PASSWORD });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.body.message).toMatch(/directory \(LDAP\) is unavailable/);
    expect(Date.now() - started).toBeLessThan(5000);
    const me = await app.gql('{ me { displayName } }', {}, accessToken);
    expect(me.body.data).toEqual({ me: { displayName: 'Jan van der Berg' } });
    const refreshed = await post(`${app.url}/auth/refresh`, {}, { cookie: refreshCookie });
    expect(refreshed.status).toBe(200);
    const ready = await fetch(`${app.url}/health/ready`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { checks: Record<string, { ok: boolean }> };
    expect(body.checks.postgres.ok).toBe(true);
    expect(body.checks.ldap.ok).toBe(false);
  });
});
