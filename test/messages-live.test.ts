import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { PurgeRealtimeEventsJob, appendLiveEvents } from '@plein/realtime';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from './support/app.js';
import { messagesClient } from './support/messages.js';
import { collect, connectSocket, nextEvent } from './support/socket.js';

interface LiveMessage {
  eventId: string;
  id: string;
  audience: string;
  text?: string;
  likeCount?: number;
}
interface RealtimeEvent {
  id: string;
  type: string;
  audience: string;
  payload: string;
}

describe('messages live: socket events by audience, and catch-up with eventsSince', () => {
  let app: TestApp;
  let m: ReturnType<typeof messagesClient>;
  const token: Record<string, string> = {};
  const open: Socket[] = [];
  const socketOf = async (uid: string) => {
    const s = await connectSocket(app.url, token[uid]);
    open.push(s);
    return s;
  };
  const eventsSince = async (uid: string, lastEventId: string) =>
    (await m.ok<{ eventsSince: RealtimeEvent[] }>(token[uid], 'query E($id: ID!) { eventsSince(lastEventId: $id) { id type audience payload } }', { id: lastEventId })).eventsSince;

  beforeAll(async () => {
    app = await bootApp();
    m = messagesClient(app);
    for (const uid of ['demo.employee', 'demo.hr', 'demo.contractor', 'demo.freelancer']) token[uid] = (await app.login(uid)).accessToken;
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await app.close();
  });

  it('sends an employees message to payroll sockets only, and a company message to everyone', async () => {
    const [hr, contractor, freelancer] = await Promise.all(['demo.hr', 'demo.contractor', 'demo.freelancer'].map(socketOf));
    const got = Promise.all([nextEvent<LiveMessage>(hr, 'message.created'), collect<LiveMessage>(contractor, 'message.created', 1000), collect<LiveMessage>(freelancer, 'message.created', 1000)]);
    const secret = await m.post(token['demo.employee'], { text: 'Alleen voor personeel', audience: 'employees' });
    const [h, c, f] = await got;
    expect(h).toMatchObject({ id: secret.id, audience: 'employees', text: 'Alleen voor personeel' });
    expect(h.eventId).toMatch(/^\d+$/);
    expect(c).toEqual([]);
    expect(f).toEqual([]);

    // Updates and deletions of that message stay inside the audience too.
    const quiet = Promise.all([collect(contractor, 'message.updated', 1000), collect(contractor, 'message.deleted', 1000)]);
    const updated = nextEvent<LiveMessage>(hr, 'message.updated');
    await m.like(token['demo.hr'], secret.id);
    expect(await updated).toMatchObject({ id: secret.id, likeCount: 1 });
    const deleted = nextEvent<LiveMessage>(hr, 'message.deleted');
    await m.remove(token['demo.employee'], secret.id);
    expect(await deleted).toMatchObject({ id: secret.id });
    expect(await quiet).toEqual([[], []]);

    const all = Promise.all([hr, contractor, freelancer].map((s) => nextEvent<LiveMessage>(s, 'message.created')));
    const open = await m.post(token['demo.employee'], { text: 'Voor iedereen', audience: 'company' });
    expect((await all).map((e) => e.id)).toEqual([open.id, open.id, open.id]);
  });

  it('counts replies live on the thread root', async () => {
    const s = await socketOf('demo.freelancer');
    const root = await m.post(token['demo.employee'], { text: 'Wie heeft er een lader?', audience: 'company' });
    const updated = nextEvent<LiveMessage & { replyCount: number }>(s, 'message.updated');
    await m.post(token['demo.hr'], { text: 'Hier', replyToId: root.id });
    expect(await updated).toMatchObject({ id: root.id, replyCount: 1 });
  });

  it('lets a client that was offline catch up with eventsSince, in order, within its audience', async () => {
    const [start] = (await eventsSince('demo.hr', '0')).slice(-1);
    const last = start?.id ?? '0';
    // Offline now: these happen while no socket of theirs is connected.
    const a = await m.post(token['demo.employee'], { text: 'Gemist 1', audience: 'company' });
    const b = await m.post(token['demo.employee'], { text: 'Gemist 2 (intern)', audience: 'employees' });
    await m.like(token['demo.employee'], a.id);

    const hr = await eventsSince('demo.hr', last);
    expect(hr.map((e) => [e.type, JSON.parse(e.payload).id])).toEqual([
      ['message.created', a.id],
      ['message.created', b.id],
      ['message.updated', a.id],
    ]);
    const ids = hr.map((e) => BigInt(e.id));
    expect([...ids].sort((x, y) => (x < y ? -1 : 1))).toEqual(ids);

    const contractor = await eventsSince('demo.contractor', last);
    expect(contractor.map((e) => JSON.parse(e.payload).id)).toEqual([a.id, a.id]);
    expect(contractor.every((e) => e.audience !== 'employees')).toBe(true);
    // Nothing of the whole log that is payroll-only ever reaches them.
    expect((await eventsSince('demo.freelancer', '0')).filter((e) => e.audience === 'employees')).toEqual([]);

    // The socket event carries the same id as the log, so a client knows where to resume.
    const s = await socketOf('demo.hr');
    const live = nextEvent<LiveMessage>(s, 'message.created');
    const c = await m.post(token['demo.employee'], { text: 'Weer online', audience: 'company' });
    const event = await live;
    const [logged] = await eventsSince('demo.hr', String(BigInt(event.eventId) - 1n));
    expect(logged).toMatchObject({ id: event.eventId, type: 'message.created' });
    expect(JSON.parse(logged.payload).id).toBe(c.id);
    await expect(m.call(token['demo.hr'], 'query { eventsSince(lastEventId: "abc") { id } }')).resolves.toMatchObject({ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })] });
  });

  it('numbers events in commit order: appending holds the log lock until commit', async () => {
    const db = app.plein.app.get(DataSource);
    await db.transaction(async (em) => {
      const [event] = await appendLiveEvents(em, [{ audience: 'company', type: 'test.ordered', payload: {} }]);
      expect(event.id).toMatch(/^\d+$/);
      const [held]: { n: number }[] = await em.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`);
      expect(held.n).toBe(1);
    });
  });

  it('keeps the event log for three days only', async () => {
    const db = app.plein.app.get(DataSource);
    const [old] = await db.query(`INSERT INTO realtime_events (audience, type, payload, created_at) VALUES ('company', 'message.created', '{}', now() - interval '4 days') RETURNING id::text`);
    const [recent] = await db.query(`INSERT INTO realtime_events (audience, type, payload) VALUES ('company', 'message.created', '{}') RETURNING id::text`);
    expect(await app.plein.app.get(PurgeRealtimeEventsJob).run()).toBeGreaterThanOrEqual(1);
    const left: { id: string }[] = await db.query('SELECT id::text FROM realtime_events WHERE id = ANY($1::bigint[])', [[old.id, recent.id]]);
    expect(left.map((r) => r.id)).toEqual([recent.id]);
  });
});
