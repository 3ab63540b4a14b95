import { invalidFilter, SCIM_ENTERPRISE_SCHEMA, SCIM_USER_SCHEMA } from './scim.errors.js';

/** The attributes a User list can be filtered on. */
export type ScimFilterAttribute = 'id' | 'userName' | 'externalId' | 'emails.value' | 'active' | 'employeeNumber';

export interface ScimFilterTerm {
  attribute: ScimFilterAttribute;
  value: string | boolean;
}

const ATTRIBUTES: Record<string, ScimFilterAttribute> = {
  id: 'id',
  username: 'userName',
  externalid: 'externalId',
  'emails.value': 'emails.value',
  emails: 'emails.value',
  active: 'active',
  [`${SCIM_ENTERPRISE_SCHEMA}:employeenumber`.toLowerCase()]: 'employeeNumber',
};

const MAX_FILTER_LENGTH = 1000;
const MAX_TERMS = 10;

type Token = { kind: 'word'; text: string } | { kind: 'string'; text: string };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      // A JSON string literal, escapes included (RFC 7644 §3.4.2.2 takes values as JSON).
      let j = i + 1;
      while (j < filter.length && filter[j] !== '"') j += filter[j] === '\\' ? 2 : 1;
      if (j >= filter.length) throw invalidFilter('The filter has a string without its closing quote.');
      try {
        tokens.push({ kind: 'string', text: JSON.parse(filter.slice(i, j + 1)) as string });
      } catch {
        throw invalidFilter('The filter has a string that is not valid JSON.');
      }
      i = j + 1;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      throw invalidFilter('Grouping and value filters are not supported; use "attribute eq value" joined by "and".');
    } else {
      let j = i;
      while (j < filter.length && !/[\s"()[\]]/.test(filter[j])) j++;
      tokens.push({ kind: 'word', text: filter.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

function attributeOf(path: string): ScimFilterAttribute {
  let name = path.toLowerCase();
  const corePrefix = `${SCIM_USER_SCHEMA}:`.toLowerCase();
  if (name.startsWith(corePrefix)) name = name.slice(corePrefix.length);
  const attribute = ATTRIBUTES[name];
  if (!attribute) {
    throw invalidFilter(`Filtering on "${path}" is not supported. Filter on userName, externalId, emails.value, active, id or the enterprise employeeNumber.`);
  }
  return attribute;
}

/**
 * Parses the subset of SCIM filters that provisioning clients send: `attribute eq value`, joined by
 * `and` (Entra ID and Okta look people up by userName or externalId before creating them). Anything
 * else is refused with `invalidFilter` rather than half-understood.
 */
export function parseScimFilter(filter: string): ScimFilterTerm[] {
  if (filter.length > MAX_FILTER_LENGTH) throw invalidFilter(`The filter is longer than ${MAX_FILTER_LENGTH} characters.`);
  const tokens = tokenize(filter);
  if (tokens.length === 0) throw invalidFilter('The filter is empty.');
  const terms: ScimFilterTerm[] = [];
  let i = 0;
  for (;;) {
    const [path, op, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (!path || path.kind !== 'word' || !op || op.kind !== 'word' || !value) {
      throw invalidFilter('The filter must look like: userName eq "jan.vanderberg".');
    }
    if (op.text.toLowerCase() !== 'eq') {
      throw invalidFilter(`The operator "${op.text}" is not supported; only "eq" is.`);
    }
    const attribute = attributeOf(path.text);
    if (attribute === 'active') {
      const v = value.kind === 'word' ? value.text.toLowerCase() : '';
      if (v !== 'true' && v !== 'false') throw invalidFilter('"active" compares to true or false.');
      terms.push({ attribute, value: v === 'true' });
    } else {
      if (value.kind !== 'string') throw invalidFilter(`"${path.text}" compares to a quoted string.`);
      terms.push({ attribute, value: value.text });
    }
    if (terms.length > MAX_TERMS) throw invalidFilter(`A filter may combine at most ${MAX_TERMS} comparisons.`);
    i += 3;
    if (i === tokens.length) return terms;
    const joiner = tokens[i];
    if (joiner.kind !== 'word' || joiner.text.toLowerCase() !== 'and') {
      throw invalidFilter(`Only "and" may join comparisons; found "${joiner.text}".`);
    }
    i++;
  }
}
