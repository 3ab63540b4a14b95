import { pipeline, Readable } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { badInput } from '@plein/core';
import { HR_FIELDS, resolveColumns, type HrField, type HrMapping } from './hr-mapping.js';

/** One data row as read: trimmed text per field present in the file (absent columns are undefined). */
export interface RawHrRow {
  /** Physical line where the row starts; the header is line 1. */
  line: number;
  values: Partial<Record<HrField, string>>;
  /** Custom profile fields filled by HR that the file has a column for: key → trimmed text. */
  custom?: Record<string, string>;
  /** Set when the row cannot be read as a row (wrong number of fields). */
  error?: string;
}

const HEAD_BYTES = 64 * 1024;
const LINE_BREAKS = /\r\n|\n|\r/g;
const LEADING_BREAKS = /^(?:\r\n|\n|\r)+/;

/** `;` (Dutch Excel), `,` or a tab: whichever the header line uses most. */
export function detectDelimiter(head: string): string {
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  const candidates: [string, number][] = [
    [',', count(',')],
    [';', count(';')],
    ['\t', count('\t')],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0][1] > 0 ? candidates[0][0] : ',';
}

function countBreaks(s: string): number {
  LINE_BREAKS.lastIndex = 0;
  let n = 0;
  while (LINE_BREAKS.exec(s)) n++;
  return n;
}

/** Reads enough of the start to see the whole header line, then hands the rest through unchanged. */
async function* withHead(source: AsyncIterable<Buffer | string>, onHead: (head: string) => void): AsyncGenerator<Buffer> {
  const buffered: Buffer[] = [];
  let size = 0;
  let headSeen = false;
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (headSeen) {
      yield buf;
      continue;
    }
    buffered.push(buf);
    size += buf.length;
    if (buf.includes(10) || buf.includes(13) || size >= HEAD_BYTES) {
      headSeen = true;
      onHead(Buffer.concat(buffered).toString('utf8', 0, Math.min(size, HEAD_BYTES)));
      for (const b of buffered) yield b;
      buffered.length = 0;
    }
  }
  if (!headSeen) {
    onHead(Buffer.concat(buffered).toString('utf8'));
    for (const b of buffered) yield b;
  }
}

function toIterable(input: Buffer | AsyncIterable<Buffer | string>): AsyncIterable<Buffer | string> {
  return Buffer.isBuffer(input) ? Readable.from([input]) : input;
}

/**
 * Streams an HR export (UTF-8, optional BOM, `,` `;` or tab separated, quoted fields may span
 * lines) and yields one RawHrRow per data row with the line it starts on. Throws BAD_USER_INPUT
 * for a file that cannot be read as CSV at all or lacks required columns.
 */
export async function* readHrRows(input: Buffer | AsyncIterable<Buffer | string>, mapping: HrMapping | null, customKeys: readonly string[] = []): AsyncGenerator<RawHrRow> {
  let delimiter = ',';
  const feed = withHead(toIterable(input), (head) => (delimiter = detectDelimiter(head)));
  // The delimiter is known only after the first chunk: start the parser lazily on it.
  const first = await feed.next();
  if (first.done) throw badInput('The file is empty.', { field: 'file' });
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  const source = Readable.from(
    (async function* () {
      yield first.value;
      yield* feed;
    })(),
  );
  pipeline(source, parser, () => undefined);

  let header: string[] | null = null;
  let columns: Partial<Record<HrField, number>> & { custom: Record<string, number> } = { custom: {} };
  let width = 0;
  let line = 1; // where the next record starts
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: Info; raw: string }>) {
      const leading = LEADING_BREAKS.exec(item.raw)?.[0] ?? '';
      const start = line + countBreaks(leading);
      line += countBreaks(item.raw);
      if (!header) {
        header = item.record.map((h) => h.trim());
        columns = resolveColumns(header, mapping, customKeys);
        width = header.length;
        continue;
      }
      const record = item.record;
      // A trailing all-empty row of separators (Excel does this) is not a row.
      if (record.every((v) => v.trim() === '')) continue;
      if (record.length !== width) {
        yield { line: start, values: {}, error: `The row has ${record.length} fields; the header has ${width}.` };
        continue;
      }
      const values: Partial<Record<HrField, string>> = {};
      for (const field of HR_FIELDS) {
        const i = columns[field];
        if (i === undefined) continue;
        let v = record[i].trim();
        const table = mapping?.values[field];
        if (table && v) v = table[v.toLowerCase()] ?? v;
        values[field] = v;
      }
      const custom: Record<string, string> = {};
      for (const [key, i] of Object.entries(columns.custom)) {
        let v = record[i].trim();
        const table = mapping?.values[key];
        if (table && v) v = table[v.toLowerCase()] ?? v;
        custom[key] = v;
      }
      yield { line: start, values, custom };
    }
  } catch (err) {
    if (err instanceof Error && 'code' in err && typeof (err as { code: unknown }).code === 'string' && String((err as { code: string }).code).startsWith('CSV_')) {
      throw badInput(`The file is not valid CSV near line ${line}: ${err.message}`, { field: 'file', line });
    }
    throw err;
  }
  if (!header) throw badInput('The file is empty.', { field: 'file' });
}
