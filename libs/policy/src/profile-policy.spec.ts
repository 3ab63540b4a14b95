import { describe, expect, it } from '@jest/globals';
import type { Actor } from './actor.js';
import { PolicyService } from './policy.service.js';
import type { DetailVisibility, FieldFiller } from './rules/profile.rules.js';

const policy = new PolicyService();
const OWNER = '33333333-3333-4333-8333-333333333333';
const actor = (over: Partial<Actor>): Actor => ({
  personId: '11111111-1111-4111-8111-111111111111',
  uid: 'x',
  displayName: 'X',
  employmentType: 'employee',
  departmentId: null,
  roles: ['member'],
  ...over,
});

const VIEWERS = {
  employee: actor({}),
  contractor: actor({ employmentType: 'contractor' }),
  freelancer: actor({ employmentType: 'freelancer' }),
  admin: actor({ roles: ['member', 'admin'] }),
  contractorAdmin: actor({ employmentType: 'contractor', roles: ['member', 'admin'] }),
  selfContractor: actor({ personId: OWNER, employmentType: 'contractor' }),
};
type Viewer = keyof typeof VIEWERS;

describe('PolicyService: profile details', () => {
  // viewer × visibility → may see a contact detail of OWNER
  const contacts: Record<Viewer, Record<DetailVisibility, boolean>> = {
    employee: { everyone: true, employees: true, nobody: false },
    contractor: { everyone: true, employees: false, nobody: false },
    freelancer: { everyone: true, employees: false, nobody: false },
    admin: { everyone: true, employees: true, nobody: false },
    contractorAdmin: { everyone: true, employees: false, nobody: false },
    selfContractor: { everyone: true, employees: true, nobody: true },
  };
  for (const [viewer, row] of Object.entries(contacts) as [Viewer, Record<DetailVisibility, boolean>][]) {
    for (const [visibility, allowed] of Object.entries(row) as [DetailVisibility, boolean][]) {
      it(`contact: ${viewer} × ${visibility} → ${allowed}`, () => {
        expect(policy.canSeeDetail(VIEWERS[viewer], visibility, OWNER)).toBe(allowed);
      });
    }
  }

  it('lets admins see every custom field value, others as for contacts', () => {
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      for (const visibility of ['everyone', 'employees', 'nobody'] as const) {
        const expected = viewer.roles.includes('admin') || contacts[name as Viewer][visibility];
        expect(policy.canSeeProfileField(viewer, visibility, OWNER)).toBe(expected);
      }
    }
  });

  // setter × filledBy → may set OWNER's value
  const setters: Record<'self' | 'other' | 'admin' | 'selfAdmin', [Actor, Record<FieldFiller, boolean>]> = {
    self: [actor({ personId: OWNER }), { hr: false, person: true, admin: false }],
    other: [actor({}), { hr: false, person: false, admin: false }],
    admin: [actor({ roles: ['member', 'admin'] }), { hr: false, person: false, admin: true }],
    selfAdmin: [actor({ personId: OWNER, roles: ['member', 'admin'] }), { hr: false, person: true, admin: true }],
  };
  for (const [name, [setter, row]] of Object.entries(setters)) {
    for (const [filledBy, allowed] of Object.entries(row) as [FieldFiller, boolean][]) {
      it(`custom field value: ${name} × filled by ${filledBy} → ${allowed}`, () => {
        expect(policy.canSetProfileFieldValue(setter, filledBy, OWNER)).toBe(allowed);
      });
    }
  }

  it('lets everyone edit their own profile and follow, and only admins administer profile fields', () => {
    for (const viewer of Object.values(VIEWERS)) {
      expect(policy.can(viewer, 'profile.edit')).toBe(true);
      expect(policy.can(viewer, 'person.follow')).toBe(true);
      expect(policy.can(viewer, 'profileField.administer')).toBe(viewer.roles.includes('admin'));
    }
    expect(policy.can(undefined, 'profile.edit')).toBe(false);
    expect(policy.can(undefined, 'person.follow')).toBe(false);
  });
});
