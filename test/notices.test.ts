import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { bootApp, type TestApp } from './support/app.js';
import { eventually } from './support/messages.js';
import { collect, connectSocket, nextEvent } from './support/socket.js';

type GqlError = { message: string; extensions: { code: string; field?: string } };

/**
 * Outage notices end to end: the grantable publisher role, validation, the audience matrix
 * (company, employees, departments with their sub-departments), the forward-only timeline, live
 * updates over Socket.IO, follower notifications, "I am affected too", and Dutch search.
 */
describe('outage notices', () => {
  let app: TestApp;
  let db: pg.Client;
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};
  const open: Socket[] = [];
  let tech: string;
  let net: string;

  const call = async (uid: string, query: string, variables: Record<string, unknown> = {}) => (await app.gql(query, variables, token[uid])).body as { data?: any; errors?: GqlError[] };
  const ok = async (uid: string, query: string, variables: Record<string, unknown> = {}) => {
    const body = await call(uid, query, variables);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const errorOf = async (uid: string, query: string, variables: Record<string, unknown> = {}) => {
    const body = await call(uid, query, variables);
    expect(body.errors?.length).toBeTruthy();
    return body.errors![0].extensions;
  };
  const PUBLISH = `mutation P($input: PublishNoticeInput!) { publishNotice(input: $input) { id status severity audience affectedCount updates { status text author { uid } } } }`;
  const UPDATE = `mutation U($id: ID!, $status: NoticeStatus!, $text: String!) { postNoticeUpdate(noticeId: $id, status: $status, text: $text) { id status resolvedAt updates { status text } } }`;
  const base = (over: Record<string, unknown> = {}) => ({
    title: 'Storing mobiel internet',
    text: 'We onderzoeken meldingen over trage verbindingen.',
    services: ['Mobiel internet', '4G'],
    regions: ['Zuid-Holland'],
    severity: 'MAJOR',
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    audience: 'COMPANY',
    ...over,
  });
  const publish = async (uid: string, over: Record<string, unknown> = {}) => (await ok(uid, PUBLISH, { input: base(over) })).publishNotice;
  const sees = async (uid: string, noticeId: string) => {
    const body = await call(uid, 'query N($id: ID!) { notice(id: $id) { id } }', { id: noticeId });
    if (body.errors) expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
    const active = (await ok(uid, '{ activeNotices { id } }')).activeNotices.map((n: { id: string }) => n.id);
    const searched = (await ok(uid, '{ searchNotices(first: 100) { edges { node { id } } } }')).searchNotices.edges.map((e: { node: { id: string } }) => e.node.id);
    // Single item, banner and search always agree.
    expect(active.includes(noticeId)).toBe(!body.errors);
    expect(searched.includes(noticeId)).toBe(!body.errors);
    return !body.errors;
  };

  beforeAll(async () => {
    app = await bootApp({ WORKER_INLINE: 'true' });
    db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    for (const uid of ['demo.admin', 'demo.hr', 'demo.employee', 'demo.contractor', 'demo.freelancer', 'demo.ceo']) {
      const session = await app.login(uid);
      token[uid] = session.accessToken;
      id[uid] = session.person.id;
    }
    const me = (await ok('demo.employee', '{ me { department { id parent { id } } } }')).me;
    net = me.department.id;
    tech = me.department.parent.id;
    await ok('demo.admin', 'mutation G($p: ID!) { grantRole(personId: $p, role: NOTICE_PUBLISHER) { roles } }', { p: id['demo.hr'] });
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await db?.end();
    await app?.close();
  });

  it('lets only admins grant the publisher role, and only publishers publish', async () => {
    expect((await errorOf('demo.employee', PUBLISH, { input: base() })).code).toBe('FORBIDDEN');
    expect((await errorOf('demo.employee', 'mutation G($p: ID!) { grantRole(personId: $p, role: NOTICE_PUBLISHER) { roles } }', { p: id['demo.employee'] })).code).toBe('FORBIDDEN');
    // Only the business roles are grantable: ADMIN is not a GrantableRole.
    expect((await call('demo.admin', 'mutation G($p: ID!) { grantRole(personId: $p, role: ADMIN) { roles } }', { p: id['demo.employee'] })).errors).toBeTruthy();
    const granted = (await ok('demo.admin', 'mutation G($p: ID!) { grantRole(personId: $p, role: NOTICE_PUBLISHER) { roles } }', { p: id['demo.ceo'] })).grantRole;
    expect(granted.roles).toEqual(['MEMBER', 'NOTICE_PUBLISHER']);
    const n = await publish('demo.ceo', { title: 'Test van de rol' });
    expect(n).toMatchObject({ status: 'INVESTIGATING', severity: 'MAJOR', audience: 'COMPANY', affectedCount: 0 });
    expect(n.updates).toEqual([{ status: 'INVESTIGATING', text: 'We onderzoeken meldingen over trage verbindingen.', author: { uid: 'demo.ceo' } }]);
    expect((await ok('demo.admin', 'mutation G($p: ID!) { revokeRole(personId: $p, role: NOTICE_PUBLISHER) { roles } }', { p: id['demo.ceo'] })).revokeRole.roles).toEqual(['MEMBER']);
    expect((await errorOf('demo.ceo', PUBLISH, { input: base() })).code).toBe('FORBIDDEN');
    // An admin publishes without the role.
    expect((await publish('demo.admin', { title: 'Door een beheerder' })).status).toBe('INVESTIGATING');
    await ok('demo.hr', UPDATE, { id: n.id, status: 'RESOLVED', text: 'Opgelost.' });
  });

  it('validates every field and names it', async () => {
    const bad = async (over: Record<string, unknown>) => errorOf('demo.hr', PUBLISH, { input: base(over) });
    expect(await bad({ title: '  ' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    expect(await bad({ title: 'x'.repeat(201) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    expect(await bad({ services: Array.from({ length: 21 }, (_, i) => `Dienst ${i}`) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'services' });
    expect(await bad({ services: ['ok', 'y'.repeat(61)] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'services[1]' });
    expect(await bad({ expectedEndAt: new Date(Date.now() - 120_000).toISOString() })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expectedEndAt' });
    expect(await bad({ audience: 'DEPARTMENTS' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departmentIds' });
    expect(await bad({ audience: 'DEPARTMENTS', departmentIds: [tech, '00000000-0000-4000-8000-000000000000'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departmentIds[1]' });
    expect(await bad({ departmentIds: [tech] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departmentIds' });
    expect(await bad({ text: '' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
  });

  it('shows each audience to exactly the right people (a department notice reaches its sub-departments)', async () => {
    const company = (await publish('demo.hr', { title: 'Voor iedereen' })).id;
    const employees = (await publish('demo.hr', { title: 'Alleen personeel', audience: 'EMPLOYEES' })).id;
    const techOnly = (await publish('demo.hr', { title: 'Technologie', audience: 'DEPARTMENTS', departmentIds: [tech] })).id;
    const netOnly = (await publish('demo.hr', { title: 'Netwerkbeheer', audience: 'DEPARTMENTS', departmentIds: [net] })).id;
    // employee: NET (under TECH), payroll; contractor: IT (under TECH); freelancer: PROD; ceo: BOARD (above TECH).
    const matrix: Record<string, [boolean, boolean, boolean, boolean]> = {
      'demo.employee': [true, true, true, true],
      'demo.contractor': [true, false, true, false],
      'demo.freelancer': [true, false, false, false],
      'demo.ceo': [true, true, false, false],
      'demo.hr': [true, true, true, true],
    };
    for (const [uid, expected] of Object.entries(matrix)) {
      const got = [];
      for (const n of [company, employees, techOnly, netOnly]) got.push(await sees(uid, n));
      expect([uid, got]).toEqual([uid, expected]);
    }
    for (const n of [company, employees, techOnly, netOnly]) await ok('demo.hr', UPDATE, { id: n, status: 'RESOLVED', text: 'Klaar.' });
  });

  it('moves forward only, ends at resolved, and sends every update live to the audience', async () => {
    const socket = async (uid: string) => {
      const s = await connectSocket(app.url, token[uid]);
      open.push(s);
      return s;
    };
    const [employee, freelancer, contractor] = await Promise.all(['demo.employee', 'demo.freelancer', 'demo.contractor'].map(socket));
    const published = nextEvent<any>(freelancer, 'notice.published');
    const n = await publish('demo.hr', { title: 'Storing vast internet Rotterdam' });
    expect((await published).notice).toMatchObject({ id: n.id, status: 'investigating', severity: 'major' });

    // A department notice: only people under TECH (and publishers) hear of it, on their own rooms.
    const dept = await publish('demo.hr', { title: 'Storing VPN', audience: 'DEPARTMENTS', departmentIds: [tech] });
    const got = Promise.all([nextEvent<any>(employee, 'notice.updated'), nextEvent<any>(contractor, 'notice.updated'), collect<any>(freelancer, 'notice.updated', 1200)]);
    await ok('demo.hr', UPDATE, { id: dept.id, status: 'IDENTIFIED', text: 'Oorzaak gevonden: certificaat verlopen.' });
    const [e, c, f] = await got;
    expect(e).toMatchObject({ notice: { id: dept.id, status: 'identified' }, update: { status: 'identified', text: 'Oorzaak gevonden: certificaat verlopen.' } });
    expect(c.notice.id).toBe(dept.id);
    expect(f).toEqual([]);

    const live = nextEvent<any>(freelancer, 'notice.updated');
    const identified = (await ok('demo.hr', UPDATE, { id: n.id, status: 'IDENTIFIED', text: 'Kabelbreuk bij Rotterdam-Zuid.' })).postNoticeUpdate;
    expect(identified.status).toBe('IDENTIFIED');
    expect((await live).update.text).toBe('Kabelbreuk bij Rotterdam-Zuid.');
    // Back is refused; staying at a step is a further update; skipping forward is fine.
    expect(await errorOf('demo.hr', UPDATE, { id: n.id, status: 'INVESTIGATING', text: 'Toch niet.' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    await ok('demo.hr', UPDATE, { id: n.id, status: 'IDENTIFIED', text: 'Monteurs zijn onderweg.' });
    expect(await errorOf('demo.hr', UPDATE, { id: n.id, status: 'MONITORING', text: '' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    expect((await errorOf('demo.employee', UPDATE, { id: n.id, status: 'MONITORING', text: 'Ik ook' })).code).toBe('FORBIDDEN');
    const resolved = (await ok('demo.hr', UPDATE, { id: n.id, status: 'RESOLVED', text: 'De kabel is hersteld.' })).postNoticeUpdate;
    expect(resolved.resolvedAt).toBeTruthy();
    expect(resolved.updates.map((u: { status: string }) => u.status)).toEqual(['INVESTIGATING', 'IDENTIFIED', 'IDENTIFIED', 'RESOLVED']);
    expect((await errorOf('demo.hr', UPDATE, { id: n.id, status: 'RESOLVED', text: 'Nog iets.' })).code).toBe('CONFLICT');

    // Off the banner, still searchable with its timeline (Dutch stemming: "kabelbreuken" finds "Kabelbreuk").
    expect((await ok('demo.employee', '{ activeNotices { id } }')).activeNotices.map((x: { id: string }) => x.id)).not.toContain(n.id);
    const found = (await ok('demo.employee', '{ searchNotices(query: "kabelbreuken", status: RESOLVED) { edges { node { id status updates { text } } } } }')).searchNotices.edges;
    expect(found.map((x: { node: { id: string } }) => x.node.id)).toEqual([n.id]);
    expect(found[0].node.updates).toHaveLength(4);
    await ok('demo.hr', UPDATE, { id: dept.id, status: 'RESOLVED', text: 'Klaar.' });
  });

  it('notifies followers of the notice and of its services, never those who may not see it', async () => {
    expect((await ok('demo.freelancer', 'mutation { followService(name: "Glasvezel") }')).followService).toEqual(['glasvezel']);
    expect((await ok('demo.employee', 'mutation { followService(name: "glasVEZEL") }')).followService).toEqual(['glasvezel']);
    expect(await errorOf('demo.employee', 'mutation { followService(name: "   ") }')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const NOTES = '{ notifications { edges { node { kind subject summary } } } }';
    const noteFor = (uid: string, subject: string) =>
      eventually(async () => (await ok(uid, NOTES)).notifications.edges.map((e: any) => e.node).find((x: any) => x.subject === subject), 8000, `${uid} notified`);

    // One at a time, each job waited for: pg-boss (12.35, batch size 1) can leave a second job queued
    // until its 30 s backstop poll when two NOTIFY wake-ups arrive during one busy fetch.
    const jobsDone = () =>
      eventually(async () => ((await db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'business.notice-fan-out' AND state IN ('created', 'retry', 'active')`)).rows[0].n === 0 ? true : undefined), 8000, 'fan-out jobs done');
    const open = await publish('demo.hr', { title: 'Storing glasvezel', services: ['Glasvezel'] });
    await jobsDone();
    const payroll = await publish('demo.hr', { title: 'Storing glasvezel kantoor', services: ['Glasvezel'], audience: 'EMPLOYEES' });
    await jobsDone();
    expect(await noteFor('demo.freelancer', `notice:${open.id}`)).toMatchObject({ kind: 'NOTICE_UPDATE', summary: expect.stringContaining('Hendrik') });
    await noteFor('demo.employee', `notice:${payroll.id}`);

    await ok('demo.contractor', 'mutation F($id: ID!) { followNotice(noticeId: $id) { followedByMe } }', { id: open.id });
    await ok('demo.hr', UPDATE, { id: open.id, status: 'MONITORING', text: 'We houden het in de gaten.' });
    await jobsDone();
    await noteFor('demo.contractor', `notice:${open.id}`);
    // The freelancer follows the service too, but may not see the employees-only notice.
    const freelancerNotes = (await ok('demo.freelancer', NOTES)).notifications.edges.map((e: any) => e.node.subject);
    expect(freelancerNotes).not.toContain(`notice:${payroll.id}`);
    // A contractor cannot follow what they cannot see.
    expect((await errorOf('demo.contractor', 'mutation F($id: ID!) { followNotice(noticeId: $id) { id } }', { id: payroll.id })).code).toBe('NOT_FOUND');
    for (const n of [open, payroll]) await ok('demo.hr', UPDATE, { id: n.id, status: 'RESOLVED', text: 'Klaar.' });
  });

  it('counts "I am affected too" per department; names and comments only for publishers', async () => {
    const n = await publish('demo.hr', { title: 'Storing e-mail' });
    const AFFECT = 'mutation A($id: ID!, $c: String) { markAffected(noticeId: $id, comment: $c) { affectedCount affectedByMe } }';
    expect(await errorOf('demo.employee', AFFECT, { id: n.id, c: 'x'.repeat(501) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comment' });
    expect((await ok('demo.employee', AFFECT, { id: n.id, c: 'Outlook start niet' })).markAffected).toEqual({ affectedCount: 1, affectedByMe: true });
    // Marking again replaces the comment and counts once.
    expect((await ok('demo.employee', AFFECT, { id: n.id, c: 'Outlook en Teams' })).markAffected.affectedCount).toBe(1);
    expect((await ok('demo.contractor', AFFECT, { id: n.id })).markAffected.affectedCount).toBe(2);
    expect((await ok('demo.freelancer', AFFECT, { id: n.id })).markAffected.affectedCount).toBe(3);
    expect((await ok('demo.freelancer', 'mutation U($id: ID!) { unmarkAffected(noticeId: $id) { affectedCount affectedByMe } }', { id: n.id })).unmarkAffected).toEqual({ affectedCount: 2, affectedByMe: false });
    const Q = 'query N($id: ID!) { notice(id: $id) { affectedCount affectedByDepartment { count department { code } } affectedPeople { comment person { uid } } } }';
    const asStaff = (await ok('demo.employee', Q, { id: n.id })).notice;
    expect(asStaff.affectedCount).toBe(2);
    expect(asStaff.affectedPeople).toBeNull();
    expect(asStaff.affectedByDepartment.map((d: any) => [d.department.code, d.count]).sort()).toEqual([['IT', 1], ['NET', 1]]);
    const asPublisher = (await ok('demo.hr', Q, { id: n.id })).notice;
    expect(asPublisher.affectedPeople).toEqual([
      { comment: 'Outlook en Teams', person: { uid: 'demo.employee' } },
      { comment: null, person: { uid: 'demo.contractor' } },
    ]);
    await ok('demo.hr', UPDATE, { id: n.id, status: 'RESOLVED', text: 'Klaar.' });
    expect((await errorOf('demo.ceo', AFFECT, { id: n.id })).code).toBe('CONFLICT');
  });
});
