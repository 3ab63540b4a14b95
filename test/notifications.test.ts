import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { bootApp, type TestApp } from './support/app.js';
import { eventually, messagesClient } from './support/messages.js';
import { collect, connectSocket, nextEvent } from './support/socket.js';

interface Note {
  id: string;
  kind: string;
  read: boolean;
  actorCount: number;
  summary: string;
  actors: { uid: string }[];
  message: { id: string; text: string } | null;
}

const LIST = `query N($first: Int, $after: String) { notifications(first: $first, after: $after) {
  edges { cursor node { id kind read actorCount summary actors { uid } message { id text } } } pageInfo { hasNextPage endCursor } } }`;

describe('notifications: mentions, replies, likes, reshares, follows; read state and live count', () => {
  let app: TestApp;
  let m: ReturnType<typeof messagesClient>;
  const token: Record<string, string> = {};
  const personId: Record<string, string> = {};
  const open: Socket[] = [];

  const list = async (uid: string) => (await m.ok<{ notifications: { edges: { node: Note }[] } }>(token[uid], LIST, { first: 50 })).notifications.edges.map((e) => e.node);
  const unread = async (uid: string) => (await m.ok<{ unreadNotificationCount: number }>(token[uid], '{ unreadNotificationCount }')).unreadNotificationCount;
  /** Waits for the worker (inline here) to have written a notification that matches. */
  const waitFor = (uid: string, match: (n: Note) => boolean) =>
    eventually(async () => (await list(uid)).find(match), 10_000, `a notification for ${uid}`);

  beforeAll(async () => {
    app = await bootApp({ WORKER_INLINE: 'true' });
    m = messagesClient(app);
    for (const uid of ['demo.employee', 'demo.hr', 'demo.contractor', 'demo.freelancer', 'demo.ceo', 'demo.moderator', 'demo.admin']) {
      const s = await app.login(uid);
      token[uid] = s.accessToken;
      personId[uid] = s.person.id;
    }
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await app.close();
  });

  it('notifies a mention and a reply, but never someone who may not see the message', async () => {
    const internal = await m.post(token['demo.employee'], { text: 'Overleg met @demo.hr en @demo.contractor over #budget', audience: 'employees' });
    const reply = await m.post(token['demo.ceo'], { text: 'Ik sluit aan', replyToId: internal.id });
    const mention = await waitFor('demo.hr', (n) => n.kind === 'MENTION' && n.message?.id === internal.id);
    expect(mention).toMatchObject({ read: false, actors: [{ uid: 'demo.employee' }], summary: 'Jan van der Berg mentioned you' });
    const replied = await waitFor('demo.employee', (n) => n.kind === 'REPLY' && n.message?.id === reply.id);
    expect(replied.summary).toContain('replied to your message');

    // A company message mentioning the contractor does reach them, so the fan-out ran for them too.
    const openMsg = await m.post(token['demo.employee'], { text: 'Welkom @demo.contractor!', audience: 'company' });
    await waitFor('demo.contractor', (n) => n.message?.id === openMsg.id);
    const theirs = await list('demo.contractor');
    expect(theirs.filter((n) => n.message?.id === internal.id)).toEqual([]);
    expect(theirs).toHaveLength(1);
  });

  it('aggregates likes per message: "Sanne and 4 others"', async () => {
    const msg = await m.post(token['demo.freelancer'], { text: 'Nieuw ontwerp voor de app', audience: 'company' });
    for (const uid of ['demo.employee', 'demo.hr', 'demo.ceo']) await m.like(token[uid], msg.id);
    await m.like(token['demo.freelancer'], msg.id); // the author's own like tells nobody
    const like = await eventually(async () => {
      const n = (await list('demo.freelancer')).find((x) => x.kind === 'LIKE' && x.message?.id === msg.id);
      return n && n.actorCount === 3 ? n : undefined;
    }, 10_000, 'three likes');
    expect(like.actors.map((a) => a.uid)).toEqual(['demo.ceo', 'demo.hr', 'demo.employee']);
    expect(like.summary).toBe('Marjolein van Houten and 2 others liked your message');
    expect((await list('demo.freelancer')).filter((n) => n.kind === 'LIKE')).toHaveLength(1);
  });

  it('notifies a reshare and a new follower', async () => {
    const msg = await m.post(token['demo.moderator'], { text: 'Community-dag in juni', audience: 'company' });
    await m.reshare(token['demo.admin'], { messageId: msg.id, note: 'Zet hem in je agenda' });
    const reshared = await waitFor('demo.moderator', (n) => n.kind === 'RESHARE');
    expect(reshared.summary).toBe('Rik van Gelder reshared your message');
    await m.ok(token['demo.admin'], 'mutation F($id: ID!) { follow(personId: $id) { id } }', { id: personId['demo.moderator'] });
    const follow = await waitFor('demo.moderator', (n) => n.kind === 'FOLLOW');
    expect(follow).toMatchObject({ summary: 'Rik van Gelder started following you', message: null });
  });

  it('marks read, counts unread, and pushes the unread count live', async () => {
    const uid = 'demo.ceo';
    const socket = await connectSocket(app.url, token[uid]);
    open.push(socket);
    const pushed = nextEvent<{ unread: number; eventId: string }>(socket, 'notification.count', 10_000);
    await m.post(token['demo.hr'], { text: 'Vraagje @demo.ceo', audience: 'company' });
    expect((await pushed).unread).toBe(1);
    await m.post(token['demo.employee'], { text: 'Ook een vraag @demo.ceo', audience: 'employees' });
    await eventually(async () => ((await unread(uid)) === 2 ? true : undefined), 10_000, 'two unread');

    const [first] = await list(uid);
    const afterOne = nextEvent<{ unread: number }>(socket, 'notification.count');
    expect((await m.ok<{ markNotificationsRead: number }>(token[uid], 'mutation R($ids: [ID!]!) { markNotificationsRead(ids: $ids) }', { ids: [first.id] })).markNotificationsRead).toBe(1);
    expect((await afterOne).unread).toBe(1);
    expect((await list(uid)).find((n) => n.id === first.id)?.read).toBe(true);
    // Marking someone else's notification changes nothing.
    expect((await m.ok<{ markNotificationsRead: number }>(token['demo.hr'], 'mutation R($ids: [ID!]!) { markNotificationsRead(ids: $ids) }', { ids: [first.id] })).markNotificationsRead).toBe(await unread('demo.hr'));
    const bad = await m.call(token[uid], 'mutation { markNotificationsRead(ids: ["nope"]) }');
    expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');

    const afterAll = nextEvent<{ unread: number }>(socket, 'notification.count');
    expect((await m.ok<{ markAllNotificationsRead: number }>(token[uid], 'mutation { markAllNotificationsRead }')).markAllNotificationsRead).toBe(0);
    expect((await afterAll).unread).toBe(0);
    expect(await unread(uid)).toBe(0);
  });

  it('drops a notification when its message is deleted, and never pushes to someone else', async () => {
    const bystander = await connectSocket(app.url, token['demo.contractor']);
    open.push(bystander);
    const quiet = collect(bystander, 'notification.count', 1500);
    const msg = await m.post(token['demo.employee'], { text: 'Even checken @demo.admin', audience: 'company' });
    await waitFor('demo.admin', (n) => n.message?.id === msg.id);
    const before = await unread('demo.admin');
    await m.remove(token['demo.employee'], msg.id);
    expect((await list('demo.admin')).find((n) => n.message?.id === msg.id)).toBeUndefined();
    expect(await unread('demo.admin')).toBe(before - 1);
    expect(await quiet).toEqual([]);
  });
});
