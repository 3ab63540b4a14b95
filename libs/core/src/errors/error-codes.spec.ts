import { describe, expect, it } from '@jest/globals';
import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { badInput, conflict, formatGraphqlError, forbidden, notFound } from './error-codes.js';

const fmt = (err: unknown, production = true, code?: string) =>
  formatGraphqlError({ message: err instanceof Error ? err.message : 'x', extensions: code ? { code } : {} }, new GraphQLError('wrapped', { originalError: err as Error }), production);

describe('formatGraphqlError: one mapper from anything thrown to a client code', () => {
  it.each([
    [badInput('Too long.', { field: 'body' }), 'BAD_USER_INPUT', 'Too long.'],
    [notFound('No such message.'), 'NOT_FOUND', 'No such message.'],
    [forbidden(), 'FORBIDDEN', 'You are not allowed to do this.'],
    [conflict('Already a member.'), 'CONFLICT', 'Already a member.'],
  ])('keeps a domain error: %s', (err, code, message) => {
    const out = fmt(err);
    expect(out.extensions?.code).toBe(code);
    expect(out.message).toBe(message);
  });

  it('carries the details of a domain error', () => {
    expect(fmt(badInput('Too long.', { field: 'body' })).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'body' });
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(fmt(new ForbiddenException()).extensions?.code).toBe('FORBIDDEN');
    expect(fmt(new NotFoundException('gone')).extensions?.code).toBe('NOT_FOUND');
  });

  it('hides an unexpected error in production and explains it in development', () => {
    const boom = new TypeError('cannot read x of undefined');
    const prod = fmt(boom, true);
    expect(prod).toEqual({ message: 'Something went wrong on our side. Please try again.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    const dev = fmt(boom, false);
    expect(dev.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', debugMessage: 'cannot read x of undefined' });
  });

  it('turns PostgreSQL input errors (a NUL character, a bad uuid) into BAD_USER_INPUT', () => {
    const nul = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { driverError: { code: '22021' } });
    expect(fmt(nul)).toEqual({ message: 'The text contains a character that cannot be stored (for example a NUL character).', extensions: { code: 'BAD_USER_INPUT' } });
    const uuid = Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' });
    expect(fmt(uuid).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('turns a unique violation (a race to create the same thing) into CONFLICT without the constraint text', () => {
    const text = 'duplicate key value violates unique constraint "barrier_segment_departments_pkey"';
    const unique = Object.assign(new Error(text), { driverError: { code: '23505', constraint: 'barrier_segment_departments_pkey' }, query: 'INSERT INTO x' });
    for (const production of [true, false]) {
      const out = fmt(unique, production);
      expect(out.extensions?.code).toBe('CONFLICT');
      expect(JSON.stringify(out)).not.toMatch(/barrier_segment|duplicate key|constraint|INSERT/);
    }
    expect(fmt(Object.assign(new Error(text), { code: '23505' })).extensions?.code).toBe('CONFLICT');
  });

  it('turns parse and validation failures into BAD_USER_INPUT', () => {
    expect(formatGraphqlError({ message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, new GraphQLError('Syntax Error'), true).extensions?.code).toBe('BAD_USER_INPUT');
    expect(formatGraphqlError({ message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, new GraphQLError('x'), true).extensions?.code).toBe('BAD_USER_INPUT');
  });
});
