import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { badInput } from '../errors/error-codes.js';

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
  throw badInput('The cursor is not valid. Start again from the first page.', { field: 'after', messageKey: 'input.cursor' });
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
