import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { NestFactory } from '@nestjs/core';
import { printSchema, lexicographicSortSchema } from 'graphql';
import { loadConfig, type ResolvedConfig } from '@plein/core';
import { AppModule } from './app.module.js';

/** Nest's metadata keys: a module's own lists, and the mark @Resolver() leaves on a class. */
const MODULE_KEYS = ['imports', 'providers'] as const;
const RESOLVER_TYPE_METADATA = 'graphql:resolver_type';

type ModuleLike = { module?: unknown; imports?: unknown[]; providers?: unknown[] } | ((...args: never[]) => unknown);

/**
 * Every resolver class that makes up the schema: found by walking the api's module tree (the
 * modules a lib registers, their imports, their providers), so a new domain adds its resolvers by
 * being imported in AppModule, and no hand-kept list can drift from what the server serves.
 */
export function resolversOf(root: ModuleLike): (new (...args: never[]) => unknown)[] {
  const seen = new Set<unknown>();
  const found = new Set<new (...args: never[]) => unknown>();
  const visit = (mod: unknown) => {
    if (!mod || seen.has(mod)) return;
    seen.add(mod);
    const dynamic = typeof mod === 'object' ? (mod as { module?: unknown; imports?: unknown[]; providers?: unknown[] }) : null;
    const cls = dynamic ? dynamic.module : mod;
    const lists: { imports: unknown[]; providers: unknown[] } = { imports: [...(dynamic?.imports ?? [])], providers: [...(dynamic?.providers ?? [])] };
    if (typeof cls === 'function') for (const key of MODULE_KEYS) lists[key].push(...((Reflect.getMetadata(key, cls) as unknown[] | undefined) ?? []));
    if (cls !== mod) visit(cls);
    for (const p of lists.providers) {
      const provider = typeof p === 'function' ? p : (p as { useClass?: unknown } | null)?.useClass;
      if (typeof provider === 'function' && Reflect.getMetadataKeys(provider).includes(RESOLVER_TYPE_METADATA)) found.add(provider as new (...args: never[]) => unknown);
    }
    for (const i of lists.imports) visit(i);
  };
  visit(root);
  return [...found];
}

/** The api's resolvers (AppModule's tree, built with this process's configuration). */
export function apiResolvers(): (new (...args: never[]) => unknown)[] {
  const config = loadConfig();
  // Only the module tree is read: nothing connects, so the addresses need not exist.
  const resolved: ResolvedConfig = { ...config, databaseUrl: config.databaseUrl ?? 'postgres://localhost/none', jwtSecret: 'schema', ldap: { ...config.ldap, url: config.ldap.url ?? 'ldap://localhost' } };
  return resolversOf(AppModule.forRoot(resolved));
}

/** Builds the code-first schema without a database or server, and prints it sorted. */
export async function printSchemaOf(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const factory = app.get(GraphQLSchemaFactory);
  const schema = await factory.create(apiResolvers());
  await app.close();
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
