import { stringify } from 'csv-stringify/sync';

/** A cell as the exports hand it over: dates become ISO text, objects JSON, null and undefined empty. */
export type CsvValue = string | number | boolean | Date | null | undefined | object;

/**
 * CSV for spreadsheets (RFC 4180 through csv-stringify), the one writer every export uses. A text
 * cell that starts with = + - @ (or a tab or carriage return) is prefixed with an apostrophe, so
 * Excel or LibreOffice never runs a name such as `=HYPERLINK(...)` as a formula (OWASP's CSV
 * injection advice). Numbers are written as numbers and never prefixed.
 */
export function toCsv(rows: CsvValue[][], options: { quoteAll?: boolean; lineEnd?: '\n' | '\r\n' } = {}): string {
  return stringify(rows.map((row) => row.map(cellText)), { quoted: options.quoteAll ?? false, quoted_empty: options.quoteAll ?? false, record_delimiter: options.lineEnd === '\r\n' ? 'windows' : 'unix', eof: true });
}

function cellText(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Math.round(v * 10000) / 10000) : '';
  if (typeof v === 'boolean') return String(v);
  const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : v;
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
