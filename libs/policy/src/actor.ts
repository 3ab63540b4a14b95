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
  const m = /^group:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(value);
  return m ? (`group:${m[1].toLowerCase()}` as Audience) : null;
}
