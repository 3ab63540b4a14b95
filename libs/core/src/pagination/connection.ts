import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { badInput } from '../errors/error-codes.js';
import { isUuid } from '../ids/uuid.js';

/**
 * Relay-style cursor connections over keyset pagination. A cursor is an opaque base64url of the
 * sort key (for example [createdAt, id]); the repository turns it into `WHERE (a, b) < ($1, $2)`,
 * so page 500 costs the same as page 1.
 */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1-100 (default 20).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' })
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const BAD_CURSOR = 'The cursor is not valid. Start again from the first page.';
const badCursor = () => badInput(BAD_CURSOR, { field: 'after', messageKey: 'input.cursor' });

/**
 * What one position of a keyset cursor must hold: `timestamp` a string Date.parse accepts, `uuid`
 * an id, `string` any string, `number` a JSON number (a rank), `integer` digits as a number or a
 * string (a bigint score), `scalar` a string or a number, `{ literal }` exactly that string (a mode tag).
 */
export type CursorPart = 'timestamp' | 'uuid' | 'string' | 'number' | 'integer' | 'scalar' | { literal: string };
type CursorValue<P> = P extends 'number' ? number : string;
export type CursorKey<S extends readonly CursorPart[]> = { -readonly [K in keyof S]: CursorValue<S[K]> };

function partValue(part: CursorPart, v: string | number): string | number | undefined {
  if (typeof part === 'object') return v === part.literal ? v : undefined;
  switch (part) {
    case 'timestamp':
      return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : undefined;
    case 'uuid':
      return isUuid(v) ? v : undefined;
    case 'string':
      return typeof v === 'string' ? v : undefined;
    case 'number':
      return typeof v === 'number' ? v : undefined;
    case 'integer':
      return /^-?\d+$/.test(String(v)) ? String(v) : undefined;
    case 'scalar':
      return String(v);
  }
}

/**
 * The one keyset-cursor parser: decodes `after` and checks each position against `shape`, so a
 * value reaching a `::timestamptz` or `::uuid` cast is well formed. Any mismatch is BAD_USER_INPUT
 * (`field: 'after'`, `messageKey: 'input.cursor'`): the client starts again from the first page.
 */
export function parseCursor<const S extends readonly CursorPart[]>(cursor: string, shape: S): CursorKey<S> {
  const raw = decodeCursor(cursor, shape.length);
  const key = shape.map((part, i) => partValue(part, raw[i]));
  if (key.some((v) => v === undefined)) throw badCursor();
  return key as CursorKey<S>;
}

/** Decodes a cursor into its raw key of `arity` strings and numbers; prefer `parseCursor`. */
export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === arity &&
      parsed.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return parsed as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw badCursor();
}

export function pageSize(first: number | undefined, max = 100, def = 20): number {
  if (first === undefined || first === null) return def;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badInput(`"first" must be between 1 and ${max}.`, { field: 'first', messageKey: 'input.numberRange' });
  }
  return first;
}

/** Builds a connection from rows fetched with LIMIT size+1 (the extra row tells hasNextPage). */
export function toConnection<T>(rows: T[], size: number, keyOf: (row: T) => (string | number)[]): Connection<T> {
  const hasNextPage = rows.length > size;
  const page = hasNextPage ? rows.slice(0, size) : rows;
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
}

/** Declares the GraphQL object type `XConnection` with `edges { cursor node }` and `pageInfo`. */
export function ConnectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionClass as Type<Connection<T>>;
}
