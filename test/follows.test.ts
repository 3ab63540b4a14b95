import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from './support/app.js';
import { collect, connectSocket, nextEvent } from './support/socket.js';

type Page = { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/** People following people: idempotence, counts, keyset pages, deactivated people, the realtime push. */
describe('follows', () => {
  let app: TestApp;
  let db: DataSource;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const sockets: Socket[] = [];

  beforeAll(async () => {
    app = await bootApp();
    db = app.plein.app.get(DataSource);
    for (const who of ['employee', 'contractor', 'freelancer', 'admin', 'ceo', 'hr', 'moderator']) {
      const { accessToken, person } = await app.login(`demo.${who}`);
      tokens[who] = accessToken;
      ids[who] = person.id;
    }
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app.close();
  });

  const gql = (query: string, vars: Record<string, unknown>, who: string) => app.gql(query, vars, tokens[who]);
  const ok = async <T = any>(query: string, vars: Record<string, unknown>, who: string): Promise<T> => {
    const res = await gql(query, vars, who);
    if (res.body.errors) throw new Error(`${who}: ${JSON.stringify(res.body.errors)}`);
    return res.body.data as T;
  };
  const code = async (query: string, vars: Record<string, unknown>, who: string) => (await gql(query, vars, who)).body.errors?.[0].extensions.code;

  const FOLLOW = `mutation($id: ID!) { follow(personId: $id) { id followersCount followedByMe } }`;
  const UNFOLLOW = `mutation($id: ID!) { unfollow(personId: $id) { id followersCount followedByMe } }`;
  const COUNTS = `query($id: ID!) { person(id: $id) { followersCount followingCount followedByMe } }`;
  const PAGE = (list: 'followers' | 'following') =>
    `query($id: ID!, $first: Int, $after: String) { ${list}(personId: $id, first: $first, after: $after) {
      edges { cursor node { id displayName employmentType } } pageInfo { hasNextPage endCursor } } }`;

  it('follows idempotently, counts both sides, and unfollows idempotently', async () => {
    const first = await ok(FOLLOW, { id: ids.ceo }, 'employee');
    expect(first.follow).toEqual({ id: ids.ceo, followersCount: 1, followedByMe: true });
    const again = await ok(FOLLOW, { id: ids.ceo }, 'employee');
    expect(again.follow.followersCount).toBe(1);

    expect((await ok(COUNTS, { id: ids.employee }, 'employee')).person).toEqual({ followersCount: 0, followingCount: 1, followedByMe: false });
    expect((await ok(COUNTS, { id: ids.ceo }, 'contractor')).person).toEqual({ followersCount: 1, followingCount: 0, followedByMe: false });

    expect((await ok(UNFOLLOW, { id: ids.ceo }, 'employee')).unfollow).toEqual({ id: ids.ceo, followersCount: 0, followedByMe: false });
    expect((await ok(UNFOLLOW, { id: ids.ceo }, 'employee')).unfollow.followersCount).toBe(0);
  });

  it('refuses following yourself, unknown people and deactivated people', async () => {
    const self = (await gql(FOLLOW, { id: ids.freelancer }, 'freelancer')).body.errors![0];
    expect(self.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personId' });
    expect(await code(FOLLOW, { id: '00000000-0000-4000-8000-000000000000' }, 'freelancer')).toBe('NOT_FOUND');
    expect(await code(FOLLOW, { id: 'not-an-id' }, 'freelancer')).toBe('NOT_FOUND');
    expect(await code(PAGE('followers'), { id: '00000000-0000-4000-8000-000000000000' }, 'freelancer')).toBe('NOT_FOUND');

    const [{ id: leaver }] = await db.query(`SELECT id FROM people WHERE uid NOT LIKE 'demo.%' ORDER BY uid DESC LIMIT 1`);
    await ok(FOLLOW, { id: leaver }, 'freelancer');
    await db.query(`UPDATE people SET active = false, deactivated_at = now() WHERE id = $1`, [leaver]);
    expect(await code(FOLLOW, { id: leaver }, 'contractor')).toBe('NOT_FOUND');
    // Still readable, marked inactive; no longer counted or listed.
    const { person } = await ok(`query($id: ID!) { person(id: $id) { active followersCount } }`, { id: leaver }, 'contractor');
    expect(person).toEqual({ active: false, followersCount: 1 });
    expect((await ok(COUNTS, { id: ids.freelancer }, 'freelancer')).person.followingCount).toBe(0);
    expect((await ok(PAGE('following'), { id: ids.freelancer }, 'freelancer')).following.edges).toEqual([]);
    // An old follow of a leaver can still be undone.
    await ok(UNFOLLOW, { id: leaver }, 'freelancer');
  });

  it('refuses anonymous follows', async () => {
    expect((await app.gql(FOLLOW, { id: ids.ceo })).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('pages followers newest first with keyset cursors', async () => {
    const target = ids.hr;
    const people: { id: string }[] = await db.query(`SELECT id FROM people WHERE active AND id <> $1 ORDER BY uid LIMIT 7`, [target]);
    // Follows written directly with distinct times, two of them at the very same instant.
    await db.query(
      `INSERT INTO follows (follower_id, followee_id, created_at)
       SELECT p.id, $1, timestamptz '2026-01-01 12:00:00.123456+00' + make_interval(secs => LEAST(i, 5))
         FROM unnest($2::uuid[]) WITH ORDINALITY AS p(id, i)`,
      [target, people.map((p) => p.id)],
    );
    const got: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { followers }: { followers: Page } = await ok(PAGE('followers'), { id: target, first: 3, after }, 'contractor');
      got.push(...followers.edges.map((e) => e.node.id));
      after = followers.pageInfo.hasNextPage ? followers.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    const expected: { id: string }[] = await db.query(
      `SELECT follower_id AS id FROM follows WHERE followee_id = $1 ORDER BY created_at DESC, follower_id DESC`,
      [target],
    );
    expect(got).toEqual(expected.map((r) => r.id));
    expect(new Set(got).size).toBe(7);
    expect((await ok(COUNTS, { id: target }, 'contractor')).person.followersCount).toBe(7);

    // The other direction: one of them follows the target and two more.
    const follower = people[0].id;
    const { following } = await ok(PAGE('following'), { id: follower, first: 10 }, 'admin');
    expect(following.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([target]);
    expect((await gql(PAGE('followers'), { id: target, first: 0 }, 'admin')).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await gql(PAGE('followers'), { id: target, after: 'eA' }, 'admin')).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('answers followedByMe per viewer for a list of people', async () => {
    await ok(FOLLOW, { id: ids.moderator }, 'contractor');
    const { person } = await ok(
      `query($id: ID!) { person(id: $id) { directReports { id followedByMe followersCount } } }`,
      { id: ids.ceo },
      'contractor',
    );
    const mod = person.directReports.find((p: { id: string }) => p.id === ids.moderator);
    expect(mod).toEqual({ id: ids.moderator, followedByMe: true, followersCount: 1 });
    expect(person.directReports.filter((p: { followedByMe: boolean }) => p.followedByMe)).toHaveLength(1);
  });

  it('pushes follow.new to the followee once, not on a repeated follow', async () => {
    const socket = await connectSocket(app.url, tokens.admin);
    sockets.push(socket);
    const event = nextEvent<{ follower: { id: string; displayName: string }; followedAt: string }>(socket, 'follow.new');
    await ok(FOLLOW, { id: ids.admin }, 'employee');
    const got = await event;
    expect(got.follower).toEqual({ id: ids.employee, displayName: 'Jan van der Berg' });
    expect(Number.isNaN(Date.parse(got.followedAt))).toBe(false);

    const repeat = collect(socket, 'follow.new', 400);
    await ok(FOLLOW, { id: ids.admin }, 'employee');
    expect(await repeat).toEqual([]);
  });
});
