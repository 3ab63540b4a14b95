import { describe, expect, it } from '@jest/globals';
import { parseScimFilter } from './scim-filter.js';
import { applyPatch, parsePatchPath, patchOperationsOf } from './scim-user.document.js';
import { ScimError, SCIM_ENTERPRISE_SCHEMA, SCIM_USER_SCHEMA } from './scim.errors.js';

const scimTypeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScimError) return err.scimType;
    throw err;
  }
  return 'no error';
};

describe('parseScimFilter', () => {
  it('reads eq comparisons joined by and, with schema-qualified and case-insensitive names', () => {
    expect(parseScimFilter('userName eq "Jan"')).toEqual([{ attribute: 'userName', value: 'Jan' }]);
    expect(parseScimFilter(`${SCIM_USER_SCHEMA}:USERNAME EQ "a\\"b" and active eq TRUE and emails.value eq "x@y.nl"`)).toEqual([
      { attribute: 'userName', value: 'a"b' },
      { attribute: 'active', value: true },
      { attribute: 'emails.value', value: 'x@y.nl' },
    ]);
    expect(parseScimFilter(`${SCIM_ENTERPRISE_SCHEMA}:employeeNumber eq "42"`)).toEqual([{ attribute: 'employeeNumber', value: '42' }]);
  });

  it.each(['userName sw "j"', 'not (userName eq "x")', 'userName eq "x" or active eq true', 'displayName eq "x"', 'userName eq', 'userName eq "x" and'])(
    'refuses %j with invalidFilter',
    (filter) => expect(scimTypeOf(() => parseScimFilter(filter))).toBe('invalidFilter'),
  );
});

describe('PATCH paths and operations', () => {
  it('parses core, filtered, sub-attribute and enterprise paths', () => {
    expect(parsePatchPath('Emails[Type eq "work"].Value')).toEqual({ enterprise: false, attribute: 'emails', filter: { attribute: 'type', value: 'work' }, sub: 'value' });
    expect(parsePatchPath(`${SCIM_USER_SCHEMA}:name.givenName`)).toEqual({ enterprise: false, attribute: 'name', sub: 'givenName' });
    expect(parsePatchPath(`${SCIM_ENTERPRISE_SCHEMA}:manager`)).toEqual({ enterprise: true, attribute: 'manager' });
    expect(parsePatchPath(SCIM_ENTERPRISE_SCHEMA)).toEqual({ enterprise: true, attribute: null });
    expect(scimTypeOf(() => parsePatchPath('title[value eq "x"]'))).toBe('invalidPath');
    expect(scimTypeOf(() => parsePatchPath('a b'))).toBe('invalidPath');
  });

  it('applies add, replace and remove to a copy of the resource', () => {
    const resource = { userName: 'jan', name: { givenName: 'Jan', familyName: 'Berg' }, emails: [{ value: 'a@x.nl', type: 'work' }], title: 'Engineer' };
    const out = applyPatch(resource, patchOperationsOf({
      Operations: [
        { op: 'Replace', path: 'name.familyName', value: 'van der Berg' },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'b@x.nl' },
        { op: 'add', path: 'phoneNumbers[type eq "work"].value', value: '+31 70' },
        { op: 'remove', path: 'title' },
        { op: 'replace', value: { active: 'False', [`${SCIM_ENTERPRISE_SCHEMA}:manager`]: 'abc' } },
        { op: 'add', value: { [SCIM_ENTERPRISE_SCHEMA]: { department: 'NOC' } } },
      ],
    }));
    expect(out).toEqual({
      userName: 'jan',
      name: { givenName: 'Jan', familyName: 'van der Berg' },
      emails: [{ value: 'b@x.nl', type: 'work' }],
      phoneNumbers: [{ type: 'work', value: '+31 70' }],
      active: 'False',
      [SCIM_ENTERPRISE_SCHEMA]: { manager: { value: 'abc' }, department: 'NOC' },
    });
    expect(resource.title).toBe('Engineer');
  });

  it('refuses malformed operations', () => {
    expect(scimTypeOf(() => patchOperationsOf({}))).toBe('invalidSyntax');
    expect(scimTypeOf(() => patchOperationsOf({ Operations: [{ op: 'copy' }] }))).toBe('invalidSyntax');
    expect(scimTypeOf(() => patchOperationsOf({ Operations: [{ op: 'add', path: 'title' }] }))).toBe('invalidSyntax');
    expect(scimTypeOf(() => applyPatch({}, [{ op: 'remove' }]))).toBe('noTarget');
  });
});
