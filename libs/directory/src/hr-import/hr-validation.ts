import { EmploymentType } from '../entities/person.entity.js';
import type { RawHrRow } from './hr-csv.parser.js';
import type { HrField } from './hr-mapping.js';

/** A row that passed the per-row checks. Optional fields are `undefined` when the file lacks the column. */
export interface HrRow {
  line: number;
  employeeNumber: string;
  givenName: string;
  familyNamePrefix: string | null | undefined;
  familyName: string;
  preferredName: string | null | undefined;
  email: string;
  departmentCode: string | null | undefined;
  departmentName: string | null | undefined;
  parentDepartmentCode: string | null | undefined;
  managerEmployeeNumber: string | null | undefined;
  jobTitle: string | null | undefined;
  employmentType: EmploymentType;
  location: string | null | undefined;
  phone: string | null | undefined;
  startDate: string | null | undefined;
  endDate: string | null | undefined;
  photo: string | null | undefined;
  /** Custom profile fields filled by HR, as the file has them (key → text; empty clears). */
  custom: Record<string, string>;
}

/** Column lengths of the people and departments tables. */
const MAX_LENGTH: Partial<Record<HrField, number>> = {
  employee_number: 64,
  given_name: 100,
  family_name_prefix: 30,
  family_name: 100,
  preferred_name: 100,
  email: 254,
  department_code: 64,
  department_name: 200,
  parent_department_code: 64,
  manager_employee_number: 64,
  job_title: 200,
  location: 200,
  phone: 50,
  photo: 255,
};

const EMAIL = /^[^\s@",;<>()]+@[^\s@",;<>()]+\.[^\s@",;<>()]+$/;
const EMPLOYMENT_TYPES = new Set<string>(Object.values(EmploymentType));

/** `YYYY-MM-DD` or Dutch `DD-MM-YYYY` (also with `/` or `.`) → ISO, or null when not a real date. */
export function parseHrDate(value: string): string | null {
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export type RowCheck = { row: HrRow; reason?: undefined } | { row?: undefined; reason: string };

/** The per-row checks (cross-row ones, such as duplicates and manager cycles, come later). */
export function validateHrRow(raw: RawHrRow): RowCheck {
  if (raw.error) return { reason: raw.error };
  const v = raw.values;
  for (const [field, max] of Object.entries(MAX_LENGTH) as [HrField, number][]) {
    const value = v[field];
    if (value !== undefined && value.length > max) return { reason: `${field} is longer than ${max} characters.` };
  }
  const opt = (field: HrField): string | null | undefined => (v[field] === undefined ? undefined : v[field] || null);
  const employeeNumber = v.employee_number ?? '';
  if (!employeeNumber) return { reason: 'employee_number is empty.' };
  if (!v.given_name) return { reason: 'given_name is empty.' };
  if (!v.family_name) return { reason: 'family_name is empty.' };
  if (!v.email) return { reason: 'email is empty.' };
  const email = v.email.toLowerCase();
  if (!EMAIL.test(email)) return { reason: `"${v.email}" is not a valid email address.` };
  const type = (v.employment_type ?? '').toLowerCase();
  if (!type) return { reason: 'employment_type is empty: use employee, contractor or freelancer.' };
  if (!EMPLOYMENT_TYPES.has(type)) return { reason: `Unknown employment_type "${v.employment_type}": use employee, contractor or freelancer.` };
  const dates: Record<'start_date' | 'end_date', string | null | undefined> = { start_date: undefined, end_date: undefined };
  for (const field of ['start_date', 'end_date'] as const) {
    const value = v[field];
    if (value === undefined || value === '') {
      dates[field] = value === undefined ? undefined : null;
      continue;
    }
    const iso = parseHrDate(value);
    if (!iso) return { reason: `${field} "${value}" is not a valid date: use YYYY-MM-DD or DD-MM-YYYY.` };
    dates[field] = iso;
  }
  if (dates.start_date && dates.end_date && dates.end_date < dates.start_date) {
    return { reason: `end_date ${dates.end_date} is before start_date ${dates.start_date}.` };
  }
  const departmentCode = opt('department_code');
  if (!departmentCode && (v.department_name || v.parent_department_code)) {
    return { reason: 'department_name or parent_department_code is set but department_code is empty.' };
  }
  return {
    row: {
      line: raw.line,
      employeeNumber,
      givenName: v.given_name,
      familyNamePrefix: opt('family_name_prefix'),
      familyName: v.family_name,
      preferredName: opt('preferred_name'),
      email,
      departmentCode,
      departmentName: opt('department_name'),
      parentDepartmentCode: opt('parent_department_code'),
      managerEmployeeNumber: opt('manager_employee_number'),
      jobTitle: opt('job_title'),
      employmentType: type as EmploymentType,
      location: opt('location'),
      phone: opt('phone'),
      startDate: dates.start_date,
      endDate: dates.end_date,
      photo: opt('photo'),
      custom: raw.custom ?? {},
    },
  };
}
