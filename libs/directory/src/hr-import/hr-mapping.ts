import { badInput } from '@plein/core';

/** The Plein fields of an HR row; also the default export's column names (HR_EXPORT.md). */
export const HR_FIELDS = [
  'employee_number',
  'given_name',
  'family_name_prefix',
  'family_name',
  'preferred_name',
  'email',
  'department_code',
  'department_name',
  'parent_department_code',
  'manager_employee_number',
  'job_title',
  'employment_type',
  'location',
  'phone',
  'start_date',
  'end_date',
  'photo',
] as const;
export type HrField = (typeof HR_FIELDS)[number];

/** Columns the file must have (after mapping): without them no row can be valid. */
export const REQUIRED_FIELDS: readonly HrField[] = ['employee_number', 'given_name', 'family_name', 'email', 'employment_type'];

/**
 * How another HR system's export maps onto Plein's fields. The file is JSON, either flat
 * (`{"employee_number": "Personeelsnummer", ...}`: Plein field → source column) or with value
 * translations as well:
 * `{"columns": {...}, "values": {"employment_type": {"Loondienst": "employee", "Inhuur": "contractor"}}}`.
 * Fields left out fall back to their default column name when the file has it.
 */
export interface HrMapping {
  /** Plein field (or the key of a custom profile field filled by HR) → source column. */
  columns: Partial<Record<HrField, string>> & Record<string, string | undefined>;
  values: Partial<Record<HrField, Record<string, string>>> & Record<string, Record<string, string> | undefined>;
}

const FIELD_SET = new Set<string>(HR_FIELDS);

/** The custom profile field keys a mapping names (anything that is not a Plein field). */
export function customKeysOf(mapping: HrMapping | null): string[] {
  if (!mapping) return [];
  return [...new Set([...Object.keys(mapping.columns), ...Object.keys(mapping.values)])].filter((k) => !FIELD_SET.has(k));
}

/**
 * A mapping may name custom profile fields (by key), but only those HR fills: anything else is
 * refused here, with the fields it could name. `hrFieldKeys`: the keys of the fields filled by HR.
 */
export function checkCustomKeys(mapping: HrMapping | null, hrFieldKeys: readonly string[]): void {
  const unknown = customKeysOf(mapping).filter((k) => !hrFieldKeys.includes(k));
  if (unknown.length) {
    throw badInput(
      `The mapping file names "${unknown[0]}", which is neither a Plein field nor a custom profile field filled by HR. ` +
        `Known fields: ${[...HR_FIELDS, ...hrFieldKeys].join(', ')}.`,
      { field: 'mapping' },
    );
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A Plein field, or the key of a custom profile field filled by HR (`customKeys`). */
function checkField(key: string, where: string, customKeys: readonly string[]): string {
  if (!FIELD_SET.has(key) && !customKeys.includes(key)) {
    throw badInput(`The mapping file names an unknown Plein field "${key}"${where}. Known fields: ${[...HR_FIELDS, ...customKeys].join(', ')}.`, { field: 'mapping' });
  }
  return key;
}

/**
 * Parses and checks a mapping file's text (or already parsed JSON); throws BAD_USER_INPUT with the
 * reason. `customKeys`: the keys of the custom profile fields HR fills, which a mapping may name too.
 */
export function parseHrMapping(input: string | unknown, customKeys: readonly string[] = []): HrMapping {
  let json: unknown = input;
  if (typeof input === 'string') {
    if (input.length > 100_000) throw badInput('The mapping file is too large (100 kB at most).', { field: 'mapping' });
    try {
      json = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw badInput(`The mapping file is not valid JSON: ${(err as Error).message}`, { field: 'mapping' });
    }
  }
  if (!isRecord(json)) throw badInput('The mapping file must be a JSON object: {"plein_field": "Source column", ...}.', { field: 'mapping' });
  const structured = 'columns' in json || 'values' in json;
  const rawColumns = structured ? (json.columns ?? {}) : json;
  const rawValues = structured ? (json.values ?? {}) : {};
  if (structured) {
    for (const key of Object.keys(json)) {
      if (key !== 'columns' && key !== 'values') throw badInput(`The mapping file has an unknown key "${key}": use "columns" and "values".`, { field: 'mapping' });
    }
  }
  if (!isRecord(rawColumns)) throw badInput('"columns" in the mapping file must be an object.', { field: 'mapping' });
  if (!isRecord(rawValues)) throw badInput('"values" in the mapping file must be an object.', { field: 'mapping' });
  const mapping: HrMapping = { columns: {}, values: {} };
  for (const [key, column] of Object.entries(rawColumns)) {
    const field = checkField(key, '', customKeys);
    if (typeof column !== 'string' || !column.trim() || column.length > 200) {
      throw badInput(`The mapping for "${key}" must be a column name (a non-empty string).`, { field: 'mapping' });
    }
    mapping.columns[field] = column.trim();
  }
  for (const [key, table] of Object.entries(rawValues)) {
    const field = checkField(key, ' in "values"', customKeys);
    if (!isRecord(table)) throw badInput(`"values.${key}" in the mapping file must be an object of source value → Plein value.`, { field: 'mapping' });
    const out: Record<string, string> = {};
    for (const [from, to] of Object.entries(table)) {
      if (typeof to !== 'string') throw badInput(`"values.${key}.${from}" in the mapping file must be a string.`, { field: 'mapping' });
      out[from.trim().toLowerCase()] = to;
    }
    mapping.values[field] = out;
  }
  return mapping;
}

/**
 * The column index of every field present in the file; throws when a required one is missing.
 * `customKeys`: custom profile fields filled by HR, read from a column named by the mapping or,
 * without one, named after the field's key; their indexes come back under `custom`.
 */
export function resolveColumns(header: string[], mapping: HrMapping | null, customKeys: readonly string[] = []): Partial<Record<HrField, number>> & { custom: Record<string, number> } {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  const resolved: Partial<Record<HrField, number>> & { custom: Record<string, number> } = { custom: {} };
  for (const key of customKeys) {
    const mapped = mapping?.columns[key];
    const i = index.get((mapped ?? key).toLowerCase());
    if (mapped !== undefined && i === undefined) {
      throw badInput(`The mapping names column "${mapped}" for ${key}, but the file has no such column. Its columns: ${header.join(', ')}.`, { field: 'mapping' });
    }
    if (i !== undefined) resolved.custom[key] = i;
  }
  for (const field of HR_FIELDS) {
    const mapped = mapping?.columns[field];
    if (mapped !== undefined) {
      const i = index.get(mapped.toLowerCase());
      if (i === undefined) {
        throw badInput(`The mapping names column "${mapped}" for ${field}, but the file has no such column. Its columns: ${header.join(', ')}.`, { field: 'mapping' });
      }
      resolved[field] = i;
    } else {
      const i = index.get(field);
      if (i !== undefined) resolved[field] = i;
    }
  }
  const missing = REQUIRED_FIELDS.filter((f) => resolved[f] === undefined);
  if (missing.length) {
    throw badInput(
      `The file lacks required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. Its columns: ${header.join(', ')}.` +
        (mapping ? '' : ' For another export format, give a mapping file.'),
      { field: 'file' },
    );
  }
  return resolved;
}
