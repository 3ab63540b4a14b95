import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from './support/app.js';
import { messagesClient } from './support/messages.js';

/**
 * Idempotent posting (the web app's retry after a lost connection): a post carries a client-made
 * UUID, and posting again with it returns the message stored the first time, never a copy. Per
 * author: the same id from someone else is their own post.
 */
describe('messages: posting again with the same clientId stores one message', () => {
  let app: TestApp;
  let db: DataSource;
  let m: ReturnType<typeof messagesClient>;
  let employee: string;
  let hr: string;
  let employeeUid: string;

  beforeAll(async () => {
    app = await bootApp();
    db = app.plein.app.get(DataSource);
    m = messagesClient(app);
    const [e, h] = await Promise.all(['demo.employee', 'demo.hr'].map((u) => app.login(u)));
    employee = e.accessToken;
    hr = h.accessToken;
    employeeUid = 'demo.employee';
  });
  afterAll(() => app.close());

  const rows = async (clientId: string) => (await db.query(`SELECT id, author_id FROM messages WHERE client_id = $1`, [clientId])) as { id: string; author_id: string }[];
  const post = (token: string, input: Record<string, unknown>) =>
    app.gql<{ postMessage: { id: string; text: string } }>(`mutation($input: PostMessageInput!) { postMessage(input: $input) { id text } }`, { input }, token);

  it('returns the first message for a replayed plain post, and stores it once', async () => {
    const clientId = randomUUID();
    const first = await post(employee, { text: `Eerste poging ${clientId}`, audience: 'company', clientId });
    expect(first.body.errors).toBeUndefined();
    const again = await post(employee, { text: `Eerste poging ${clientId}`, audience: 'company', clientId });
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data!.postMessage.id).toBe(first.body.data!.postMessage.id);
    expect(await rows(clientId)).toHaveLength(1);
  });

  it('returns the first message for concurrent retries (the unique index decides)', async () => {
    const clientId = randomUUID();
    const results = await Promise.all([1, 2, 3, 4].map(() => post(employee, { text: `Tegelijk ${clientId}`, audience: 'company', clientId })));
    for (const r of results) expect(r.body.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.body.data!.postMessage.id)).size).toBe(1);
    expect(await rows(clientId)).toHaveLength(1);
  });

  it('replays a reply and a post with a mention (the transaction path) too', async () => {
    const root = await m.post(hr, { text: 'Wie helpt mee met de verhuizing?', audience: 'company' });
    const replyId = randomUUID();
    const reply = await post(employee, { text: 'Ik!', replyToId: root.id, clientId: replyId });
    const replyAgain = await post(employee, { text: 'Ik!', replyToId: root.id, clientId: replyId });
    expect(replyAgain.body.data!.postMessage.id).toBe(reply.body.data!.postMessage.id);
    expect(await rows(replyId)).toHaveLength(1);
    const [{ reply_count }] = (await db.query(`SELECT reply_count FROM messages WHERE id = $1`, [root.id])) as { reply_count: number }[];
    expect(reply_count).toBe(1);

    const mentionId = randomUUID();
    const withMention = await post(hr, { text: `Dank je @${employeeUid}!`, audience: 'company', clientId: mentionId });
    const mentionAgain = await post(hr, { text: `Dank je @${employeeUid}!`, audience: 'company', clientId: mentionId });
    expect(withMention.body.errors).toBeUndefined();
    expect(mentionAgain.body.data!.postMessage.id).toBe(withMention.body.data!.postMessage.id);
    expect(await rows(mentionId)).toHaveLength(1);
  });

  it('keeps client ids per author: the same id from someone else is their own message', async () => {
    const clientId = randomUUID();
    const mine = await post(employee, { text: 'van mij', audience: 'company', clientId });
    const theirs = await post(hr, { text: 'van haar', audience: 'company', clientId });
    expect(theirs.body.errors).toBeUndefined();
    expect(theirs.body.data!.postMessage.id).not.toBe(mine.body.data!.postMessage.id);
    expect(theirs.body.data!.postMessage.text).toBe('van haar');
    expect(await rows(clientId)).toHaveLength(2);
  });

  it('refuses a clientId that is not a UUID, and a replay of a message deleted since', async () => {
    const bad = await post(employee, { text: 'hoi', audience: 'company', clientId: 'retry-1' });
    expect(bad.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors?.[0]?.extensions.field).toBe('clientId');

    const clientId = randomUUID();
    const first = await post(employee, { text: 'even later weg', audience: 'company', clientId });
    const deleted = await app.gql(`mutation($id: ID!) { deleteMessage(id: $id) }`, { id: first.body.data!.postMessage.id }, employee);
    expect(deleted.body.errors).toBeUndefined();
    const replay = await post(employee, { text: 'even later weg', audience: 'company', clientId });
    expect(replay.body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(await rows(clientId)).toHaveLength(1);
  });
});
