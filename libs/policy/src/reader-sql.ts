import { barrierReadSql } from './policy.service.js';

/**
 * The list predicates of PolicyService in set-based form: over SQL expressions of a reader row
 * instead of one actor's parameters, so one statement can pick content for a whole batch of readers
 * (the weekly digest picks for 500 readers at a time). Each mirrors its single-actor twin:
 * keep them in step (the digest's policy matrix test holds them to the same rules).
 */
export interface ReaderSql {
  /** The reader's person id (uuid). */
  id: string;
  /** Payroll staff (employment type employee): boolean. */
  payroll: string;
  /** The audiences of the groups the reader may read in lists ('group:<id>', text[]): PolicyService.actorGroupsSql's `readable`. */
  groupAudiences: string;
  /** The reader's department and its ancestors (uuid[]). */
  departmentChain: string;
}

/** audiencePredicate: company; employees for payroll staff; the reader's readable groups. */
export function readerAudienceSql(r: ReaderSql, column: string): string {
  return `(${column} = 'company' OR (${column} = 'employees' AND ${r.payroll}) OR ${column} = ANY(${r.groupAudiences}))`;
}

/**
 * barrierPredicate: the author is not behind an information barrier for the reader. Evaluated per
 * (reader, item) pair, the segment views cost a scan of people each time (the planner cannot see
 * that they are empty); `NOT EXISTS (SELECT 1 FROM barriers)` is an uncorrelated InitPlan, computed
 * once per statement, and OR stops there when no barrier exists.
 */
export function readerBarrierSql(r: ReaderSql, authorColumn: string): string {
  return `(NOT EXISTS (SELECT 1 FROM barriers) OR ${barrierReadSql(r.id, authorColumn)})`;
}

/** noticePredicate, for readers who are not notice publishers (the digest treats everyone as a reader). */
export function readerNoticeSql(r: ReaderSql, alias: string): string {
  return `(${alias}.audience = 'company' OR (${alias}.audience = 'employees' AND ${r.payroll})
    OR (${alias}.audience = 'departments' AND ${alias}.department_ids && ${r.departmentChain}) OR ${alias}.author_id = ${r.id})`;
}

/** vacancyPredicate: payroll staff see every vacancy; others those open to externals, or their own. */
export function readerVacancySql(r: ReaderSql, alias: string): string {
  return `(${r.payroll} OR ${alias}.open_to_externals OR ${alias}.poster_id = ${r.id} OR ${alias}.contact_id = ${r.id})`;
}
