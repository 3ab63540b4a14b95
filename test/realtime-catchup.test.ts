import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io, type Socket } from 'socket.io-client';
import { bootApp, type TestApp } from './support/app.js';

async function waitUntil(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Client {
  uid: string;
  socket: Socket;
  ids: Set<string>;
  eventIds: Set<string>;
  last: bigint;
  reconnects: number;
  /** Connected and greeted by the server (`ready`), so its rooms are set. */
  ready: boolean;
}

/**
 * Sockets dropped and restored while messages keep coming: each client resumes from the last event
 * id it saw with eventsSince (as the web app does) and ends up with every message it may read,
 * once, and nothing it may not. messages-live.test.ts covers eventsSince itself; this is the
 * reconnect under load.
 */
describe('socket connections dropped under load', () => {
  let app: TestApp;
  const token: Record<string, string> = {};
  const clients: Client[] = [];

  const catchUp = async (c: Client) => {
    for (;;) {
      const res = await app.gql<{ eventsSince: { id: string; type: string; payload: string }[] }>(
        'query($id: ID!) { eventsSince(lastEventId: $id) { id type payload } }',
        { id: String(c.last) },
        token[c.uid],
      );
      const events = res.body.data?.eventsSince ?? [];
      for (const e of events) record(c, e.id, e.type, JSON.parse(e.payload).id);
      if (events.length < 500) return;
    }
  };
  const record = (c: Client, eventId: string, type: string, messageId: string) => {
    if (c.eventIds.has(eventId)) return; // the same event live and in the catch-up: counted once
    c.eventIds.add(eventId);
    if (BigInt(eventId) > c.last) c.last = BigInt(eventId);
    if (type === 'message.created') c.ids.add(messageId);
  };
  const connect = (uid: string): Promise<Client> =>
    new Promise((resolve, reject) => {
      const socket = io(`${app.url}/realtime`, { auth: { token: token[uid] }, transports: ['websocket'], reconnectionDelay: 200, reconnectionDelayMax: 800 });
      const c: Client = { uid, socket, ids: new Set(), eventIds: new Set(), last: 0n, reconnects: 0, ready: false };
      socket.on('disconnect', () => (c.ready = false));
      socket.on('message.created', (m: { eventId: string; id: string }) => record(c, m.eventId, 'message.created', m.id));
      let first = true;
      socket.on('ready', () => {
        c.ready = true;
        if (first) {
          first = false;
          resolve(c);
        } else {
          c.reconnects++;
          void catchUp(c);
        }
      });
      socket.once('connect_error', (err) => first && reject(err));
    });

  beforeAll(async () => {
    app = await bootApp({ POST_RATE_LIMIT_PER_MINUTE: '10000' });
    for (const uid of ['demo.employee', 'demo.hr', 'demo.contractor', 'demo.freelancer', 'demo.moderator']) token[uid] = (await app.login(uid)).accessToken;
  });
  afterAll(async () => {
    for (const c of clients) c.socket.close();
    await app.close();
  });

  it('gives every client every message it may read exactly once, after reconnects and eventsSince', async () => {
    const readers = ['demo.hr', 'demo.contractor', 'demo.freelancer', 'demo.moderator'];
    for (const uid of readers) for (let i = 0; i < 3; i++) clients.push(await connect(uid));
    // Where each client starts: the end of the log now.
    const [start] = (await app.gql<{ eventsSince: { id: string }[] }>('{ eventsSince(lastEventId: "0") { id } }', {}, token['demo.hr'])).body.data!.eventsSince.slice(-1);
    for (const c of clients) c.last = BigInt(start?.id ?? '0');

    const posted: { id: string; audience: string }[] = [];
    const POSTS = 40;
    for (let i = 0; i < POSTS; i++) {
      const audience = i % 4 === 3 ? 'employees' : 'company';
      const res = await app.gql<{ postMessage: { id: string } }>('mutation($t: String!, $a: String!) { postMessage(input: { text: $t, audience: $a }) { id } }', { t: `Bericht ${i} tijdens storingen`, a: audience }, token['demo.employee']);
      expect(res.body.errors).toBeUndefined();
      posted.push({ id: res.body.data!.postMessage.id, audience });
      // Drop connections as a flaky network would: half the clients at 8, all at 16, the other half
      // at 24 (each client twice). Posting goes on while they reconnect.
      const drop = i === 8 || i === 24 ? clients.filter((_, k) => k % 2 === (i === 8 ? 0 : 1)) : i === 16 ? clients : [];
      if (drop.length) {
        await waitUntil(() => drop.every((c) => c.ready), 'reconnected before the next drop');
        for (const c of drop) c.socket.io.engine.close();
      }
    }

    const expected = (uid: string) => new Set(posted.filter((p) => p.audience === 'company' || !['demo.contractor', 'demo.freelancer'].includes(uid)).map((p) => p.id));
    await waitUntil(() => clients.every((c) => c.reconnects >= 2 && c.ready), 'every client back after its second drop');
    const until = Date.now() + 20_000;
    while (Date.now() < until && !clients.every((c) => [...expected(c.uid)].every((id) => c.ids.has(id)))) await new Promise((r) => setTimeout(r, 200));

    for (const c of clients) {
      expect({ uid: c.uid, ids: [...c.ids].sort() }).toEqual({ uid: c.uid, ids: [...expected(c.uid)].sort() });
    }
  });
});
