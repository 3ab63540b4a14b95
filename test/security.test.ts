import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { buildSchema, getNamedType, isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, type GraphQLInputType } from 'graphql';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { bootApp, DEMO_PASSWORD, type TestApp } from './support/app.js';

/** Known-hostile inputs: XSS, SQL injection, LDAP injection, control and odd Unicode. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '<svg/onload=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  "'; DROP TABLE people; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(5); --',
  '\\x00\\x1b[31m',
  '%00%27%22',
  '*)(uid=*',
  '*)(|(objectClass=*))',
  '\\',
  '‮gnp.exe',
  '𝕳𝖊𝖑𝖑𝖔 🤖 ﷽',
  'a'.repeat(5000),
  '',
  '   ',
  '\u0000',
  '${7*7}',
  '../../../../etc/passwd',
  '<iframe src="https://evil.example"></iframe>',
  'SELECT * FROM sessions',
  '#iphone @demo.employee https://example.com/?q=<b>',
];

describe('hostile input never breaks the server or gets stored as markup', () => {
  let app: TestApp;
  let token: string;
  let db: pg.Client;
  beforeAll(async () => {
    app = await bootApp({ POST_RATE_LIMIT_PER_MINUTE: '100000' });
    token = (await app.login('demo.employee')).accessToken;
    db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  const QUERIES: [string, (s: string) => Record<string, unknown>][] = [
    ['mutation($input: PostMessageInput!) { postMessage(input: $input) { id text } }', (s) => ({ input: { text: s, audience: 'company' } })],
    ['mutation($input: PostMessageInput!) { postMessage(input: $input) { id } }', (s) => ({ input: { text: 'x', audience: s } })],
    ['mutation($input: UpdateProfileInput!) { updateMyProfile(input: $input) { id } }', (s) => ({ input: { headline: s, about: s, skills: [s] } })],
    ['query($q: String) { searchPeople(query: $q, first: 5) { totalCount } }', (s) => ({ q: s })],
    ['query($q: String!) { searchMessages(query: $q, first: 5) { edges { cursor } } }', (s) => ({ q: s })],
    ['query($t: String!) { hashtagFeed(tag: $t, first: 5) { edges { cursor } } }', (s) => ({ t: s })],
    ['query($id: ID!) { person(id: $id) { id } }', (s) => ({ id: s })],
    ['query($after: String) { companyFeed(first: 5, after: $after) { edges { cursor } } }', (s) => ({ after: s })],
    ['mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }', (s) => ({ input: { name: s, kind: 'OPEN' } })],
  ];

  async function expectNoServerError(query: string, variables: Record<string, unknown>) {
    const res = await app.gql(query, variables, token);
    expect(res.status).toBeLessThan(500);
    for (const e of res.body.errors ?? []) {
      expect(e.extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
      expect(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'RATE_LIMITED']).toContain(e.extensions.code);
    }
    return res;
  }

  it('answers every payload on every text input and search with data or a clear client error', async () => {
    const people = (await db.query('SELECT count(*)::int AS n FROM people')).rows[0].n;
    for (const payload of PAYLOADS) {
      for (const [query, vars] of QUERIES) await expectNoServerError(query, vars(payload));
    }
    // SQL injection did nothing: the tables are all still there and unchanged in size.
    expect((await db.query('SELECT count(*)::int AS n FROM people')).rows[0].n).toBe(people);
    // What was stored is the text as typed, never turned into markup.
    const stored = await db.query(`SELECT body FROM messages WHERE body LIKE '%<script>%'`);
    for (const row of stored.rows) expect(row.body).toContain('<script>alert(1)</script>');
  });

  it('property: random strings on every input never produce a 500 or INTERNAL_SERVER_ERROR', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...QUERIES), fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.constantFrom(...PAYLOADS)), async ([query, vars], s) => {
        await expectNoServerError(query, vars(s));
      }),
      { numRuns: 150 },
    );
  });

  it('property: the login route answers 400, 401 or 429 to random credentials, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom(...PAYLOADS)), fc.oneof(fc.string({ maxLength: 300 }), fc.constant(DEMO_PASSWORD)), async (username, password) => {
        const res = await fetch(`${app.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
        expect([400, 401, 429]).toContain(res.status);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses malformed JSON bodies with 400, not 500', async () => {
    const res = await fetch(`${app.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": ' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('BAD_USER_INPUT');
  });

  it('sends security headers', async () => {
    const res = await fetch(`${app.url}/health/live`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('the web app is served with a strict Content-Security-Policy', () => {
  let app: TestApp;
  // GRAPHQL_PLAYGROUND on (the development default) used to switch the whole policy off.
  beforeAll(async () => {
    app = await bootApp({ GRAPHQL_PLAYGROUND: 'true' });
  });
  afterAll(() => app?.close());

  const policyOf = async (url: string, accept = 'text/html') => {
    const res = await fetch(url, { headers: { accept } });
    const header = res.headers.get('content-security-policy') ?? '';
    return { res, header, directives: new Map(header.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values])) };
  };

  it('sends it on / and on client-side routes: no inline script or style, same-origin everything, never framed', async () => {
    for (const route of ['/', '/profile', '/offline.html']) {
      const { res, directives } = await policyOf(`${app.url}${route}`);
      expect(res.status).toBe(200);
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('script-src-attr')).toEqual(["'none'"]);
      expect(directives.get('style-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('base-uri')).toEqual(["'self'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
      const host = new URL(app.url).host;
      expect(directives.get('connect-src')).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
      // Nothing in the policy opens a hole.
      expect([...directives.values()].flat()).not.toEqual(expect.arrayContaining([expect.stringMatching(/unsafe-|^\*$|^https?:$/)]));
    }
  });

  it('needs no exception: the served pages carry no inline script, style or event handler', async () => {
    for (const route of ['/', '/offline.html']) {
      const html = await (await fetch(`${app.url}${route}`, { headers: { accept: 'text/html' } })).text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html).not.toMatch(/<style[\s>]/i);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/\sstyle\s*=/i);
    }
  });

  it('leaves only the development GraphQL sandbox page without it', async () => {
    expect((await policyOf(`${app.url}/graphql`)).header).toBe('');
    const production = await bootApp({ GRAPHQL_PLAYGROUND: 'false' });
    try {
      expect((await policyOf(`${production.url}/graphql`)).directives.get('default-src')).toEqual(["'self'"]);
      expect((await policyOf(`${production.url}/`)).directives.get('frame-ancestors')).toEqual(["'none'"]);
    } finally {
      await production.close();
    }
  });
});

describe('rate limits on posting and uploads', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({ POST_RATE_LIMIT_PER_MINUTE: '3', UPLOAD_RATE_LIMIT_PER_MINUTE: '2' });
  });
  afterAll(() => app?.close());

  it('limits how fast one person posts, with a clear RATE_LIMITED error and when to retry', async () => {
    const { accessToken } = await app.login('demo.hr');
    const post = (n: number) => app.gql('mutation($input: PostMessageInput!) { postMessage(input: $input) { id } }', { input: { text: `bericht ${n}`, audience: 'company' } }, accessToken);
    for (let i = 0; i < 3; i++) expect((await post(i)).body.errors).toBeUndefined();
    const limited = await post(4);
    expect(limited.status).toBe(429);
    expect(limited.body.errors?.[0].extensions.code).toBe('RATE_LIMITED');
    expect(limited.body.errors?.[0].extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.body.errors?.[0].message).toMatch(/posting too fast/);
    // The refused post was not stored (the limit is counted in the posting statement itself).
    const stored: { n: number }[] = await app.plein.app.get(DataSource).query("SELECT count(*)::int AS n FROM messages WHERE body IN ('bericht 0', 'bericht 4')");
    expect(stored[0].n).toBe(1);
    // Someone else is not affected.
    const other = (await app.login('demo.ceo')).accessToken;
    expect((await app.gql('mutation($input: PostMessageInput!) { postMessage(input: $input) { id } }', { input: { text: 'hallo', audience: 'company' } }, other)).body.errors).toBeUndefined();
  });

  it('answers 429 with Retry-After when uploading too fast', async () => {
    const { accessToken } = await app.login('demo.freelancer');
    const upload = async () => {
      const form = new FormData();
      form.append('file', new Blob(['hallo']), 'a.txt');
      return fetch(`${app.url}/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${accessToken}` } });
    };
    expect((await upload()).status).toBe(201);
    expect((await upload()).status).toBe(201);
    const limited = await upload();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

/**
 * Races: the same mutation several times at once, with identical arguments and with different ones,
 * for every mutation in the schema (arguments built from the schema, ids taken from what exists).
 * Two requests racing to create the same thing must end in one success and CONFLICT, never in
 * INTERNAL_SERVER_ERROR, and no error may carry SQL or a constraint's name.
 */
describe('every mutation fired concurrently', () => {
  let app: TestApp;
  let admin: string;
  let adminId: string;
  let db: pg.Client;
  const SQL_TEXT = /duplicate key|violates|constraint|_pkey|\bSELECT\b|\bINSERT\b|\bUPDATE\b|DELETE FROM|relation "|column "|syntax error at|QueryFailedError|deadlock detected|could not serialize/;
  const CLIENT_CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'RATE_LIMITED'];

  beforeAll(async () => {
    app = await bootApp({ POST_RATE_LIMIT_PER_MINUTE: '100000' });
    const login = await app.login('demo.admin');
    admin = login.accessToken;
    adminId = login.person.id;
    db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  function expectClientErrorsOnly(label: string, responses: { status: number; body: { errors?: { message: string; extensions: Record<string, unknown> }[] } }[]) {
    for (const res of responses) {
      for (const e of res.body.errors ?? []) {
        const shown = `${label}: ${JSON.stringify(e)}`;
        expect([shown, e.extensions.code]).toEqual([shown, expect.not.stringMatching(/^INTERNAL_SERVER_ERROR$/)]);
        expect([shown, CLIENT_CODES.includes(String(e.extensions.code))]).toEqual([shown, true]);
        expect([shown, SQL_TEXT.test(JSON.stringify(e))]).toEqual([shown, false]);
      }
      expect([label, res.status < 500]).toEqual([label, true]);
    }
  }

  it('parallel createBarrierSegment and createInformationBarrier: different names all succeed, duplicates are CONFLICT', async () => {
    const departments = (await db.query(`SELECT id::text AS id FROM departments ORDER BY code LIMIT 6`)).rows.map((r) => r.id as string);
    const seg = (name: string, departmentId: string) =>
      app.gql(`mutation($n: String!, $d: ID!) { createBarrierSegment(input: { name: $n, kind: DEPARTMENT, departmentId: $d }) { id } }`, { n: name, d: departmentId }, admin);
    // Six different names at once: every one is created (the department refresh used to collide on its primary key).
    const six = await Promise.all(departments.map((d, i) => seg(`Parallel segment ${i}`, d)));
    expectClientErrorsOnly('six segments', six);
    expect(six.map((r) => r.body.errors ?? null)).toEqual(six.map(() => null));
    const ids = six.map((r) => r.body.data.createBarrierSegment.id as string);
    // The resolved department table matches the segments exactly (no segment lost its rows).
    const resolved = await db.query(`SELECT count(DISTINCT segment_id)::int AS n FROM barrier_segment_departments WHERE segment_id = ANY($1::uuid[])`, [ids]);
    expect(resolved.rows[0].n).toBe(6);

    // The same name four times: one is created, the rest are CONFLICT.
    const same = await Promise.all([0, 1, 2, 3].map(() => seg('Dubbel segment', departments[0])));
    expectClientErrorsOnly('same segment name', same);
    expect(same.filter((r) => !r.body.errors).length).toBe(1);
    expect(same.filter((r) => r.body.errors).map((r) => r.body.errors![0].extensions.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);

    // The same pair four times: one barrier, three CONFLICT.
    const pair = await Promise.all(
      [0, 1, 2, 3].map(() =>
        app.gql(`mutation($a: ID!, $b: ID!) { createInformationBarrier(input: { segmentAId: $a, segmentBId: $b, direction: TWO_WAY }) { barrier { id } } }`, { a: ids[0], b: ids[1] }, admin),
      ),
    );
    expectClientErrorsOnly('same barrier pair', pair);
    expect(pair.filter((r) => !r.body.errors).length).toBe(1);
    expect(pair.filter((r) => r.body.errors).map((r) => r.body.errors![0].extensions.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
  });

  it('each mutation, four identical and four different calls at once: no INTERNAL_SERVER_ERROR, no SQL in any error', async () => {
    const schema = buildSchema(readFileSync(path.join(import.meta.dirname, '..', 'schema.gql'), 'utf8'));
    const pools: Record<string, string> = {
      person: `SELECT id::text AS id FROM people WHERE id <> '${adminId}' AND active AND plein_barrier_can_interact(id, '${adminId}') ORDER BY employee_number NULLS LAST, id LIMIT 8`,
      group: `SELECT id::text AS id FROM groups WHERE deleted_at IS NULL AND archived_at IS NULL ORDER BY created_at DESC LIMIT 8`,
      message: `SELECT id::text AS id FROM messages WHERE deleted_at IS NULL ORDER BY created_at DESC LIMIT 8`,
      blogPost: `SELECT id::text AS id FROM blog_posts ORDER BY created_at DESC LIMIT 8`,
      blogComment: `SELECT id::text AS id FROM blog_comments ORDER BY created_at DESC LIMIT 8`,
      blog: `SELECT b.id::text AS id FROM blogs b LEFT JOIN groups g ON g.id = b.group_id WHERE g.deleted_at IS NULL ORDER BY b.kind = 'company' DESC, b.created_at DESC LIMIT 8`,
      department: `SELECT id::text AS id FROM departments ORDER BY code LIMIT 8`,
      segment: `SELECT id::text AS id FROM barrier_segments ORDER BY created_at LIMIT 8`,
      barrier: `SELECT id::text AS id FROM barriers ORDER BY created_at LIMIT 8`,
      field: `SELECT id::text AS id FROM profile_fields ORDER BY created_at LIMIT 8`,
      vacancy: `SELECT id::text AS id FROM vacancies ORDER BY created_at DESC LIMIT 8`,
      vacancySearch: `SELECT id::text AS id FROM vacancy_searches ORDER BY created_at DESC LIMIT 8`,
      notice: `SELECT id::text AS id FROM notices ORDER BY created_at DESC LIMIT 8`,
      action: `SELECT id::text AS id FROM moderation_actions ORDER BY created_at DESC LIMIT 8`,
      appeal: `SELECT id::text AS id FROM moderation_appeals ORDER BY created_at DESC LIMIT 8`,
      notification: `SELECT id::text AS id FROM notifications ORDER BY created_at DESC LIMIT 8`,
      upload: `SELECT id::text AS id FROM uploads ORDER BY created_at DESC LIMIT 8`,
      scimToken: `SELECT id::text AS id FROM scim_tokens ORDER BY created_at DESC LIMIT 8`,
    };
    const ID_BY_ARG: Record<string, string> = {
      personId: 'person', personIds: 'person', authorIds: 'person', colleagueId: 'person', contactId: 'person',
      groupId: 'group', messageId: 'message', quotedMessageId: 'message', replyToId: 'message', itemId: 'message',
      postId: 'blogPost', parentId: 'blogComment', blogId: 'blog', departmentId: 'department', departmentIds: 'department',
      segmentAId: 'segment', segmentBId: 'segment', vacancyId: 'vacancy', noticeId: 'notice', actionId: 'action',
      appealId: 'appeal', ids: 'notification', uploadId: 'upload', uploadIds: 'upload',
    };
    // `id` by the mutation's subject, most specific first.
    const ID_BY_MUTATION: [RegExp, string][] = [
      [/BlogComment/, 'blogComment'], [/BlogPost/, 'blogPost'], [/VacancySearch/, 'vacancySearch'], [/Vacancy/, 'vacancy'],
      [/BarrierSegment/, 'segment'], [/InformationBarrier/, 'barrier'], [/ProfileField/, 'field'], [/ScimToken/, 'scimToken'],
      [/Group/, 'group'], [/Message/, 'message'],
    ];
    // Optional inputs left out: each would make most calls a BAD_USER_INPUT for a combination, not a race.
    const SKIPPED_OPTIONAL = new Set(['replyToId', 'quotedMessageId', 'uploadId', 'coverUploadId', 'avatarUploadId', 'photosUploadId', 'mappingJson', 'parentId', 'value', 'images', 'bodyHtml', 'options', 'publishAt', 'departmentIds']);
    const PREFERRED_ENUM = ['MESSAGE', 'DEPARTMENT', 'OPEN', 'TWO_WAY', 'TEXT'];

    // Creating first, destroying last, so later mutations find things to act on.
    const TIERS = [
      /^(create(?!BlogPost)|postMessage$|postVacancy$|publishNotice$|startHrImport$|saveVacancySearch$)/,
      /^(post|publish|save|report|invite|join|comment|reshare|follow|like|subscribe|express|refer|grant|mark)/,
      /^(?!(delete|revoke|archive|remove|unpublish|close|leave|un|withdraw|reject|transfer))/,
      /^(?!(deleteGroup|archiveGroup|deleteMessage)$)/,
      /./,
    ];
    const rank = (name: string) => TIERS.findIndex((re) => re.test(name));
    const mutations = Object.values(schema.getMutationType()!.getFields()).sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
    expect(mutations.length).toBeGreaterThan(80);

    const succeeded: string[] = [];
    for (const mutation of mutations) {
      const ids: Record<string, string[]> = {};
      for (const [kind, sql] of Object.entries(pools)) ids[kind] = (await db.query(sql)).rows.map((r) => r.id);
      const idFor = (arg: string, call: number): string => {
        const kind = arg === 'id' ? ID_BY_MUTATION.find(([re]) => re.test(mutation.name))?.[1] : ID_BY_ARG[arg];
        const pool = kind ? ids[kind] : [];
        if (!pool?.length) return randomUUID();
        if (arg === 'segmentBId') return pool[(call + 1) % pool.length];
        return pool[call % pool.length];
      };
      const stringFor = (arg: string, tag: string): string => {
        if (arg === 'audience') return 'company';
        if (arg === 'closesOn') return '2027-06-30';
        if (/On$/.test(arg)) return '2024-05';
        if (/At$|^from$|^until$/.test(arg)) return new Date(Date.now() + (arg === 'startsAt' || arg === 'from' ? 0 : 86_400_000)).toISOString();
        if (arg === 'url') return 'https://example.com/race';
        if (arg === 'key') return `race_${mutation.name.toLowerCase().slice(0, 20)}_${tag}`;
        if (arg === 'tags') return `race_${tag}`;
        if (arg === 'value') return `race.${tag}@example.com`;
        return `Race ${mutation.name} ${tag}`;
      };
      const valueOf = (type: GraphQLInputType, arg: string, call: number, tag: string): unknown => {
        if (isNonNullType(type)) return valueOf(type.ofType, arg, call, tag);
        if (isListType(type)) return [valueOf(type.ofType, arg, call, tag)];
        if (isInputObjectType(type)) {
          const out: Record<string, unknown> = {};
          for (const field of Object.values(type.getFields())) {
            if (!isNonNullType(field.type) && SKIPPED_OPTIONAL.has(field.name)) continue;
            out[field.name] = valueOf(field.type, field.name, call, tag);
          }
          return out;
        }
        if (isEnumType(type)) {
          const values = type.getValues().map((v) => v.name);
          return values.find((v) => PREFERRED_ENUM.includes(v)) ?? values[0];
        }
        const scalar = getNamedType(type).name;
        if (scalar === 'ID') return idFor(arg, call);
        if (scalar === 'Int' || scalar === 'Float') return 3;
        if (scalar === 'Boolean') return true;
        return stringFor(arg, tag);
      };
      const args = mutation.args.filter((a) => isNonNullType(a.type) || !SKIPPED_OPTIONAL.has(a.name));
      const definitions = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const returned = getNamedType(mutation.type);
      const selection = isLeafType(returned) ? '' : '{ __typename }';
      const query = `mutation${definitions ? `(${definitions})` : ''} { ${mutation.name}${args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''} ${selection} }`;
      const variables = (call: number, tag: string) => Object.fromEntries(args.map((a) => [a.name, valueOf(a.type, a.name, call, tag)]));

      const identical = await Promise.all([0, 1, 2, 3].map(() => app.gql(query, variables(0, 'same'), admin)));
      expectClientErrorsOnly(`${mutation.name} ×4 identical`, identical);
      const different = await Promise.all([0, 1, 2, 3].map((i) => app.gql(query, variables(i, `n${i}`), admin)));
      expectClientErrorsOnly(`${mutation.name} ×4 different`, different);
      if ([...identical, ...different].some((r) => r.body.data?.[mutation.name] != null)) succeeded.push(mutation.name);
    }
    // The arguments are real enough that most mutations do their work, so the races are real.
    expect(succeeded.length).toBeGreaterThan(mutations.length / 2);
  });
});
