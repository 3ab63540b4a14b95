import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../orm.js';
import { bootApp, type TestApp } from './support/app.js';

/**
 * Suggestions obey policy (issue 17), as a matrix: each kind of actor (an employee, a contractor,
 * someone behind an information barrier) × each kind of candidate (people by every source; open,
 * closed, secret, payroll-only, archived groups) × the rule that must hold. The suite builds its own
 * situation on the clean demo organisation (no rich content).
 */
const SUGGESTIONS = `query($first: Int) { suggestions(first: $first) { show followingCount people { reason person { id uid } } groups { reason departmentMembers group { id name } } } }`;

interface Suggestions {
  show: boolean;
  followingCount: number;
  people: { reason: string; person: { id: string; uid: string } }[];
  groups: { reason: string; departmentMembers: number; group: { id: string; name: string } }[];
}

describe('suggestions and the welcome', () => {
  let app: TestApp;
  let db: DataSource;
  const ids = new Map<string, string>();
  const tokens = new Map<string, string>();
  const groups = new Map<string, string>();
  const id = (uid: string) => ids.get(uid)!;

  const suggestionsOf = async (uid: string, first = 50): Promise<Suggestions> => {
    const res = await app.gql(SUGGESTIONS, { first }, tokens.get(uid));
    expect(res.body.errors).toBeUndefined();
    return (res.body.data as { suggestions: Suggestions }).suggestions;
  };
  const token = async (uid: string) => {
    if (!tokens.has(uid)) tokens.set(uid, (await app.login(uid)).accessToken);
    return tokens.get(uid)!;
  };

  beforeAll(async () => {
    app = await bootApp();
    db = new DataSource(dataSourceOptions(app.databaseUrl));
    await db.initialize();
    const rows: { id: string; uid: string; code: string }[] = await db.query('SELECT p.id, p.uid, d.code FROM people p JOIN departments d ON d.id = p.department_id ORDER BY p.uid');
    for (const r of rows) ids.set(r.uid, r.id);
    const inDept = (code: string) => rows.filter((r) => r.code === code && !r.uid.startsWith('demo.')).map((r) => r.uid);
    // demo.employee works in NET; demo.contractor in IT. A barrier separates NET from Wholesale.
    const whs = inDept('WHS');
    const net = inDept('NET');
    ids.set('@whs1', id(whs[0]));
    ids.set('@whs2', id(whs[1]));
    ids.set('@net1', id(net[0]));
    await db.query(`INSERT INTO barrier_segments (id, name, kind, department_id)
      SELECT gen_random_uuid(), d.name, 'department', d.id FROM departments d WHERE d.code IN ('NET', 'WHS')`);
    await db.query('SELECT plein_barrier_refresh_departments()');
    await db.query(`INSERT INTO barriers (segment_a_id, segment_b_id, direction)
      SELECT a.id, b.id, 'two_way' FROM barrier_segments a, barrier_segments b WHERE a.name = 'Netwerkbeheer' AND b.name = 'Wholesale'`);
    // demo.employee follows a NET colleague, who followed someone in Wholesale before the barrier.
    await db.query('INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2), ($2, $3), ($2, $4)', [id('demo.employee'), id('@net1'), id('@whs1'), id('demo.hr')]);
    const group = async (key: string, kind: string, payrollOnly: boolean, members: string[], archived = false) => {
      const [g]: { id: string }[] = await db.query(
        `INSERT INTO groups (name, name_key, category, kind, payroll_only, created_by, member_count, archived_at)
         VALUES ($1::text, lower($1::text), 'general', $2, $3, $4, $5, CASE WHEN $6::boolean THEN now() END) RETURNING id`,
        [key, kind, payrollOnly, members[0], members.length, archived],
      );
      await db.query(`INSERT INTO group_memberships (group_id, person_id, role, status) SELECT $1, m, CASE WHEN m = $2 THEN 'owner' ELSE 'member' END, 'active' FROM unnest($3::uuid[]) m`, [g.id, members[0], members]);
      groups.set(key, g.id);
    };
    const netIds = net.map(id);
    await group('Open NET', 'open', false, netIds.slice(0, 4));
    await group('Open small', 'open', false, [id('demo.hr')]);
    await group('Secret NET', 'secret', false, netIds.slice(0, 5));
    await group('Payroll NET', 'open', true, netIds.slice(0, 3));
    await group('Archived NET', 'open', false, netIds.slice(0, 5), true);
    await group('Closed with Wholesale', 'closed', false, [id('demo.hr'), id('@whs2')]);
    await group('Closed plain', 'closed', false, [id('demo.hr'), id('demo.ceo')]);
    // demo.employee is already in one group with a Wholesale member: still no suggestion across.
    await group('Open mixed', 'open', false, [id('demo.employee'), id('@whs2'), id('demo.ceo')]);
    for (const uid of ['demo.employee', 'demo.contractor', 'demo.freelancer', 'demo.admin', 'demo.moderator']) await token(uid);
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    await app?.close();
  });

  describe('people', () => {
    it('suggests the manager first, then the team, people from groups, people followed by those one follows, the department', async () => {
      const s = await suggestionsOf('demo.employee');
      const [manager]: { manager_id: string }[] = await db.query('SELECT manager_id FROM people WHERE id = $1', [id('demo.employee')]);
      expect(s.people[0]).toEqual({ reason: 'MANAGER', person: expect.objectContaining({ id: manager.manager_id }) });
      const reasons = s.people.map((p) => p.reason);
      expect(reasons).toEqual(expect.arrayContaining(['MANAGER', 'TEAM', 'GROUPMATE', 'FOLLOWED_BY_FOLLOWED']));
      // demo.hr is followed by the NET colleague demo.employee follows
      expect(s.people.find((p) => p.person.uid === 'demo.hr')?.reason).toBe('FOLLOWED_BY_FOLLOWED');
    });

    it('never suggests someone across an information barrier, whatever the source (followed by a followee, a shared group)', async () => {
      const s = await suggestionsOf('demo.employee');
      const suggested = s.people.map((p) => p.person.id);
      expect(suggested).not.toContain(id('@whs1')); // followed by a followee
      expect(suggested).not.toContain(id('@whs2')); // a groupmate
      const [{ n }]: { n: number }[] = await db.query(
        `SELECT count(*)::int AS n FROM people p WHERE p.id = ANY($1::uuid[]) AND NOT plein_barrier_can_interact($2, p.id)`,
        [suggested, id('demo.employee')],
      );
      expect(n).toBe(0);
      // and the other side does not get demo.employee either
      const other = await app.login(ids.get('@whs2') ? (await db.query('SELECT uid FROM people WHERE id = $1', [id('@whs2')]))[0].uid : '');
      const res = await app.gql(SUGGESTIONS, { first: 50 }, other.accessToken);
      expect((res.body.data as { suggestions: Suggestions }).suggestions.people.map((p) => p.person.id)).not.toContain(id('demo.employee'));
    });

    it('never suggests oneself or someone already followed', async () => {
      const s = await suggestionsOf('demo.employee');
      const suggested = s.people.map((p) => p.person.id);
      expect(suggested).not.toContain(id('demo.employee'));
      expect(suggested).not.toContain(id('@net1'));
      expect(s.followingCount).toBe(1);
      expect(s.show).toBe(true);
    });

    it('forgets a dismissed person, for good', async () => {
      const before = await suggestionsOf('demo.freelancer');
      const victim = before.people[0].person.id;
      const res = await app.gql(`mutation($id: ID!) { dismissSuggestion(kind: PERSON, id: $id) }`, { id: victim }, tokens.get('demo.freelancer'));
      expect(res.body.data).toEqual({ dismissSuggestion: true });
      const after = await suggestionsOf('demo.freelancer');
      expect(after.people.map((p) => p.person.id)).not.toContain(victim);
    });

    it('stops showing suggestions on the home page once someone follows enough people', async () => {
      const many: { id: string }[] = await db.query(`SELECT id FROM people WHERE uid LIKE 'demo.%' AND uid NOT IN ('demo.admin') AND id <> $1 LIMIT 5`, [id('demo.admin')]);
      await db.query('INSERT INTO follows (follower_id, followee_id) SELECT $1, unnest($2::uuid[])', [id('demo.admin'), many.map((m) => m.id)]);
      const s = await suggestionsOf('demo.admin');
      expect(s.followingCount).toBe(5);
      expect(s.show).toBe(false);
    });
  });

  describe('groups', () => {
    const names = (s: Suggestions) => s.groups.map((g) => g.group.name);

    it('suggests open groups popular in the department first, and never a group one is in', async () => {
      const s = await suggestionsOf('demo.employee');
      expect(s.groups[0]).toEqual(expect.objectContaining({ reason: 'POPULAR_IN_DEPARTMENT', group: expect.objectContaining({ name: 'Open NET' }) }));
      expect(s.groups[0].departmentMembers).toBe(4);
      expect(names(s)).not.toContain('Open mixed');
    });

    it.each([
      ['demo.employee', 'Secret NET', false],
      ['demo.contractor', 'Secret NET', false],
      ['demo.employee', 'Archived NET', false],
      ['demo.contractor', 'Archived NET', false],
      ['demo.employee', 'Payroll NET', true],
      ['demo.contractor', 'Payroll NET', false],
      ['demo.freelancer', 'Payroll NET', false],
      ['demo.employee', 'Closed with Wholesale', false],
      ['demo.contractor', 'Closed with Wholesale', true],
      ['demo.employee', 'Closed plain', true],
      ['demo.contractor', 'Open small', true],
    ])('%s → %s suggested: %s', async (uid, group, expected) => {
      const s = await suggestionsOf(uid);
      expect(names(s).includes(group)).toBe(expected);
    });

    it('forgets a dismissed group', async () => {
      const res = await app.gql(`mutation($id: ID!) { dismissSuggestion(kind: GROUP, id: $id) }`, { id: groups.get('Open small') }, tokens.get('demo.contractor'));
      expect(res.body.errors).toBeUndefined();
      expect(names(await suggestionsOf('demo.contractor'))).not.toContain('Open small');
      // someone else still gets it
      expect(names(await suggestionsOf('demo.freelancer'))).toContain('Open small');
    });
  });

  describe('input and access', () => {
    it('refuses an anonymous caller', async () => {
      const res = await app.gql(SUGGESTIONS, { first: 5 });
      expect(res.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('rejects a page size out of range and a malformed id', async () => {
      const big = await app.gql(SUGGESTIONS, { first: 500 }, tokens.get('demo.employee'));
      expect(big.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const bad = await app.gql(`mutation { dismissSuggestion(kind: PERSON, id: "nope") }`, {}, tokens.get('demo.employee'));
      expect(bad.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('the welcome', () => {
    it('waits for a first login (demo.newcomer) and never comes back once finished', async () => {
      const newcomer = await app.login('demo.newcomer');
      const first = await app.gql(`{ welcome { pending } }`, {}, newcomer.accessToken);
      expect(first.body.data).toEqual({ welcome: { pending: true } });
      const done = await app.gql(`mutation { finishWelcome }`, {}, newcomer.accessToken);
      expect(done.body.data).toEqual({ finishWelcome: true });
      const again = await app.login('demo.newcomer');
      const later = await app.gql(`{ welcome { pending } }`, {}, again.accessToken);
      expect(later.body.data).toEqual({ welcome: { pending: false } });
    });

    it('is not shown to people of the demo who use Plein already', async () => {
      const res = await app.gql(`{ welcome { pending } }`, {}, tokens.get('demo.employee'));
      expect(res.body.data).toEqual({ welcome: { pending: false } });
    });

    it('offers the newcomer their manager and team to follow', async () => {
      await token('demo.newcomer');
      const s = await suggestionsOf('demo.newcomer');
      expect(s.people[0].reason).toBe('MANAGER');
      expect(s.people.some((p) => p.reason === 'TEAM')).toBe(true);
    });
  });

  describe('insights recompute', () => {
    it.each([
      ['demo.employee', 'FORBIDDEN'],
      ['demo.moderator', 'FORBIDDEN'],
      ['demo.contractor', 'FORBIDDEN'],
    ])('%s may not recompute (%s)', async (uid, code) => {
      const res = await app.gql(`mutation { recomputeInsights(weeks: 4) { computedAt } }`, {}, tokens.get(uid));
      expect(res.body.errors?.[0].extensions.code).toBe(code);
    });

    it('an admin recomputes and gets fresh figures at once', async () => {
      await db.query('DELETE FROM insight_rollups');
      const res = await app.gql(`mutation { recomputeInsights(weeks: 4) { computedAt weeks { activePeople } } }`, {}, tokens.get('demo.admin'));
      expect(res.body.errors).toBeUndefined();
      const d = (res.body.data as { recomputeInsights: { computedAt: string; weeks: { activePeople: number }[] } }).recomputeInsights;
      expect(Date.now() - Date.parse(d.computedAt)).toBeLessThan(60_000);
      // the logins of this suite were recorded as activity
      expect(d.weeks[d.weeks.length - 1].activePeople).toBeGreaterThan(0);
    });
  });
});
