import { describe, expect, it } from '@jest/globals';
import { DomainError, ErrorCode } from '../errors/error-codes.js';
import { decodeCursor, encodeCursor, pageSize, toConnection } from './connection.js';

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
