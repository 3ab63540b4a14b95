import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig, type ResolvedConfig } from '@plein/core';
import { DirectoryUnavailableError, InvalidCredentialsError, LdapAuthenticatorService, startEmbeddedLdap, type EmbeddedLdapHandle } from '@plein/identity';
import { demoLdapEntries } from '../apps/api/src/bootstrap.js';
import { LDAP_SUFFIX } from '../seed/demo-ldif.js';
import { freePort } from '@plein/core';

function configFor(url: string): ResolvedConfig {
  const c = loadConfig({ LDAP_TIMEOUT_MS: '1000' });
  return { ...c, databaseUrl: 'postgres://unused', jwtSecret: 'x'.repeat(40), ldap: { ...c.ldap, url } };
}

describe('LdapAuthenticatorService (passport-ldapauth over the LDAP protocol)', () => {
  let ldap: EmbeddedLdapHandle;
  const filters: { text: string; type: string; attribute?: string }[] = [];
  let auth: LdapAuthenticatorService;

  beforeAll(async () => {
    ldap = await startEmbeddedLdap({
      suffix: LDAP_SUFFIX,
      adminDn: 'cn=admin,dc=plein,dc=local',
      adminPassword: 'plein-ldap-admin',
      entries: demoLdapEntries(),
      onSearch: (f) => filters.push(f),
    });
    auth = new LdapAuthenticatorService(configFor(ldap.url));
  });
  afterAll(() => ldap.stop());

  it('returns the directory attributes, in their schema case, for a good password', async () => {
    const user = await auth.authenticate('demo.contractor', 'plein-demo');
    expect(user).toMatchObject({ uid: 'demo.contractor', givenName: 'Priya', sn: 'Ramdin', employeeType: 'contractor', departmentNumber: 'IT', mail: 'demo.contractor@plein.example' });
    expect(user).not.toHaveProperty('userPassword');
  });

  it('rejects a bad password and an unknown user with the same error', async () => {
    await expect(auth.authenticate('demo.contractor', 'nope')).rejects.toBeInstanceOf(InvalidCredentialsError);
    await expect(auth.authenticate('no.such.person', 'plein-demo')).rejects.toBeInstanceOf(InvalidCredentialsError);
  });

  it.each(['*', '*)(uid=*', '\\', 'demo.employee)(|(uid=*', '*)(objectClass=*'])(
    'escapes %s: the directory receives one equality filter on uid, no wildcard, no OR',
    async (username) => {
      filters.length = 0;
      await expect(auth.authenticate(username, 'plein-demo')).rejects.toBeInstanceOf(InvalidCredentialsError);
      expect(filters).toHaveLength(1);
      expect(filters[0].type).toBe('EqualityFilter');
      expect(filters[0].attribute).toBe('uid');
      // Every special character arrives hex-escaped: no bare *, ( or ) inside the value.
      expect(filters[0].text).toMatch(/^\(uid=[^*()]+\)$/);
    },
  );

  it('sees a plain username as a plain equality filter (the observation above is real)', async () => {
    filters.length = 0;
    await auth.authenticate('demo.employee', 'plein-demo');
    expect(filters).toEqual([{ text: '(uid=demo.employee)', type: 'EqualityFilter', attribute: 'uid' }]);
  });

  it('reports an unreachable directory as unavailable, not as a bad password', async () => {
    const closedPort = await freePort();
    const down = new LdapAuthenticatorService(configFor(`ldap://127.0.0.1:${closedPort}`));
    await expect(down.authenticate('demo.employee', 'plein-demo')).rejects.toBeInstanceOf(DirectoryUnavailableError);
  });
});
