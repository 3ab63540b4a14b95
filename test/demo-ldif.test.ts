/**
 * seed/demo.ldif is what OpenLDAP loads (docker-compose, .ci/slapd.sh); seed/demo-ldif.ts is what
 * the embedded directory and the database seed use. This test keeps the two identical.
 *
 * To regenerate seed/demo.ldif after changing seed/demo-org.ts or seed/demo-ldif.ts:
 *
 *   PLEIN_WRITE_LDIF=1 node --experimental-vm-modules node_modules/jest/bin/jest.js --runInBand test/demo-ldif.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD, DEMO_PEOPLE } from '../seed/demo-org.js';
import { demoLdif, LDAP_PEOPLE_BASE, LDAP_SUFFIX, sshaHash } from '../seed/demo-ldif.js';

const FILE = path.resolve(import.meta.dirname, '..', 'seed', 'demo.ldif');

if (process.env.PLEIN_WRITE_LDIF === '1') writeFileSync(FILE, demoLdif(), 'utf8');

/** Unfolds an LDIF text into entries of [attribute, decoded value] pairs. */
function parseLdif(text: string): { dn: string; attrs: [string, string][] }[] {
  const lines = text.replace(/\n /g, '').split('\n');
  const entries: { dn: string; attrs: [string, string][] }[] = [];
  let current: [string, string][] = [];
  const flush = () => {
    if (current.length === 0) return;
    const [first, ...rest] = current;
    if (first[0] !== 'dn') throw new Error(`entry does not start with dn: ${first[0]}`);
    entries.push({ dn: first[1], attrs: rest });
    current = [];
  };
  for (const l of lines) {
    if (l === '') {
      flush();
      continue;
    }
    const m = /^([A-Za-z][A-Za-z0-9-]*)(::?) ?(.*)$/.exec(l);
    if (!m) throw new Error(`not an LDIF line: ${l}`);
    current.push([m[1], m[2] === '::' ? Buffer.from(m[3], 'base64').toString('utf8') : m[3]]);
  }
  flush();
  return entries;
}

describe('seed/demo.ldif', () => {
  const text = readFileSync(FILE, 'utf8');

  it('is exactly what demoLdif() produces (regenerate with PLEIN_WRITE_LDIF=1)', () => {
    expect(text).toBe(demoLdif());
  });

  it('holds the suffix, the people branch and every demo person', () => {
    const entries = parseLdif(text);
    const dns = entries.map((e) => e.dn);
    expect(dns[0]).toBe(LDAP_SUFFIX);
    expect(dns[1]).toBe(LDAP_PEOPLE_BASE);
    expect(dns.slice(2)).toEqual(DEMO_PEOPLE.map((p) => `uid=${p.uid},${LDAP_PEOPLE_BASE}`));
    expect(new Set(dns).size).toBe(dns.length);
  });

  it('carries decodable UTF-8 names and a password hash OpenLDAP accepts for the demo password', () => {
    const entries = parseLdif(text);
    const employee = entries.find((e) => e.dn === `uid=demo.employee,${LDAP_PEOPLE_BASE}`)!;
    const get = (name: string) => employee.attrs.filter(([a]) => a === name).map(([, v]) => v);
    expect(get('cn')).toEqual(['Jan van der Berg']);
    expect(get('employeeType')).toEqual(['employee']);
    const hash = get('userPassword')[0];
    expect(hash.startsWith('{SSHA}')).toBe(true);
    const raw = Buffer.from(hash.slice('{SSHA}'.length), 'base64');
    expect(sshaHash(DEMO_PASSWORD, raw.subarray(20))).toBe(hash);
    expect(sshaHash('wrong-password', raw.subarray(20))).not.toBe(hash);

    // Non-ASCII values are base64 in the file and decode back to the original names.
    const moderator = entries.find((e) => e.dn === `uid=demo.moderator,${LDAP_PEOPLE_BASE}`)!;
    expect(moderator.attrs.find(([a]) => a === 'givenName')?.[1]).toBe('Aïsha');
    expect(text).toMatch(/^givenName:: /m);
  });
});
