import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { toCsv } from './csv-writer.js';

describe('toCsv', () => {
  it('writes RFC 4180 that a CSV parser reads back, with quotes, commas and new lines inside cells', () => {
    const csv = toCsv([['name', 'note'], ['Jan, "de" Vries', 'twee\nregels'], ['', 3.14159265]]);
    expect(parse(csv)).toEqual([['name', 'note'], ['Jan, "de" Vries', 'twee\nregels'], ['', '3.1416']]);
  });

  it('never lets a spreadsheet run a cell as a formula, but keeps numbers as numbers', () => {
    const csv = toCsv([['=HYPERLINK("http://x","klik")', '+31 6 1234', '-2+3', '@SUM(A1)', '\tx', -5, 'gewoon']]);
    expect(parse(csv)[0]).toEqual(['\'=HYPERLINK("http://x","klik")', "'+31 6 1234", "'-2+3", "'@SUM(A1)", "'\tx", '-5', 'gewoon']);
  });

  it('writes dates as ISO text, objects as JSON, nothing for null, and quotes everything or uses CRLF when asked', () => {
    const at = new Date('2026-12-07T10:00:00Z');
    expect(toCsv([[at, { a: 1 }, null, undefined]], { quoteAll: true, lineEnd: '\r\n' })).toBe('"2026-12-07T10:00:00.000Z","{""a"":1}","",""\r\n');
    expect(toCsv([['a'], [], ['b']])).toBe('a\n\nb\n');
  });
});
