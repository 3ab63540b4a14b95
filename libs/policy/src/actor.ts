import { isUuid } from '@plein/core';

/**
 * The actor: who is asking. Built once per request (or socket) from the person's row, so every
 * decision sees current roles and status. Kept free of ORM types: policy must not depend on storage.
 */
export type EmploymentTypeValue = 'employee' | 'contractor' | 'freelancer';
export type RoleValue = 'member' | 'community_manager' | 'admin' | 'notice_publisher' | 'vacancy_poster';

export interface Actor {
  personId: string;
  uid: string | null;
  displayName: string;
  employmentType: EmploymentTypeValue;
  departmentId: string | null;
  roles: readonly RoleValue[];
}

/**
 * Who may read a piece of content. `company`: everyone with an account, contractors and freelancers
 * included; `employees`: payroll staff only; `group:<id>`: members of that group (the groups lib).
 */
export type Audience = 'company' | 'employees' | `group:${string}`;

export function parseAudience(value: string): Audience | null {
  if (value === 'company' || value === 'employees') return value;
  const id = value.startsWith('group:') ? value.slice('group:'.length) : '';
  return isUuid(id) ? (`group:${id.toLowerCase()}` as Audience) : null;
}
