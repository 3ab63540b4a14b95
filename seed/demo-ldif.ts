import { createHash } from 'node:crypto';
import { DEMO_PASSWORD, DEMO_PEOPLE, type DemoPerson } from './demo-org.js';

export const LDAP_SUFFIX = 'dc=plein,dc=local';
export const LDAP_PEOPLE_BASE = `ou=people,${LDAP_SUFFIX}`;

/** {SSHA} as OpenLDAP stores it: base64(sha1(password + salt) + salt). Salt fixed per uid for a stable file. */
export function sshaHash(password: string, salt: Buffer): string {
  const digest = createHash('sha1').update(password).update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

export function ldapAttributesOf(p: DemoPerson): Record<string, string | string[]> {
  const sn = [p.familyNamePrefix, p.familyName].filter(Boolean).join(' ');
  const attrs: Record<string, string | string[]> = {
    objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
    uid: p.uid,
    cn: [p.givenName, sn].join(' '),
    givenName: p.givenName,
    sn,
    mail: p.email,
    employeeNumber: p.employeeNumber,
    employeeType: p.employmentType,
    departmentNumber: p.departmentCode,
    title: p.jobTitle,
    l: p.location,
    ...(p.managerUid ? { manager: `uid=${p.managerUid},${LDAP_PEOPLE_BASE}` } : {}),
    userPassword: sshaHash(DEMO_PASSWORD, createHash('sha1').update(p.uid).digest().subarray(0, 4)),
  };
  return attrs;
}

/** LDIF value: base64 (`attr:: …`) when not plain ASCII, as RFC 2849 requires. */
function line(attr: string, value: string): string {
  const safe = /^[\x20-\x7e]*$/.test(value) && !/^[ :<]/.test(value) && !/ $/.test(value);
  return safe ? `${attr}: ${value}` : `${attr}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}

export function demoLdif(): string {
  const out: string[] = [
    `dn: ${LDAP_SUFFIX}`,
    'objectClass: top',
    'objectClass: dcObject',
    'objectClass: organization',
    'o: Plein demo',
    'dc: plein',
    '',
    `dn: ${LDAP_PEOPLE_BASE}`,
    'objectClass: top',
    'objectClass: organizationalUnit',
    'ou: people',
    '',
  ];
  for (const p of DEMO_PEOPLE) {
    out.push(`dn: uid=${p.uid},${LDAP_PEOPLE_BASE}`);
    for (const [attr, value] of Object.entries(ldapAttributesOf(p))) {
      for (const v of Array.isArray(value) ? value : [value]) out.push(line(attr, v));
    }
    out.push('');
  }
  return out.join('\n');
}
