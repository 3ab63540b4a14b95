import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { bootApp, type TestApp } from './support/app.js';
import { eventually } from './support/messages.js';

/**
 * The worker knows group membership too (GroupsCoreModule): a mention in a group message notifies a
 * mentioned member, never a mentioned outsider, when a separate worker runs the fan-out.
 */
describe('group messages and the worker', () => {
  let app: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    app = await bootApp({ WORKER_INLINE: 'false' });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(app.plein.config), { logger: false });
    await worker.init();
  });
  afterAll(async () => {
    await worker?.close();
    await app.close();
  });

  async function q(token: string, query: string, vars: Record<string, unknown> = {}): Promise<any> {
    const res = await app.gql(query, vars, token);
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data;
  }
  const NOTES = '{ notifications { edges { node { kind message { id } } } } }';

  it('notifies a mentioned member, not a mentioned outsider', async () => {
    const owner = await app.login('demo.employee');
    const member = await app.login('demo.hr');
    const outsider = await app.login('demo.ceo');
    const { id } = (await q(owner.accessToken, `mutation { createGroup(input: { name: "Vertrouwelijk", kind: SECRET }) { id } }`)).createGroup;
    await q(owner.accessToken, `mutation($id: ID!, $p: [ID!]!) { inviteToGroup(groupId: $id, personIds: $p) { status } }`, { id, p: [member.person.id] });
    await q(member.accessToken, `mutation($id: ID!) { joinGroup(groupId: $id) { status } }`, { id });
    const msg = (await q(owner.accessToken, `mutation($a: String) { postMessage(input: { text: "Kijken @demo.hr en @demo.ceo?", audience: $a }) { id } }`, { a: `group:${id}` })).postMessage;
    const note = await eventually(async () => (await q(member.accessToken, NOTES)).notifications.edges[0]?.node);
    expect(note).toEqual({ kind: 'MENTION', message: { id: msg.id } });
    // A company message posted after: once it is notified, the group one was long decided.
    const later = (await q(owner.accessToken, `mutation { postMessage(input: { text: "Algemeen @demo.ceo", audience: "company" }) { id } }`)).postMessage;
    const seen = await eventually(async () => {
      const edges = (await q(outsider.accessToken, NOTES)).notifications.edges;
      return edges.length ? edges : undefined;
    });
    expect(seen.map((e: any) => e.node.message?.id)).toEqual([later.id]);
  });
});
