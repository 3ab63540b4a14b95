import { invalidPath, invalidSyntax, invalidValue, noTarget, SCIM_ENTERPRISE_SCHEMA, SCIM_USER_SCHEMA } from './scim.errors.js';

/**
 * A SCIM User as a plain JSON object with Plein's canonical attribute casing. Clients may spell
 * attribute names in any case (RFC 7643 §2.1); `canonicalUser` fixes that once, so the patch engine
 * and the mapper compare exact keys.
 */
export type ScimJson = Record<string, unknown>;

const MULTI_VALUED = new Set(['emails', 'phoneNumbers', 'addresses', 'ims', 'photos', 'entitlements', 'roles', 'x509Certificates', 'groups']);
const COMPLEX = new Set(['name', 'manager']);

const CORE_ATTRIBUTES = [
  'schemas', 'id', 'externalId', 'meta', 'userName', 'name', 'displayName', 'nickName', 'profileUrl', 'title', 'userType',
  'preferredLanguage', 'locale', 'timezone', 'active', 'password', 'emails', 'phoneNumbers', 'ims', 'photos', 'addresses',
  'groups', 'entitlements', 'roles', 'x509Certificates', 'location',
];
const SUB_ATTRIBUTES = [
  'givenName', 'familyName', 'middleName', 'formatted', 'honorificPrefix', 'honorificSuffix',
  'value', 'type', 'primary', 'display', '$ref',
  'streetAddress', 'locality', 'region', 'postalCode', 'country',
  'displayName',
];
const ENTERPRISE_ATTRIBUTES = ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'];

function lookup(names: string[]): Map<string, string> {
  return new Map(names.map((n) => [n.toLowerCase(), n]));
}
const CORE = lookup(CORE_ATTRIBUTES);
const SUB = lookup(SUB_ATTRIBUTES);
const ENTERPRISE = lookup(ENTERPRISE_ATTRIBUTES);

function canonical(table: Map<string, string>, name: string): string {
  return table.get(name.toLowerCase()) ?? name;
}

export function isObject(v: unknown): v is ScimJson {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function canonicalSub(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonicalSub);
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [canonical(SUB, k), x]));
}

function canonicalEnterprise(v: unknown): unknown {
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => {
    const key = canonical(ENTERPRISE, k);
    return [key, key === 'manager' ? canonicalSub(x) : x];
  }));
}

/** Copies a User body with canonical attribute names; the enterprise extension under its URN. */
export function canonicalUser(body: ScimJson): ScimJson {
  const out: ScimJson = {};
  for (const [k, v] of Object.entries(body)) {
    if (k.toLowerCase() === SCIM_ENTERPRISE_SCHEMA.toLowerCase()) {
      out[SCIM_ENTERPRISE_SCHEMA] = canonicalEnterprise(v);
      continue;
    }
    const key = canonical(CORE, k);
    out[key] = MULTI_VALUED.has(key) || COMPLEX.has(key) ? canonicalSub(v) : v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// PATCH (RFC 7644 §3.5.2): applied to the current resource, which then goes through the same
// validation and mapping as a PUT. One path for every write keeps the rules in one place.

interface ValueFilter {
  attribute: string;
  value: string | boolean;
}

interface ParsedPath {
  /** The enterprise extension's object instead of the core resource. */
  enterprise: boolean;
  /** Null when the path names the whole extension. */
  attribute: string | null;
  filter?: ValueFilter;
  sub?: string;
}

const PATH_RE = /^([A-Za-z$][\w$-]*)(?:\[(.+)\])?(?:\.([A-Za-z$][\w$-]*))?$/;
const VALUE_FILTER_RE = /^\s*([A-Za-z$][\w$-]*)\s+eq\s+("(?:[^"\\]|\\.)*"|true|false)\s*$/i;

export function parsePatchPath(path: string): ParsedPath {
  let rest = path.trim();
  let enterprise = false;
  const ent = SCIM_ENTERPRISE_SCHEMA.toLowerCase();
  const core = SCIM_USER_SCHEMA.toLowerCase();
  if (rest.toLowerCase() === ent) return { enterprise: true, attribute: null };
  if (rest.toLowerCase().startsWith(ent + ':')) {
    enterprise = true;
    rest = rest.slice(ent.length + 1);
  } else if (rest.toLowerCase().startsWith(core + ':')) {
    rest = rest.slice(core.length + 1);
  }
  const m = PATH_RE.exec(rest);
  if (!m) throw invalidPath(`The path "${path}" is not a valid attribute path.`);
  const attribute = canonical(enterprise ? ENTERPRISE : CORE, m[1]);
  const parsed: ParsedPath = { enterprise, attribute };
  if (m[2] !== undefined) {
    const f = VALUE_FILTER_RE.exec(m[2]);
    if (!f) throw invalidPath(`The value filter in "${path}" is not supported; use [type eq "work"] or [value eq "..."].`);
    const raw = f[2];
    parsed.filter = {
      attribute: canonical(SUB, f[1]),
      value: raw.startsWith('"') ? (JSON.parse(raw) as string) : raw.toLowerCase() === 'true',
    };
  }
  if (m[3] !== undefined) parsed.sub = canonical(SUB, m[3]);
  if (parsed.filter && !MULTI_VALUED.has(attribute)) throw invalidPath(`"${m[1]}" is not multi-valued, so it takes no value filter.`);
  return parsed;
}

function matches(el: unknown, filter: ValueFilter): boolean {
  if (!isObject(el)) return false;
  const v = el[filter.attribute];
  if (typeof filter.value === 'boolean') return v === filter.value || String(v).toLowerCase() === String(filter.value);
  return typeof v === 'string' && v.toLowerCase() === filter.value.toLowerCase();
}

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}

/** Validates the PatchOp body's `Operations` and normalizes `op` (Entra ID sends "Replace"). */
export function patchOperationsOf(body: ScimJson): PatchOperation[] {
  const raw = body.Operations ?? body.operations;
  if (!Array.isArray(raw) || raw.length === 0) throw invalidSyntax('A PATCH body needs a non-empty "Operations" array.');
  if (raw.length > 100) throw invalidValue('A PATCH may carry at most 100 operations.');
  return raw.map((o, i): PatchOperation => {
    if (!isObject(o)) throw invalidSyntax(`Operation ${i + 1} is not an object.`);
    const op = typeof o.op === 'string' ? o.op.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw invalidSyntax(`Operation ${i + 1} has op "${String(o.op)}"; use add, replace or remove.`);
    if (o.path !== undefined && (typeof o.path !== 'string' || o.path.trim() === '')) throw invalidPath(`Operation ${i + 1} has an empty or non-string path.`);
    if (op !== 'remove' && o.value === undefined) throw invalidSyntax(`Operation ${i + 1} (${op}) needs a value.`);
    return { op, path: o.path as string | undefined, value: o.value };
  });
}

function containerOf(doc: ScimJson, enterprise: boolean): ScimJson {
  if (!enterprise) return doc;
  const ext = doc[SCIM_ENTERPRISE_SCHEMA];
  if (isObject(ext)) return ext;
  const created: ScimJson = {};
  doc[SCIM_ENTERPRISE_SCHEMA] = created;
  return created;
}

/** Entra ID sends the manager as a bare id string; SCIM's schema has `{ value }`. */
function complexValue(attribute: string, value: unknown): unknown {
  if (attribute === 'manager' && (typeof value === 'string' || value === null)) return { value };
  return canonicalSub(value);
}

function setAt(doc: ScimJson, path: ParsedPath, value: unknown, op: 'add' | 'replace'): void {
  const container = containerOf(doc, path.enterprise);
  if (path.attribute === null) {
    if (!isObject(value)) throw invalidValue('The enterprise extension takes an object.');
    for (const [k, v] of Object.entries(canonicalEnterprise(value) as ScimJson)) {
      setAt(doc, { enterprise: true, attribute: k }, v, op);
    }
    return;
  }
  const attr = path.attribute;
  if (MULTI_VALUED.has(attr)) {
    const current = Array.isArray(container[attr]) ? (container[attr] as unknown[]) : [];
    if (path.filter) {
      let targets = current.filter((el) => matches(el, path.filter!));
      if (targets.length === 0) {
        // Entra ID and Okta address "the work email" this way even before one exists.
        const created: ScimJson = { [path.filter.attribute]: path.filter.value };
        current.push(created);
        targets = [created];
      }
      for (const el of targets as ScimJson[]) {
        if (path.sub) el[path.sub] = value;
        else if (isObject(value)) Object.assign(el, canonicalSub(value));
        else throw invalidValue(`"${attr}[...]" takes an object; add ".value" to the path to set a single value.`);
      }
      container[attr] = current;
    } else if (path.sub) {
      if (current.length === 0) current.push({});
      for (const el of current) if (isObject(el)) el[path.sub] = value;
      container[attr] = current;
    } else {
      const incoming = (Array.isArray(value) ? value : [value]).map(canonicalSub);
      container[attr] = op === 'add' ? [...current, ...incoming] : incoming;
    }
    return;
  }
  if (COMPLEX.has(attr)) {
    const current = isObject(container[attr]) ? (container[attr] as ScimJson) : {};
    if (path.sub) {
      current[path.sub] = value;
      container[attr] = current;
      return;
    }
    const incoming = complexValue(attr, value);
    if (!isObject(incoming)) throw invalidValue(`"${attr}" takes an object.`);
    // RFC 7644 §3.5.2.3: sub-attributes not in the value stay as they are.
    container[attr] = { ...current, ...incoming };
    return;
  }
  if (path.sub) throw invalidPath(`"${attr}" has no sub-attribute "${path.sub}".`);
  container[attr] = value;
}

function removeAt(doc: ScimJson, path: ParsedPath): void {
  if (path.attribute === null) {
    delete doc[SCIM_ENTERPRISE_SCHEMA];
    return;
  }
  const container = containerOf(doc, path.enterprise);
  const attr = path.attribute;
  const current = container[attr];
  if (path.filter) {
    if (!Array.isArray(current)) return;
    if (path.sub) {
      for (const el of current) if (matches(el, path.filter) && isObject(el)) delete el[path.sub];
    } else {
      container[attr] = current.filter((el) => !matches(el, path.filter!));
    }
    return;
  }
  if (path.sub) {
    if (Array.isArray(current)) {
      for (const el of current) if (isObject(el)) delete el[path.sub];
    } else if (isObject(current)) {
      delete current[path.sub];
    }
    return;
  }
  delete container[attr];
}

/** Applies PATCH operations to a copy of the resource and returns the copy. */
export function applyPatch(resource: ScimJson, operations: PatchOperation[]): ScimJson {
  const doc = structuredClone(resource);
  for (const operation of operations) {
    if (operation.op === 'remove') {
      if (!operation.path) throw noTarget('A remove operation needs a path.');
      removeAt(doc, parsePatchPath(operation.path));
    } else if (operation.path) {
      setAt(doc, parsePatchPath(operation.path), operation.value, operation.op);
    } else {
      // No path: the value is a partial resource. Entra ID also puts paths in its keys
      // ("name.givenName", "urn:...:enterprise:2.0:User:department").
      if (!isObject(operation.value)) throw invalidValue(`An ${operation.op} without a path takes an object value.`);
      for (const [k, v] of Object.entries(operation.value)) {
        setAt(doc, parsePatchPath(k), v, operation.op);
      }
    }
  }
  return doc;
}
