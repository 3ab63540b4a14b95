import { describe, expect, it } from '@jest/globals';
import { PolicyService, type Actor, type GroupAction, type GroupFacts, type GroupKindValue, type GroupMembershipFacts } from '@plein/policy';

/**
 * The group rules as a matrix: actor × group kind × action, over PolicyService.canGroup (a unit
 * test: no database). The e2e file test/groups.test.ts checks that lists, search and the API agree.
 */
const policy = new PolicyService();
const person = (over: Partial<Actor> = {}): Actor => ({
  personId: '11111111-1111-4111-8111-111111111111',
  uid: 'x',
  displayName: 'X',
  employmentType: 'employee',
  departmentId: null,
  roles: ['member'],
  ...over,
});
const group = (kind: GroupKindValue, over: Partial<GroupFacts> = {}): GroupFacts => ({ kind, payrollOnly: false, archived: false, deleted: false, ...over });
const row = (status: GroupMembershipFacts['status'], role: GroupMembershipFacts['role'] = 'member'): GroupMembershipFacts => ({ status, role });

type Who = 'member' | 'admin' | 'owner' | 'nonMember' | 'banned' | 'contractor' | 'invited' | 'requested';
const ACTORS: Record<Who, { actor: Actor; membership: GroupMembershipFacts | null }> = {
  member: { actor: person(), membership: row('active') },
  admin: { actor: person(), membership: row('active', 'admin') },
  owner: { actor: person(), membership: row('active', 'owner') },
  nonMember: { actor: person(), membership: null },
  banned: { actor: person(), membership: row('banned') },
  contractor: { actor: person({ employmentType: 'contractor' }), membership: null },
  invited: { actor: person(), membership: row('invited') },
  requested: { actor: person(), membership: row('requested') },
};
const ACTIONS: GroupAction[] = ['see', 'list', 'search', 'read', 'post', 'join', 'request', 'invite', 'moderate'];

// One string per actor: the actions allowed, in ACTIONS order (see list search read post join request invite moderate).
// S = see, L = list, Q = search, R = read, P = post, J = join, A = ask (request), I = invite, M = moderate, - = no.
const MATRIX: Record<GroupKindValue, Record<Who, string>> = {
  open: {
    member: 'SLQRP--I-',
    admin: 'SLQRP--IM',
    owner: 'SLQRP--IM',
    nonMember: 'SLQR-J---',
    banned: 'SLQ------',
    contractor: 'SLQR-J---',
    invited: 'SLQR-J---',
    requested: 'SLQR-----',
  },
  closed: {
    member: 'SLQRP----',
    admin: 'SLQRP--IM',
    owner: 'SLQRP--IM',
    nonMember: 'SLQ---A--',
    banned: 'SLQ------',
    contractor: 'SLQ---A--',
    invited: 'SLQ--J---',
    requested: 'SLQ------',
  },
  secret: {
    member: 'SLQRP----',
    admin: 'SLQRP--IM',
    owner: 'SLQRP--IM',
    nonMember: '---------',
    banned: '---------',
    contractor: '---------',
    invited: 'SLQ--J---',
    requested: '---------',
  },
};

function allowed(actor: Actor, facts: GroupFacts, membership: GroupMembershipFacts | null): string {
  const letters = 'SLQRPJAIM';
  return ACTIONS.map((a, i) => (policy.canGroup(actor, a, facts, membership) ? letters[i] : '-')).join('');
}

describe('PolicyService.canGroup: actor × kind × action', () => {
  for (const kind of ['open', 'closed', 'secret'] as const) {
    for (const who of Object.keys(ACTORS) as Who[]) {
      it(`${kind} group, ${who}: ${MATRIX[kind][who]}`, () => {
        const { actor, membership } = ACTORS[who];
        expect(allowed(actor, group(kind), membership)).toBe(MATRIX[kind][who]);
      });
    }
  }
});

describe('PolicyService.canGroup: payroll-only groups', () => {
  const contractor = person({ employmentType: 'contractor' });
  const freelancer = person({ employmentType: 'freelancer' });

  it.each(['open', 'closed'] as const)('a contractor sees a %s payroll-only group exists but cannot read, join, ask or post', (kind) => {
    expect(allowed(contractor, group(kind, { payrollOnly: true }), null)).toBe('SLQ------');
    expect(allowed(freelancer, group(kind, { payrollOnly: true }), null)).toBe('SLQ------');
  });

  it('a secret payroll-only group does not exist for a contractor, even one with a (stale) invitation or membership', () => {
    for (const m of [null, row('invited'), row('active')]) expect(allowed(contractor, group('secret', { payrollOnly: true }), m)).toBe('---------');
  });

  it('payroll staff are not affected', () => {
    expect(allowed(person(), group('open', { payrollOnly: true }), null)).toBe('SLQR-J---');
    expect(allowed(person(), group('secret', { payrollOnly: true }), row('invited'))).toBe('SLQ--J---');
  });

  it('canBelongToGroup: who may be invited or approved', () => {
    expect(policy.canBelongToGroup({ employmentType: 'employee' }, { payrollOnly: true })).toBe(true);
    expect(policy.canBelongToGroup({ employmentType: 'contractor' }, { payrollOnly: true })).toBe(false);
    expect(policy.canBelongToGroup({ employmentType: 'freelancer' }, { payrollOnly: true })).toBe(false);
    expect(policy.canBelongToGroup({ employmentType: 'contractor' }, { payrollOnly: false })).toBe(true);
  });
});

describe('PolicyService.canGroup: archived, deleted, ownership, site moderators', () => {
  it('an archived group is read-only: members read, nobody posts, joins or moderates; admins may unarchive', () => {
    const archived = group('open', { archived: true });
    expect(allowed(person(), archived, row('active', 'admin'))).toBe('SLQR-----');
    expect(allowed(person(), archived, null)).toBe('SLQR-----');
    expect(policy.canGroup(person(), 'archive', archived, row('active', 'admin'))).toBe(true);
    expect(policy.canGroup(person(), 'archive', archived, row('active'))).toBe(false);
  });

  it('a deleted group allows nothing, to anyone', () => {
    for (const m of [null, row('active', 'owner')]) expect(allowed(person({ roles: ['member', 'admin'] }), group('open', { deleted: true }), m)).toBe('---------');
  });

  it('only the owner transfers; admins and the owner edit and delete; everyone active may leave', () => {
    const g = group('closed');
    expect(policy.canGroup(person(), 'transfer', g, row('active', 'owner'))).toBe(true);
    expect(policy.canGroup(person(), 'transfer', g, row('active', 'admin'))).toBe(false);
    expect(policy.canGroup(person(), 'edit', g, row('active', 'admin'))).toBe(true);
    expect(policy.canGroup(person(), 'edit', g, row('active'))).toBe(false);
    expect(policy.canGroup(person(), 'delete', g, row('active', 'admin'))).toBe(true);
    expect(policy.canGroup(person(), 'delete', g, row('active'))).toBe(false);
    expect(policy.canGroup(person(), 'leave', g, row('active'))).toBe(true);
    expect(policy.canGroup(person(), 'leave', g, row('invited'))).toBe(false);
  });

  it('community managers and platform admins moderate groups they can see, never secret ones they are not in', () => {
    for (const roles of [['member', 'community_manager'], ['member', 'admin']] as const) {
      const a = person({ roles: [...roles] });
      expect(policy.canGroup(a, 'moderate', group('closed'), null)).toBe(true);
      expect(policy.canGroup(a, 'delete', group('open'), null)).toBe(true);
      expect(policy.canGroup(a, 'read', group('closed'), null)).toBe(false);
      expect(policy.canGroup(a, 'see', group('secret'), null)).toBe(false);
      expect(policy.canGroup(a, 'moderate', group('secret'), null)).toBe(false);
    }
  });
});

describe('PolicyService.canPostToAudience', () => {
  const GID = '22222222-2222-4222-8222-222222222222';
  const withFacts = (facts: { group: GroupFacts; membership: GroupMembershipFacts | null } | null) => {
    const p = new PolicyService();
    p.useGroupFacts(async () => facts);
    return p;
  };

  it('company: everyone; employees: payroll only', async () => {
    expect(await policy.canPostToAudience(person({ employmentType: 'freelancer' }), 'company')).toBe(true);
    expect(await policy.canPostToAudience(person({ employmentType: 'contractor' }), 'employees')).toBe(false);
    expect(await policy.canPostToAudience(person(), 'employees')).toBe(true);
  });

  it('a group: active members of a live, unarchived group', async () => {
    const a = person();
    expect(await withFacts({ group: group('open'), membership: row('active') }).canPostToAudience(a, `group:${GID}`)).toBe(true);
    expect(await withFacts({ group: group('open'), membership: null }).canPostToAudience(a, `group:${GID}`)).toBe(false);
    expect(await withFacts({ group: group('open'), membership: row('banned') }).canPostToAudience(a, `group:${GID}`)).toBe(false);
    expect(await withFacts({ group: group('open', { archived: true }), membership: row('active', 'owner') }).canPostToAudience(a, `group:${GID}`)).toBe(false);
    expect(await withFacts(null).canPostToAudience(a, `group:${GID}`)).toBe(false);
    // Without the groups lib registered, nobody posts to any group.
    expect(await new PolicyService().canPostToAudience(a, `group:${GID}`)).toBe(false);
  });

  it('canReadAudience: one item of an open group reads without joining; a closed one needs membership', async () => {
    const a = person();
    const open = withFacts({ group: group('open'), membership: null });
    expect(await open.canReadAudience(a, `group:${GID}`)).toBe(true);
    expect(await withFacts({ group: group('closed'), membership: null }).canReadAudience(a, `group:${GID}`)).toBe(false);
    expect(await withFacts({ group: group('open'), membership: row('banned') }).canReadAudience(a, `group:${GID}`)).toBe(false);
    const member = withFacts({ group: group('closed'), membership: row('active') });
    member.useGroupMembership(async () => [GID]);
    expect(await member.canReadAudience(a, `group:${GID}`)).toBe(true);
    expect(await open.canReadAudience(person({ employmentType: 'contractor' }), 'employees')).toBe(false);
  });

  it('the list predicate hides secret groups from non-members (and payroll-only secret ones from contractors)', () => {
    const emp = policy.groupVisibilityPredicate(person(), 'g', 4);
    expect(emp.sql).toContain("g.kind <> 'secret'");
    expect(emp.sql).toContain('$4');
    expect(emp.params).toEqual(['11111111-1111-4111-8111-111111111111']);
    expect(policy.groupVisibilityPredicate(person({ employmentType: 'contractor' }), 'g', 1).sql).toContain('NOT g.payroll_only');
  });
});
