import { initGraphQLTada } from 'gql.tada';
import type { introspection } from '../graphql-env.js';

/**
 * Typed GraphQL documents (gql.tada): `graphql(\`query …\`)` infers the result and variable types
 * from schema.gql through the generated `graphql-env.d.ts`, so a schema change that breaks an
 * operation fails `npm run typecheck`. No hand-written response interfaces: use `ResultOf<typeof Q>`.
 * Masking is off: a fragment's fields are plainly part of the result.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; ID: string };
  disableMasking: true;
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
