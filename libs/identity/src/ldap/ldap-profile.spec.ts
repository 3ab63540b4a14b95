import { describe, expect, it } from '@jest/globals';
import { profileFromLdap } from './ldap-profile.js';

describe('profiles from LDAP', () => {
  it('builds a profile, and treats an unknown employment type as the least privileged', () => {
    const p = profileFromLdap({ dn: 'uid=x', uid: 'X.Y', givenName: 'Xé', sn: 'de Y', mail: 'x@y.nl', employeeType: 'consultant' }, 'x.y');
    expect(p).toMatchObject({ uid: 'x.y', givenName: 'Xé', familyNamePrefix: 'de', familyName: 'Y', email: 'x@y.nl', employmentType: 'contractor' });
    expect(profileFromLdap({ dn: 'uid=a', uid: 'a', employeeType: 'Employee' }, 'a').employmentType).toBe('employee');
  });
});
