/**
 * Login against a real OpenLDAP (slapd) loaded with seed/demo.ldif, the way production talks to
 * its directory: service-account bind, escaped search, user bind. .ci/slapd.sh starts slapd:
 *
 *   bash .ci/slapd.sh /tmp/slapd.env && source /tmp/slapd.env
 *   PLEIN_SLAPD_URL=$PLEIN_SLAPD_URL npm run test:ldap-slapd
 *   kill "$SLAPD_PID"; rm -rf "$SLAPD_DIR"
 *
 * jest.config.js leaves test/slapd/ out unless PLEIN_SLAPD_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { bootApp, DEMO_PASSWORD, type TestApp } from '../support/app.js';

const SLAPD_URL = process.env.PLEIN_SLAPD_URL;
if (!SLAPD_URL) {
  throw new Error('PLEIN_SLAPD_URL is not set: start OpenLDAP with `bash .ci/slapd.sh /tmp/slapd.env && source /tmp/slapd.env` first');
}

const SERVICE_ACCOUNT = {
  LDAP_URL: SLAPD_URL,
  LDAP_BIND_DN: 'cn=admin,dc=plein,dc=local',
  LDAP_BIND_CREDENTIALS: 'plein-ldap-admin',
  LDAP_SEARCH_BASE: 'ou=people,dc=plein,dc=local',
};

async function login(url: string, username: string, password: string) {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function peopleWithUid(databaseUrl: string, uid: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM people WHERE uid = $1', [uid]);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

describe(`login against OpenLDAP at ${SLAPD_URL}`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp(SERVICE_ACCOUNT);
  });
  afterAll(() => app?.close());

  it('uses slapd, not the embedded directory', async () => {
    expect(app.plein.embeddedLdap).toBeUndefined();
    expect(app.plein.config.ldap.url).toBe(SLAPD_URL);
    const res = await fetch(`${app.url}/health/ready`);
    const body = (await res.json()) as { checks: Record<string, { ok: boolean }> };
    expect(res.status).toBe(200);
    expect(body.checks.ldap.ok).toBe(true);
  });

  it('logs in demo.employee with the demo password and knows who that is', async () => {
    const res = await login(app.url, 'demo.employee', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect(typeof res.body.accessToken).toBe('string');
    expect(res.body.person).toMatchObject({ uid: 'demo.employee', displayName: 'Jan van der Berg' });
    const me = await app.gql<{ me: { displayName: string } }>('{ me { displayName } }', undefined, res.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body.errors).toBeUndefined();
    expect(me.body.data?.me.displayName).toBe('Jan van der Berg');
  });

  it('logs in a person whose name slapd returns base64-encoded (non-ASCII)', async () => {
    const res = await login(app.url, 'demo.moderator', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.person.displayName).toBe('Aïsha El Amrani');
  });

  it('answers 401 for a wrong password and for an unknown user, with the same message', async () => {
    const wrong = await login(app.url, 'demo.employee', 'not-the-password');
    const unknown = await login(app.url, 'nobody.here', DEMO_PASSWORD);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Invalid username or password.' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it.each(['*)(uid=*', '*', 'demo.employee)(|(uid=*', '*)(objectClass=*'])(
    'escapes filter characters: %s with a valid password logs nobody in',
    async (username) => {
      const res = await login(app.url, username, DEMO_PASSWORD);
      expect(res.status).toBe(401);
      expect(res.body.accessToken).toBeUndefined();
    },
  );

  it('creates demo.newcomer (in LDAP, not yet in Plein) from the directory on first login', async () => {
    expect(await peopleWithUid(app.databaseUrl, 'demo.newcomer')).toBe(0);
    const res = await login(app.url, 'demo.newcomer', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.person).toMatchObject({ uid: 'demo.newcomer', displayName: 'Noah van Dam', employmentType: 'employee' });
    expect(await peopleWithUid(app.databaseUrl, 'demo.newcomer')).toBe(1);
    const me = await app.gql('{ me { uid givenName familyNamePrefix familyName jobTitle location employmentType } }', undefined, res.body.accessToken);
    expect(me.body.errors).toBeUndefined();
    expect(me.body.data.me).toEqual({
      uid: 'demo.newcomer',
      givenName: 'Noah',
      familyNamePrefix: 'van',
      familyName: 'Dam',
      jobTitle: 'Trainee',
      location: 'Zwolle',
      employmentType: 'EMPLOYEE',
    });
    // A second login finds the same person instead of creating another.
    const again = await login(app.url, 'demo.newcomer', DEMO_PASSWORD);
    expect(again.status).toBe(200);
    expect(again.body.person.id).toBe(res.body.person.id);
    expect(await peopleWithUid(app.databaseUrl, 'demo.newcomer')).toBe(1);
  });
});

describe('a wrong service-account password on the same slapd', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({ ...SERVICE_ACCOUNT, LDAP_BIND_CREDENTIALS: 'not-the-admin-password' });
  });
  afterAll(() => app?.close());

  it('logs nobody in, and readiness reports the directory as failing while Postgres is fine', async () => {
    const res = await login(app.url, 'demo.employee', DEMO_PASSWORD);
    expect(res.status).not.toBe(200);
    expect(res.body.accessToken).toBeUndefined();
    const ready = await fetch(`${app.url}/health/ready`);
    const body = (await ready.json()) as { checks: Record<string, { ok: boolean }> };
    expect(ready.status).toBe(503);
    expect(body.checks.ldap.ok).toBe(false);
    expect(body.checks.postgres.ok).toBe(true);
  });
});
