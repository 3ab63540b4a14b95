// Writes apps/web/src/lib/schema.generated.json: schema.gql as a minified introspection for urql's
// Graphcache (which types exist, their fields and which are lists or non-null), so the normalised
// cache can match fragments and tell a missing field from a null one. Run by `npm run gql:types`
// beside gql.tada's graphql-env.d.ts; both are committed, and the type check regenerates them.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildSchema, introspectionFromSchema } from 'graphql';
import { minifyIntrospectionQuery } from '@urql/introspection';

const root = new URL('..', import.meta.url);
const schema = buildSchema(readFileSync(new URL('schema.gql', root), 'utf8'));
// Graphcache needs objects, interfaces, unions and their fields; inputs, enums, scalars and
// directives only cost bytes in the first screen's bundle.
const minified = minifyIntrospectionQuery(introspectionFromSchema(schema), { includeScalars: false, includeEnums: false, includeInputs: false, includeDirectives: false });
// Field arguments are not read by Graphcache's schema checks beyond a name map: dropped too.
for (const type of minified.__schema.types) for (const field of type.fields ?? []) field.args = [];
writeFileSync(new URL('apps/web/src/lib/schema.generated.json', root), JSON.stringify(minified) + '\n');
