import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { bootApp, type TestApp } from './support/app.js';
import { collect, connectSocket, nextEvent } from './support/socket.js';

/**
 * Two api nodes on one database (both in this process): a member connected to node B, removed on
 * node A, stops receiving the group's messages posted on A right after, without reconnecting.
 */
describe('groups across two api nodes', () => {
  let a: TestApp;
  let b: TestApp;
  const open: Socket[] = [];

  beforeAll(async () => {
    a = await bootApp();
    b = await bootApp({
      DATABASE_URL: a.databaseUrl,
      LDAP_URL: a.plein.config.ldap.url,
      LDAP_BIND_DN: a.plein.config.ldap.bindDn,
      LDAP_BIND_CREDENTIALS: a.plein.config.ldap.bindCredentials,
      PLEIN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'plein-groups-b-')),
    });
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await b?.close();
    await a?.close();
  });

  async function q(app: TestApp, token: string, query: string, vars: Record<string, unknown> = {}): Promise<any> {
    const res = await app.gql(query, vars, token);
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data;
  }

  it('moves sockets on the other node in commit order: removed → the next message does not arrive; back in → it does', async () => {
    const admin = await a.login('demo.admin');
    const member = await a.login('demo.employee');
    const { id } = (await q(a, admin.accessToken, `mutation { createGroup(input: { name: "Twee knopen", kind: CLOSED }) { id } }`)).createGroup;
    await q(a, admin.accessToken, `mutation($id: ID!, $p: [ID!]!) { inviteToGroup(groupId: $id, personIds: $p) { status } }`, { id, p: [member.person.id] });
    const socket = await connectSocket(b.url, member.accessToken);
    open.push(socket);
    // Joined on A while connected to B: B's relay moves the socket in before relaying later events.
    await q(a, member.accessToken, `mutation($id: ID!) { joinGroup(groupId: $id) { status } }`, { id });
    const POST = `mutation($t: String!, $a: String) { postMessage(input: { text: $t, audience: $a }) { id } }`;
    const first = nextEvent<{ id: string }>(socket, 'message.created', 10_000);
    const m1 = (await q(a, admin.accessToken, POST, { t: 'Eerste', a: `group:${id}` })).postMessage;
    expect((await first).id).toBe(m1.id);

    // Removed on A and a message posted on A at once: nothing reaches the socket on B.
    const after = collect<{ id: string; audience: string }>(socket, 'message.created', 1500);
    await q(a, admin.accessToken, `mutation($id: ID!, $p: ID!) { removeGroupMember(groupId: $id, personId: $p) }`, { id, p: member.person.id });
    await q(a, admin.accessToken, POST, { t: 'Na verwijderen', a: `group:${id}` });
    expect((await after).filter((m) => m.audience === `group:${id}`)).toEqual([]);
    expect(socket.connected).toBe(true);

    // Back in on A; the very next message on A reaches B.
    await q(a, member.accessToken, `mutation($id: ID!) { joinGroup(groupId: $id) { status } }`, { id });
    const again = nextEvent<{ id: string }>(socket, 'message.created', 10_000);
    await q(a, admin.accessToken, `mutation($id: ID!, $p: ID!) { approveJoinRequest(groupId: $id, personId: $p) { status } }`, { id, p: member.person.id });
    const m3 = (await q(a, admin.accessToken, POST, { t: 'Welkom terug', a: `group:${id}` })).postMessage;
    expect((await again).id).toBe(m3.id);
  });
});
