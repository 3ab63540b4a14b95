import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { bootApp, type TestApp } from './support/app.js';

/** Editing groups: fields, images, payroll-only switch, roles, and live events after a reconnect. */
describe('groups: editing and roles', () => {
  let app: TestApp;
  const T: Record<string, string> = {};
  const ID: Record<string, string> = {};

  beforeAll(async () => {
    app = await bootApp();
    for (const uid of ['demo.employee', 'demo.contractor', 'demo.hr', 'demo.ceo', 'demo.freelancer']) {
      const { accessToken, person } = await app.login(uid);
      T[uid.slice(5)] = accessToken;
      ID[uid.slice(5)] = person.id;
    }
  });
  afterAll(() => app.close());

  async function q<T = any>(who: string, query: string, vars: Record<string, unknown> = {}): Promise<T> {
    const res = await app.gql<T>(query, vars, T[who]);
    if (res.body.errors) throw new Error(`${who}: ${JSON.stringify(res.body.errors)}`);
    return res.body.data as T;
  }
  async function fails(who: string, query: string, vars: Record<string, unknown> = {}) {
    const res = await app.gql(query, vars, T[who]);
    expect(res.body.errors).toBeDefined();
    return { code: res.body.errors![0].extensions.code, message: res.body.errors![0].message };
  }
  async function upload(who: string, bytes: Buffer, name: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const res = await fetch(`${app.url}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${T[who]}` }, body: form });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  const CREATE = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }`;
  const UPDATE = `mutation($id: ID!, $input: UpdateGroupInput!) { updateGroup(id: $id, input: $input) { id name description rules category kind payrollOnly memberCount avatar { url width height } cover { url width height } } }`;
  const JOIN = `mutation($id: ID!) { joinGroup(groupId: $id) { status } }`;

  it('edits fields, with the same validation as creation; members cannot edit', async () => {
    const { id } = (await q('employee', CREATE, { input: { name: 'Lezen en schrijven', kind: 'OPEN' } })).createGroup;
    await q('employee', CREATE, { input: { name: 'Boekenclub', kind: 'OPEN' } });
    const g = (await q('employee', UPDATE, { id, input: { description: 'Over boeken', rules: 'Wees aardig', category: 'INTEREST', kind: 'CLOSED' } })).updateGroup;
    expect(g).toMatchObject({ name: 'Lezen en schrijven', description: 'Over boeken', rules: 'Wees aardig', category: 'INTEREST', kind: 'CLOSED' });
    expect((await fails('employee', UPDATE, { id, input: { name: 'BOEKENCLUB' } })).code).toBe('CONFLICT');
    expect((await fails('employee', UPDATE, { id, input: { name: 'no' } })).code).toBe('BAD_USER_INPUT');
    expect((await fails('employee', UPDATE, { id, input: {} })).code).toBe('BAD_USER_INPUT');
    await q('hr', JOIN, { id });
    expect((await fails('hr', UPDATE, { id, input: { description: 'gekaapt' } })).code).toBe('FORBIDDEN');
  });

  it('re-encodes avatar and cover uploads as WebP and serves them; refuses what is not an image', async () => {
    const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#ff6600' } }).png().toBuffer();
    const { id } = (await q('employee', CREATE, { input: { name: 'Fotografie', kind: 'OPEN', avatarUploadId: await upload('employee', png, 'a.png') } })).createGroup;
    const g = (await q('employee', UPDATE, { id, input: { coverUploadId: await upload('employee', png, 'c.png') } })).updateGroup;
    expect(g.avatar).toMatchObject({ width: 256, height: 256 });
    expect(g.cover).toMatchObject({ width: 1500, height: 500 });
    const img = await fetch(`${app.url}${g.avatar.url}`);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 256, 256]);
    const bad = await fails('employee', UPDATE, { id, input: { avatarUploadId: await upload('employee', Buffer.from('%PDF-1.4 not an image'), 'x.png') } });
    expect(bad.code).toBe('BAD_USER_INPUT');
    // Someone else's upload is not found.
    expect((await fails('employee', UPDATE, { id, input: { avatarUploadId: await upload('hr', png, 'h.png') } })).code).toBe('NOT_FOUND');
    const removed = (await q('employee', UPDATE, { id, input: { removeAvatar: true } })).updateGroup;
    expect(removed.avatar).toBeNull();
    expect((await fetch(`${app.url}${g.avatar.url}`)).status).toBe(404);
  });

  it('turning a closed group secret drops pending requests (the requesters no longer see it)', async () => {
    const { id } = (await q('employee', CREATE, { input: { name: 'Wordt geheim', kind: 'CLOSED' } })).createGroup;
    expect((await q('hr', JOIN, { id })).joinGroup.status).toBe('REQUESTED');
    await q('employee', UPDATE, { id, input: { kind: 'SECRET' } });
    expect((await fails('hr', `query($id: ID!) { group(id: $id) { id } }`, { id })).code).toBe('NOT_FOUND');
    const pending = await q('employee', `query($id: ID!) { group(id: $id) { members(status: REQUESTED) { edges { cursor } } } }`, { id });
    expect(pending.group.members.edges).toEqual([]);
  });

  it('turning payroll-only on removes contractors and freelancers', async () => {
    const { id } = (await q('employee', CREATE, { input: { name: 'Ondernemingsraad', kind: 'OPEN' } })).createGroup;
    for (const who of ['contractor', 'freelancer', 'hr']) await q(who, JOIN, { id });
    expect((await q('employee', UPDATE, { id, input: { payrollOnly: true } })).updateGroup).toMatchObject({ payrollOnly: true, memberCount: 2 });
    const mine = async (who: string) => (await q(who, `{ myGroups { edges { node { id } } } }`)).myGroups.edges.map((e: any) => e.node.id);
    expect(await mine('contractor')).not.toContain(id);
    expect(await mine('hr')).toContain(id);
  });

  it('roles: admins promote, only the owner demotes admins, nobody sets OWNER directly', async () => {
    const { id } = (await q('ceo', CREATE, { input: { name: 'Strategie 2030', kind: 'OPEN' } })).createGroup;
    for (const who of ['employee', 'hr']) await q(who, JOIN, { id });
    const ROLE = `mutation($id: ID!, $p: ID!, $r: GroupRole!) { setGroupMemberRole(groupId: $id, personId: $p, role: $r) { role } }`;
    expect((await fails('employee', ROLE, { id, p: ID.hr, r: 'ADMIN' })).code).toBe('FORBIDDEN');
    expect((await q('ceo', ROLE, { id, p: ID.employee, r: 'ADMIN' })).setGroupMemberRole.role).toBe('ADMIN');
    expect((await q('employee', ROLE, { id, p: ID.hr, r: 'ADMIN' })).setGroupMemberRole.role).toBe('ADMIN');
    expect((await fails('employee', ROLE, { id, p: ID.hr, r: 'MEMBER' })).code).toBe('FORBIDDEN');
    expect((await fails('ceo', ROLE, { id, p: ID.hr, r: 'OWNER' })).code).toBe('BAD_USER_INPUT');
    expect((await fails('ceo', ROLE, { id, p: ID.hr, r: 'ADMIN' })).code).toBe('CONFLICT');
    expect((await q('ceo', ROLE, { id, p: ID.hr, r: 'MEMBER' })).setGroupMemberRole.role).toBe('MEMBER');
    // An admin cannot remove another admin or the owner.
    const REMOVE = `mutation($id: ID!, $p: ID!) { removeGroupMember(groupId: $id, personId: $p) }`;
    expect((await fails('employee', REMOVE, { id, p: ID.ceo })).code).toBe('FORBIDDEN');
    expect((await q('employee', REMOVE, { id, p: ID.hr })).removeGroupMember).toBe(true);
    expect((await fails('employee', REMOVE, { id, p: ID.hr })).code).toBe('NOT_FOUND');
  });

  it('eventsSince replays group events to members only', async () => {
    const { id } = (await q('employee', CREATE, { input: { name: 'Replay', kind: 'CLOSED' } })).createGroup;
    const EVENTS = `{ eventsSince(lastEventId: "0") { type audience } }`;
    await q('employee', `mutation($t: String!, $a: String) { postMessage(input: { text: $t, audience: $a }) { id } }`, { t: 'Alleen voor leden', a: `group:${id}` });
    const seen = async (who: string) => (await q(who, EVENTS)).eventsSince.filter((e: any) => e.audience === `group:${id}`).map((e: any) => e.type);
    expect(await seen('employee')).toContain('message.created');
    expect(await seen('hr')).toEqual([]);
  });
});
