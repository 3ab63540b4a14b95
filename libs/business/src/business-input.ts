import { badInput, CONTROL_IN_TEXT, isUuid } from '@plein/core';


// Control characters other than tab and newline never belong in what people type.
const CONTROL = CONTROL_IN_TEXT;

/** Trimmed plain text of `min..max` characters; `null`/empty is allowed only when min is 0. */
export function text(raw: unknown, field: string, what: string, min: number, max: number): string | null {
  if (raw === null || raw === undefined) {
    if (min > 0) throw badInput(`${what} is required.`, { field, messageKey: 'input.required' });
    return null;
  }
  if (typeof raw !== 'string') throw badInput(`${what} must be text.`, { field, messageKey: 'input.notText' });
  const value = raw.normalize('NFC').trim();
  if (!value) {
    if (min > 0) throw badInput(`${what} cannot be empty.`, { field, messageKey: 'input.required' });
    return null;
  }
  if (CONTROL.test(value)) throw badInput(`${what} contains characters that are not allowed.`, { field });
  if ([...value].length > max) throw badInput(`${what} can be at most ${max} characters.`, { field, max, messageKey: 'input.tooLong' });
  return value;
}

export function requiredText(raw: unknown, field: string, what: string, max: number): string {
  return text(raw, field, what, 1, max) as string;
}

/**
 * A list of short labels (services, regions): trimmed, without empties, de-duplicated ignoring case
 * (first spelling kept), each at most `maxLength`, at most `maxItems`.
 */
export function labels(raw: unknown, field: string, what: string, maxItems: number, maxLength: number): string[] {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) throw badInput(`${what} must be a list.`, { field, messageKey: 'input.notText' });
  const seen = new Set<string>();
  const out: string[] = [];
  raw.forEach((item, i) => {
    const value = text(item, `${field}[${i}]`, `Each entry of ${what.toLowerCase()}`, 1, maxLength) as string;
    const key = value.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(value);
  });
  if (out.length > maxItems) throw badInput(`${what} can have at most ${maxItems} entries.`, { field, max: maxItems, messageKey: 'input.tooMany' });
  return out;
}

export function date(raw: unknown, field: string, what: string): Date {
  const value = raw instanceof Date ? raw : typeof raw === 'string' ? new Date(raw) : null;
  if (!value || Number.isNaN(value.getTime())) throw badInput(`${what} must be a date and time.`, { field, messageKey: 'input.invalidDate' });
  return value;
}

export function uuid(raw: unknown, field: string, what: string): string {
  if (!isUuid(raw)) throw badInput(`${what} must be an id.`, { field });
  return raw.toLowerCase();
}

/** Today's date in the Netherlands, YYYY-MM-DD (closing dates are calendar days there). */
export function todayInAmsterdam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

