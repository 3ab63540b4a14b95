/**
 * Why an HR import row was rejected or warned about, as a code and its parameters: the web app says it
 * in the reader's language (catalog keys `import.reason.<code>`); `reason` keeps a plain English
 * sentence for the CLI and API clients.
 */
export type HrReasonParams = Record<string, string | number>;

const ENGLISH = {
  wrong_field_count: (p) => `The row has ${p.count} fields; the header has ${p.expected}.`,
  field_too_long: (p) => `${p.field} is longer than ${p.max} characters.`,
  field_empty: (p) => `${p.field} is empty.`,
  invalid_email: (p) => `"${p.value}" is not a valid email address.`,
  employment_type_empty: () => 'employment_type is empty: use employee, contractor or freelancer.',
  employment_type_unknown: (p) => `Unknown employment_type "${p.value}": use employee, contractor or freelancer.`,
  invalid_date: (p) => `${p.field} "${p.value}" is not a valid date: use YYYY-MM-DD or DD-MM-YYYY.`,
  end_before_start: (p) => `end_date ${p.end} is before start_date ${p.start}.`,
  department_code_missing: () => 'department_name or parent_department_code is set but department_code is empty.',
  duplicate_employee_number: (p) => `Employee number ${p.employeeNumber} already appears on line ${p.line}.`,
  duplicate_email: (p) => `Email ${p.email} already appears on line ${p.line}.`,
  email_taken: (p) => `Email ${p.email} already belongs to another person (employee number ${p.owner}).`,
  manager_cycle: (p) => `Manager cycle: ${p.cycle}.`,
  manager_unknown: (p) => `Manager ${p.manager} is neither in the file nor in the directory: imported without a manager.`,
  parent_department_unknown: (p) => `Parent department ${p.parent} of ${p.department} is unknown: ${p.department} keeps its place in the tree.`,
  department_loop: (p) => `Department ${p.department} cannot sit under ${p.parent}: that would make a loop in the tree.`,
  photo_missing: (p) => `Photo ${p.name} is not in ${p.source}.`,
  photo_not_stored: () => 'Photos cannot be stored by this process.',
  photo_rejected: (p) => `Photo ${p.name}: ${p.detail}`,
  photo_too_large: (p) => `Photo ${p.name}: refused: it unpacks to more than a photo may be (10 MB), or far more than its packed size.`,
  photo_damaged: (p) => `Photo ${p.name}: refused: it is damaged in the ZIP.`,
  photos_zip_too_large: (p) => `Photo ${p.name}: not read: the photos ZIP unpacks to more than 2 GiB in all, so reading stopped.`,
} satisfies Record<string, (p: HrReasonParams) => string>;

export type HrReasonCode = keyof typeof ENGLISH;
export const HR_REASON_CODES = Object.keys(ENGLISH) as HrReasonCode[];

export interface HrReason {
  code: HrReasonCode;
  params: HrReasonParams;
  /** The same in plain English, for API clients and the CLI. */
  reason: string;
}

export function hrReason(code: HrReasonCode, params: HrReasonParams = {}): HrReason {
  return { code, params, reason: ENGLISH[code](params) };
}
