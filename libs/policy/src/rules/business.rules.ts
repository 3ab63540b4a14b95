import type { Actor } from '../actor.js';
import { actionAllowed, hasRole, isPayroll } from './actions.rules.js';

/** What policy needs to know about an outage notice. `departmentIds`: the chosen departments (audience 'departments'). */
export interface NoticeFacts {
  audience: 'company' | 'employees' | 'departments';
  departmentIds: readonly string[];
  authorId: string;
}

/** What policy needs to know about a vacancy. */
export interface VacancyFacts {
  openToExternals: boolean;
  posterId: string;
  contactId: string;
}

/**
 * May the actor see this outage notice? A notice for departments reaches those departments and
 * their sub-departments: the actor sees it when a chosen department is on the actor's department
 * chain (own department and its ancestors, which the caller resolves with a recursive CTE).
 * Publishers and admins see every notice (they run the incident); the author always sees theirs.
 */
export function canSeeNotice(actor: Actor, notice: NoticeFacts, departmentChain: readonly string[]): boolean {
  if (notice.authorId === actor.personId || actionAllowed(actor, 'notice.publish')) return true;
  switch (notice.audience) {
    case 'company':
      return true;
    case 'employees':
      return isPayroll(actor);
    case 'departments':
      return notice.departmentIds.some((d) => departmentChain.includes(d));
    default:
      return false;
  }
}

/**
 * The list form of canSeeNotice over the `notices` table aliased `alias` (columns audience,
 * department_ids, author_id). `departmentChain`: the actor's department and its ancestors.
 */
export function noticePredicate(actor: Actor, alias: string, firstParam: number, departmentChain: readonly string[]): { sql: string; params: unknown[] } {
  if (actionAllowed(actor, 'notice.publish')) return { sql: 'TRUE', params: [] };
  const audiences = isPayroll(actor) ? ['company', 'employees'] : ['company'];
  return {
    sql: `(${alias}.audience = ANY($${firstParam}::text[]) OR (${alias}.audience = 'departments' AND ${alias}.department_ids && $${firstParam + 1}::uuid[]) OR ${alias}.author_id = $${firstParam + 2})`,
    params: [audiences, [...departmentChain], actor.personId],
  };
}

/** Names (and comments) of the people who marked themselves affected: notice publishers and admins only; others see counts. */
export function canSeeAffectedNames(actor: Actor): boolean {
  return actionAllowed(actor, 'notice.publish');
}

/**
 * Who may post a vacancy: admins, people granted `vacancy_poster`, and payroll managers (anyone
 * with direct reports; the caller looks that up).
 */
export function canPostVacancy(actor: Actor, hasDirectReports: boolean): boolean {
  return hasRole(actor, 'admin') || hasRole(actor, 'vacancy_poster') || (hasDirectReports && isPayroll(actor));
}

/**
 * Vacancies are internal: payroll staff see every one; contractors and freelancers only those the
 * poster opened to externals. The poster and the contact person always see theirs.
 */
export function canSeeVacancy(actor: Actor, vacancy: VacancyFacts): boolean {
  return isPayroll(actor) || vacancy.openToExternals || vacancy.posterId === actor.personId || vacancy.contactId === actor.personId;
}

/** The list form of canSeeVacancy over `vacancies` aliased `alias` (columns open_to_externals, poster_id, contact_id). */
export function vacancyPredicate(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
  if (isPayroll(actor)) return { sql: 'TRUE', params: [] };
  return { sql: `(${alias}.open_to_externals OR ${alias}.poster_id = $${firstParam} OR ${alias}.contact_id = $${firstParam})`, params: [actor.personId] };
}

/** Interest shown in a vacancy is for its contact person and its poster only (not admins: it is personal). */
export function canSeeVacancyInterest(actor: Actor, vacancy: VacancyFacts): boolean {
  return vacancy.posterId === actor.personId || vacancy.contactId === actor.personId;
}

/** Close a vacancy early: its poster, its contact person, or an admin. */
export function canCloseVacancy(actor: Actor, vacancy: VacancyFacts): boolean {
  return vacancy.posterId === actor.personId || vacancy.contactId === actor.personId || actionAllowed(actor, 'vacancy.administer');
}
