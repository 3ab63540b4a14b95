import { EmploymentType, splitFamilyName, type DirectoryProfile } from '@plein/directory';
import type { LdapUser } from './ldap-authenticator.service.js';

function first(v: unknown): string | undefined {
  if (Array.isArray(v)) return v.length ? String(v[0]) : undefined;
  return v === undefined || v === null ? undefined : String(v);
}

/** What the directory tells us about a person, for their first login. */
export function profileFromLdap(user: LdapUser, username: string): DirectoryProfile {
  const uid = (first(user.uid) ?? first(user.sAMAccountName) ?? username).toLowerCase();
  const sn = first(user.sn) ?? first(user.cn) ?? uid;
  const { prefix, family } = splitFamilyName(sn);
  const type = (first(user.employeeType) ?? '').toLowerCase();
  const employmentType = (Object.values(EmploymentType) as string[]).includes(type)
    ? (type as EmploymentType)
    : EmploymentType.CONTRACTOR; // least privilege until HR says otherwise
  return {
    uid,
    givenName: first(user.givenName) ?? first(user.cn)?.split(' ')[0] ?? uid,
    familyNamePrefix: prefix,
    familyName: family,
    email: first(user.mail) ?? `${uid}@unknown.invalid`,
    employeeNumber: first(user.employeeNumber) ?? null,
    employmentType,
    departmentCode: first(user.departmentNumber) ?? null,
    jobTitle: first(user.title) ?? null,
    location: first(user.l) ?? null,
    // inetOrgPerson's manager is a DN; its first RDN value names the manager (uid=… or cn=…).
    managerUid: /^\s*(?:uid|cn)=([^,]+)/i.exec(first(user.manager) ?? '')?.[1]?.trim().toLowerCase() ?? null,
  };
}
