import { describe, expect, it } from '@jest/globals';
import { profileFromLdap, splitFamilyName } from './ldap-profile.js';

describe('Dutch family names from LDAP', () => {
  it.each([
    ['van der Berg', 'van der', 'Berg'],
    ["van 't Hof", "van 't", 'Hof'],
    ['de Vries', 'de', 'Vries'],
    ['ter Horst', 'ter', 'Horst'],
    ['Jansen', null, 'Jansen'],
    ['Ødegaard', null, 'Ødegaard'],
    ['Vandenberg', null, 'Vandenberg'],
    ['El Amrani', null, 'El Amrani'],
  ])('splits %j', (sn, prefix, family) => {
    expect(splitFamilyName(sn)).toEqual({ prefix, family });
  });

  it('builds a profile, and treats an unknown employment type as the least privileged', () => {
    const p = profileFromLdap({ dn: 'uid=x', uid: 'X.Y', givenName: 'Xé', sn: 'de Y', mail: 'x@y.nl', employeeType: 'consultant' }, 'x.y');
    expect(p).toMatchObject({ uid: 'x.y', givenName: 'Xé', familyNamePrefix: 'de', familyName: 'Y', email: 'x@y.nl', employmentType: 'contractor' });
    expect(profileFromLdap({ dn: 'uid=a', uid: 'a', employeeType: 'Employee' }, 'a').employmentType).toBe('employee');
  });
});
