import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { bootApp, type TestApp } from './support/app.js';
import { collect, connectSocket, nextEvent } from './support/socket.js';

/** The first `event` whose payload passes `pred` (earlier events of the same name may still be in flight). */
function waitFor<T>(socket: Socket, event: string, pred: (p: T) => boolean, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no matching "${event}" within ${ms} ms`));
    }, ms);
    const handler = (p: T) => {
      if (!pred(p)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(p);
    };
    socket.on(event, handler);
  });
}

/** Groups end to end, through GraphQL and Socket.IO, on the demo organisation. */
describe('groups', () => {
  let app: TestApp;
  const T: Record<string, string> = {};
  const ID: Record<string, string> = {};
  const open: Socket[] = [];
  const USERS = ['demo.employee', 'demo.contractor', 'demo.freelancer', 'demo.hr', 'demo.moderator', 'demo.admin', 'demo.ceo'];
  const short = (uid: string) => uid.replace('demo.', '');

  beforeAll(async () => {
    app = await bootApp();
    for (const uid of USERS) {
      const { accessToken, person } = await app.login(uid);
      T[short(uid)] = accessToken;
      ID[short(uid)] = person.id;
    }
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await app.close();
  });

  /** Runs a query as `who` and returns data, failing the test on errors. */
  async function q<T = any>(who: string, query: string, vars: Record<string, unknown> = {}): Promise<T> {
    const res = await app.gql<T>(query, vars, T[who]);
    if (res.body.errors) throw new Error(`${who}: ${JSON.stringify(res.body.errors)}`);
    return res.body.data as T;
  }
  /** Runs a query that must fail and returns its code (and message). */
  async function fails(who: string, query: string, vars: Record<string, unknown> = {}): Promise<{ code: string; message: string }> {
    const res = await app.gql(query, vars, T[who]);
    expect(res.body.errors).toBeDefined();
    const e = res.body.errors![0];
    return { code: e.extensions.code, message: e.message };
  }

  const CREATE = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { id name kind payrollOnly memberCount audience category myMembership { role status } } }`;
  const GROUP = `query($id: ID!) { group(id: $id) { id name memberCount myMembership { role status } viewerCan { read post join requestToJoin invite moderate leave } } }`;
  const JOIN = `mutation($id: ID!) { joinGroup(groupId: $id) { status role } }`;
  const POST = `mutation($text: String!, $audience: String) { postMessage(input: { text: $text, audience: $audience }) { id audience } }`;
  const FEED = `query($id: ID!) { groupFeed(groupId: $id) { edges { node { id text author { id } } } } }`;
  const SEARCH = `query($q: String, $sort: GroupSort, $category: GroupCategory) { groups(query: $q, sort: $sort, category: $category, first: 100) { edges { node { id name memberCount } } } }`;
  const INVITE = `mutation($id: ID!, $people: [ID!]!) { inviteToGroup(groupId: $id, personIds: $people) { personId status } }`;
  const NOTIFICATIONS = `{ notifications(first: 50) { edges { node { kind read subject url actors { id } } } } }`;
  let n = 0;
  const create = async (who: string, input: Record<string, unknown>) =>
    (await q(who, CREATE, { input: { name: `Groep ${++n} ${Date.now() % 100000}`, kind: 'OPEN', ...input } })).createGroup;

  it('validates input and refuses duplicate names, ignoring case and spacing', async () => {
    expect((await fails('employee', CREATE, { input: { name: 'ab', kind: 'OPEN' } })).code).toBe('BAD_USER_INPUT');
    expect((await fails('employee', CREATE, { input: { name: 'x'.repeat(81), kind: 'OPEN' } })).code).toBe('BAD_USER_INPUT');
    expect((await fails('employee', CREATE, { input: { name: 'Lange beschrijving', kind: 'OPEN', description: 'x'.repeat(2001) } })).code).toBe('BAD_USER_INPUT');
    expect((await fails('employee', CREATE, { input: { name: 'Lange regels', kind: 'OPEN', rules: 'x'.repeat(5001) } })).code).toBe('BAD_USER_INPUT');
    expect((await fails('employee', CREATE, { input: { name: 'Onbekend', kind: 'PUBLIC' } })).code).toBe('BAD_USER_INPUT');
    const g = await create('employee', { name: 'Fietsclub Rotterdam', category: 'SOCIAL', description: 'Samen fietsen naar het werk' });
    expect(g).toMatchObject({ name: 'Fietsclub Rotterdam', kind: 'OPEN', memberCount: 1, category: 'SOCIAL', audience: `group:${g.id}`, myMembership: { role: 'OWNER', status: 'ACTIVE' } });
    const dup = await fails('hr', CREATE, { input: { name: '  fietsclub   ROTTERDAM ', kind: 'CLOSED' } });
    expect(dup.code).toBe('CONFLICT');
    expect(dup.message).toContain('already exists');
    // A contractor cannot start a payroll-only group.
    expect((await fails('contractor', CREATE, { input: { name: 'Alleen personeel', kind: 'OPEN', payrollOnly: true } })).code).toBe('FORBIDDEN');
  });

  it('keeps a secret group invisible to non-members: by id, in lists, in search and on profile pages', async () => {
    const g = await create('employee', { name: 'Project Nachtwacht', kind: 'SECRET', description: 'Geheime overname' });
    const notFound = await fails('hr', GROUP, { id: g.id });
    expect(notFound.code).toBe('NOT_FOUND');
    // Joining by id behaves as if it did not exist.
    expect((await fails('hr', JOIN, { id: g.id })).code).toBe('NOT_FOUND');
    expect((await fails('hr', FEED, { id: g.id })).code).toBe('NOT_FOUND');
    for (const [who, visible] of [['hr', false], ['admin', false], ['contractor', false], ['employee', true]] as const) {
      const ids = (await q(who, SEARCH, { q: 'nachtwacht' })).groups.edges.map((e: any) => e.node.id);
      expect(ids.includes(g.id)).toBe(visible);
      const all = (await q(who, SEARCH, {})).groups.edges.map((e: any) => e.node.id);
      expect(all.includes(g.id)).toBe(visible);
      const profile = await q(who, `query($id: ID!) { person(id: $id) { groups { id } } }`, { id: ID.employee });
      expect(profile.person.groups.map((x: any) => x.id).includes(g.id)).toBe(visible);
    }
    // Posting to it as a non-member: the audience is "unknown", as if it did not exist.
    expect((await fails('hr', POST, { text: 'hallo?', audience: `group:${g.id}` })).code).toBe('BAD_USER_INPUT');

    // Invited: now hr sees it (and only it), accepts, and reads.
    await q('employee', INVITE, { id: g.id, people: [ID.hr] });
    expect((await fails('employee', INVITE, { id: g.id, people: [ID.hr] })).code).toBe('CONFLICT');
    expect((await q('hr', `{ myGroupInvitations { id } }`)).myGroupInvitations.map((x: any) => x.id)).toContain(g.id);
    expect((await q('hr', GROUP, { id: g.id })).group.myMembership).toEqual({ role: 'MEMBER', status: 'INVITED' });
    expect((await fails('hr', FEED, { id: g.id })).code).toBe('FORBIDDEN');
    const accepted = await q('hr', `mutation($id: ID!) { respondToGroupInvitation(groupId: $id, accept: true) { status } }`, { id: g.id });
    expect(accepted.respondToGroupInvitation.status).toBe('ACTIVE');
    const posted = (await q('employee', POST, { text: 'Vergadering om 9 uur', audience: `group:${g.id}` })).postMessage;
    expect((await q('hr', FEED, { id: g.id })).groupFeed.edges.map((e: any) => e.node.id)).toEqual([posted.id]);
    // A group message stays out of non-members' feeds and single reads.
    expect((await fails('moderator', `query($id: ID!) { message(id: $id) { id } }`, { id: posted.id })).code).toBe('NOT_FOUND');
    const company = (await q('moderator', `{ companyFeed(first: 100) { edges { node { id } } } }`)).companyFeed.edges.map((e: any) => e.node.id);
    expect(company).not.toContain(posted.id);
    expect((await q('hr', `{ companyFeed(first: 100) { edges { node { id } } } }`)).companyFeed.edges.map((e: any) => e.node.id)).toContain(posted.id);
  });

  it('closed group: request → withdraw → approving the withdrawn request fails → request → approve → member reads', async () => {
    const g = await create('employee', { kind: 'CLOSED', name: 'Netwerk Oost' });
    const msg = (await q('employee', POST, { text: 'Alleen voor leden', audience: `group:${g.id}` })).postMessage;
    expect((await q('hr', GROUP, { id: g.id })).group.viewerCan).toMatchObject({ read: false, join: false, requestToJoin: true });
    expect((await fails('hr', FEED, { id: g.id })).code).toBe('FORBIDDEN');
    expect((await q('hr', JOIN, { id: g.id })).joinGroup.status).toBe('REQUESTED');
    expect((await fails('hr', JOIN, { id: g.id })).code).toBe('CONFLICT');
    const requests = await q('employee', `query($id: ID!) { group(id: $id) { members(status: REQUESTED) { edges { node { person { id } status } } } } }`, { id: g.id });
    expect(requests.group.members.edges.map((e: any) => e.node.person.id)).toEqual([ID.hr]);
    // Only admins (and community managers) see requests.
    expect((await fails('hr', `query($id: ID!) { group(id: $id) { members(status: REQUESTED) { edges { cursor } } } }`, { id: g.id })).code).toBe('FORBIDDEN');
    await q('hr', `mutation($id: ID!) { withdrawJoinRequest(groupId: $id) }`, { id: g.id });
    const APPROVE = `mutation($id: ID!, $p: ID!) { approveJoinRequest(groupId: $id, personId: $p) { status } }`;
    const withdrawn = await fails('employee', APPROVE, { id: g.id, p: ID.hr });
    expect(withdrawn.code).toBe('NOT_FOUND');
    expect(withdrawn.message).toContain('withdrawn');
    expect((await q('hr', GROUP, { id: g.id })).group.myMembership).toBeNull();
    await q('hr', JOIN, { id: g.id });
    // A member cannot approve; an admin can.
    expect((await q('employee', APPROVE, { id: g.id, p: ID.hr })).approveJoinRequest.status).toBe('ACTIVE');
    expect((await q('hr', FEED, { id: g.id })).groupFeed.edges.map((e: any) => e.node.id)).toEqual([msg.id]);
    // The approved requester is told, by whom, with a link to the group (the withdrawn request told nobody).
    const approvedNotes = (await q('hr', NOTIFICATIONS)).notifications.edges.map((e: any) => e.node).filter((n: any) => n.kind === 'GROUP_APPROVED' && n.subject === `group-approved:${g.id}`);
    expect(approvedNotes).toEqual([expect.objectContaining({ read: false, url: `/groups/${g.id}`, actors: [{ id: ID.employee }] })]);
    const members = await q('hr', `query($id: ID!) { group(id: $id) { memberCount members(query: "ruijter") { edges { node { person { id } role } } } } }`, { id: g.id });
    expect(members.group.memberCount).toBe(2);
    expect(members.group.members.edges.map((e: any) => e.node.person.id)).toEqual([ID.hr]);
  });

  it('a rejected request raises no approval notification', async () => {
    const g = await create('employee', { kind: 'CLOSED' });
    await q('contractor', JOIN, { id: g.id });
    expect((await q('employee', `mutation($id: ID!, $p: ID!) { rejectJoinRequest(groupId: $id, personId: $p) }`, { id: g.id, p: ID.contractor })).rejectJoinRequest).toBe(true);
    expect((await q('contractor', GROUP, { id: g.id })).group.myMembership).toBeNull();
    const notes = (await q('contractor', NOTIFICATIONS)).notifications.edges.map((e: any) => e.node);
    expect(notes.filter((n: any) => n.subject === `group-approved:${g.id}`)).toEqual([]);
  });

  it('payroll-only: contractors and freelancers cannot join or be invited', async () => {
    const g = await create('employee', { payrollOnly: true, name: 'Pensioenfonds vragen' });
    for (const who of ['contractor', 'freelancer']) {
      expect((await q(who, GROUP, { id: g.id })).group.viewerCan).toMatchObject({ read: false, join: false });
      const refused = await fails(who, JOIN, { id: g.id });
      expect(refused).toEqual({ code: 'FORBIDDEN', message: 'This group is for payroll staff only.' });
    }
    expect((await fails('employee', INVITE, { id: g.id, people: [ID.contractor] })).code).toBe('FORBIDDEN');
    // Nothing changed: a mixed batch is refused whole.
    expect((await fails('employee', INVITE, { id: g.id, people: [ID.hr, ID.freelancer] })).code).toBe('FORBIDDEN');
    expect((await q('employee', GROUP, { id: g.id })).group.memberCount).toBe(1);
    expect((await q('hr', JOIN, { id: g.id })).joinGroup.status).toBe('ACTIVE');
    // A secret payroll-only group does not exist for a contractor.
    const s = await create('employee', { payrollOnly: true, kind: 'SECRET' });
    expect((await fails('contractor', GROUP, { id: s.id })).code).toBe('NOT_FOUND');
  });

  it('contractors and freelancers can be members of an ordinary group', async () => {
    const g = await create('employee', { kind: 'OPEN', name: 'Kubernetes gilde' });
    expect((await q('contractor', JOIN, { id: g.id })).joinGroup.status).toBe('ACTIVE');
    const m = (await q('contractor', POST, { text: 'Helm of Kustomize?', audience: `group:${g.id}` })).postMessage;
    expect((await q('employee', FEED, { id: g.id })).groupFeed.edges[0].node.id).toBe(m.id);
  });

  it('open group: anyone reads it (feed, one message, its thread) without joining; only members post; lists stay with members', async () => {
    const g = await create('employee', { kind: 'OPEN', name: 'Open keuken' });
    const m = (await q('employee', POST, { text: 'Wie kookt er vrijdag?', audience: `group:${g.id}` })).postMessage;
    await q('employee', `mutation($id: ID!) { postMessage(input: { text: "Ik!", replyToId: $id }) { id } }`, { id: m.id });
    expect((await q('freelancer', FEED, { id: g.id })).groupFeed.edges.map((e: any) => e.node.id)).toEqual([m.id]);
    expect((await q('freelancer', `query($id: ID!) { message(id: $id) { id } }`, { id: m.id })).message.id).toBe(m.id);
    expect((await q('freelancer', `query($id: ID!) { thread(messageId: $id) { replies { edges { node { text } } } } }`, { id: m.id })).thread.replies.edges).toEqual([{ node: { text: 'Ik!' } }]);
    expect((await fails('freelancer', POST, { text: 'Ik ook', audience: `group:${g.id}` })).code).toBe('FORBIDDEN');
    expect((await fails('freelancer', `mutation($id: ID!) { postMessage(input: { text: "Ik ook", replyToId: $id }) { id } }`, { id: m.id })).code).toBe('FORBIDDEN');
    const company = (await q('freelancer', `{ companyFeed(first: 100) { edges { node { id } } } }`)).companyFeed.edges.map((e: any) => e.node.id);
    expect(company).not.toContain(m.id);
  });

  it('bans: a banned member is out, cannot rejoin or be invited until unbanned', async () => {
    const g = await create('admin', { kind: 'OPEN', name: 'Koffie en code' });
    await q('ceo', JOIN, { id: g.id });
    const BAN = `mutation($id: ID!, $p: ID!) { removeGroupMember(groupId: $id, personId: $p, ban: true) }`;
    expect((await fails('ceo', BAN, { id: g.id, p: ID.admin })).code).toBe('FORBIDDEN');
    await q('admin', BAN, { id: g.id, p: ID.ceo });
    expect((await fails('ceo', JOIN, { id: g.id })).code).toBe('FORBIDDEN');
    expect((await fails('ceo', FEED, { id: g.id })).code).toBe('FORBIDDEN');
    expect((await fails('ceo', POST, { text: 'mag ik terug?', audience: `group:${g.id}` })).code).toBe('BAD_USER_INPUT');
    expect((await fails('admin', INVITE, { id: g.id, people: [ID.ceo] })).code).toBe('CONFLICT');
    expect((await q('admin', GROUP, { id: g.id })).group.memberCount).toBe(1);
    await q('admin', `mutation($id: ID!, $p: ID!) { unbanGroupMember(groupId: $id, personId: $p) }`, { id: g.id, p: ID.ceo });
    expect((await q('ceo', JOIN, { id: g.id })).joinGroup.status).toBe('ACTIVE');
  });

  it('leave, transfer ownership, and the last owner cannot leave', async () => {
    const g = await create('hr', { kind: 'CLOSED', name: 'HR business partners' });
    const LEAVE = `mutation($id: ID!) { leaveGroup(groupId: $id) }`;
    expect((await fails('hr', LEAVE, { id: g.id })).message).toContain('delete the group');
    await q('hr', INVITE, { id: g.id, people: [ID.ceo] });
    await q('ceo', `mutation($id: ID!) { respondToGroupInvitation(groupId: $id, accept: true) { status } }`, { id: g.id });
    const owner = await fails('hr', LEAVE, { id: g.id });
    expect(owner.code).toBe('CONFLICT');
    expect(owner.message).toContain('transfer ownership');
    const TRANSFER = `mutation($id: ID!, $p: ID!) { transferGroupOwnership(groupId: $id, personId: $p) { role } }`;
    expect((await fails('hr', TRANSFER, { id: g.id, p: ID.employee })).code).toBe('BAD_USER_INPUT');
    expect((await fails('ceo', TRANSFER, { id: g.id, p: ID.ceo })).code).toBe('FORBIDDEN');
    expect((await q('hr', TRANSFER, { id: g.id, p: ID.ceo })).transferGroupOwnership.role).toBe('OWNER');
    expect((await q('hr', GROUP, { id: g.id })).group.myMembership.role).toBe('ADMIN');
    expect(await q('hr', LEAVE, { id: g.id })).toEqual({ leaveGroup: true });
    expect((await q('ceo', GROUP, { id: g.id })).group).toMatchObject({ memberCount: 1, myMembership: { role: 'OWNER' } });
    expect((await fails('hr', LEAVE, { id: g.id })).code).toBe('NOT_FOUND');
  });

  it('archive makes a group read-only; delete (admins only) makes it disappear', async () => {
    const g = await create('employee', { kind: 'OPEN', name: 'Tijdelijk project' });
    await q('hr', JOIN, { id: g.id });
    const ARCHIVE = `mutation($id: ID!) { archiveGroup(id: $id) { archived } }`;
    expect((await fails('hr', ARCHIVE, { id: g.id })).code).toBe('FORBIDDEN');
    expect((await q('employee', ARCHIVE, { id: g.id })).archiveGroup.archived).toBe(true);
    expect((await fails('hr', POST, { text: 'nog iemand?', audience: `group:${g.id}` })).code).toBe('FORBIDDEN');
    expect((await fails('ceo', JOIN, { id: g.id })).code).toBe('FORBIDDEN');
    expect((await q('hr', FEED, { id: g.id })).groupFeed.edges).toEqual([]);
    const DELETE = `mutation($id: ID!) { deleteGroup(id: $id) }`;
    expect((await fails('hr', DELETE, { id: g.id })).code).toBe('FORBIDDEN');
    await q('employee', DELETE, { id: g.id });
    expect((await fails('employee', GROUP, { id: g.id })).code).toBe('NOT_FOUND');
    // The name is free again.
    expect((await q('employee', CREATE, { input: { name: 'Tijdelijk project', kind: 'OPEN' } })).createGroup.name).toBe('Tijdelijk project');
  });

  it('discover: search ignores accents and case, categories filter, popular and active sort, colleagues', async () => {
    const a = await create('moderator', { name: 'Café Kletspraat', category: 'SOCIAL', description: 'Koffie en verhalen' });
    const b = await create('moderator', { name: 'Duurzaamheid netwerk', category: 'KNOWLEDGE', description: 'Groene energie en minder reizen' });
    for (const who of ['hr', 'ceo', 'freelancer']) await q(who, JOIN, { id: b.id });
    await q('moderator', POST, { text: 'Nieuw: fietsplan', audience: `group:${a.id}` });
    await q('moderator', POST, { text: 'Tweede bericht', audience: `group:${a.id}` });
    const names = async (vars: Record<string, unknown>) => (await q('employee', SEARCH, vars)).groups.edges.map((e: any) => e.node.id);
    expect(await names({ q: 'cafe' })).toContain(a.id);
    expect(await names({ q: 'KLETS' })).toContain(a.id);
    expect(await names({ q: 'groene energie' })).toEqual([b.id]);
    expect(await names({ q: 'duurzaamhied' })).toContain(b.id); // a typo
    const cats = (await q('employee', `{ groupCategories { category count } }`)).groupCategories;
    expect(cats).toHaveLength(8);
    expect(cats.find((c: any) => c.category === 'KNOWLEDGE').count).toBeGreaterThanOrEqual(1);
    const knowledge = await names({ category: 'KNOWLEDGE' });
    expect(knowledge).toContain(b.id);
    expect(knowledge).not.toContain(a.id);
    const popular = await names({ sort: 'POPULAR' });
    expect(popular.indexOf(b.id)).toBeLessThan(popular.indexOf(a.id));
    const active = await names({ sort: 'ACTIVE' });
    expect(active.indexOf(a.id)).toBeLessThan(active.indexOf(b.id));
    expect((await fails('employee', SEARCH, { q: 'x'.repeat(101) })).code).toBe('BAD_USER_INPUT');
    // Paging: two pages of one give two different groups, in order.
    const p1 = (await q('employee', `{ groups(first: 1, sort: NAME) { edges { node { id name } } pageInfo { endCursor hasNextPage } } }`)).groups;
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await q('employee', `query($a: String) { groups(first: 1, sort: NAME, after: $a) { edges { node { id name } } } }`, { a: p1.pageInfo.endCursor })).groups;
    expect(p2.edges[0].node.name.toLowerCase() >= p1.edges[0].node.name.toLowerCase()).toBe(true);
    expect(p2.edges[0].node.id).not.toBe(p1.edges[0].node.id);
    // demo.admin and demo.contractor are both in IT.
    const it = await create('admin', { name: 'Platformteam', category: 'TEAM' });
    const colleagues = (await q('contractor', `{ groupsOfMyColleagues { group { id } colleagues } }`)).groupsOfMyColleagues;
    expect(colleagues).toContainEqual({ group: { id: it.id }, colleagues: 1 });
  });

  it('pins and announcements: an announcement reaches every member\'s home feed, and nobody else\'s', async () => {
    const g = await create('ceo', { kind: 'CLOSED', name: 'Directieberichten' });
    await q('ceo', INVITE, { id: g.id, people: [ID.employee] });
    await q('employee', JOIN, { id: g.id });
    const m = (await q('ceo', POST, { text: 'Kwartaalcijfers staan online', audience: `group:${g.id}` })).postMessage;
    const PIN = `mutation($g: ID!, $m: ID!) { pinGroupMessage(groupId: $g, messageId: $m) }`;
    expect((await fails('employee', PIN, { g: g.id, m: m.id })).code).toBe('FORBIDDEN');
    await q('ceo', PIN, { g: g.id, m: m.id });
    expect((await fails('ceo', PIN, { g: g.id, m: m.id })).code).toBe('CONFLICT');
    expect((await q('employee', `query($id: ID!) { group(id: $id) { pinned { id } } }`, { id: g.id })).group.pinned).toEqual([{ id: m.id }]);
    const HOME = `{ homeFeed(first: 100) { edges { node { id groupAnnouncement } } } }`;
    const home = async (who: string) => (await q(who, HOME)).homeFeed.edges.map((e: any) => e.node.id);
    expect(await home('employee')).not.toContain(m.id);
    await q('ceo', `mutation($m: ID!) { setGroupAnnouncement(messageId: $m) }`, { m: m.id });
    expect(await home('employee')).toContain(m.id);
    expect((await q('employee', HOME)).homeFeed.edges.find((e: any) => e.node.id === m.id).node.groupAnnouncement).toBe(true);
    expect(await home('hr')).not.toContain(m.id);
  });

  it('live: a member receives group messages only while a member; removal stops it at once, without reconnecting', async () => {
    const g = await create('admin', { kind: 'CLOSED', name: 'Storingsdienst' });
    await q('admin', INVITE, { id: g.id, people: [ID.employee] });
    // Connected before joining: the socket is moved into the group's room when the invitation is accepted.
    const socket = await connectSocket(app.url, T.employee);
    open.push(socket);
    const outsider = await connectSocket(app.url, T.hr);
    open.push(outsider);
    await q('employee', JOIN, { id: g.id });

    const got = nextEvent<{ id: string; audience: string }>(socket, 'message.created', 8000);
    const leak = collect(outsider, 'message.created', 800);
    const first = (await q('admin', POST, { text: 'Storing in regio Zuid', audience: `group:${g.id}` })).postMessage;
    expect((await got).id).toBe(first.id);
    expect((await leak).filter((m: any) => m.audience === `group:${g.id}`)).toEqual([]);

    // Admins hear about join requests live.
    const adminSocket = await connectSocket(app.url, T.admin);
    open.push(adminSocket);
    const requested = nextEvent<{ groupId: string; personId: string }>(adminSocket, 'group.joinRequested', 8000);
    await q('ceo', JOIN, { id: g.id });
    expect(await requested).toEqual(expect.objectContaining({ groupId: g.id, personId: ID.ceo }));

    const removed = waitFor<{ personId: string; status: string | null }>(socket, 'group.member.changed', (e) => e.status === null, 8000);
    await q('admin', `mutation($id: ID!, $p: ID!) { removeGroupMember(groupId: $id, personId: $p) }`, { id: g.id, p: ID.employee });
    expect((await removed).status).toBeNull();
    const after = collect<{ audience: string }>(socket, 'message.created', 800);
    await q('admin', POST, { text: 'Alleen nog voor de dienst', audience: `group:${g.id}` });
    expect((await after).filter((m) => m.audience === `group:${g.id}`)).toEqual([]);
    expect(socket.connected).toBe(true);

    // Back in (approved request): receives again on the same socket.
    await q('employee', JOIN, { id: g.id });
    await q('admin', `mutation($id: ID!, $p: ID!) { approveJoinRequest(groupId: $id, personId: $p) { status } }`, { id: g.id, p: ID.employee });
    const again = nextEvent<{ id: string }>(socket, 'message.created', 8000);
    const third = (await q('admin', POST, { text: 'Welkom terug', audience: `group:${g.id}` })).postMessage;
    expect((await again).id).toBe(third.id);
  });
});
