import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { bootApp, DEMO_PASSWORD, type TestApp } from './support/app.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface ScimResponse {
  status: number;
  headers: Headers;
  body: any;
}

const CREATE_TOKEN = `mutation($name: String!) { createScimToken(name: $name) { secret token { id name hint createdById revokedAt } } }`;

describe('SCIM 2.0 provisioning at /scim/v2', () => {
  let app: TestApp;
  let db: pg.Client;
  let adminToken: string;
  let secret: string;

  async function scim(method: string, path: string, body?: unknown, options: { token?: string | null; contentType?: string; headers?: Record<string, string> } = {}): Promise<ScimResponse> {
    const token = options.token === undefined ? secret : options.token;
    const res = await fetch(`${app.url}/scim/v2${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': options.contentType ?? 'application/scim+json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  }

  function expectScimError(res: ScimResponse, status: number, scimType?: string): void {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: String(status) });
    if (scimType) expect(res.body.scimType).toBe(scimType);
    expect(typeof res.body.detail).toBe('string');
  }

  let seq = 0;
  function newUser(overrides: Record<string, unknown> = {}) {
    seq++;
    return {
      schemas: [USER, ENTERPRISE],
      userName: `scim.user${seq}@corp.example`,
      externalId: `ext-${seq}-${Date.now()}`,
      name: { givenName: 'Femke', familyName: 'van der Linden' },
      emails: [{ value: `femke.${seq}@corp.example`, type: 'work', primary: true }],
      title: 'Network engineer',
      userType: 'Employee',
      active: true,
      phoneNumbers: [{ value: '+31 6 1234 5678', type: 'work' }],
      addresses: [{ type: 'work', locality: 'Den Haag', primary: true }],
      [ENTERPRISE]: { employeeNumber: `E-SCIM-${seq}-${Date.now()}` },
      ...overrides,
    };
  }

  async function idOf(userName: string): Promise<string> {
    const res = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(res.body.totalResults).toBe(1);
    return res.body.Resources[0].id;
  }

  beforeAll(async () => {
    app = await bootApp();
    db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    adminToken = (await app.login('demo.admin')).accessToken;
    const created = await app.gql(CREATE_TOKEN, { name: 'Entra ID provisioning' }, adminToken);
    expect(created.body.errors).toBeUndefined();
    secret = created.body.data.createScimToken.secret;
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  describe('tokens', () => {
    it('lets an admin create a token whose secret is shown once and stored only as a SHA-256', async () => {
      const res = await app.gql(CREATE_TOKEN, { name: '  Okta  ' }, adminToken);
      const { secret: s, token } = res.body.data.createScimToken;
      expect(s).toMatch(/^plein_scim_[\w-]{43}$/);
      expect(token).toMatchObject({ name: 'Okta', hint: s.slice(-4), revokedAt: null });
      const rows = await db.query('SELECT token_hash FROM scim_tokens WHERE id = $1', [token.id]);
      const { createHash } = await import('node:crypto');
      expect(rows.rows[0].token_hash).toBe(createHash('sha256').update(s).digest('hex'));
      const list = await app.gql(`{ scimTokens { id name hint } }`, {}, adminToken);
      expect(list.body.data.scimTokens.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['Okta', 'Entra ID provisioning']));
      expect(JSON.stringify(list.body)).not.toContain(s);
    });

    it('refuses token management to anyone but an admin', async () => {
      const hr = (await app.login('demo.hr')).accessToken;
      const create = await app.gql(CREATE_TOKEN, { name: 'Sneaky' }, hr);
      expect(create.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const list = await app.gql(`{ scimTokens { id } }`, {}, hr);
      expect(list.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const blank = await app.gql(CREATE_TOKEN, { name: '   ' }, adminToken);
      expect(blank.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    });

    it('answers 401 in SCIM format without a token, with a wrong one, with a login token and with a revoked one', async () => {
      expectScimError(await scim('GET', '/Users', undefined, { token: null }), 401);
      expectScimError(await scim('GET', '/Users', undefined, { token: 'plein_scim_wrong' }), 401);
      expectScimError(await scim('GET', '/Users', undefined, { token: adminToken }), 401);
      const made = await app.gql(CREATE_TOKEN, { name: 'Short-lived' }, adminToken);
      const { secret: s, token } = made.body.data.createScimToken;
      expect((await scim('GET', '/Users?count=1', undefined, { token: s })).status).toBe(200);
      const revoked = await app.gql(`mutation($id: ID!) { revokeScimToken(id: $id) { id revokedAt } }`, { id: token.id }, adminToken);
      expect(revoked.body.data.revokeScimToken.revokedAt).not.toBeNull();
      const res = await scim('GET', '/Users', undefined, { token: s });
      expectScimError(res, 401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });
  });

  describe('discovery', () => {
    it('serves ServiceProviderConfig, Schemas and ResourceTypes', async () => {
      const spc = await scim('GET', '/ServiceProviderConfig');
      expect(spc.status).toBe(200);
      expect(spc.headers.get('content-type')).toMatch(/^application\/scim\+json/);
      expect(spc.body).toMatchObject({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
        bulk: { supported: false },
        filter: { supported: true, maxResults: 200 },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: true },
        authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
      });

      const schemas = await scim('GET', '/Schemas');
      expect(schemas.body).toMatchObject({ schemas: [LIST], totalResults: 2 });
      expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual([USER, ENTERPRISE]);
      const user = schemas.body.Resources[0];
      expect(user.attributes.find((a: { name: string }) => a.name === 'userName')).toMatchObject({ required: true, uniqueness: 'server', type: 'string' });
      expect((await scim('GET', `/Schemas/${ENTERPRISE}`)).body.attributes.map((a: { name: string }) => a.name)).toEqual(['employeeNumber', 'department', 'manager']);

      const types = await scim('GET', '/ResourceTypes');
      expect(types.body.Resources).toEqual([
        expect.objectContaining({ id: 'User', endpoint: '/Users', schema: USER, schemaExtensions: [{ schema: ENTERPRISE, required: false }] }),
      ]);
      expect((await scim('GET', '/ResourceTypes/User')).body.name).toBe('User');
      expectScimError(await scim('GET', '/ResourceTypes/Group'), 404);
      expectScimError(await scim('GET', '/Groups'), 404);
    });
  });

  describe('the User lifecycle', () => {
    it('creates, reads, finds, replaces, patches and deactivates a person', async () => {
      const body = newUser();
      const created = await scim('POST', '/Users', body);
      expect(created.status).toBe(201);
      expect(created.headers.get('content-type')).toMatch(/^application\/scim\+json/);
      const id = created.body.id;
      expect(created.headers.get('location')).toBe(`${app.url}/scim/v2/Users/${id}`);
      expect(created.headers.get('etag')).toBe(created.body.meta.version);
      expect(created.body).toMatchObject({
        schemas: [USER, ENTERPRISE],
        externalId: body.externalId,
        userName: body.userName,
        name: { givenName: 'Femke', familyName: 'van der Linden', formatted: 'Femke van der Linden' },
        displayName: 'Femke van der Linden',
        title: 'Network engineer',
        userType: 'employee',
        active: true,
        emails: [{ value: body.emails[0].value, type: 'work', primary: true }],
        phoneNumbers: [{ value: '+31 6 1234 5678', type: 'work', primary: true }],
        addresses: [{ type: 'work', locality: 'Den Haag', primary: true }],
        [ENTERPRISE]: { employeeNumber: body[ENTERPRISE].employeeNumber },
        meta: { resourceType: 'User', location: `${app.url}/scim/v2/Users/${id}` },
      });
      expect(created.body.meta.version).toMatch(/^W\/"\d+"$/);
      expect(Date.parse(created.body.meta.created)).not.toBeNaN();
      const row = (await db.query('SELECT uid, given_name, family_name_prefix, family_name, employment_type, location, active FROM people WHERE id = $1', [id])).rows[0];
      expect(row).toEqual({ uid: body.userName, given_name: 'Femke', family_name_prefix: 'van der', family_name: 'Linden', employment_type: 'employee', location: 'Den Haag', active: true });

      const got = await scim('GET', `/Users/${id}`);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(created.body);

      for (const filter of [`userName eq "${body.userName.toUpperCase()}"`, `externalId eq "${body.externalId}"`, `emails.value eq "${body.emails[0].value}"`, `userName eq "${body.userName}" and active eq true`]) {
        const found = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`);
        expect(found.status).toBe(200);
        expect(found.body).toMatchObject({ schemas: [LIST], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
        expect(found.body.Resources[0].id).toBe(id);
      }
      const none = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "nobody.at.all"')}`);
      expect(none.body).toMatchObject({ totalResults: 0, itemsPerPage: 0, Resources: [] });

      // PUT replaces: what is left out is cleared.
      const replaced = await scim('PUT', `/Users/${id}`, {
        schemas: [USER],
        userName: body.userName,
        externalId: body.externalId,
        name: { givenName: 'Femke', familyName: "van 't Hof" },
        emails: [{ value: 'femke.vanthof@corp.example', primary: true }],
        userType: 'contractor',
      }, { contentType: 'application/json' });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ name: { familyName: "van 't Hof" }, displayName: "Femke van 't Hof", userType: 'contractor', emails: [{ value: 'femke.vanthof@corp.example' }], [ENTERPRISE]: {} });
      expect(replaced.body.title).toBeUndefined();
      expect(replaced.body.phoneNumbers).toBeUndefined();
      expect(replaced.body.meta.version).not.toBe(created.body.meta.version);

      const renamed = await scim('PATCH', `/Users/${id}`, {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'replace', path: 'name.givenName', value: 'Fem' },
          { op: 'add', path: 'title', value: 'Architect' },
          { op: 'replace', path: 'emails[type eq "work"].value', value: 'fem.vanthof@corp.example' },
        ],
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: { givenName: 'Fem', familyName: "van 't Hof" }, title: 'Architect' });
      expect(renamed.body.emails[0].value).toBe('fem.vanthof@corp.example');

      const off = await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
      expect(off.body.active).toBe(false);
      expect((await db.query('SELECT deactivated_at FROM people WHERE id = $1', [id])).rows[0].deactivated_at).not.toBeNull();
      const on = await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] });
      expect(on.body.active).toBe(true);
      expect((await db.query('SELECT deactivated_at FROM people WHERE id = $1', [id])).rows[0].deactivated_at).toBeNull();

      const deleted = await scim('DELETE', `/Users/${id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.body).toBeNull();
      const after = await scim('GET', `/Users/${id}`);
      expect(after.status).toBe(200);
      expect(after.body.active).toBe(false);
      expect((await db.query('SELECT count(*)::int AS n FROM people WHERE id = $1', [id])).rows[0].n).toBe(1);
    });

    it('patches the enterprise extension: department by code or name (created when unknown), manager by id', async () => {
      const manager = await idOf('demo.ceo');
      const created = await scim('POST', '/Users', newUser());
      const id = created.body.id;
      const dept = (await db.query('SELECT code, name FROM departments ORDER BY code LIMIT 1')).rows[0];

      const byCode = await scim('PATCH', `/Users/${id}`, {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'add', path: `${ENTERPRISE}:department`, value: dept.code.toLowerCase() },
          { op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: manager } },
        ],
      });
      expect(byCode.status).toBe(200);
      expect(byCode.body[ENTERPRISE]).toMatchObject({ department: dept.name, manager: { value: manager, displayName: 'Marjolein van Houten', $ref: `${app.url}/scim/v2/Users/${manager}` } });

      // Entra ID's shapes: the manager as a bare id, attribute paths as keys of a path-less value.
      const entra = await scim('PATCH', `/Users/${id}`, {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: `${ENTERPRISE}:manager`, value: await idOf('demo.hr') },
          { op: 'Replace', value: { [`${ENTERPRISE}:department`]: 'Quantum Research', 'name.familyName': 'de Vries' } },
        ],
      });
      expect(entra.status).toBe(200);
      expect(entra.body[ENTERPRISE].department).toBe('Quantum Research');
      expect(entra.body[ENTERPRISE].manager.displayName).toBe('Hendrik de Ruijter');
      expect(entra.body.name.familyName).toBe('de Vries');
      const newDept = (await db.query(`SELECT code FROM departments WHERE name = 'Quantum Research'`)).rows;
      expect(newDept).toEqual([{ code: 'QUANTUM-RESEARCH' }]);

      const removed = await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `${ENTERPRISE}:manager` }] });
      expect(removed.body[ENTERPRISE].manager).toBeUndefined();
      expect((await db.query('SELECT manager_id FROM people WHERE id = $1', [id])).rows[0].manager_id).toBeNull();

      expectScimError(await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: id } }] }), 400, 'invalidValue');
      expectScimError(await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: '00000000-0000-4000-8000-000000000000' } }] }), 400, 'invalidValue');

      // No loops in the org chart: a report of this person cannot become their manager.
      const report = await scim('POST', '/Users', newUser({ [ENTERPRISE]: { manager: { value: id } } }));
      expect(report.body[ENTERPRISE].manager.value).toBe(id);
      const loop = await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: `${ENTERPRISE}:manager.value`, value: report.body.id }] });
      expectScimError(loop, 400, 'invalidValue');
      expect(loop.body.detail).toMatch(/loop/);
    });

    it('deactivating through SCIM locks the person out of login', async () => {
      expect((await app.login('demo.contractor')).accessToken).toBeTruthy();
      const id = await idOf('demo.contractor');
      const res = await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
      expect(res.status).toBe(200);
      const login = await fetch(`${app.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo.contractor', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(403);
    });

    it('pages through everyone in three pages without gaps or repeats', async () => {
      const total = (await scim('GET', '/Users?count=0')).body;
      expect(total).toMatchObject({ itemsPerPage: 0, Resources: [] });
      const n = total.totalResults as number;
      expect(n).toBeGreaterThan(60);
      const size = Math.ceil(n / 3);
      const seen: string[] = [];
      for (let page = 0; page < 3; page++) {
        const startIndex = 1 + page * size;
        const res = await scim('GET', `/Users?startIndex=${startIndex}&count=${size}`);
        expect(res.body).toMatchObject({ totalResults: n, startIndex, itemsPerPage: Math.min(size, n - page * size) });
        seen.push(...res.body.Resources.map((r: { id: string }) => r.id));
      }
      expect(seen).toHaveLength(n);
      expect(new Set(seen).size).toBe(n);
      expect((await scim('GET', `/Users?startIndex=${n + 1}`)).body).toMatchObject({ totalResults: n, itemsPerPage: 0, Resources: [] });
      expect((await scim('GET', '/Users?count=5000')).body.itemsPerPage).toBe(Math.min(200, n));
    });
  });

  describe('errors', () => {
    it('answers 409 uniqueness for a taken userName, email, employeeNumber or externalId', async () => {
      const first = newUser();
      expect((await scim('POST', '/Users', first)).status).toBe(201);
      expectScimError(await scim('POST', '/Users', newUser({ userName: first.userName.toUpperCase() })), 409, 'uniqueness');
      expectScimError(await scim('POST', '/Users', newUser({ emails: first.emails })), 409, 'uniqueness');
      expectScimError(await scim('POST', '/Users', newUser({ externalId: first.externalId })), 409, 'uniqueness');
      expectScimError(await scim('POST', '/Users', newUser({ userName: 'demo.employee' })), 409, 'uniqueness');
    });

    it.each([
      'title eq "Architect"',
      'userName co "demo"',
      'userName eq "a" or userName eq "b"',
      'emails[type eq "work"]',
      'userName eq demo.employee',
      'active eq "yes"',
      'userName eq "unterminated',
      '',
    ])('refuses the filter %j with 400 invalidFilter', async (filter) => {
      expectScimError(await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`), 400, 'invalidFilter');
    });

    it('refuses invalid values and syntax with 400, unknown ids with 404, stale versions with 412', async () => {
      expectScimError(await scim('POST', '/Users', newUser({ userType: 'intern' })), 400, 'invalidValue');
      expectScimError(await scim('POST', '/Users', newUser({ emails: [{ value: 'not-an-email' }] })), 400, 'invalidValue');
      expectScimError(await scim('POST', '/Users', newUser({ name: { givenName: 'X' } })), 400, 'invalidValue');
      expectScimError(await scim('POST', '/Users', newUser({ active: 'maybe' })), 400, 'invalidValue');
      expectScimError(await scim('POST', '/Users', newUser({ schemas: ['urn:example:Widget'] })), 400, 'invalidSyntax');
      // Malformed JSON fails in the body parser, before the SCIM controller: the status is right,
      // the body is still Plein's REST shape (see the README's SCIM section).
      expect((await scim('POST', '/Users', '{"userName": ')).status).toBe(400);
      expectScimError(await scim('POST', '/Users', 'userName=x', { contentType: 'text/plain' }), 400, 'invalidSyntax');
      expectScimError(await scim('GET', '/Users?startIndex=abc'), 400, 'invalidValue');

      expectScimError(await scim('GET', '/Users/00000000-0000-4000-8000-000000000000'), 404);
      expectScimError(await scim('GET', '/Users/not-a-uuid'), 404);
      expectScimError(await scim('PUT', '/Users/00000000-0000-4000-8000-000000000000', newUser()), 404);
      expectScimError(await scim('DELETE', '/Users/00000000-0000-4000-8000-000000000000'), 404);

      const { body: user } = await scim('POST', '/Users', newUser());
      const patch = (ops: unknown) => scim('PATCH', `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: ops });
      expectScimError(await patch([]), 400, 'invalidSyntax');
      expectScimError(await patch([{ op: 'move', path: 'title', value: 'x' }]), 400, 'invalidSyntax');
      expectScimError(await patch([{ op: 'remove' }]), 400, 'noTarget');
      expectScimError(await patch([{ op: 'replace', path: 'emails[type zz "work"].value', value: 'x' }]), 400, 'invalidPath');
      expectScimError(await patch([{ op: 'remove', path: 'emails' }]), 400, 'invalidValue');
      expectScimError(await patch([{ op: 'replace', path: 'userType', value: 'boss' }]), 400, 'invalidValue');

      const stale = await scim('PUT', `/Users/${user.id}`, { ...newUser(), userName: user.userName }, { headers: { 'if-match': 'W/"1"' } });
      expectScimError(stale, 412);
      const fresh = await scim('PATCH', `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'title', value: 'x' }] }, { headers: { 'if-match': user.meta.version } });
      expect(fresh.status).toBe(200);
    });

    it('refuses an oversized body with 413 and malformed JSON with invalidSyntax, in SCIM format', async () => {
      const huge = newUser({ title: 'x'.repeat(1_100_000) });
      expectScimError(await scim('POST', '/Users', huge), 413);
      expectScimError(await scim('POST', '/Users', '{"userName": ', { contentType: 'application/scim+json' }), 400, 'invalidSyntax');
      expect((await scim('GET', `/Users/${'x'.repeat(10)}`)).status).toBe(404);
    });
  });
});
