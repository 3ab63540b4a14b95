import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CustomFieldsService } from '@plein/directory';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from './support/app.js';

type Page = { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/**
 * Rich profiles through GraphQL: what each kind of viewer sees, validation of every field,
 * custom profile fields and who may fill them, and the org neighbourhood.
 */
describe('profiles', () => {
  let app: TestApp;
  let db: DataSource;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const VIEWERS = ['employee', 'contractor', 'freelancer', 'admin', 'hr', 'ceo'] as const;

  beforeAll(async () => {
    app = await bootApp();
    db = app.plein.app.get(DataSource);
    for (const who of VIEWERS) {
      const { accessToken, person } = await app.login(`demo.${who}`);
      tokens[who] = accessToken;
      ids[who] = person.id;
    }
  });
  afterAll(() => app.close());

  const ok = async <T = any>(query: string, vars: Record<string, unknown>, who: string): Promise<T> => {
    const res = await app.gql<T>(query, vars, tokens[who]);
    if (res.body.errors) throw new Error(`${who}: ${JSON.stringify(res.body.errors)}`);
    return res.body.data as T;
  };
  const fails = async (query: string, vars: Record<string, unknown>, who: string) => {
    const res = await app.gql(query, vars, tokens[who]);
    expect(res.body.errors).toBeDefined();
    return res.body.errors![0];
  };

  const UPDATE = `mutation($input: UpdateProfileInput!) { updateMyProfile(input: $input) {
    id profile { headline about pronouns workingLocation workingHours skills interests
      languages { name proficiency } experience { company title description location startedOn finishedOn }
      education { school degree notes activities startedOn finishedOn }
      certifications { name authority url licenseNumber startedOn finishedOn } }
    contacts { kind value visibility } } }`;

  describe('editing your own profile', () => {
    it('stores every person-owned field and returns it', async () => {
      const input = {
        headline: '  Netwerkengineer   bij Plein  ',
        about: 'Ik bouw netwerken.\nEn ik fiets.',
        pronouns: 'hij/hem',
        workingLocation: 'Rotterdam, kantoor Blaak',
        workingHours: 'ma-do',
        skills: ['BGP', 'OSPF', 'bgp', ' Python ', ''],
        interests: ['Fietsen', 'fietsen', 'Koken'],
        languages: [{ name: 'Nederlands', proficiency: 'native' }, { name: 'English' }],
        experience: [{ company: 'KPN', title: 'Engineer', startedOn: '2015-03', finishedOn: '2019' }, { company: 'Plein', title: 'Netwerkengineer', startedOn: '2019-09' }],
        education: [{ school: 'TU Delft', degree: 'MSc', startedOn: '2009', finishedOn: '2014-08' }],
        certifications: [{ name: 'CCNP', authority: 'Cisco', url: 'https://cisco.com/c/ccnp', startedOn: '2018-01' }],
        contacts: [{ kind: 'MOBILE', value: '+31 6 12345678', visibility: 'EMPLOYEES' }],
      };
      const data = await ok(UPDATE, { input }, 'employee');
      const p = data.updateMyProfile.profile;
      expect(p.headline).toBe('Netwerkengineer bij Plein');
      expect(p.about).toBe('Ik bouw netwerken.\nEn ik fiets.');
      // De-duplicated ignoring case, first spelling kept, blanks dropped, trimmed.
      expect(p.skills).toEqual(['BGP', 'OSPF', 'Python']);
      expect(p.interests).toEqual(['Fietsen', 'Koken']);
      expect(p.languages).toEqual([{ name: 'Nederlands', proficiency: 'native' }, { name: 'English', proficiency: null }]);
      expect(p.experience[1]).toEqual({ company: 'Plein', title: 'Netwerkengineer', description: null, location: null, startedOn: '2019-09', finishedOn: null });
      expect(p.education[0].finishedOn).toBe('2014-08');
      expect(p.certifications[0]).toMatchObject({ name: 'CCNP', url: 'https://cisco.com/c/ccnp', licenseNumber: null });
      expect(data.updateMyProfile.contacts).toEqual([{ kind: 'MOBILE', value: '+31 6 12345678', visibility: 'EMPLOYEES' }]);
    });

    it('leaves out fields untouched, clears with null, replaces lists whole', async () => {
      await ok(UPDATE, { input: { pronouns: 'zij/haar', skills: ['Go'], about: 'x' } }, 'freelancer');
      const data = await ok(UPDATE, { input: { pronouns: null, interests: ['Design'] } }, 'freelancer');
      expect(data.updateMyProfile.profile).toMatchObject({ pronouns: null, skills: ['Go'], interests: ['Design'], about: 'x' });
    });

    it('keeps markup as plain text, never interpreting it', async () => {
      const about = '<script>alert(1)</script> <b>vet</b> & "quotes"';
      const data = await ok(UPDATE, { input: { about, headline: '<img src=x onerror=alert(1)>' } }, 'contractor');
      expect(data.updateMyProfile.profile.about).toBe(about);
      expect(data.updateMyProfile.profile.headline).toBe('<img src=x onerror=alert(1)>');
    });

    it('has no way to set HR-owned fields', async () => {
      for (const field of ['email', 'displayName', 'employmentType', 'departmentId', 'managerId', 'phone', 'jobTitle']) {
        const err = await fails(UPDATE, { input: { [field]: 'x' } }, 'employee');
        expect(err.extensions.code).toBe('BAD_USER_INPUT');
      }
    });

    const long = (n: number) => 'a'.repeat(n);
    it.each([
      ['headline', { headline: long(221) }],
      ['about', { about: long(5001) }],
      ['pronouns', { pronouns: long(41) }],
      ['workingLocation', { workingLocation: long(201) }],
      ['workingHours', { workingHours: 'x\u0007y' }],
      ['skills[1]', { skills: ['ok', long(61)] }],
      ['skills', { skills: Array.from({ length: 101 }, (_, i) => `skill ${i}`) }],
      ['interests[0]', { interests: [long(61)] }],
      ['languages[0].name', { languages: [{ name: ' ' }] }],
      ['languages', { languages: Array.from({ length: 31 }, (_, i) => ({ name: `L${i}` })) }],
      ['experience[0].company', { experience: [{ company: '', title: 'x' }] }],
      ['experience[0].title', { experience: [{ company: 'x', title: long(201) }] }],
      ['experience[0].startedOn', { experience: [{ company: 'x', title: 'y', startedOn: '2020-13' }] }],
      ['experience[0].startedOn', { experience: [{ company: 'x', title: 'y', startedOn: '03-2020' }] }],
      ['experience[0].finishedOn', { experience: [{ company: 'x', title: 'y', startedOn: '2020-05', finishedOn: '2019' }] }],
      ['experience[0].description', { experience: [{ company: 'x', title: 'y', description: long(2001) }] }],
      ['education[0].school', { education: [{ school: '' }] }],
      ['education[0].finishedOn', { education: [{ school: 'x', finishedOn: '2020-1' }] }],
      ['certifications[0].url', { certifications: [{ name: 'x', url: 'javascript:alert(1)' }] }],
      ['certifications[0].name', { certifications: [{ name: long(201) }] }],
      ['contacts[0].value', { contacts: [{ kind: 'PHONE', value: 'bel me' }] }],
      ['contacts[0].value', { contacts: [{ kind: 'MOBILE', value: '+31 6 12' }] }],
      ['contacts[0].value', { contacts: [{ kind: 'EMAIL', value: 'not-an-email' }] }],
      ['contacts[0].value', { contacts: [{ kind: 'WEBSITE', value: 'ftp://example.com' }] }],
      ['contacts[0].value', { contacts: [{ kind: 'TEAMS', value: 'http://teams.example.com' }] }],
      ['contacts[0].value', { contacts: [{ kind: 'OTHER', value: long(201) }] }],
      ['contacts', { contacts: Array.from({ length: 21 }, () => ({ kind: 'OTHER', value: 'x' })) }],
    ])('refuses a bad %s with BAD_USER_INPUT naming it', async (field, input) => {
      const err = await fails(UPDATE, { input }, 'employee');
      expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(err.message).toContain(field.replace(/\[\d+\]$/, ''));
    });

    it.each([
      ['contact kind', { contacts: [{ kind: 'FAX', value: '123456' }] }],
      ['contact visibility', { contacts: [{ kind: 'OTHER', value: 'x', visibility: 'FRIENDS' }] }],
      ['a non-list skills value', { skills: { a: 1 } }],
    ])('refuses an unknown %s by schema', async (_what, input) => {
      const err = await fails(UPDATE, { input }, 'employee');
      expect(err.extensions.code).toBe('BAD_USER_INPUT');
    });

    it('refuses anonymous edits', async () => {
      const res = await app.gql(UPDATE, { input: { headline: 'x' } });
      expect(res.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('what each viewer sees', () => {
    const VIEW = `query($id: ID!) { person(id: $id) { id email phone employmentType
      contacts { kind value visibility } customFields { key value } } }`;
    let owner: string;

    beforeAll(async () => {
      owner = ids.hr;
      await ok(UPDATE, {
        input: {
          contacts: [
            { kind: 'WEBSITE', value: 'https://hendrik.example.nl', visibility: 'EVERYONE' },
            { kind: 'MOBILE', value: '06-11223344', visibility: 'EMPLOYEES' },
            { kind: 'EMAIL', value: 'Hendrik@Prive.example', visibility: 'NOBODY' },
          ],
        },
      }, 'hr');
      await db.query(`UPDATE people SET phone = '+31 70 1234567' WHERE id = $1`, [owner]);
    });

    // viewer → [contact kinds visible, HR phone visible]
    const matrix: Record<string, [string[], boolean]> = {
      employee: [['WEBSITE', 'MOBILE'], true],
      contractor: [['WEBSITE'], false],
      freelancer: [['WEBSITE'], false],
      admin: [['WEBSITE', 'MOBILE'], true], // an admin on payroll; `nobody` stays hidden from admins too
      hr: [['WEBSITE', 'MOBILE', 'EMAIL'], true], // self
    };
    for (const [viewer, [kinds, phone]] of Object.entries(matrix)) {
      it(`${viewer} sees contacts ${kinds.join(', ')} and ${phone ? 'the' : 'no'} HR phone`, async () => {
        const { person } = await ok(VIEW, { id: owner }, viewer);
        expect(person.contacts.map((c: { kind: string }) => c.kind)).toEqual(kinds);
        expect(person.phone).toBe(phone ? '+31 70 1234567' : null);
        // Email is visible to every colleague; the employment-type badge is on every person.
        expect(person.email).toMatch(/@/);
        expect(person.employmentType).toBe('EMPLOYEE');
      });
    }

    it('stores a contact email lower-cased', async () => {
      const { person } = await ok(VIEW, { id: owner }, 'hr');
      expect(person.contacts[2].value).toBe('hendrik@prive.example');
    });

    it('shows a deactivated person by id, marked inactive', async () => {
      const [{ id }] = await db.query(`SELECT id FROM people WHERE active AND uid NOT LIKE 'demo.%' ORDER BY uid LIMIT 1`);
      await db.query(`UPDATE people SET active = false, deactivated_at = now() WHERE id = $1`, [id]);
      const { person } = await ok(`query($id: ID!) { person(id: $id) { id active displayName profile { skills } } }`, { id }, 'contractor');
      expect(person).toMatchObject({ id, active: false });
    });
  });

  describe('custom profile fields', () => {
    const CREATE = `mutation($input: CreateProfileFieldInput!) { createProfileField(input: $input) { id key labelNl labelEn type options filledBy visibility position } }`;
    const SET = `mutation($personId: ID!, $key: String!, $value: String, $values: [String!]) {
      setProfileFieldValue(personId: $personId, key: $key, value: $value, values: $values) {
        id customFields { key labelNl labelEn type value values } } }`;
    const FIELDS = `query($id: ID!) { person(id: $id) { customFields { key value values } } }`;
    const field = (key: string, over: Record<string, unknown> = {}) => ({ key, labelNl: `NL ${key}`, labelEn: `EN ${key}`, type: 'TEXT', filledBy: 'PERSON', ...over });

    it('lets admins create, list, update and delete a field', async () => {
      const { createProfileField: f } = await ok(CREATE, { input: field('bhv', { type: 'CHOICE', options: ['ja', 'nee'], filledBy: 'ADMIN', position: 2 }) }, 'admin');
      expect(f).toMatchObject({ key: 'bhv', labelNl: 'NL bhv', type: 'CHOICE', options: ['ja', 'nee'], filledBy: 'ADMIN', visibility: 'EVERYONE', position: 2 });
      const { profileFields } = await ok(`{ profileFields { key } }`, {}, 'freelancer');
      expect(profileFields.map((x: { key: string }) => x.key)).toContain('bhv');

      await ok(SET, { personId: ids.employee, key: 'bhv', value: 'nee' }, 'admin');
      const { updateProfileField } = await ok(
        `mutation($id: ID!) { updateProfileField(id: $id, input: { labelEn: "First aid", options: ["ja"] }) { labelEn options } }`,
        { id: f.id },
        'admin',
      );
      expect(updateProfileField).toEqual({ labelEn: 'First aid', options: ['ja'] });
      // The removed option's value went with it.
      expect((await ok(FIELDS, { id: ids.employee }, 'employee')).person.customFields).toEqual([]);

      await ok(SET, { personId: ids.employee, key: 'bhv', value: 'ja' }, 'admin');
      expect((await ok(`mutation($id: ID!) { deleteProfileField(id: $id) }`, { id: f.id }, 'admin')).deleteProfileField).toBe(true);
      expect((await ok(FIELDS, { id: ids.employee }, 'employee')).person.customFields).toEqual([]);
      expect((await fails(`mutation($id: ID!) { deleteProfileField(id: $id) }`, { id: f.id }, 'admin')).extensions.code).toBe('NOT_FOUND');
    });

    it('refuses a duplicate key with CONFLICT', async () => {
      await ok(CREATE, { input: field('team') }, 'admin');
      expect((await fails(CREATE, { input: field('team') }, 'admin')).extensions.code).toBe('CONFLICT');
    });

    it.each(['employee', 'contractor', 'hr'])('refuses field administration to %s', async (who) => {
      expect((await fails(CREATE, { input: field(`x_${who}`) }, who)).extensions.code).toBe('FORBIDDEN');
      expect((await fails(`mutation { deleteProfileField(id: "00000000-0000-4000-8000-000000000000") }`, {}, who)).extensions.code).toBe('FORBIDDEN');
    });

    it.each([
      ['key', field('Team')],
      ['key', field('t')],
      ['key', field('1team')],
      ['key', field('a'.repeat(51))],
      ['labelNl', field('lbl', { labelNl: ' ' })],
      ['labelEn', field('lbl', { labelEn: 'x'.repeat(101) })],
      ['options', field('opt', { type: 'CHOICE' })],
      ['options', field('opt', { type: 'MULTI_CHOICE', options: [] })],
      ['options', field('opt', { type: 'TEXT', options: ['a'] })],
      ['options[1]', field('opt', { type: 'CHOICE', options: ['a', 'A'] })],
      ['position', field('pos', { position: -1 })],
    ])('refuses a bad %s', async (name, input) => {
      expect((await fails(CREATE, { input }, 'admin')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: name });
    });

    describe('who may fill a value', () => {
      beforeAll(async () => {
        for (const filledBy of ['HR', 'PERSON', 'ADMIN']) {
          await ok(CREATE, { input: field(`by_${filledBy.toLowerCase()}`, { filledBy }) }, 'admin');
        }
      });
      // setter → target → filledBy → allowed
      const cases: [string, string, string, boolean][] = [];
      for (const filledBy of ['hr', 'person', 'admin']) {
        cases.push(['employee', 'employee', filledBy, filledBy === 'person']); // the person on themselves
        cases.push(['contractor', 'employee', filledBy, false]); // someone else
        cases.push(['admin', 'employee', filledBy, filledBy === 'admin']); // an admin on someone else
        cases.push(['admin', 'admin', filledBy, filledBy !== 'hr']); // an admin on themselves
      }
      it.each(cases)('%s setting %s’s %s-filled field: %s', async (setter, target, filledBy, allowed) => {
        const res = await app.gql(SET, { personId: ids[target], key: `by_${filledBy}`, value: `by ${setter}` }, tokens[setter]);
        if (allowed) {
          expect(res.body.errors).toBeUndefined();
          expect(res.body.data.setProfileFieldValue.customFields).toContainEqual(
            expect.objectContaining({ key: `by_${filledBy}`, value: `by ${setter}`, values: [`by ${setter}`], labelNl: `NL by_${filledBy}` }),
          );
        } else {
          expect(res.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
        }
      });

      it('lets the HR import (a trusted caller) fill HR fields, and only those', async () => {
        const fields = app.plein.app.get(CustomFieldsService);
        await fields.setImportedValue(ids.contractor, 'by_hr', 'from HR');
        const { person } = await ok(FIELDS, { id: ids.contractor }, 'contractor');
        expect(person.customFields).toContainEqual({ key: 'by_hr', value: 'from HR', values: ['from HR'] });
        await expect(fields.setImportedValue(ids.contractor, 'by_person', 'x')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      });

      it('clears a value when none is given', async () => {
        await ok(SET, { personId: ids.freelancer, key: 'by_person', value: 'iets' }, 'freelancer');
        const data = await ok(SET, { personId: ids.freelancer, key: 'by_person' }, 'freelancer');
        expect(data.setProfileFieldValue.customFields).toEqual([]);
      });
    });

    it('validates values by type', async () => {
      await ok(CREATE, { input: field('shop', { type: 'CHOICE', options: ['Rotterdam', 'Delft'] }) }, 'admin');
      await ok(CREATE, { input: field('talen', { type: 'MULTI_CHOICE', options: ['nl', 'en', 'de'] }) }, 'admin');
      await ok(CREATE, { input: field('portfolio', { type: 'LINK' }) }, 'admin');
      await ok(CREATE, { input: field('motto') }, 'admin');
      const me = ids.freelancer;
      const bad: [Record<string, unknown>, string][] = [
        [{ key: 'shop', value: 'Utrecht' }, 'value'],
        [{ key: 'shop', values: ['Delft'] }, 'values'],
        [{ key: 'talen', values: ['nl', 'fr'] }, 'values[1]'],
        [{ key: 'talen', value: 'nl' }, 'value'],
        [{ key: 'portfolio', value: 'javascript:alert(1)' }, 'value'],
        [{ key: 'portfolio', value: 'joris.example' }, 'value'],
        [{ key: 'motto', value: 'x'.repeat(501) }, 'value'],
      ];
      for (const [vars, name] of bad) {
        const err = await fails(SET, { personId: me, ...vars }, 'freelancer');
        expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: name });
      }
      expect((await fails(SET, { personId: me, key: 'nope', value: 'x' }, 'freelancer')).extensions.code).toBe('NOT_FOUND');
      expect((await fails(SET, { personId: '00000000-0000-4000-8000-000000000000', key: 'motto', value: 'x' }, 'freelancer')).extensions.code).toBe('NOT_FOUND');

      await ok(SET, { personId: me, key: 'shop', value: 'Delft' }, 'freelancer');
      await ok(SET, { personId: me, key: 'talen', values: ['en', 'nl', 'en'] }, 'freelancer');
      await ok(SET, { personId: me, key: 'portfolio', value: 'https://joris.example/werk' }, 'freelancer');
      const data = await ok(SET, { personId: me, key: 'motto', value: '<i>Less is more</i>' }, 'freelancer');
      expect(data.setProfileFieldValue.customFields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ key: 'shop', type: 'CHOICE', value: 'Delft', values: ['Delft'] }),
          expect.objectContaining({ key: 'talen', type: 'MULTI_CHOICE', value: null, values: ['en', 'nl'] }),
          expect.objectContaining({ key: 'portfolio', type: 'LINK', value: 'https://joris.example/werk' }),
          expect.objectContaining({ key: 'motto', type: 'TEXT', value: '<i>Less is more</i>' }),
        ]),
      );
    });

    it('shows each value only to the viewers its field allows', async () => {
      for (const [i, visibility] of ['EVERYONE', 'EMPLOYEES', 'NOBODY'].entries()) {
        const key = `vis_${visibility.toLowerCase()}`;
        // Fields come in display order: position, then key.
        await ok(CREATE, { input: field(key, { visibility, position: 100 - i }) }, 'admin');
        await ok(SET, { personId: ids.ceo, key, value: visibility }, 'ceo');
      }
      const seen = async (who: string) =>
        (await ok(FIELDS, { id: ids.ceo }, who)).person.customFields.map((f: { key: string }) => f.key).filter((k: string) => k.startsWith('vis_'));
      expect(await seen('ceo')).toEqual(['vis_nobody', 'vis_employees', 'vis_everyone']);
      expect(await seen('admin')).toEqual(['vis_nobody', 'vis_employees', 'vis_everyone']);
      expect(await seen('employee')).toEqual(['vis_employees', 'vis_everyone']);
      expect(await seen('contractor')).toEqual(['vis_everyone']);
      expect(await seen('freelancer')).toEqual(['vis_everyone']);
    });
  });

  describe('org neighbourhood', () => {
    const DEPT = `query($id: ID!, $first: Int, $after: String) { department(id: $id) { id code name
      parent { code } children { code }
      people(first: $first, after: $after) { edges { cursor node { id familyName givenName active } } pageInfo { hasNextPage endCursor } } } }`;

    it('walks the department tree', async () => {
      const [{ id }] = await db.query(`SELECT id FROM departments WHERE code = 'TECH'`);
      const { department } = await ok(DEPT, { id }, 'contractor');
      expect(department).toMatchObject({ code: 'TECH', name: 'Technologie', parent: { code: 'BOARD' } });
      expect(department.children.map((c: { code: string }) => c.code).sort()).toEqual(['IT', 'NET']);
      const [{ id: board }] = await db.query(`SELECT id FROM departments WHERE code = 'BOARD'`);
      expect((await ok(DEPT, { id: board }, 'contractor')).department.parent).toBeNull();
    });

    it('pages through active members by family name then given name', async () => {
      const [{ id }] = await db.query(`SELECT id FROM departments WHERE code = 'IT'`);
      const expected: { id: string }[] = await db.query(
        `SELECT id FROM people WHERE department_id = $1 AND active ORDER BY family_name, given_name, id`,
        [id],
      );
      expect(expected.length).toBeGreaterThan(3);
      // One member leaves: gone from the list.
      await db.query(`UPDATE people SET active = false WHERE id = $1`, [expected[1].id]);
      const want = expected.filter((_, i) => i !== 1).map((r) => r.id);
      const got: string[] = [];
      let after: string | null = null;
      do {
        const { department }: { department: { people: Page } } = await ok(DEPT, { id, first: 2, after }, 'freelancer');
        got.push(...department.people.edges.map((e) => e.node.id));
        after = department.people.pageInfo.hasNextPage ? department.people.pageInfo.endCursor : null;
      } while (after);
      expect(got).toEqual(want);
    });

    it('lists departments by name for pickers, narrowed by name or code, accents and case ignored', async () => {
      const LIST = `query($query: String, $first: Int) { departments(query: $query, first: $first) { code name parent { code } } }`;
      const all: { code: string; name: string }[] = (await ok(LIST, {}, 'contractor')).departments;
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM departments`);
      expect(all).toHaveLength(Math.min(n, 50));
      const names = all.map((d) => d.name.toLowerCase());
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
      expect((await ok(LIST, { query: 'financien' }, 'employee')).departments).toEqual([{ code: 'FIN', name: 'Financiën', parent: { code: 'BOARD' } }]);
      expect((await ok(LIST, { query: 'net' }, 'employee')).departments.map((d: { code: string }) => d.code)).toContain('NET');
      expect((await ok(LIST, { query: 'zzz-geen-afdeling' }, 'employee')).departments).toEqual([]);
      expect((await ok(LIST, { first: 2 }, 'employee')).departments).toHaveLength(2);
      expect((await fails(LIST, { first: 1001 }, 'employee')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect((await fails(LIST, { first: 0 }, 'employee')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect((await fails(LIST, { query: 'x'.repeat(101) }, 'employee')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
      // Through policy like every read: nobody logged in, no list.
      const anonymous = await app.gql(LIST, {});
      expect(anonymous.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(anonymous.body.data?.departments ?? null).toBeNull();
    });

    it('refuses an unknown department and a bad cursor', async () => {
      expect((await fails(DEPT, { id: '00000000-0000-4000-8000-000000000000' }, 'employee')).extensions.code).toBe('NOT_FOUND');
      expect((await fails(DEPT, { id: 'nope' }, 'employee')).extensions.code).toBe('NOT_FOUND');
      const [{ id }] = await db.query(`SELECT id FROM departments WHERE code = 'IT'`);
      expect((await fails(DEPT, { id, after: 'garbage' }, 'employee')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('resolves rich people lists without a query per person (DataLoaders)', async () => {
      const [{ id }] = await db.query(`SELECT id FROM departments WHERE code = 'IT'`);
      const RICH = `query($id: ID!, $first: Int) { department(id: $id) { people(first: $first) { edges { node {
        id email phone employmentType department { code } manager { id } directReports { id }
        profile { headline skills } contacts { kind } customFields { key }
        followersCount followingCount followedByMe } } } } }`;
      // Count every SQL statement TypeORM sends while the request runs.
      const runner = db.createQueryRunner();
      const proto = Object.getPrototypeOf(runner) as { query: (...a: unknown[]) => Promise<unknown> };
      await runner.release();
      const original = proto.query;
      let count = 0;
      proto.query = function (this: unknown, ...args: unknown[]) {
        count++;
        return original.apply(this, args);
      };
      try {
        const counts: number[] = [];
        for (const first of [2, 6]) {
          count = 0;
          const { department } = await ok(RICH, { id, first }, 'employee');
          expect(department.people.edges).toHaveLength(first);
          counts.push(count);
        }
        expect(counts[0]).toBeGreaterThan(0);
        expect(counts[1]).toBe(counts[0]);
      } finally {
        proto.query = original;
      }
    });

    it('lists direct reports and the manager', async () => {
      const reports: { id: string }[] = await db.query(
        `SELECT id FROM people WHERE manager_id = $1 AND active ORDER BY family_name, given_name, id`,
        [ids.ceo],
      );
      expect(reports.length).toBeGreaterThan(2);
      const { person } = await ok(
        `query($id: ID!) { person(id: $id) { directReports { id manager { id } department { code } } } }`,
        { id: ids.ceo },
        'employee',
      );
      expect(person.directReports.map((p: { id: string }) => p.id)).toEqual(reports.map((r) => r.id));
      expect(person.directReports.every((p: { manager: { id: string } }) => p.manager.id === ids.ceo)).toBe(true);
      const { me } = await ok(`{ me { directReports { id } } }`, {}, 'freelancer');
      expect(me.directReports).toEqual([]);
    });
  });
});
