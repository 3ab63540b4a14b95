import { describe, expect, it } from '@jest/globals';
import { DomainError, ErrorCode } from '../errors/error-codes.js';
import { isUuid } from '../ids/uuid.js';
import { decodeCursor, encodeCursor, pageSize, parseCursor, toConnection } from './connection.js';

describe('cursor pagination', () => {
  it('round-trips a keyset cursor', () => {
    const key = ['2026-11-22T10:00:00.000Z', '0b9c6d1e-0000-4000-8000-000000000000'];
    expect(decodeCursor(encodeCursor(key), 2)).toEqual(key);
  });

  it.each(['', 'not-base64!', encodeCursor(['only-one']), Buffer.from('{"a":1}').toString('base64url'), encodeCursor([{} as never, 1])])(
    'rejects a bad cursor %j as BAD_USER_INPUT',
    (cursor) => {
      let caught: unknown;
      try {
        decodeCursor(cursor, 2);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).code).toBe(ErrorCode.BAD_USER_INPUT);
    },
  );

  const ID = '0b9c6d1e-0000-4000-8000-000000000000';
  const TS = '2026-11-22T10:00:00.000Z';
  const codeOf = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (err) {
      return err instanceof DomainError ? `${err.code}:${String(err.details.messageKey)}` : 'other';
    }
    return undefined;
  };

  it('parses a keyset cursor against its shape', () => {
    expect(parseCursor(encodeCursor([TS, ID]), ['timestamp', 'uuid'])).toEqual([TS, ID]);
    expect(parseCursor(encodeCursor([0.25, TS, ID]), ['number', 'timestamp', 'uuid'])).toEqual([0.25, TS, ID]);
    expect(parseCursor(encodeCursor(['s', 42, 7, ID]), [{ literal: 's' }, 'integer', 'scalar', 'uuid'])).toEqual(['s', '42', '7', ID]);
    expect(parseCursor(encodeCursor(['Jansen', 'Els', ID]), ['string', 'string', 'uuid'])).toEqual(['Jansen', 'Els', ID]);
  });

  it.each([
    [[TS, 'not-an-id'], ['timestamp', 'uuid']],
    [['yesterday-ish', ID], ['timestamp', 'uuid']],
    [[1, ID], ['timestamp', 'uuid']],
    [['0.5', TS, ID], ['number', 'timestamp', 'uuid']],
    [['b', 'x', ID], [{ literal: 's' }, 'scalar', 'uuid']],
    [['s', '4.5', 'x', ID], [{ literal: 's' }, 'integer', 'scalar', 'uuid']],
    [[TS, ID, 'extra'], ['timestamp', 'uuid']],
  ] as const)('rejects key %j for shape %j as BAD_USER_INPUT input.cursor', (key, shape) => {
    expect(codeOf(() => parseCursor(encodeCursor(key), shape))).toBe(`${ErrorCode.BAD_USER_INPUT}:input.cursor`);
  });

  it('knows a uuid', () => {
    expect(isUuid(ID)).toBe(true);
    expect(isUuid(ID.toUpperCase())).toBe(true);
    expect(isUuid(`${ID}x`)).toBe(false);
    expect(isUuid('0b9c6d1e00004000800000000000000')).toBe(false);
    expect(isUuid(undefined)).toBe(false);
    expect(isUuid(42)).toBe(false);
  });

  it('bounds the page size', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(0)).toThrow('"first" must be between 1 and 100.');
    expect(() => pageSize(101)).toThrow(DomainError);
    expect(() => pageSize(2.5)).toThrow(DomainError);
  });

  it('builds a connection from size+1 rows', () => {
    const rows = [1, 2, 3].map((n) => ({ n }));
    const page = toConnection(rows, 2, (r) => [r.n]);
    expect(page.edges.map((e) => e.node.n)).toEqual([1, 2]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(page.pageInfo.endCursor!, 1)).toEqual([2]);
    const last = toConnection(rows.slice(0, 2), 2, (r) => [r.n]);
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(toConnection([], 2, () => []).pageInfo.endCursor).toBeNull();
  });
});
