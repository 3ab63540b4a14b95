import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from './support/app.js';
import { collect, connectSocket } from './support/socket.js';

/**
 * Information barriers as a matrix. Two-way: Wholesale (WHS, demo.employee moved there) ↔
 * Consumentenmarkt (CONS and below: demo.freelancer is in PROD, a sub-department). One-way:
 * HR (demo.hr) reads IT (demo.contractor); IT sees nothing of HR. demo.moderator (COMM) is on
 * neither side and sees everything.
 */
describe('information barriers', () => {
  let app: TestApp;
  let db: DataSource;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const sockets: Socket[] = [];
  const posts: Record<string, string> = {};
  let closedGroupId = '';
  let barrierId = '';
  let report: { suspendedFollows: { followerId: string; followeeId: string }[]; suspendedGroupMemberships: { groupId: string; personId: string }[] };

  const gql = (query: string, vars: Record<string, unknown>, who: string) => app.gql(query, vars, tokens[who]);
  const ok = async <T = any>(query: string, vars: Record<string, unknown>, who: string): Promise<T> => {
    const res = await gql(query, vars, who);
    if (res.body.errors) throw new Error(`${who}: ${JSON.stringify(res.body.errors)}`);
    return res.body.data as T;
  };
  const code = async (query: string, vars: Record<string, unknown>, who: string) => (await gql(query, vars, who)).body.errors?.[0]?.extensions.code;
  const post = async (who: string, text: string) => (await ok<{ postMessage: { id: string } }>(`mutation($t: String!) { postMessage(input: { text: $t, audience: "company" }) { id } }`, { t: text }, who)).postMessage.id;
  const companyFeed = async (who: string) =>
    (await ok<{ companyFeed: { edges: { node: { id: string } }[] } }>(`{ companyFeed(first: 100) { edges { node { id } } } }`, {}, who)).companyFeed.edges.map((e) => e.node.id);

  beforeAll(async () => {
    app = await bootApp();
    db = app.plein.app.get(DataSource);
    await db.query(`UPDATE people SET department_id = (SELECT id FROM departments WHERE code = 'WHS') WHERE uid = 'demo.employee'`);
    for (const who of ['employee', 'freelancer', 'hr', 'contractor', 'moderator', 'admin']) {
      const { accessToken, person } = await app.login(`demo.${who}`);
      tokens[who] = accessToken;
      ids[who] = person.id;
    }
    // Before any barrier: a follow and a closed group shared across what will be the barrier.
    await ok(`mutation($id: ID!) { follow(personId: $id) { id } }`, { id: ids.freelancer }, 'employee');
    closedGroupId = (await ok<{ createGroup: { id: string } }>(`mutation { createGroup(input: { name: "Retail en wholesale overleg", kind: CLOSED }) { id } }`, {}, 'freelancer')).createGroup.id;
    await ok(`mutation($g: ID!) { joinGroup(groupId: $g) { status } }`, { g: closedGroupId }, 'employee');
    await ok(`mutation($g: ID!, $p: ID!) { approveJoinRequest(groupId: $g, personId: $p) { status } }`, { g: closedGroupId, p: ids.employee }, 'freelancer');

    const dept = async (c: string) => ((await db.query('SELECT id FROM departments WHERE code = $1', [c])) as { id: string }[])[0].id;
    const seg = async (name: string, departmentId: string) =>
      (await ok<{ createBarrierSegment: { id: string; memberCount: number } }>(
        `mutation($n: String!, $d: ID!) { createBarrierSegment(input: { name: $n, kind: DEPARTMENT, departmentId: $d }) { id memberCount } }`,
        { n: name, d: departmentId },
        'admin',
      )).createBarrierSegment;
    const whs = await seg('Wholesale', await dept('WHS'));
    const cons = await seg('Retail', await dept('CONS'));
    const hr = await seg('HR', await dept('HR'));
    const it = await seg('IT', await dept('IT'));
    expect(cons.memberCount).toBeGreaterThan(3); // SHOPS, CARE and PROD are counted in
    const create = `mutation($a: ID!, $b: ID!, $d: BarrierDirection!) { createInformationBarrier(input: { segmentAId: $a, segmentBId: $b, direction: $d }) {
      barrier { id direction } suspendedFollows { followerId followeeId follower { id } followee { id } } suspendedGroupMemberships { groupId personId person { id } } } }`;
    const two = (await ok(create, { a: whs.id, b: cons.id, d: 'TWO_WAY' }, 'admin')).createInformationBarrier;
    barrierId = two.barrier.id;
    report = two;
    await ok(create, { a: hr.id, b: it.id, d: 'ONE_WAY' }, 'admin');

    for (const who of ['employee', 'freelancer', 'hr', 'contractor', 'moderator']) posts[who] = await post(who, `Nieuws van ${who} barrierwoord${who}`);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app.close();
  });

  it('only admins manage barriers, and every change is audited', async () => {
    expect(await code(`{ informationBarriers { id } }`, {}, 'moderator')).toBe('FORBIDDEN');
    expect(await code(`mutation { createBarrierSegment(input: { name: "X", kind: LOCATION, value: "Delft" }) { id } }`, {}, 'employee')).toBe('FORBIDDEN');
    expect(await code(`mutation { createBarrierSegment(input: { name: "Bad", kind: EMPLOYMENT_TYPE, value: "intern" }) { id } }`, {}, 'admin')).toBe('BAD_USER_INPUT');
    const entries = (await ok<{ barrierAudit: { action: string; actor: { id: string } | null }[] }>(`{ barrierAudit { action actor { id } } }`, {}, 'admin')).barrierAudit;
    expect(entries.every((e) => e.actor?.id === ids.admin)).toBe(true);
    const audit = entries.map((a) => a.action);
    expect(audit.filter((a) => a === 'segment.created')).toHaveLength(4);
    expect(audit.filter((a) => a === 'barrier.created')).toHaveLength(2);
  });

  it('reports and suspends the follows and closed-group memberships a new barrier forbids', async () => {
    expect(report.suspendedFollows).toEqual([{ followerId: ids.employee, followeeId: ids.freelancer, follower: { id: ids.employee }, followee: { id: ids.freelancer } }]);
    // The owner (freelancer) keeps the group; the wholesale member is suspended.
    expect(report.suspendedGroupMemberships).toEqual([{ groupId: closedGroupId, personId: ids.employee, person: { id: ids.employee } }]);
    const counts = await ok(`query($id: ID!) { person(id: $id) { followersCount } }`, { id: ids.freelancer }, 'moderator');
    expect(counts.person.followersCount).toBe(0);
    expect(await code(`query($g: ID!) { groupFeed(groupId: $g) { edges { node { id } } } }`, { g: closedGroupId }, 'employee')).toBe('FORBIDDEN');
  });

  // reader → author → visible?
  const matrix: [string, string, boolean][] = [
    ['employee', 'freelancer', false],
    ['freelancer', 'employee', false],
    ['hr', 'contractor', true], // one-way: HR reads IT
    ['contractor', 'hr', false], // IT sees nothing of HR
    ['moderator', 'employee', true],
    ['moderator', 'freelancer', true],
    ['employee', 'hr', true],
  ];

  it.each(matrix)('%s reading %s: feeds, single message, thread, search → %s', async (reader, author, visible) => {
    const id = posts[author];
    expect((await companyFeed(reader)).includes(id)).toBe(visible);
    const personFeed = await ok(`query($p: ID!) { personFeed(personId: $p, first: 50) { edges { node { id } } } }`, { p: ids[author] }, reader);
    expect(personFeed.personFeed.edges.some((e: { node: { id: string } }) => e.node.id === id)).toBe(visible);
    const single = await gql(`query($id: ID!) { message(id: $id) { id } }`, { id }, reader);
    expect(single.body.data?.message?.id === id).toBe(visible);
    const thread = await gql(`query($id: ID!) { thread(messageId: $id) { root { id } } }`, { id }, reader);
    expect(thread.body.data?.thread?.root?.id === id).toBe(visible);
    const found = await ok(`query($q: String!) { searchMessages(query: $q) { edges { node { id } } } }`, { q: `barrierwoord${author}` }, reader);
    expect(found.searchMessages.edges.some((e: { node: { id: string } }) => e.node.id === id)).toBe(visible);
  });

  it.each(matrix)('%s looking up %s: people search and profile → %s', async (reader, author, visible) => {
    const name = (await ok(`query($id: ID!) { person(id: $id) { familyName } }`, { id: ids[author] }, 'moderator')).person.familyName as string;
    const res = await ok(`query($q: String!) { searchPeople(query: $q, first: 50) { edges { node { id } } } }`, { q: name }, reader);
    expect(res.searchPeople.edges.some((e: { node: { id: string } }) => e.node.id === ids[author])).toBe(visible);
    const profile = (await ok(`query($id: ID!) { person(id: $id) { displayName jobTitle email department { id } profile { skills } } }`, { id: ids[author] }, reader)).person;
    expect(profile.displayName).toBeTruthy(); // the name always shows
    expect(profile.jobTitle !== null).toBe(visible);
    expect(profile.email !== '').toBe(visible);
    expect(profile.department !== null).toBe(visible);
  });

  // actor → other → may interact? (any barrier, either direction, forbids it)
  const pairs: [string, string, boolean][] = [
    ['employee', 'freelancer', false],
    ['freelancer', 'employee', false],
    ['hr', 'contractor', false],
    ['contractor', 'hr', false],
    ['moderator', 'freelancer', true],
  ];

  it.each(pairs)('%s interacting with %s: follow, reply, like, reshare, mention → %s', async (actor, other, allowed) => {
    const followed = await gql(`mutation($id: ID!) { follow(personId: $id) { id } }`, { id: ids[other] }, actor);
    expect(!followed.body.errors).toBe(allowed);
    const target = posts[other];
    const reply = await gql(`mutation($r: ID!) { postMessage(input: { text: "Eens!", replyToId: $r }) { id } }`, { r: target }, actor);
    expect(!reply.body.errors).toBe(allowed);
    const like = await gql(`mutation($id: ID!) { likeMessage(id: $id) { id } }`, { id: target }, actor);
    expect(!like.body.errors).toBe(allowed);
    const reshare = await gql(`mutation($id: ID!) { reshareMessage(input: { messageId: $id, note: "Lees dit" }) { id } }`, { id: target }, actor);
    expect(!reshare.body.errors).toBe(allowed);
    if (!allowed) expect(['FORBIDDEN', 'NOT_FOUND']).toContain(like.body.errors![0].extensions.code);
    const mention = await ok(`mutation($t: String!) { postMessage(input: { text: $t, audience: "company" }) { entities { mentions { personId } } } }`, { t: `Hoi @demo.${other}` }, actor);
    expect(mention.postMessage.entities.mentions.map((m: { personId: string }) => m.personId)).toEqual(allowed ? [ids[other]] : []);
  });

  it('refuses joining or inviting into a closed group across a barrier, not an open one', async () => {
    const closed = (await ok(`mutation { createGroup(input: { name: "Winkelteam", kind: CLOSED }) { id } }`, {}, 'freelancer')).createGroup.id;
    expect(await code(`mutation($g: ID!) { joinGroup(groupId: $g) { status } }`, { g: closed }, 'employee')).toBe('FORBIDDEN');
    expect(await code(`mutation($g: ID!, $p: [ID!]!) { inviteToGroup(groupId: $g, personIds: $p) { status } }`, { g: closed, p: [ids.employee] }, 'freelancer')).toBe('FORBIDDEN');
    const open = (await ok(`mutation { createGroup(input: { name: "Iedereen welkom", kind: OPEN }) { id } }`, {}, 'freelancer')).createGroup.id;
    expect((await ok(`mutation($g: ID!) { joinGroup(groupId: $g) { status } }`, { g: open }, 'employee')).joinGroup.status).toBe('ACTIVE');
    // In the open group each still sees only what the barrier allows.
    const gpost = (await ok(`mutation($a: String!) { postMessage(input: { text: "Groepsnieuws", audience: $a }) { id } }`, { a: `group:${open}` }, 'freelancer')).postMessage.id;
    const feed = await ok(`query($g: ID!) { groupFeed(groupId: $g) { edges { node { id } } } }`, { g: open }, 'employee');
    expect(feed.groupFeed.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(gpost);
  });

  it('leaves the shut-out segments out of socket emits, and replays nothing across a barrier', async () => {
    const s: Record<string, Socket> = {};
    for (const who of ['employee', 'freelancer', 'hr', 'contractor', 'moderator']) {
      s[who] = await connectSocket(app.url, tokens[who]);
      sockets.push(s[who]);
    }
    const [lastEvent] = (await db.query('SELECT max(id)::text AS id FROM realtime_events')) as { id: string }[];
    const got: Record<string, Promise<{ authorId: string }[]>> = {};
    for (const who of Object.keys(s)) got[who] = collect<{ authorId: string }>(s[who], 'message.created', 1500);
    const updates = { employee: collect<{ id: string }>(s.employee, 'message.updated', 1500), hr: collect<{ id: string }>(s.hr, 'message.updated', 1500) };
    await ok(`mutation($id: ID!) { unlikeMessage(id: $id) { id } }`, { id: posts.freelancer }, 'moderator'); // liked in the interaction matrix
    await post('freelancer', 'Live uit de winkels');
    await post('contractor', 'Live uit IT');
    await post('hr', 'Live uit HR');
    const authors = async (who: string) => (await got[who]).map((e) => e.authorId);
    expect(await authors('employee')).not.toContain(ids.freelancer);
    expect(await authors('moderator')).toEqual(expect.arrayContaining([ids.freelancer, ids.contractor, ids.hr]));
    expect(await authors('hr')).toContain(ids.contractor);
    expect(await authors('hr')).toContain(ids.freelancer);
    expect(await authors('contractor')).not.toContain(ids.hr);
    expect(await authors('contractor')).toContain(ids.freelancer);
    // Count updates (no author in the payload) are shut out the same way.
    expect((await updates.employee).map((u) => u.id)).not.toContain(posts.freelancer);
    expect((await updates.hr).map((u) => u.id)).toContain(posts.freelancer);
    const replay = await ok(`query($e: ID!) { eventsSince(lastEventId: $e) { type payload } }`, { e: lastEvent.id }, 'employee');
    const replayed = replay.eventsSince.filter((e: { type: string }) => e.type === 'message.created').map((e: { payload: string }) => JSON.parse(e.payload).authorId);
    expect(replayed).not.toContain(ids.freelancer);
    expect(replayed).toContain(ids.contractor);
  });

  it('removing a barrier lifts its suspensions and is audited', async () => {
    await ok(`mutation($id: ID!) { deleteInformationBarrier(id: $id) }`, { id: barrierId }, 'admin');
    expect((await companyFeed('employee')).includes(posts.freelancer)).toBe(true);
    const counts = await ok(`query($id: ID!) { person(id: $id) { followersCount } }`, { id: ids.freelancer }, 'moderator');
    expect(counts.person.followersCount).toBeGreaterThanOrEqual(1);
    const feed = await gql(`query($g: ID!) { groupFeed(groupId: $g) { edges { node { id } } } }`, { g: closedGroupId }, 'employee');
    expect(feed.body.errors).toBeUndefined();
    const audit = (await ok<{ barrierAudit: { action: string; details: string }[] }>(`{ barrierAudit(first: 1) { action details } }`, {}, 'admin')).barrierAudit[0];
    expect(audit.action).toBe('barrier.deleted');
    expect(JSON.parse(audit.details).liftedSuspensions).toBe(2);
  });
});
