import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { bootApp, type TestApp } from './support/app.js';

/**
 * Staff search end to end: GraphQL over HTTP on the real api, people written straight into the
 * tables (as the HR import, SCIM or a profile edit would), so the triggers keep the search current.
 * No demo seed: every name here is ours, so "first" means first.
 */

const SEARCH = `query($query: String, $departmentIds: [ID!], $employmentTypes: [EmploymentType!], $location: String, $skill: String, $first: Int, $after: String) {
  searchPeople(query: $query, departmentIds: $departmentIds, employmentTypes: $employmentTypes, location: $location, skill: $skill, first: $first, after: $after) {
    edges { cursor node { id displayName familyName jobTitle employmentType department { name } } }
    pageInfo { hasNextPage endCursor }
    totalCount
    facets { departments { id name count } employmentTypes { employmentType count } }
  }
}`;

interface Hit {
  id: string;
  displayName: string;
}
interface Result {
  edges: { cursor: string; node: Hit & { familyName: string; jobTitle: string | null; employmentType: string; department: { name: string } | null } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  facets: { departments: { id: string; name: string; count: number }[]; employmentTypes: { employmentType: string; count: number }[] };
}

interface Seed {
  given: string;
  prefix?: string;
  family: string;
  title: string;
  dept: string;
  type?: 'employee' | 'contractor' | 'freelancer';
  location?: string;
  skills?: string[];
  active?: boolean;
}

const DEPARTMENTS: Record<string, string> = {
  NET: 'Netwerk',
  PROD: 'Productontwikkeling',
  RETAIL: 'Winkels',
  PLAT: 'Platform Engineering',
};

const PEOPLE: Seed[] = [
  { given: 'Kees', family: 'Jansen', title: 'Winkelmedewerker', dept: 'RETAIL', location: 'Utrecht' },
  { given: 'Anna', family: 'Janssen', title: 'Productontwikkelaar', dept: 'PROD', location: 'Amsterdam' },
  { given: 'Martin', family: 'Ødegaard', title: 'Technicus', dept: 'NET', location: 'Rotterdam' },
  { given: 'Zoë', prefix: 'de', family: 'Vries', title: 'Product owner', dept: 'PROD', location: 'Den Haag' },
  { given: 'Emre', family: 'Çelik', title: 'Platform engineer', dept: 'PLAT', type: 'contractor', location: 'Utrecht' },
  { given: 'Pieter', family: 'Bakker', title: 'Monteur', dept: 'NET', location: 'Eindhoven' },
  { given: 'Peter', family: 'Smit', title: 'Winkelmedewerker', dept: 'RETAIL', location: 'Utrecht' },
  { given: 'Lotte', family: 'Visser', title: 'Software engineer', dept: 'PLAT', skills: ['Kubernetes', 'Go'], location: 'Amsterdam' },
  { given: 'Bram', prefix: 'de', family: 'Groot', title: 'Kubernetes platform lead', dept: 'PLAT', type: 'freelancer', location: 'Amsterdam' },
  { given: 'Sophie', family: 'Bergman', title: 'Winkelmanager', dept: 'RETAIL', location: 'Groningen' },
  { given: 'Henk', family: 'Jansen', title: 'Kubernetes engineer', dept: 'PLAT', skills: ['Kubernetes'], active: false, location: 'Amsterdam' },
];
const FILLERS = 45;

describe('searchPeople: the staff search', () => {
  let app: TestApp;
  let db: pg.Client;
  let token: string;
  const deptId: Record<string, string> = {};
  const idOf: Record<string, string> = {};

  async function search(vars: Record<string, unknown>): Promise<Result> {
    const res = await app.gql<{ searchPeople: Result }>(SEARCH, vars, token);
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!.searchPeople;
  }
  const names = (r: Result) => r.edges.map((e) => e.node.displayName);
  async function errorCode(vars: Record<string, unknown>, query = SEARCH): Promise<string | undefined> {
    const res = await app.gql(query, vars, token);
    return res.body.errors?.[0]?.extensions.code;
  }

  beforeAll(async () => {
    app = await bootApp({ SEED_DEMO: 'false' });
    db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    for (const [code, name] of Object.entries(DEPARTMENTS)) {
      const { rows } = await db.query(`INSERT INTO departments (code, name) VALUES ($1, $2) RETURNING id`, [code, name]);
      deptId[code] = rows[0].id;
    }
    // The first login creates Jan van der Berg from the directory; HR details follow.
    const login = await app.login('demo.employee');
    token = login.accessToken;
    idOf['Jan van der Berg'] = login.person.id;
    await db.query(`UPDATE people SET job_title = 'Netwerkbeheerder', department_id = $2, location = 'Amsterdam' WHERE id = $1`, [login.person.id, deptId.NET]);

    const all: Seed[] = [...PEOPLE];
    for (let i = 0; i < FILLERS; i++) {
      all.push({ given: `Tester${String(i).padStart(2, '0')}`, family: 'Persoon', title: 'Testpersoon', dept: i % 3 === 0 ? 'PROD' : 'RETAIL', type: i % 5 === 0 ? 'contractor' : 'employee' });
    }
    // One multi-row INSERT, like a bulk HR import: the statement trigger indexes them all at once.
    const values: unknown[] = [];
    const tuples = all.map((p, i) => {
      const display = [p.given, p.prefix, p.family].filter(Boolean).join(' ');
      values.push(p.given, p.prefix ?? null, p.family, display, `search.${i}@plein.test`, p.title, p.type ?? 'employee', deptId[p.dept], p.location ?? null, p.active ?? true);
      const b = i * 10;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}::employment_type, $${b + 8}::uuid, $${b + 9}, $${b + 10})`;
    });
    const { rows } = await db.query(
      `INSERT INTO people (given_name, family_name_prefix, family_name, display_name, email, job_title, employment_type, department_id, location, active) VALUES ${tuples.join(', ')} RETURNING id, display_name, active`,
      values,
    );
    for (const r of rows) if (r.active) idOf[r.display_name] = r.id;
    const henk = rows.find((r) => !r.active);
    idOf['Henk Jansen (inactive)'] = henk.id;
    for (const p of all.filter((x) => x.skills)) {
      const id = rows.find((r) => r.display_name === [p.given, p.prefix, p.family].filter(Boolean).join(' '))!.id;
      await db.query(`INSERT INTO person_profiles (person_id, skills) VALUES ($1, $2)`, [id, p.skills]);
    }
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  // query → expected first, also included, never included
  const QUALITY: [string, string, string[], string[]][] = [
    ['jan', 'Jan van der Berg', ['Kees Jansen', 'Anna Janssen'], ['Henk Jansen']],
    ['Jansen', 'Kees Jansen', ['Anna Janssen'], ['Henk Jansen']],
    ['Janssen', 'Anna Janssen', ['Kees Jansen'], ['Henk Jansen']],
    ['berg', 'Jan van der Berg', ['Sophie Bergman'], []],
    ['van der berg', 'Jan van der Berg', [], ['Sophie Bergman']],
    ['vanderberg', 'Jan van der Berg', [], []],
    ['Berg, Jan', 'Jan van der Berg', [], ['Kees Jansen']],
    ['Pieter', 'Pieter Bakker', ['Peter Smit'], []],
    ['Peter', 'Peter Smit', ['Pieter Bakker'], []],
    ['Odegaard', 'Martin Ødegaard', [], []],
    ['ødegaard', 'Martin Ødegaard', [], []],
    ['Odegard', 'Martin Ødegaard', [], []],
    ['Zoe', 'Zoë de Vries', [], []],
    ['zoë', 'Zoë de Vries', [], []],
    ['celik', 'Emre Çelik', [], []],
    ['ÇELIK', 'Emre Çelik', [], []],
    ['kubernetes', 'Lotte Visser', ['Bram de Groot'], ['Henk Jansen']],
    ['Kubernets', 'Lotte Visser', ['Bram de Groot'], ['Henk Jansen']],
    ['kube', 'Lotte Visser', ['Bram de Groot'], ['Henk Jansen']],
    ['productontwikkeling', 'Anna Janssen', ['Zoë de Vries'], ['Jan van der Berg']],
    ['product owner', 'Zoë de Vries', [], ['Kees Jansen']],
    ['technicus', 'Martin Ødegaard', [], []],
    ['rotterdam', 'Martin Ødegaard', [], []],
    ['netwerk amsterdam', 'Jan van der Berg', [], ['Martin Ødegaard']],
    ['den haag', 'Zoë de Vries', [], []],
    // A letter missing in a short word: the exact search finds nobody, the fuzzy second try does.
    ['van der brg', 'Jan van der Berg', [], ['Sophie Bergman', 'Kees Jansen']],
    ['smt', 'Peter Smit', [], []],
  ];

  it.each(QUALITY)('%p finds %p first', async (query, first, included, excluded) => {
    const r = await search({ query, first: 50 });
    expect(names(r)[0]).toBe(first);
    for (const n of included) expect(names(r)).toContain(n);
    for (const n of excluded) expect(names(r)).not.toContain(n);
  });

  it('finds nothing for nonsense and never shows a deactivated person', async () => {
    expect((await search({ query: 'xyzzyq' })).edges).toEqual([]);
    const everyone: string[] = [];
    let after: string | null = null;
    do {
      const r: Result = await search({ first: 100, after });
      everyone.push(...r.edges.map((e) => e.node.id));
      after = r.pageInfo.hasNextPage ? r.pageInfo.endCursor : null;
    } while (after);
    expect(everyone).not.toContain(idOf['Henk Jansen (inactive)']);
    expect(everyone).toHaveLength(PEOPLE.length - 1 + FILLERS + 1);
  });

  it('browses by family name, ignoring the tussenvoegsel, when the query is empty', async () => {
    const r = await search({ query: '', departmentIds: [deptId.NET] });
    expect(names(r)).toEqual(['Pieter Bakker', 'Jan van der Berg', 'Martin Ødegaard']);
    expect(r.totalCount).toBe(3);
  });

  it('counts facets for the current query, each ignoring its own filter', async () => {
    const all = await search({ query: 'persoon' });
    expect(all.totalCount).toBe(FILLERS);
    const byDept = Object.fromEntries(all.facets.departments.map((d) => [d.name, d.count]));
    expect(byDept).toEqual({ Productontwikkeling: 15, Winkels: 30 });
    expect(all.facets.employmentTypes).toEqual([
      { employmentType: 'EMPLOYEE', count: 36 },
      { employmentType: 'CONTRACTOR', count: 9 },
    ]);

    // Filter on contractors: the type facet still shows employees; departments count contractors only.
    const contractors = await search({ query: 'persoon', employmentTypes: ['CONTRACTOR'] });
    expect(contractors.totalCount).toBe(9);
    expect(contractors.edges.every((e) => e.node.employmentType === 'CONTRACTOR')).toBe(true);
    expect(contractors.facets.employmentTypes).toEqual(all.facets.employmentTypes);
    // contractors are fillers 0,5,...,40; PROD when i % 3 === 0: 0, 15, 30
    expect(Object.fromEntries(contractors.facets.departments.map((d) => [d.name, d.count]))).toEqual({ Productontwikkeling: 3, Winkels: 6 });

    // Filter on a department as well: the department facet ignores it, the type facet honours it.
    const both = await search({ query: 'persoon', employmentTypes: ['CONTRACTOR'], departmentIds: [deptId.PROD] });
    expect(both.totalCount).toBe(3);
    expect(Object.fromEntries(both.facets.departments.map((d) => [d.name, d.count]))).toEqual({ Productontwikkeling: 3, Winkels: 6 });
    expect(both.facets.employmentTypes).toEqual([
      { employmentType: 'EMPLOYEE', count: 12 },
      { employmentType: 'CONTRACTOR', count: 3 },
    ]);
    expect(both.facets.departments.find((d) => d.name === 'Winkels')!.id).toBe(deptId.RETAIL);
  });

  it('filters on location and on an exact skill, accents and case ignored', async () => {
    expect(names(await search({ location: 'utrecht' })).sort()).toEqual(['Emre Çelik', 'Kees Jansen', 'Peter Smit']);
    expect(names(await search({ location: 'haag' }))).toEqual(['Zoë de Vries']);
    expect(names(await search({ skill: 'KUBERNETES' }))).toEqual(['Lotte Visser']);
    expect(names(await search({ query: 'engineer', skill: 'go' }))).toEqual(['Lotte Visser']);
  });

  it('pages through search results and browse without duplicates or gaps', async () => {
    for (const vars of [{ query: 'persoon' }, { query: 'tester' }, { query: '' }]) {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const r: Result = await search({ ...vars, first: 7, after });
        seen.push(...r.edges.map((e) => e.node.id));
        after = r.pageInfo.hasNextPage ? r.pageInfo.endCursor : null;
        pages++;
      } while (after && pages < 50);
      const total = (await search({ ...vars, first: 1 })).totalCount;
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength(total);
      expect(pages).toBe(Math.ceil(total / 7));
    }
  });

  it('rejects bad input with BAD_USER_INPUT', async () => {
    expect(await errorCode({ query: 'x'.repeat(201) })).toBe('BAD_USER_INPUT');
    expect(await errorCode({ query: 'x'.repeat(200) })).toBeUndefined();
    expect(await errorCode({ first: 0 })).toBe('BAD_USER_INPUT');
    expect(await errorCode({ first: 101 })).toBe('BAD_USER_INPUT');
    expect(await errorCode({ first: 100 })).toBeUndefined();
    expect(await errorCode({ employmentTypes: ['INTERN'] })).toBe('BAD_USER_INPUT');
    expect(await errorCode({}, '{ searchPeople(employmentTypes: [INTERN]) { totalCount } }')).toBe('BAD_USER_INPUT');
    expect(await errorCode({ departmentIds: ['not-an-id'] })).toBe('BAD_USER_INPUT');
    expect(await errorCode({ after: 'garbage' })).toBe('BAD_USER_INPUT');
    // A browse cursor does not continue a search.
    const browse = await search({ first: 1 });
    expect(await errorCode({ query: 'jan', after: browse.pageInfo.endCursor })).toBe('BAD_USER_INPUT');
    expect(await errorCode({ location: 'x'.repeat(201) })).toBe('BAD_USER_INPUT');
    const anonymous = await app.gql(SEARCH, { query: 'jan' });
    expect(anonymous.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('finds changes at once, whoever writes them (triggers on people, profiles, departments)', async () => {
    const jan = idOf['Jan van der Berg'];
    const before = await search({});
    expect((await search({})).totalCount).toBe(before.totalCount); // browse counts may be reused…
    await db.query(`UPDATE people SET job_title = 'Glasvezelspecialist' WHERE id = $1`, [jan]);
    expect(names(await search({ query: 'glasvezel' }))).toEqual(['Jan van der Berg']);

    await db.query(`INSERT INTO person_profiles (person_id, skills) VALUES ($1, ARRAY['Terraform'])`, [jan]);
    expect(names(await search({ query: 'terraform' }))).toEqual(['Jan van der Berg']);
    await db.query(`UPDATE person_profiles SET skills = ARRAY['Ansible'] WHERE person_id = $1`, [jan]);
    expect(names(await search({ query: 'terraform' }))).toEqual([]);
    expect(names(await search({ query: 'ansibel' }))).toEqual(['Jan van der Berg']);
    await db.query(`DELETE FROM person_profiles WHERE person_id = $1`, [jan]);
    expect(names(await search({ query: 'ansible' }))).toEqual([]);

    await db.query(`UPDATE departments SET name = 'Glasvezel en Koper' WHERE id = $1`, [deptId.NET]);
    expect(names(await search({ query: 'koper' })).sort()).toEqual(['Jan van der Berg', 'Martin Ødegaard', 'Pieter Bakker']);
    expect((await search({ query: 'koper' })).facets.departments).toEqual([{ id: deptId.NET, name: 'Glasvezel en Koper', count: 3 }]);

    await db.query(`UPDATE people SET family_name = 'Pietersen', display_name = 'Peter Pietersen' WHERE id = $1`, [idOf['Peter Smit']]);
    expect(names(await search({ query: 'pietersen' }))[0]).toBe('Peter Pietersen');
    expect(names(await search({ query: 'smit' }))).toEqual([]);

    await db.query(`UPDATE people SET active = false, deactivated_at = now() WHERE id = $1`, [idOf['Kees Jansen']]);
    expect(names(await search({ query: 'jansen' }))).not.toContain('Kees Jansen');
    // …but never after a change.
    const after = await search({});
    expect(after.totalCount).toBe(before.totalCount - 1);
    const retail = (r: Result) => r.facets.departments.find((d) => d.id === deptId.RETAIL)!.count;
    expect(retail(after)).toBe(retail(before) - 1);
  });
});
