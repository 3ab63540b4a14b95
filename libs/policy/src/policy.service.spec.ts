import { describe, expect, it } from '@jest/globals';
import { parseAudience, type Actor, type Audience } from './actor.js';
import { PolicyService } from './policy.service.js';

const policy = new PolicyService();
const actor = (over: Partial<Actor>): Actor => ({
  personId: '11111111-1111-4111-8111-111111111111',
  uid: 'x',
  displayName: 'X',
  employmentType: 'employee',
  departmentId: null,
  roles: ['member'],
  ...over,
});
const GROUP = 'group:22222222-2222-4222-8222-222222222222' as Audience;

const ACTORS = {
  employee: actor({}),
  contractor: actor({ employmentType: 'contractor' }),
  freelancer: actor({ employmentType: 'freelancer' }),
  moderator: actor({ roles: ['member', 'community_manager'] }),
  admin: actor({ roles: ['member', 'admin'] }),
};

describe('PolicyService: actor × audience', () => {
  // Expected visibility, without group membership.
  const matrix: Record<keyof typeof ACTORS, Record<'company' | 'employees' | 'group', boolean>> = {
    employee: { company: true, employees: true, group: false },
    contractor: { company: true, employees: false, group: false },
    freelancer: { company: true, employees: false, group: false },
    moderator: { company: true, employees: true, group: false },
    admin: { company: true, employees: true, group: false },
  };
  for (const [name, row] of Object.entries(matrix)) {
    it(`${name}: company ${row.company}, employees ${row.employees}, a group they are not in ${row.group}`, () => {
      const a = ACTORS[name as keyof typeof ACTORS];
      expect(policy.canSeeAudience(a, 'company')).toBe(row.company);
      expect(policy.canSeeAudience(a, 'employees')).toBe(row.employees);
      expect(policy.canSeeAudience(a, GROUP)).toBe(row.group);
      // The list predicate and the socket rooms agree with the single-item answer.
      const { params } = policy.audiencePredicate(a, 'audience', 1);
      expect((params[0] as string[]).includes('employees')).toBe(row.employees);
      expect(policy.roomsFor(a).includes('audience:employees')).toBe(row.employees);
    });
  }

  it('lets a member of a group see it, in lists and in rooms too', () => {
    const id = GROUP.slice(6);
    expect(policy.canSeeAudience(ACTORS.contractor, GROUP, new Set([id]))).toBe(true);
    expect(policy.audiencePredicate(ACTORS.contractor, 'm.audience', 3, [id])).toEqual({ sql: 'm.audience = ANY($3::text[])', params: [['company', GROUP]] });
    expect(policy.roomsFor(ACTORS.contractor, [id])).toEqual(['user:11111111-1111-4111-8111-111111111111', 'audience:company', `audience:${GROUP}`]);
  });

  it('grants administration to admins only and moderation to community managers and admins', () => {
    expect(Object.entries(ACTORS).filter(([, a]) => policy.can(a, 'directory.administer')).map(([n]) => n)).toEqual(['admin']);
    expect(Object.entries(ACTORS).filter(([, a]) => policy.can(a, 'moderation.access')).map(([n]) => n)).toEqual(['moderator', 'admin']);
    expect(policy.can(undefined, 'person.read')).toBe(false);
  });

  it('assert throws UNAUTHENTICATED for nobody and FORBIDDEN for a plain member', () => {
    expect(() => policy.assert(undefined, 'person.read')).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(() => policy.assert(ACTORS.employee, 'directory.administer')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it.each([
    ['company', 'company'],
    ['employees', 'employees'],
    ['group:22222222-2222-4222-8222-222222222222', GROUP],
    ['GROUP:x', null],
    ['group:not-a-uuid', null],
    ['everyone', null],
    ['', null],
  ])('parses audience %j', (raw, expected) => {
    expect(parseAudience(raw)).toBe(expected);
  });
});
