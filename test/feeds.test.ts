import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requestContext } from '@plein/core';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from './support/app.js';
import { ids, MESSAGE_FIELDS, messagesClient } from './support/messages.js';

describe('feeds and message search', () => {
  let app: TestApp;
  let db: DataSource;
  let m: ReturnType<typeof messagesClient>;
  const token: Record<string, string> = {};
  const personId: Record<string, string> = {};

  beforeAll(async () => {
    app = await bootApp();
    db = app.plein.app.get(DataSource);
    m = messagesClient(app);
    for (const uid of ['demo.employee', 'demo.hr', 'demo.contractor', 'demo.freelancer', 'demo.ceo', 'demo.moderator']) {
      const s = await app.login(uid);
      token[uid] = s.accessToken;
      personId[uid] = s.person.id;
    }
  });
  afterAll(() => app.close());

  const codeOf = (body: { errors?: { extensions: { code: string } }[] }) => body.errors?.[0]?.extensions.code;

  it('audience matrix: contractors and freelancers never see an employees message, in any read; employees do', async () => {
    const secret = await m.post(token['demo.employee'], {
      text: 'Reorganisatie: de gesprekken met de ondernemingsraad lopen #reorg2027 @demo.contractor @demo.hr',
      audience: 'employees',
    });
    const reply = await m.post(token['demo.hr'], { text: 'Dank voor de update over de reorganisatie', replyToId: secret.id });
    const open = await m.post(token['demo.employee'], { text: 'Open dag op vrijdag #reorg2027', audience: 'company' });
    // Outsiders follow the author: still nothing payroll-only reaches their home feed.
    for (const uid of ['demo.contractor', 'demo.freelancer', 'demo.hr']) {
      await db.query('INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [personId[uid], personId['demo.employee']]);
    }

    const reads = async (uid: string) => {
      const t = token[uid];
      return {
        home: ids(await m.homeFeed(t, { first: 100 })),
        company: ids(await m.companyFeed(t, { first: 100 })),
        hashtag: ids(await m.hashtagFeed(t, '#Reorg2027')),
        person: ids(await m.personFeed(t, personId['demo.employee'], { first: 100 })),
        mentions: ids(await m.mentionsFeed(t)),
        search: ids(await m.search(t, { query: 'ondernemingsraad reorganisatie', first: 50 })).concat(ids(await m.search(t, { query: 'reorganisatie' }))),
        message: codeOf(await m.message(t, secret.id)) ?? 'visible',
        thread: codeOf(await m.thread(t, reply.id)) ?? 'visible',
      };
    };
    for (const uid of ['demo.contractor', 'demo.freelancer']) {
      const r = await reads(uid);
      for (const list of [r.home, r.company, r.hashtag, r.person, r.mentions, r.search]) {
        expect(list).not.toContain(secret.id);
        expect(list).not.toContain(reply.id);
      }
      expect(r.message).toBe('NOT_FOUND');
      expect(r.thread).toBe('NOT_FOUND');
      expect(r.hashtag).toEqual([open.id]);
    }
    const e = await reads('demo.hr');
    expect(e.home).toContain(secret.id);
    expect(e.company).toContain(secret.id);
    expect(e.hashtag).toEqual([open.id, secret.id]);
    expect(e.person).toContain(secret.id);
    expect(e.mentions).toContain(secret.id);
    expect(e.search).toEqual(expect.arrayContaining([secret.id, reply.id]));
    expect(e.message).toBe('visible');
    expect(e.thread).toBe('visible');
  });

  it('home feed: people I follow and myself, newest first; not strangers; replies stay in their thread', async () => {
    const [a, b, c] = ['demo.ceo', 'demo.moderator', 'demo.freelancer'];
    await m.ok(token[a], 'mutation F($id: ID!) { follow(personId: $id) { id } }', { id: personId[b] });
    const fromB = await m.post(token[b], { text: 'Van de community manager', audience: 'company' });
    const fromC = await m.post(token[c], { text: 'Van een freelancer die de CEO niet volgt', audience: 'company' });
    const mine = await m.post(token[a], { text: 'Van mezelf', audience: 'company' });
    const reply = await m.post(token[a], { text: 'Een reactie', replyToId: fromC.id });
    const home = ids(await m.homeFeed(token[a], { first: 100 }));
    expect(home.slice(0, 2)).toEqual([mine.id, fromB.id]);
    expect(home).not.toContain(fromC.id);
    expect(home).not.toContain(reply.id);
  });

  it('paginates stably: no duplicates or gaps while new messages arrive, and a bad cursor is refused', async () => {
    const author = token['demo.moderator'];
    const posted: string[] = [];
    // Same created_at for several rows (one statement) exercises the id tie-breaker too.
    const rows: { id: string }[] = await db.query(
      `INSERT INTO messages (author_id, audience, body, entities, created_at)
       SELECT $1, 'company', 'bulk ' || g, '{"links":[],"mentions":[],"hashtags":[]}', now() - interval '1 day' - (g / 3) * interval '1 second'
       FROM generate_series(1, 25) g RETURNING id`,
      [personId['demo.moderator']],
    );
    posted.push(...rows.map((r) => r.id));
    const [{ n: before }]: { n: number }[] = await db.query(
      'SELECT count(*)::int AS n FROM messages WHERE author_id = $1 AND root_id IS NULL AND deleted_at IS NULL',
      [personId['demo.moderator']],
    );
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await m.personFeed(author, personId['demo.moderator'], { first: 7, after });
      seen.push(...ids(page));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      if (pages++ === 0) await m.post(author, { text: 'Tussendoor gepost', audience: 'company' });
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(posted));
    // The message posted while paging is newer than page one, so it never shows up later: no shifts.
    expect(seen).toHaveLength(before);
    const bad = await m.call(author, 'query { companyFeed(after: "not-a-cursor") { edges { cursor } } }');
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(codeOf(await m.call(author, 'query { companyFeed(first: 101) { edges { cursor } } }'))).toBe('BAD_USER_INPUT');
  });

  it('returns counts, likedByMe and authors for a whole page without one query per message', async () => {
    const author = token['demo.ceo'];
    const a = await m.post(author, { text: 'Teller A', audience: 'company' });
    const b = await m.post(author, { text: 'Teller B', audience: 'company' });
    await m.like(token['demo.hr'], a.id);
    await m.like(token['demo.employee'], a.id);
    await m.post(token['demo.hr'], { text: 'Antwoord', replyToId: a.id });
    await m.reshare(token['demo.employee'], { messageId: a.id, note: 'Lees dit' });

    // Count every statement this request sends, through TypeORM or straight to a pool (the actor and
    // the feed page are named statements on the pool). The request's id (its log context) tells its
    // statements from what runs meanwhile in the same process (the relay, inline jobs).
    const REQUEST_ID = 'feeds-statement-count';
    let queries = 0;
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    proto.query = function counted(this: unknown, ...args: unknown[]) {
      if (requestContext.getStore()?.requestId === REQUEST_ID) queries++;
      return original.apply(this, args);
    };
    type Page = { edges: { node: { id: string } & Record<string, unknown> }[] };
    let page: Page;
    try {
      const res = await app.gql<{ personFeed: Page }>(
        `query F($personId: ID!) { personFeed(personId: $personId, first: 20) { edges { cursor node { ${MESSAGE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
        { personId: personId['demo.ceo'] },
        token['demo.hr'],
        { 'x-request-id': REQUEST_ID },
      );
      expect(res.body.errors).toBeUndefined();
      page = res.body.data!.personFeed;
    } finally {
      proto.query = original;
    }
    const byId = new Map(page.edges.map((e) => [e.node.id, e.node]));
    expect(byId.get(a.id)).toMatchObject({ likeCount: 2, replyCount: 1, reshareCount: 1, likedByMe: true, author: { uid: 'demo.ceo' } });
    expect(byId.get(b.id)).toMatchObject({ likeCount: 0, replyCount: 0, reshareCount: 0, likedByMe: false });
    // The actor (with its groups) and one statement for page, authors and likedByMe: two, whatever the page size.
    expect(queries).toBe(2);
  });

  it('searches with Dutch stemming, filters by author, hashtag and dates, newest or best match first', async () => {
    const t = token['demo.employee'];
    const one = await m.post(t, { text: 'De onderhandeling over de cao is afgerond #cao', audience: 'company' });
    const two = await m.post(token['demo.hr'], { text: 'Onderhandelingen, onderhandelingen en nog eens onderhandelingen', audience: 'company' });
    const other = await m.post(t, { text: 'Iets heel anders over fietsen', audience: 'company' });

    const stemmed = ids(await m.search(t, { query: 'onderhandelingen' }));
    expect(stemmed).toEqual([two.id, one.id]);
    expect(stemmed).not.toContain(other.id);
    expect(ids(await m.search(t, { query: 'onderhandeling', authorId: personId['demo.employee'] }))).toEqual([one.id]);
    expect(ids(await m.search(t, { query: 'onderhandeling', hashtag: '#CAO' }))).toEqual([one.id]);
    expect(ids(await m.search(t, { query: 'onderhandeling', to: new Date(Date.now() - 3600_000).toISOString() }))).toEqual([]);
    expect(ids(await m.search(t, { query: 'onderhandeling', from: new Date(Date.now() - 3600_000).toISOString() }))).toHaveLength(2);
    const best = await m.search(t, { query: 'onderhandeling', order: 'BEST_MATCH', first: 1 });
    expect(ids(best)).toEqual([two.id]);
    const next = await m.search(t, { query: 'onderhandeling', order: 'BEST_MATCH', first: 1, after: best.pageInfo.endCursor });
    expect(ids(next)).toEqual([one.id]);
    expect(codeOf(await m.call(t, 'query { searchMessages(query: "   ") { edges { cursor } } }'))).toBe('BAD_USER_INPUT');
  });
});
