import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import pg from 'pg';
import { printSchemaOf } from '../apps/api/src/schema.js';
import { bootApp, type TestApp } from './support/app.js';

describe('GraphQL', () => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await bootApp();
    token = (await app.login('demo.employee')).accessToken;
  });
  afterAll(() => app.close());

  it('answers `me` with the logged-in person: name, employment type, department, manager, roles', async () => {
    const res = await app.gql('{ me { id uid displayName employmentType roles department { code name } manager { displayName } } }', {}, token);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.me).toMatchObject({
      uid: 'demo.employee',
      displayName: 'Jan van der Berg',
      employmentType: 'EMPLOYEE',
      roles: ['MEMBER'],
      department: { code: 'NET', name: 'Netwerkbeheer' },
    });
    expect(res.body.data.me.manager.displayName).toMatch(/\S+ \S+/);
  });

  it('shows a contractor as a contractor', async () => {
    const t = (await app.login('demo.contractor')).accessToken;
    const res = await app.gql('{ me { employmentType } }', {}, t);
    expect(res.body.data).toEqual({ me: { employmentType: 'CONTRACTOR' } });
  });

  it('UNAUTHENTICATED without a token and with a forged one', async () => {
    const none = await app.gql('{ me { id } }');
    expect(none.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = await app.gql('{ me { id } }', {}, token.slice(0, -4) + 'AAAA');
    expect(forged.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(forged.body.data).toBeNull();
  });

  it('NOT_FOUND for a person that does not exist', async () => {
    const res = await app.gql('query($id: ID!) { person(id: $id) { id } }', { id: '00000000-0000-4000-8000-000000000000' }, token);
    expect(res.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(res.body.errors?.[0].message).toBe('No person with this id.');
  });

  it('BAD_USER_INPUT for a syntax error, an unknown field and a wrong variable type', async () => {
    for (const [query, variables] of [
      ['{ me { id ', {}],
      ['{ me { shoeSize } }', {}],
      ['query($id: ID!) { person(id: $id) { id } }', { id: { nested: true } }],
    ] as const) {
      const res = await app.gql(query, variables, token);
      expect(res.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors?.[0].extensions).not.toHaveProperty('stacktrace');
    }
  });

  it('batches relations with DataLoader: one query for all managers of a list', async () => {
    // The person query resolves `manager` and `department` through per-request loaders;
    // asking the same manager twice in one request hits the loader cache.
    const me = await app.gql('{ me { manager { id } } }', {}, token);
    const managerId = me.body.data.me.manager.id;
    const res = await app.gql(
      'query($a: ID!) { a: person(id: $a) { department { name } manager { displayName } } b: person(id: $a) { department { name } } }',
      { a: managerId },
      token,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.a.department).toEqual(res.body.data.b.department);
  });

  it('refuses a query that is too deep before executing it', async () => {
    let q = 'id';
    for (let i = 0; i < 12; i++) q = `manager { ${q} }`;
    const res = await app.gql(`{ me { ${q} } }`, {}, token);
    expect(res.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0].message).toMatch(/depth/i);
    expect(res.body.data).toBeUndefined();
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(' ');
    const res = await app.gql(`{ ${aliases} }`, {}, token);
    expect(res.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0].message).toMatch(/alias/i);
  });

  it('refuses a huge query by its token count, before validating it', async () => {
    const fields = Array.from({ length: 4000 }, () => 'id').join(' ');
    const res = await app.gql(`{ me { ${fields} } }`, {}, token);
    expect(res.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0].message).toMatch(/more that 3000 tokens/i);
  });

  it('refuses a wide query that is too costly to validate with a clear message', async () => {
    const fields = Array.from({ length: 1000 }, () => 'id').join(' ');
    const res = await app.gql(`{ me { ${fields} } }`, {}, token);
    expect(res.body.errors).toEqual([{ message: 'The query is too large to check: ask for fewer fields.', extensions: { code: 'BAD_USER_INPUT', messageKey: 'input.request' } }]);
  });

  it('serves the schema that is committed in schema.gql (run `npm run schema:print` after changing it)', async () => {
    const running = printSchema(lexicographicSortSchema(app.plein.app.get(GraphQLSchemaHost).schema)) + '\n';
    const committed = readFileSync('schema.gql', 'utf8');
    expect(running).toBe(committed);
    expect(await printSchemaOf()).toBe(committed);
  });
});

describe('GraphQL in production mode', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({ NODE_ENV: 'production', COOKIE_SECURE: 'false' });
  });
  afterAll(() => app.close());

  it('hides internal errors: a generic message, INTERNAL_SERVER_ERROR, no stack trace', async () => {
    const { accessToken } = await app.login('demo.employee');
    // Break the people table under the running app: the resolver's query fails inside Postgres.
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    await db.query('ALTER TABLE departments RENAME COLUMN name TO name_broken');
    try {
      const res = await app.gql('{ me { department { name } } }', {}, accessToken);
      const error = res.body.errors?.[0];
      expect(error?.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error?.message).toBe('Something went wrong on our side. Please try again.');
      expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|name_broken|at .*\.js/);
    } finally {
      await db.query('ALTER TABLE departments RENAME COLUMN name_broken TO name');
      await db.end();
    }
  });

  it('turns introspection off', async () => {
    const { accessToken } = await app.login('demo.employee');
    const res = await app.gql('{ __schema { types { name } } }', {}, accessToken);
    expect(res.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0].message).toMatch(/introspection/i);
  });
});
