import { describe, expect, it } from '@jest/globals';
import { PolicyService, type Actor, type NoticeFacts, type RoleValue, type VacancyFacts } from '@plein/policy';

const policy = new PolicyService();
const actor = (personId: string, employmentType: Actor['employmentType'], roles: RoleValue[] = ['member']): Actor => ({
  personId,
  uid: personId,
  displayName: personId,
  employmentType,
  departmentId: null,
  roles,
});

const employee = actor('employee', 'employee');
const contractor = actor('contractor', 'contractor');
const freelancer = actor('freelancer', 'freelancer');
const publisher = actor('publisher', 'contractor', ['member', 'notice_publisher']);
const admin = actor('admin', 'employee', ['member', 'admin']);

describe('business policy: notices', () => {
  const notice = (audience: NoticeFacts['audience'], departmentIds: string[] = []): NoticeFacts => ({ audience, departmentIds, authorId: 'someone' });
  // The reader's chain: own department (NET) and its ancestors (TECH, BOARD).
  const chain = ['NET', 'TECH', 'BOARD'];

  it('decides each actor × audience', () => {
    const cases: [Actor, NoticeFacts, string[], boolean][] = [
      [employee, notice('company'), [], true],
      [contractor, notice('company'), [], true],
      [employee, notice('employees'), [], true],
      [contractor, notice('employees'), [], false],
      [freelancer, notice('employees'), [], false],
      [contractor, notice('departments', ['TECH']), chain, true],
      [contractor, notice('departments', ['NET']), chain, true],
      [employee, notice('departments', ['IT']), chain, false],
      [employee, notice('departments', ['TECH']), ['BOARD'], false],
      [publisher, notice('departments', ['IT']), [], true],
      [admin, notice('employees'), [], true],
    ];
    for (const [a, n, c, expected] of cases) expect([a.personId, n.audience, n.departmentIds, policy.canSeeNotice(a, n, c)]).toEqual([a.personId, n.audience, n.departmentIds, expected]);
    expect(policy.canSeeNotice(contractor, { ...notice('employees'), authorId: 'contractor' }, [])).toBe(true);
  });

  it('lets only publishers and admins publish and see names; only admins grant roles', () => {
    expect([employee, contractor, publisher, admin].map((a) => policy.can(a, 'notice.publish'))).toEqual([false, false, true, true]);
    expect([employee, publisher, admin].map((a) => policy.canSeeAffectedNames(a))).toEqual([false, true, true]);
    expect([employee, publisher, admin].map((a) => policy.can(a, 'role.grant'))).toEqual([false, false, true]);
  });

  it('writes the list predicate with the same rule', () => {
    expect(policy.noticePredicate(publisher, 'n', 1, []).sql).toBe('TRUE');
    const p = policy.noticePredicate(contractor, 'n', 3, chain);
    expect(p.sql).toContain('$3');
    expect(p.params).toEqual([['company'], chain, 'contractor']);
    expect(policy.noticePredicate(employee, 'n', 1, chain).params[0]).toEqual(['company', 'employees']);
  });
});

describe('business policy: vacancies', () => {
  const internal: VacancyFacts = { openToExternals: false, posterId: 'poster', contactId: 'contact' };
  const open: VacancyFacts = { ...internal, openToExternals: true };

  it('shows internal vacancies to payroll, open ones to everyone, and theirs to poster and contact', () => {
    expect([employee, contractor, freelancer].map((a) => [policy.canSeeVacancy(a, internal), policy.canSeeVacancy(a, open)])).toEqual([
      [true, true],
      [false, true],
      [false, true],
    ]);
    expect(policy.canSeeVacancy(actor('contact', 'freelancer'), internal)).toBe(true);
    expect(policy.vacancyPredicate(employee, 'v', 1).sql).toBe('TRUE');
    expect(policy.vacancyPredicate(contractor, 'v', 2)).toEqual({ sql: '(v.open_to_externals OR v.poster_id = $2 OR v.contact_id = $2)', params: ['contractor'] });
  });

  it('decides posting, interest and closing', () => {
    expect(policy.canPostVacancy(employee, false)).toBe(false);
    expect(policy.canPostVacancy(employee, true)).toBe(true);
    expect(policy.canPostVacancy(contractor, true)).toBe(false);
    expect(policy.canPostVacancy(actor('hr', 'employee', ['member', 'vacancy_poster']), false)).toBe(true);
    expect(policy.canPostVacancy(admin, false)).toBe(true);
    expect([actor('poster', 'employee'), actor('contact', 'employee'), admin, employee].map((a) => policy.canSeeVacancyInterest(a, internal))).toEqual([true, true, false, false]);
    expect([actor('poster', 'employee'), admin, employee].map((a) => policy.canCloseVacancy(a, internal))).toEqual([true, true, false]);
  });
});
