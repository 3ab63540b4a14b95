import { isUuid } from '@plein/core';
import type { Department } from '../entities/department.entity.js';
import { splitFamilyName } from '../people/family-name.js';
import { EmploymentType, type Person } from '../entities/person.entity.js';
import { canonicalUser, isObject, type ScimJson } from './scim-user.document.js';
import { invalidSyntax, invalidValue, SCIM_ENTERPRISE_SCHEMA, SCIM_USER_SCHEMA } from './scim.errors.js';

/** What a SCIM User body says about a person, validated. `undefined` = keep what is stored. */
export interface ScimUserInput {
  uid: string;
  givenName: string;
  familyNamePrefix: string | null;
  familyName: string;
  preferredName: string | null;
  email: string;
  jobTitle: string | null;
  employmentType: EmploymentType | undefined;
  active: boolean | undefined;
  phone: string | null;
  location: string | null;
  employeeNumber: string | null;
  department: string | null;
  managerId: string | null;
  externalId: string | null;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;


/** A string attribute: absent or null or blank → null; anything but a string is invalid. */
function text(value: unknown, attribute: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
  if (typeof value !== 'string') throw invalidValue(`"${attribute}" must be a string.`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw invalidValue(`"${attribute}" is longer than ${max} characters.`);
  return trimmed === '' ? null : trimmed;
}

function bool(value: unknown, attribute: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  // Entra ID sends "True"/"False" as strings in PATCH values.
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw invalidValue(`"${attribute}" must be true or false.`);
}

/** The value of the primary entry of a multi-valued attribute, else the work one, else the first. */
function pick(value: unknown, attribute: string): ScimJson | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw invalidValue(`"${attribute}" must be an array.`);
  const entries = value.filter(isObject);
  if (entries.length !== value.length) throw invalidValue(`Every entry of "${attribute}" must be an object.`);
  return (
    entries.find((e) => e.primary === true || e.primary === 'true') ??
    entries.find((e) => typeof e.type === 'string' && e.type.toLowerCase() === 'work') ??
    entries[0] ??
    null
  );
}

/**
 * Validates a full User resource (POST, PUT, or the result of a PATCH) and maps it to Plein's
 * fields. Plein owns `id`, `meta`, `displayName` (derived from the name parts) and roles; they are
 * read-only here.
 */
export function scimToInput(raw: ScimJson): ScimUserInput {
  const doc = canonicalUser(raw);
  const userName = text(doc.userName, 'userName', 128);
  if (!userName) throw invalidValue('"userName" is required.');
  if (/\s/.test(userName)) throw invalidValue('"userName" may not contain spaces.');

  const name = doc.name === undefined || doc.name === null ? {} : doc.name;
  if (!isObject(name)) throw invalidValue('"name" must be an object.');
  let given = text(name.givenName, 'name.givenName', 100);
  let family = text(name.familyName, 'name.familyName', 131);
  if (!given || !family) {
    // Some clients send only displayName ("Jan van der Berg"): the first word is the given name.
    const display = text(doc.displayName, 'displayName', 300);
    const space = display?.indexOf(' ') ?? -1;
    if (display && space > 0) {
      given ??= display.slice(0, space);
      family ??= display.slice(space + 1);
    }
  }
  if (!given || !family) throw invalidValue('"name.givenName" and "name.familyName" are required.');
  const split = splitFamilyName(family);
  if (split.family.length > 100) throw invalidValue('"name.familyName" is longer than 100 characters.');

  const emailEntry = pick(doc.emails, 'emails');
  const email = text(emailEntry?.value, 'emails.value', 254)?.toLowerCase() ?? null;
  if (!email) throw invalidValue('A work email address ("emails") is required.');
  if (!EMAIL_RE.test(email)) throw invalidValue(`"${email}" is not an email address.`);

  let employmentType: EmploymentType | undefined;
  const userType = text(doc.userType, 'userType', 50);
  if (userType) {
    const t = userType.toLowerCase();
    if (!(Object.values(EmploymentType) as string[]).includes(t)) {
      throw invalidValue(`"userType" must be employee, contractor or freelancer, not "${userType}".`);
    }
    employmentType = t as EmploymentType;
  }

  const phoneEntry = pick(doc.phoneNumbers, 'phoneNumbers');
  const addressEntry = pick(doc.addresses, 'addresses');
  const location =
    text(addressEntry?.locality, 'addresses.locality', 200) ??
    text(addressEntry?.formatted, 'addresses.formatted', 200) ??
    text(doc.location, 'location', 200);

  const ext = doc[SCIM_ENTERPRISE_SCHEMA] ?? {};
  if (!isObject(ext)) throw invalidValue(`"${SCIM_ENTERPRISE_SCHEMA}" must be an object.`);
  let managerId: string | null = null;
  if (ext.manager !== undefined && ext.manager !== null) {
    const ref = typeof ext.manager === 'string' ? ext.manager : isObject(ext.manager) ? ext.manager.value : undefined;
    const id = text(ref, 'manager.value', 36);
    if (id && !isUuid(id)) throw invalidValue('"manager.value" must be the id of a Plein user.');
    managerId = id?.toLowerCase() ?? null;
  }

  return {
    uid: userName.toLowerCase(),
    givenName: given,
    familyNamePrefix: split.prefix,
    familyName: split.family,
    preferredName: text(doc.nickName, 'nickName', 100),
    email,
    jobTitle: text(doc.title, 'title', 200),
    employmentType,
    active: bool(doc.active, 'active'),
    phone: text(phoneEntry?.value, 'phoneNumbers.value', 50),
    location,
    employeeNumber: text(ext.employeeNumber, 'employeeNumber', 64),
    department: text(ext.department, 'department', 200),
    managerId,
    externalId: text(doc.externalId, 'externalId', 255),
  };
}

/** A POST or PUT body must be a User resource. */
export function assertUserBody(body: unknown): asserts body is ScimJson {
  if (!isObject(body)) throw invalidSyntax('The body must be a JSON object (a SCIM User resource).');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === SCIM_USER_SCHEMA.toLowerCase())) {
    throw invalidSyntax(`"schemas" must list "${SCIM_USER_SCHEMA}".`);
  }
}

export interface StoredUser {
  person: Person;
  department: Department | null;
  manager: Pick<Person, 'id' | 'displayName'> | null;
  externalId: string | null;
}

/** The weak ETag of a stored person: changes on every write. */
export function versionOf(person: Person): string {
  return `W/"${person.updatedAt.getTime()}"`;
}

export function personToScim(user: StoredUser, baseUrl: string): ScimJson {
  const { person: p, department, manager, externalId } = user;
  const familyName = [p.familyNamePrefix, p.familyName].filter(Boolean).join(' ');
  const enterprise: ScimJson = {};
  if (p.employeeNumber) enterprise.employeeNumber = p.employeeNumber;
  if (department) enterprise.department = department.name;
  if (manager) enterprise.manager = { value: manager.id, $ref: `${baseUrl}/Users/${manager.id}`, displayName: manager.displayName };
  return {
    schemas: [SCIM_USER_SCHEMA, SCIM_ENTERPRISE_SCHEMA],
    id: p.id,
    ...(externalId ? { externalId } : {}),
    userName: p.uid ?? p.email,
    name: { formatted: p.displayName, givenName: p.givenName, familyName },
    displayName: p.displayName,
    ...(p.preferredName ? { nickName: p.preferredName } : {}),
    ...(p.jobTitle ? { title: p.jobTitle } : {}),
    userType: p.employmentType,
    active: p.active,
    emails: [{ value: p.email, type: 'work', primary: true }],
    ...(p.phone ? { phoneNumbers: [{ value: p.phone, type: 'work', primary: true }] } : {}),
    ...(p.location ? { addresses: [{ type: 'work', locality: p.location, primary: true }] } : {}),
    [SCIM_ENTERPRISE_SCHEMA]: enterprise,
    meta: {
      resourceType: 'User',
      created: p.createdAt.toISOString(),
      lastModified: p.updatedAt.toISOString(),
      location: `${baseUrl}/Users/${p.id}`,
      version: versionOf(p),
    },
  };
}
