import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { BusinessJobs, CLOSE_VACANCIES_JOB } from '@plein/business';
import { QueueService } from '@plein/core';
import { bootApp, type TestApp } from './support/app.js';
import { eventually } from './support/messages.js';

type GqlError = { message: string; extensions: { code: string; field?: string } };

const amsterdamDay = (offsetDays: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offsetDays * 86_400_000));

/**
 * Internal vacancies end to end: who may post, validation and sanitising, the audience matrix
 * (contractors and freelancers only see vacancies opened to them), browse with filters and keyset
 * pages, saves, saved searches notified by the worker, interest visible to contact and poster only,
 * referrals, and the job that closes vacancies on their closing date.
 */
describe('vacancies', () => {
  let app: TestApp;
  let db: pg.Client;
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};
  const dept: Record<string, string> = {};

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
  const POST = 'mutation P($input: PostVacancyInput!) { postVacancy(input: $input) { id title descriptionHtml status openToExternals closesOn hoursPerWeek poster { uid } contact { uid } department { code } } }';
  const input = (over: Record<string, unknown> = {}) => ({
    title: 'Netwerkengineer backbone',
    departmentId: dept.NET,
    location: 'Rotterdam',
    hoursPerWeek: 36,
    employmentType: 'EMPLOYEE',
    description: '<p>Je beheert ons <strong>netwerk</strong>.</p>',
    closesOn: amsterdamDay(30),
    contactId: id['demo.hr'],
    ...over,
  });
  const post = async (uid: string, over: Record<string, unknown> = {}) => (await ok(uid, POST, { input: input(over) })).postVacancy;
  const LIST = 'query L($f: VacancyFiltersInput, $first: Int, $after: String) { vacancies(filters: $f, first: $first, after: $after) { edges { node { id title } } pageInfo { hasNextPage endCursor } } }';
  const listIds = async (uid: string, f: Record<string, unknown> = {}) => (await ok(uid, LIST, { f, first: 100 })).vacancies.edges.map((e: any) => e.node.id);
  const NOTES = '{ notifications { edges { node { kind subject summary } } } }';
  const notes = async (uid: string) => (await ok(uid, NOTES)).notifications.edges.map((e: any) => e.node);

  beforeAll(async () => {
    app = await bootApp({ WORKER_INLINE: 'true' });
    db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    for (const uid of ['demo.admin', 'demo.hr', 'demo.ceo', 'demo.employee', 'demo.contractor', 'demo.freelancer', 'demo.moderator']) {
      const session = await app.login(uid);
      token[uid] = session.accessToken;
      id[uid] = session.person.id;
    }
    const rows = (await db.query('SELECT id, code FROM departments')).rows as { id: string; code: string }[];
    for (const r of rows) dept[r.code] = r.id;
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  it('lets admins, vacancy posters and managers post; nobody else', async () => {
    expect((await ok('demo.employee', '{ canPostVacancy }')).canPostVacancy).toBe(false);
    expect((await errorOf('demo.employee', POST, { input: input() })).code).toBe('FORBIDDEN');
    expect((await errorOf('demo.contractor', POST, { input: input() })).code).toBe('FORBIDDEN');
    expect((await ok('demo.ceo', '{ canPostVacancy }')).canPostVacancy).toBe(true);
    const v = await post('demo.ceo', { title: 'Door een manager' });
    expect(v).toMatchObject({ status: 'OPEN', openToExternals: false, hoursPerWeek: 36, poster: { uid: 'demo.ceo' }, contact: { uid: 'demo.hr' }, department: { code: 'NET' } });
    expect((await post('demo.admin', { title: 'Door een beheerder' })).poster.uid).toBe('demo.admin');
    // The grantable role: admins only.
    expect((await errorOf('demo.hr', 'mutation G($p: ID!) { grantRole(personId: $p, role: VACANCY_POSTER) { roles } }', { p: id['demo.employee'] })).code).toBe('FORBIDDEN');
    expect((await ok('demo.admin', 'mutation G($p: ID!) { grantRole(personId: $p, role: VACANCY_POSTER) { roles } }', { p: id['demo.employee'] })).grantRole.roles).toContain('VACANCY_POSTER');
    expect((await post('demo.employee', { title: 'Door een recruiter' })).poster.uid).toBe('demo.employee');
    await ok('demo.admin', 'mutation G($p: ID!) { revokeRole(personId: $p, role: VACANCY_POSTER) { roles } }', { p: id['demo.employee'] });
    expect((await errorOf('demo.employee', POST, { input: input() })).code).toBe('FORBIDDEN');
  });

  it('validates every field and sanitises the description', async () => {
    const bad = async (over: Record<string, unknown>) => errorOf('demo.hr', POST, { input: input(over) });
    expect(await bad({ title: '' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    expect(await bad({ hoursPerWeek: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'hoursPerWeek' });
    expect(await bad({ hoursPerWeek: 41 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'hoursPerWeek' });
    expect(await bad({ closesOn: amsterdamDay(0) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closesOn' });
    expect(await bad({ closesOn: '2030-02-30' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closesOn' });
    expect(await bad({ closesOn: 'morgen' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closesOn' });
    expect(await bad({ departmentId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departmentId' });
    expect(await bad({ contactId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contactId' });
    expect(await bad({ location: ' ' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'location' });
    expect(await bad({ description: '' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'description' });
    expect(await bad({ description: '<script>alert(1)</script>' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'description' });
    const v = await post('demo.hr', { description: '<p onclick="steal()">Werk aan <a href="javascript:alert(1)">ons</a> netwerk<script>alert(1)</script></p><iframe src="https://x"></iframe>' });
    expect(v.descriptionHtml).not.toMatch(/script|onclick|javascript|iframe/i);
    expect(v.descriptionHtml).toContain('netwerk');
  });

  it('shows internal vacancies to payroll only, and open ones to contractors and freelancers (audience matrix)', async () => {
    const internal = (await post('demo.hr', { title: 'Intern: Scrum master' })).id;
    const external = (await post('demo.hr', { title: 'Extern: DevOps-engineer', openToExternals: true, employmentType: 'CONTRACTOR' })).id;
    const matrix: Record<string, [boolean, boolean]> = {
      'demo.employee': [true, true],
      'demo.ceo': [true, true],
      'demo.contractor': [false, true],
      'demo.freelancer': [false, true],
    };
    for (const [uid, expected] of Object.entries(matrix)) {
      const listed = await listIds(uid);
      const got: boolean[] = [];
      for (const v of [internal, external]) {
        const single = await call(uid, 'query V($id: ID!) { vacancy(id: $id) { id } }', { id: v });
        if (single.errors) expect(single.errors[0].extensions.code).toBe('NOT_FOUND');
        // The list and the single item agree.
        expect(listed.includes(v)).toBe(!single.errors);
        got.push(!single.errors);
      }
      expect([uid, got]).toEqual([uid, expected]);
    }
    // Nor can an external act on an internal vacancy.
    for (const q of ['mutation S($id: ID!) { saveVacancy(id: $id) { id } }', 'mutation I($id: ID!) { expressInterest(vacancyId: $id) { id } }']) {
      expect((await errorOf('demo.contractor', q, { id: internal })).code).toBe('NOT_FOUND');
    }
    // A contact person who is an external still sees their own vacancy.
    const own = (await post('demo.hr', { title: 'Contact is extern', contactId: id['demo.freelancer'] })).id;
    expect((await ok('demo.freelancer', 'query V($id: ID!) { vacancy(id: $id) { id } }', { id: own })).vacancy.id).toBe(own);
  });

  it('browses with filters, Dutch full text and keyset pages, and keeps saved vacancies', async () => {
    const a = (await post('demo.hr', { title: 'Ontwikkelaar betalingen', departmentId: dept.IT, location: 'Utrecht', hoursPerWeek: 32, description: '<p>Bouw mee aan betalingen.</p>' })).id;
    const b = (await post('demo.hr', { title: 'Monteur buitendienst', departmentId: dept.NET, location: 'Zwolle', hoursPerWeek: 24, description: '<p>Storingen verhelpen in de wijk.</p>' })).id;
    const c = (await post('demo.hr', { title: 'Winkelmedewerker', departmentId: dept.SHOPS, location: 'zwolle', hoursPerWeek: 16, description: '<p>Klanten helpen.</p>' })).id;
    // TECH includes its sub-departments NET and IT.
    const tech = await listIds('demo.employee', { departmentId: dept.TECH });
    expect(tech).toEqual(expect.arrayContaining([a, b]));
    expect(tech).not.toContain(c);
    expect(await listIds('demo.employee', { location: 'ZWOLLE' })).toEqual([c, b]);
    expect(await listIds('demo.employee', { location: 'Zwolle', minHours: 20, maxHours: 30 })).toEqual([b]);
    expect(await listIds('demo.employee', { query: 'ontwikkelaars' })).toEqual([a]);
    expect(await listIds('demo.employee', { query: 'storing' })).toEqual([b]);
    expect(await errorOf('demo.employee', LIST, { f: { minHours: 30, maxHours: 20 } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'minHours' });
    expect(await errorOf('demo.employee', LIST, { f: { maxHours: 41 } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxHours' });
    // Keyset pages: newest first, no overlap, nothing skipped.
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await ok('demo.employee', LIST, { f: { location: 'zwolle' }, first: 1, after })).vacancies;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([c, b]);

    await ok('demo.employee', 'mutation S($id: ID!) { saveVacancy(id: $id) { savedByMe } }', { id: a });
    await ok('demo.employee', 'mutation S($id: ID!) { saveVacancy(id: $id) { savedByMe } }', { id: b });
    await ok('demo.employee', 'mutation S($id: ID!) { saveVacancy(id: $id) { savedByMe } }', { id: b });
    const saved = (await ok('demo.employee', '{ savedVacancies { edges { node { id savedByMe } } } }')).savedVacancies.edges.map((e: any) => e.node);
    expect(saved).toEqual([{ id: b, savedByMe: true }, { id: a, savedByMe: true }]);
    await ok('demo.employee', 'mutation S($id: ID!) { unsaveVacancy(id: $id) { id } }', { id: a });
    expect((await ok('demo.employee', '{ savedVacancies { edges { node { id } } } }')).savedVacancies.edges.map((e: any) => e.node.id)).toEqual([b]);
  });

  it('notifies saved searches of new matching vacancies, on the worker, within what each may see', async () => {
    const SAVE = 'mutation S($f: VacancyFiltersInput!) { saveVacancySearch(filters: $f) { id query minHours departmentId } }';
    expect(await errorOf('demo.moderator', SAVE, { f: {} })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
    const search = (await ok('demo.moderator', SAVE, { f: { query: 'netwerkbeheerder', minHours: 32, departmentId: dept.TECH } })).saveVacancySearch;
    expect(search).toMatchObject({ query: 'netwerkbeheerder', minHours: 32, departmentId: dept.TECH });
    await ok('demo.contractor', SAVE, { f: { query: 'netwerkbeheerder' } });
    await ok('demo.freelancer', SAVE, { f: { query: 'netwerkbeheerder' } });

    // One post at a time, each waited for: pg-boss (12.35, batch size 1) can leave a second job
    // queued until its 30 s backstop poll when two NOTIFY wake-ups arrive during one busy fetch.
    const matchJobsDone = () =>
      eventually(async () => ((await db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'business.vacancy-matches' AND state IN ('created', 'retry', 'active')`)).rows[0].n === 0 ? true : undefined), 8000, 'match jobs done');
    const match = (await post('demo.hr', { title: 'Netwerkbeheerder core', departmentId: dept.NET, hoursPerWeek: 36 })).id;
    await matchJobsDone();
    const tooFewHours = (await post('demo.hr', { title: 'Netwerkbeheerder deeltijd', departmentId: dept.NET, hoursPerWeek: 20 })).id;
    await matchJobsDone();
    const openOne = (await post('demo.hr', { title: 'Netwerkbeheerder extern', departmentId: dept.NET, hoursPerWeek: 36, openToExternals: true })).id;
    await matchJobsDone();
    const subjects = (uid: string) => notes(uid).then((n) => n.filter((x: any) => x.kind === 'VACANCY_MATCH').map((x: any) => x.subject));
    const mod = await subjects('demo.moderator');
    expect(mod).toEqual(expect.arrayContaining([`vacancy-match:${match}`, `vacancy-match:${openOne}`]));
    expect(mod).not.toContain(`vacancy-match:${tooFewHours}`);
    // The contractor's search matches all three, but only the one opened to externals may reach them.
    expect(await subjects('demo.contractor')).toEqual([`vacancy-match:${openOne}`]);
    expect(await subjects('demo.freelancer')).toEqual([`vacancy-match:${openOne}`]);
    expect((await notes('demo.moderator')).find((x: any) => x.kind === 'VACANCY_MATCH').summary).toBe('A new vacancy matches one of your saved searches.');
    expect((await ok('demo.moderator', '{ vacancySearches { id } }')).vacancySearches).toEqual([{ id: search.id }]);
    expect((await ok('demo.moderator', 'mutation D($id: ID!) { deleteVacancySearch(id: $id) }', { id: search.id })).deleteVacancySearch).toBe(true);
    expect((await errorOf('demo.employee', 'mutation D($id: ID!) { deleteVacancySearch(id: $id) }', { id: search.id })).code).toBe('NOT_FOUND');
  });

  it('shows interest to the contact person and the poster only, and refers colleagues with a note', async () => {
    const internal = (await post('demo.ceo', { title: 'Teamleider klantenservice', departmentId: dept.CARE })).id;
    const external = (await post('demo.ceo', { title: 'UX-designer', departmentId: dept.PROD, openToExternals: true })).id;
    const INTEREST = 'mutation I($id: ID!, $n: String) { expressInterest(vacancyId: $id, note: $n) { interestedByMe } }';
    expect(await errorOf('demo.employee', INTEREST, { id: internal, n: 'x'.repeat(501) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect((await ok('demo.employee', INTEREST, { id: internal, n: 'Ik heb vijf jaar ervaring.' })).expressInterest.interestedByMe).toBe(true);
    expect(await errorOf('demo.ceo', INTEREST, { id: internal })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'vacancyId' });
    const Q = 'query V($id: ID!) { vacancy(id: $id) { interests { note person { uid } } } }';
    for (const uid of ['demo.ceo', 'demo.hr']) {
      expect((await ok(uid, Q, { id: internal })).vacancy.interests).toEqual([{ note: 'Ik heb vijf jaar ervaring.', person: { uid: 'demo.employee' } }]);
    }
    for (const uid of ['demo.employee', 'demo.moderator', 'demo.admin']) expect((await ok(uid, Q, { id: internal })).vacancy.interests).toBeNull();
    const contactNote = await eventually(async () => (await notes('demo.hr')).find((n: any) => n.subject === `vacancy-interest:${internal}`));
    expect(contactNote).toMatchObject({ kind: 'VACANCY_INTEREST', summary: 'Jan van der Berg is interested in your vacancy' });
    await ok('demo.employee', 'mutation W($id: ID!) { withdrawInterest(vacancyId: $id) { interestedByMe } }', { id: internal });
    expect((await ok('demo.hr', Q, { id: internal })).vacancy.interests).toEqual([]);

    const REFER = 'mutation R($v: ID!, $c: ID!, $n: String) { referColleague(vacancyId: $v, colleagueId: $c, note: $n) { id note } }';
    expect(await errorOf('demo.employee', REFER, { v: internal, c: id['demo.contractor'], n: 'Iets voor jou?' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'colleagueId' });
    expect(await errorOf('demo.employee', REFER, { v: internal, c: id['demo.employee'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'colleagueId' });
    expect(await errorOf('demo.employee', REFER, { v: external, c: id['demo.freelancer'], n: 'y'.repeat(501) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    const referral = (await ok('demo.employee', REFER, { v: external, c: id['demo.freelancer'], n: 'Dit is echt iets voor jou!' })).referColleague;
    expect(referral.note).toBe('Dit is echt iets voor jou!');
    expect((await errorOf('demo.employee', REFER, { v: external, c: id['demo.freelancer'] })).code).toBe('CONFLICT');
    const got = (await notes('demo.freelancer')).find((n: any) => n.subject === `vacancy-referral:${referral.id}`);
    expect(got).toMatchObject({ kind: 'VACANCY_REFERRAL', summary: 'Jan van der Berg referred you to a vacancy' });
    const mine = (await ok('demo.freelancer', '{ myVacancyReferrals { note referrer { uid } vacancy { id } } }')).myVacancyReferrals;
    expect(mine).toEqual([{ note: 'Dit is echt iets voor jou!', referrer: { uid: 'demo.employee' }, vacancy: { id: external } }]);
  });

  it('closes vacancies on their closing date: the job method directly, and through the inline worker', async () => {
    const due = (await post('demo.hr', { title: 'Sluit vandaag' })).id;
    const later = (await post('demo.hr', { title: 'Sluit later' })).id;
    await db.query('UPDATE vacancies SET closes_on = $2 WHERE id = $1', [due, amsterdamDay(0)]);
    const jobs = app.plein.app.get(BusinessJobs);
    expect(await jobs.closeDueVacancies()).toBeGreaterThanOrEqual(1);
    const V = 'query V($id: ID!) { vacancy(id: $id) { status closedAt } }';
    expect((await ok('demo.employee', V, { id: due })).vacancy).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String) });
    expect((await ok('demo.employee', V, { id: later })).vacancy.status).toBe('OPEN');
    expect(await listIds('demo.employee')).not.toContain(due);
    expect((await errorOf('demo.employee', 'mutation I($id: ID!) { expressInterest(vacancyId: $id) { id } }', { id: due })).code).toBe('CONFLICT');

    const viaWorker = (await post('demo.hr', { title: 'Sluit via de worker' })).id;
    await db.query('UPDATE vacancies SET closes_on = $2 WHERE id = $1', [viaWorker, amsterdamDay(-1)]);
    await app.plein.app.get(QueueService).send(CLOSE_VACANCIES_JOB, {});
    await eventually(async () => ((await ok('demo.employee', V, { id: viaWorker })).vacancy.status === 'CLOSED' ? true : undefined), 10_000, 'the worker closed it');

    // Closing by hand: poster, contact or admin only.
    expect((await errorOf('demo.employee', 'mutation C($id: ID!) { closeVacancy(id: $id) { status } }', { id: later })).code).toBe('FORBIDDEN');
    expect((await ok('demo.hr', 'mutation C($id: ID!) { closeVacancy(id: $id) { status } }', { id: later })).closeVacancy.status).toBe('CLOSED');
  });
});
