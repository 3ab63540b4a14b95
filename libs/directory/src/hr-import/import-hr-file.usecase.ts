import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, DomainError } from '@plein/core';
import { DataSource, type EntityManager } from 'typeorm';
import { displayNameOf, EmploymentType } from '../entities/person.entity.js';
import { ProfileFieldType } from '../entities/profile-field.entity.js';
import { validFieldValue } from '../custom-fields/custom-fields.service.js';
import { hrCustomFields, MULTI_SEPARATOR, type HrCustomField } from './hr-custom-fields.js';
import { PhotosService } from '../photos/photos.service.js';
import { readHrRows } from './hr-csv.parser.js';
import { checkCustomKeys, type HrMapping } from './hr-mapping.js';
import { HrImportsService } from './hr-imports.service.js';
import type { HrPhotoRefusal, HrPhotoSource } from './hr-photos.js';
import { emptyCounts, REPORT_LIST_LIMIT, type HrImportProblem, type HrImportProblemCode, type HrImportReport } from './hr-import.report.js';
import { validateHrRow, type HrRow } from './hr-validation.js';

export interface ImportHrFileCommand {
  /** The hr_imports record this run reports to (created by the caller: resolver or CLI). */
  importId: string;
  file: Buffer | AsyncIterable<Buffer | string>;
  mapping: HrMapping | null;
  photos: HrPhotoSource | null;
  dryRun: boolean;
  deactivateMissing: boolean;
  /** "Today" for end dates (YYYY-MM-DD); defaults to today in Amsterdam. */
  today?: string;
  onProgress?: (done: number, total: number) => void;
}

/** A people row as the import compares it. Dates as text, so comparison is exact. */
interface ExistingPerson {
  id: string;
  employee_number: string | null;
  given_name: string;
  family_name_prefix: string | null;
  family_name: string;
  preferred_name: string | null;
  display_name: string;
  email: string;
  job_title: string | null;
  employment_type: EmploymentType;
  department_id: string | null;
  manager_id: string | null;
  location: string | null;
  phone: string | null;
  start_date: string | null;
  end_date: string | null;
  active: boolean;
  deactivated_at: Date | null;
  photo_checksum: string | null;
  photo_source: string | null;
}

interface ExistingDepartment {
  id: string;
  code: string;
  name: string;
  parent_id: string | null;
}

/** What a valid row makes of its person. */
interface Target {
  row: HrRow;
  id: string;
  existing: ExistingPerson | null;
  employeeNumber: string;
  givenName: string;
  familyNamePrefix: string | null;
  familyName: string;
  preferredName: string | null;
  displayName: string;
  email: string;
  jobTitle: string | null;
  employmentType: EmploymentType;
  departmentId: string | null;
  managerId: string | null;
  location: string | null;
  phone: string | null;
  startDate: string | null;
  endDate: string | null;
  active: boolean;
  deactivatedAt: string | null;
  changes: string[];
  /** Custom profile fields filled by HR whose value changes (null: cleared). */
  customWrites: { fieldId: string; value: string | string[] | null }[];
}

/** Compared fields: Target key, people column, the name a report shows. */
const COMPARED: [keyof Target & keyof ExistingPersonKeys, keyof ExistingPerson, string][] = [
  ['employeeNumber', 'employee_number', 'employee_number'],
  ['givenName', 'given_name', 'given_name'],
  ['familyNamePrefix', 'family_name_prefix', 'family_name_prefix'],
  ['familyName', 'family_name', 'family_name'],
  ['preferredName', 'preferred_name', 'preferred_name'],
  ['displayName', 'display_name', 'display_name'],
  ['email', 'email', 'email'],
  ['jobTitle', 'job_title', 'job_title'],
  ['employmentType', 'employment_type', 'employment_type'],
  ['departmentId', 'department_id', 'department'],
  ['managerId', 'manager_id', 'manager'],
  ['location', 'location', 'location'],
  ['phone', 'phone', 'phone'],
  ['startDate', 'start_date', 'start_date'],
  ['endDate', 'end_date', 'end_date'],
  ['active', 'active', 'active'],
];
type ExistingPersonKeys = Pick<Target, 'employeeNumber' | 'givenName' | 'familyNamePrefix' | 'familyName' | 'preferredName' | 'displayName' | 'email' | 'jobTitle' | 'employmentType' | 'departmentId' | 'managerId' | 'location' | 'phone' | 'startDate' | 'endDate' | 'active'>;

const PHOTO_REFUSALS: Record<HrPhotoRefusal, string> = {
  PHOTO_TOO_LARGE: 'refused: it unpacks to more than a photo may be (10 MB), or far more than its packed size.',
  PHOTO_DAMAGED: 'refused: it is damaged in the ZIP.',
  PHOTOS_ZIP_TOO_LARGE: 'not read: the photos ZIP unpacks to more than 2 GiB in all, so reading stopped.',
};

/** Serialises imports: two at once would each compute a diff against a directory the other changes. */
const IMPORT_LOCK = 7446102;

export function todayInAmsterdam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function capped<T>(list: T[], report: { truncated: boolean }): T[] {
  if (list.length <= REPORT_LIST_LIMIT) return list;
  report.truncated = true;
  return list.slice(0, REPORT_LIST_LIMIT);
}

/**
 * ImportHrFile: the HR staff export into the directory, keyed on employee number.
 *
 * Read (streaming) → check every row in memory → in one transaction: load the directory once, diff
 * in memory, write only what changed with one bulk statement per table and kind. A crash leaves the
 * directory as it was or fully imported. Photos go in after the commit, one by one, each problem reported on its row.
 */
@Injectable()
export class ImportHrFile {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly records: HrImportsService,
    @Optional() private readonly photosService?: PhotosService,
  ) {}

  async execute(command: ImportHrFileCommand): Promise<HrImportReport> {
    const started = performance.now();
    await this.records.markRunning(command.importId);
    try {
      const report = await this.run(command);
      report.durationMs = Math.round(performance.now() - started);
      await this.records.finish(command.importId, { report });
      return report;
    } catch (err) {
      const message = err instanceof DomainError ? err.message : `The import failed: ${err instanceof Error ? err.message : String(err)}`;
      await this.records.finish(command.importId, { error: message }).catch(() => undefined);
      throw err;
    }
  }

  private async run(command: ImportHrFileCommand): Promise<HrImportReport> {
    const today = command.today ?? todayInAmsterdam();
    const report: HrImportReport = {
      dryRun: command.dryRun,
      counts: emptyCounts(),
      created: [],
      updated: [],
      deactivated: [],
      rejected: [],
      warnings: [],
      photosRejected: [],
      truncated: false,
      durationMs: 0,
    };
    const rejected: HrImportProblem[] = [];
    const warnings: HrImportProblem[] = [];
    const customFields = await hrCustomFields(this.db.manager);
    checkCustomKeys(command.mapping, customFields.map((f) => f.key));

    // 1. Read and check each row on its own.
    const valid: HrRow[] = [];
    const seenNumbers = new Map<string, number>();
    const seenEmails = new Map<string, number>();
    /** Every employee number the file mentions, rejected rows included: they are not "missing". */
    const mentioned = new Set<string>();
    let rows = 0;
    for await (const raw of readHrRows(command.file, command.mapping, customFields.map((f) => f.key))) {
      rows++;
      const number = raw.values.employee_number;
      if (number) mentioned.add(number);
      const check = validateHrRow(raw);
      if (number && seenNumbers.has(number)) {
        rejected.push({ line: raw.line, employeeNumber: number, reason: `Employee number ${number} already appears on line ${seenNumbers.get(number)}.` });
        continue;
      }
      if (number) seenNumbers.set(number, raw.line);
      if (!check.row) {
        rejected.push({ line: raw.line, employeeNumber: number || null, reason: check.reason });
        continue;
      }
      const firstWithEmail = seenEmails.get(check.row.email);
      if (firstWithEmail !== undefined) {
        rejected.push({ line: raw.line, employeeNumber: number ?? null, reason: `Email ${check.row.email} already appears on line ${firstWithEmail}.` });
        continue;
      }
      seenEmails.set(check.row.email, raw.line);
      valid.push(check.row);
      if (rows % 5000 === 0) {
        // Reading: the total is not known yet.
        command.onProgress?.(rows, 0);
        await this.records.progress(command.importId, rows, 0);
      }
    }
    report.counts.rows = rows;
    if (rows === 0) throw badInput('The file has a header but no rows.', { field: 'file' });
    await this.records.progress(command.importId, 0, rows);
    command.onProgress?.(0, rows);

    // 2. Against the directory, in one transaction (a dry run only reads).
    const apply = async (tx: EntityManager) => {
      if (!command.dryRun) {
        // The app's pool caps statements at 30 s; a 100,000-row insert (search index upkeep included) may need longer.
        await tx.query(`SET LOCAL statement_timeout = '15min'`);
        await tx.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      }
      const plan = await this.plan(tx, valid, mentioned, command, today, rejected, warnings, customFields);
      report.counts.departmentsCreated = plan.departments.created.length;
      report.counts.departmentsUpdated = plan.departments.changed.length - plan.departments.created.length;
      if (!command.dryRun) {
        let done = rows - plan.creates.length - plan.updates.length;
        const tick = async (n: number) => {
          done += n;
          await this.records.progress(command.importId, done, rows);
          command.onProgress?.(done, rows);
        };
        await tick(0);
        await this.writeDepartments(tx, plan.departments);
        // One statement each, not chunks: the people_search triggers run once per statement, and
        // their cached plans degrade as the table grows within the transaction (measured: chunks of
        // 5,000 made a 100,000-row import quadratic). It also lets a manager be anywhere in the file:
        // foreign keys are checked at the end of the statement.
        if (plan.creates.length) {
          await this.insertPeople(tx, plan.creates);
          await tick(plan.creates.length);
        }
        if (plan.updates.length) {
          await this.updatePeople(tx, plan.updates);
          await tick(plan.updates.length);
        }
        await this.writeCustomValues(tx, plan.targets);
        if (plan.missing.length) {
          await tx.query(`UPDATE people SET active = false, deactivated_at = now(), updated_at = now() WHERE id = ANY($1::uuid[]) AND active`, [
            plan.missing.map((p) => p.id),
          ]);
        }
      }
      return plan;
    };
    const plan = command.dryRun ? await apply(this.db.manager) : await this.db.transaction(apply);

    const nameOf = (t: Target) => t.displayName;
    // A new row whose end date has passed is a leaver, stored inactive: reported as deactivated, not as created.
    const joiners = plan.creates.filter((t) => t.active);
    const created = joiners.map((t) => ({ line: t.row.line, employeeNumber: t.employeeNumber, displayName: nameOf(t) }));
    const updated = plan.updates.map((t) => ({ line: t.row.line, employeeNumber: t.employeeNumber, displayName: nameOf(t), changes: t.changes }));
    const deactivated = [
      ...[...plan.creates, ...plan.updates]
        .filter((t) => (!t.existing || t.existing.active) && !t.active)
        .sort((a, b) => a.row.line - b.row.line)
        .map((t) => ({ line: t.row.line as number | null, employeeNumber: t.employeeNumber, displayName: nameOf(t), reason: 'end_date' as const })),
      ...plan.missing.map((p) => ({ line: null, employeeNumber: p.employee_number ?? '', displayName: p.display_name, reason: 'missing' as const })),
    ];

    // 3. Photos, after the commit: a bad image is the photo's problem, never the row's.
    const photoProblems: HrImportProblem[] = [];
    if (command.photos) {
      const outcome = await this.importPhotos(command.photos, plan.targets, command.dryRun, photoProblems);
      report.counts.photosStored = outcome.stored;
      report.counts.photosUnchanged = outcome.unchanged;
    }

    rejected.sort((a, b) => a.line - b.line);
    warnings.sort((a, b) => a.line - b.line);
    report.counts.created = created.length;
    report.counts.updated = updated.length;
    report.counts.unchanged = plan.targets.length - plan.creates.length - plan.updates.length;
    report.counts.deactivated = deactivated.length;
    report.counts.rejected = rejected.length;
    report.counts.warnings = warnings.length;
    report.counts.photosRejected = photoProblems.length;
    report.created = capped(created, report);
    report.updated = capped(updated, report);
    report.deactivated = capped(deactivated, report);
    report.rejected = capped(rejected, report);
    report.warnings = capped(warnings, report);
    report.photosRejected = capped(photoProblems, report);
    command.onProgress?.(rows, rows);
    return report;
  }

  /** Loads the directory and works out every change, rejecting rows that conflict with it or each other. */
  private async plan(
    tx: EntityManager,
    rows: HrRow[],
    mentioned: Set<string>,
    command: ImportHrFileCommand,
    today: string,
    rejected: HrImportProblem[],
    warnings: HrImportProblem[],
    customFields: HrCustomField[] = [],
  ) {
    const existing: ExistingPerson[] = await tx.query(
      `SELECT p.id, p.employee_number, p.given_name, p.family_name_prefix, p.family_name, p.preferred_name, p.display_name,
              p.email, p.job_title, p.employment_type, p.department_id, p.manager_id, p.location, p.phone,
              p.start_date::text AS start_date, p.end_date::text AS end_date, p.active, p.deactivated_at,
              ph.checksum AS photo_checksum, ph.source AS photo_source
         FROM people p LEFT JOIN photos ph ON ph.id = p.photo_id`,
    );
    const byNumber = new Map<string, ExistingPerson>();
    const byEmail = new Map<string, ExistingPerson>();
    const numberById = new Map<string, string>();
    for (const p of existing) {
      if (p.employee_number !== null) {
        byNumber.set(p.employee_number, p);
        numberById.set(p.id, p.employee_number);
      }
      byEmail.set(p.email, p);
    }
    const reject = (row: HrRow, reason: string) => rejected.push({ line: row.line, employeeNumber: row.employeeNumber, reason });

    // Match each row: on employee number; else adopt a person HR did not number yet (a first login) by email.
    const matched = new Map<HrRow, ExistingPerson | null>();
    const adopted = new Set<string>();
    for (const row of rows) {
      let person = byNumber.get(row.employeeNumber) ?? null;
      if (!person) {
        const candidate = byEmail.get(row.email);
        if (candidate && candidate.employee_number === null && !adopted.has(candidate.id)) {
          person = candidate;
          adopted.add(candidate.id);
        }
      }
      matched.set(row, person);
    }
    const fileNumbers = new Map(rows.map((r) => [r.employeeNumber, r]));
    let kept = rows.filter((row) => {
      const owner = byEmail.get(row.email);
      const self = matched.get(row);
      if (!owner || owner.id === self?.id) return true;
      // The owner moves to another address in this same file: the address is free after the import.
      const ownerRow = owner.employee_number !== null ? fileNumbers.get(owner.employee_number) : undefined;
      if (ownerRow && ownerRow.email !== row.email) return true;
      reject(row, `Email ${row.email} already belongs to another person (employee number ${owner.employee_number ?? 'none'}).`);
      return false;
    });

    // Manager cycles over the directory as it will be: file rows say their manager, others keep theirs.
    const keptByNumber = new Map(kept.map((r) => [r.employeeNumber, r]));
    const managerOf = (number: string): string | null => {
      const row = keptByNumber.get(number);
      if (row && row.managerEmployeeNumber !== undefined) return row.managerEmployeeNumber;
      const person = row ? matched.get(row) : byNumber.get(number);
      return person?.manager_id ? (numberById.get(person.manager_id) ?? null) : null;
    };
    const known = (number: string) => keptByNumber.has(number) || byNumber.has(number);
    const state = new Map<string, 1 | 2>();
    const inCycle = new Map<string, string[]>();
    for (const row of kept) {
      const path: string[] = [];
      let current: string | null = row.employeeNumber;
      while (current !== null && known(current) && state.get(current) !== 2) {
        if (state.get(current) === 1) {
          const cycle = path.slice(path.indexOf(current));
          cycle.forEach((n, i) => inCycle.set(n, [...cycle.slice(i), ...cycle.slice(0, i), n]));
          break;
        }
        state.set(current, 1);
        path.push(current);
        current = managerOf(current);
      }
      for (const n of path) state.set(n, 2);
    }
    if (inCycle.size) {
      kept = kept.filter((row) => {
        const cycle = inCycle.get(row.employeeNumber);
        if (!cycle) return true;
        reject(row, `Manager cycle: ${cycle.join(' → ')}.`);
        return false;
      });
    }

    const departments = await this.planDepartments(tx, kept, warnings);

    // The target state of every kept row.
    const targets: Target[] = kept.map((row) => {
      const person = matched.get(row) ?? null;
      const keep = <T>(value: T | undefined, current: T | null | undefined): T | null => (value === undefined ? (current ?? null) : value);
      const endDate = keep(row.endDate, person?.end_date);
      const active = !(endDate !== null && endDate < today);
      const t: Target = {
        row,
        id: person?.id ?? randomUUID(),
        existing: person,
        employeeNumber: row.employeeNumber,
        givenName: row.givenName,
        familyNamePrefix: keep(row.familyNamePrefix, person?.family_name_prefix),
        familyName: row.familyName,
        preferredName: keep(row.preferredName, person?.preferred_name),
        displayName: '',
        email: row.email,
        jobTitle: keep(row.jobTitle, person?.job_title),
        employmentType: row.employmentType,
        departmentId: row.departmentCode === undefined ? (person?.department_id ?? null) : row.departmentCode === null ? null : departments.idOf(row.departmentCode),
        managerId: person?.manager_id ?? null,
        location: keep(row.location, person?.location),
        phone: keep(row.phone, person?.phone),
        startDate: keep(row.startDate, person?.start_date),
        endDate,
        active,
        deactivatedAt: active ? null : person && !person.active && person.deactivated_at ? person.deactivated_at.toISOString() : new Date().toISOString(),
        changes: [],
        customWrites: [],
      };
      t.displayName = displayNameOf(t);
      return t;
    });
    const targetByNumber = new Map(targets.map((t) => [t.employeeNumber, t]));
    for (const t of targets) {
      const managerNumber = t.row.managerEmployeeNumber;
      if (managerNumber === undefined) continue;
      if (managerNumber === null) {
        t.managerId = null;
        continue;
      }
      const managerId = targetByNumber.get(managerNumber)?.id ?? byNumber.get(managerNumber)?.id ?? null;
      if (!managerId) {
        warnings.push({ line: t.row.line, employeeNumber: t.employeeNumber, reason: `Manager ${managerNumber} is neither in the file nor in the directory: imported without a manager.` });
      }
      t.managerId = managerId;
    }

    await this.planCustomValues(tx, targets, customFields, warnings);

    // Diff: only what changed is written.
    const creates: Target[] = [];
    const updates: Target[] = [];
    for (const t of targets) {
      if (!t.existing) {
        creates.push(t);
        continue;
      }
      const customChanges = t.changes.splice(0);
      for (const [key, column, label] of COMPARED) {
        if (t[key] !== t.existing[column]) t.changes.push(label);
      }
      t.changes.push(...customChanges);
      if (t.changes.length) updates.push(t);
    }

    // A full export: people with an employee number who are not in it leave (never deleted).
    const missing = command.deactivateMissing
      ? existing
          .filter((p) => p.active && p.employee_number !== null && !mentioned.has(p.employee_number) && !adopted.has(p.id))
          .sort((a, b) => (a.employee_number! < b.employee_number! ? -1 : 1))
      : [];
    return { targets, creates, updates, missing, departments };
  }

  /** The department tree the file describes: new departments, renames, moves. */
  private async planDepartments(tx: EntityManager, rows: HrRow[], warnings: HrImportProblem[]) {
    const stored: ExistingDepartment[] = await tx.query(`SELECT id, code, name, parent_id FROM departments`);
    const byCode = new Map(stored.map((d) => [d.code, { ...d }]));
    const original = new Map(stored.map((d) => [d.code, d]));
    const wanted = new Map<string, { name: string | null; parentCode: string | null | undefined; line: number; employeeNumber: string }>();
    for (const row of rows) {
      if (!row.departmentCode) continue;
      const entry = wanted.get(row.departmentCode) ?? { name: null, parentCode: undefined, line: row.line, employeeNumber: row.employeeNumber };
      if (row.departmentName) entry.name = row.departmentName;
      if (row.parentDepartmentCode) entry.parentCode = row.parentDepartmentCode;
      else if (row.parentDepartmentCode === null && entry.parentCode === undefined) entry.parentCode = null;
      wanted.set(row.departmentCode, entry);
    }
    const created: string[] = [];
    for (const [code, entry] of wanted) {
      const current = byCode.get(code);
      if (!current) {
        byCode.set(code, { id: randomUUID(), code, name: entry.name ?? code, parent_id: null });
        created.push(code);
      } else if (entry.name && entry.name !== current.name) {
        current.name = entry.name;
      }
    }
    for (const [code, entry] of wanted) {
      if (entry.parentCode === undefined) continue;
      const dept = byCode.get(code)!;
      if (entry.parentCode === null) {
        dept.parent_id = null;
        continue;
      }
      const parent = byCode.get(entry.parentCode);
      if (!parent) {
        warnings.push({ line: entry.line, employeeNumber: entry.employeeNumber, reason: `Parent department ${entry.parentCode} of ${code} is unknown: ${code} keeps its place in the tree.` });
        continue;
      }
      // Refuse a move that would make the department its own ancestor.
      const byId = new Map([...byCode.values()].map((d) => [d.id, d]));
      let cursor: typeof parent | undefined = parent;
      let loops = false;
      for (let steps = 0; cursor && steps <= byCode.size; steps++) {
        if (cursor.id === dept.id) {
          loops = true;
          break;
        }
        cursor = cursor.parent_id ? byId.get(cursor.parent_id) : undefined;
      }
      if (loops) {
        warnings.push({ line: entry.line, employeeNumber: entry.employeeNumber, reason: `Department ${code} cannot sit under ${entry.parentCode}: that would make a loop in the tree.` });
        continue;
      }
      dept.parent_id = parent.id;
    }
    const changed = [...byCode.values()].filter((d) => {
      const before = original.get(d.code);
      return !before || before.name !== d.name || before.parent_id !== d.parent_id;
    });
    return {
      created,
      changed,
      isNew: (code: string) => !original.has(code),
      idOf: (code: string) => byCode.get(code)?.id ?? null,
    };
  }

  /**
   * Custom profile fields filled by HR: each column the file has sets the field (an empty cell
   * clears it; multi-choice options separated by `|`), checked as the mutations check values. A value
   * that does not fit is a warning on its row and leaves the field as it was; the rest of the row goes in.
   */
  private async planCustomValues(tx: EntityManager, targets: Target[], fields: HrCustomField[], warnings: HrImportProblem[]): Promise<void> {
    if (!fields.length || !targets.some((t) => Object.keys(t.row.custom).length)) return;
    const stored: { person_id: string; field_id: string; value: string | string[] }[] = await tx.query(
      `SELECT person_id, field_id, value FROM profile_field_values WHERE field_id = ANY($1::uuid[])`,
      [fields.map((f) => f.id)],
    );
    const current = new Map(stored.map((r) => [`${r.person_id}:${r.field_id}`, JSON.stringify(r.value)]));
    const byKey = new Map(fields.map((f) => [f.key, f]));
    for (const t of targets) {
      for (const [key, text] of Object.entries(t.row.custom)) {
        const field = byKey.get(key)!;
        let value: string | string[] | null;
        try {
          value = field.type === ProfileFieldType.MULTI_CHOICE
            ? validFieldValue(field, null, text ? text.split(MULTI_SEPARATOR).map((v) => v.trim()).filter(Boolean) : [])
            : validFieldValue(field, text, null);
        } catch (err) {
          warnings.push({ line: t.row.line, employeeNumber: t.employeeNumber, reason: `${key}: ${err instanceof DomainError ? err.message : 'not a valid value'} The field was left as it was.` });
          continue;
        }
        const before = t.existing ? (current.get(`${t.existing.id}:${field.id}`) ?? null) : null;
        if ((value === null ? null : JSON.stringify(value)) === before) continue;
        t.customWrites.push({ fieldId: field.id, value });
        t.changes.push(key);
      }
    }
  }

  private async writeCustomValues(tx: EntityManager, targets: Target[]): Promise<void> {
    const writes = targets.flatMap((t) => t.customWrites.map((w) => ({ personId: t.id, ...w })));
    const set = writes.filter((w) => w.value !== null);
    const cleared = writes.filter((w) => w.value === null);
    if (set.length) {
      await this.raw(
        tx,
        `INSERT INTO profile_field_values (person_id, field_id, value)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::jsonb[])
         ON CONFLICT (person_id, field_id) DO UPDATE SET value = EXCLUDED.value`,
        [set.map((w) => w.personId), set.map((w) => w.fieldId), set.map((w) => JSON.stringify(w.value))],
      );
    }
    if (cleared.length) {
      await this.raw(tx, `DELETE FROM profile_field_values v USING unnest($1::uuid[], $2::uuid[]) AS c(person_id, field_id) WHERE v.person_id = c.person_id AND v.field_id = c.field_id`, [
        cleared.map((w) => w.personId),
        cleared.map((w) => w.fieldId),
      ]);
    }
  }

  private async writeDepartments(tx: EntityManager, plan: { changed: ExistingDepartment[]; isNew(code: string): boolean }): Promise<void> {
    const fresh = plan.changed.filter((d) => plan.isNew(d.code));
    if (fresh.length) {
      await tx.query(`INSERT INTO departments (id, code, name) SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[])`, [
        fresh.map((d) => d.id),
        fresh.map((d) => d.code),
        fresh.map((d) => d.name),
      ]);
    }
    if (plan.changed.length) {
      await tx.query(
        `UPDATE departments d SET name = v.name, parent_id = v.parent_id, updated_at = now()
           FROM unnest($1::uuid[], $2::varchar[], $3::uuid[]) AS v(id, name, parent_id) WHERE d.id = v.id`,
        [plan.changed.map((d) => d.id), plan.changed.map((d) => d.name), plan.changed.map((d) => d.parent_id)],
      );
    }
  }

  private columnsOf(rows: Target[]): unknown[] {
    return [
      rows.map((t) => t.id),
      rows.map((t) => t.employeeNumber),
      rows.map((t) => t.givenName),
      rows.map((t) => t.familyNamePrefix),
      rows.map((t) => t.familyName),
      rows.map((t) => t.preferredName),
      rows.map((t) => t.displayName),
      rows.map((t) => t.email),
      rows.map((t) => t.jobTitle),
      rows.map((t) => t.employmentType),
      rows.map((t) => t.departmentId),
      rows.map((t) => t.managerId),
      rows.map((t) => t.location),
      rows.map((t) => t.phone),
      rows.map((t) => t.startDate),
      rows.map((t) => t.endDate),
      rows.map((t) => t.active),
      rows.map((t) => t.deactivatedAt),
    ];
  }

  private static readonly UNNEST = `unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[],
      $8::varchar[], $9::varchar[], $10::text[], $11::uuid[], $12::uuid[], $13::varchar[], $14::varchar[], $15::date[], $16::date[],
      $17::boolean[], $18::timestamptz[])`;

  /**
   * Bulk statements go straight to the transaction's pg client: TypeORM would log a failed one with
   * all its parameters (thousands of rows of personal data) on error.
   */
  private async raw(tx: EntityManager, sql: string, params: unknown[]): Promise<void> {
    const client = (await tx.queryRunner!.connect()) as { query(sql: string, params: unknown[]): Promise<unknown> };
    await client.query(sql, params);
  }

  private async insertPeople(tx: EntityManager, rows: Target[]): Promise<void> {
    await this.raw(tx, 
      `INSERT INTO people (id, employee_number, given_name, family_name_prefix, family_name, preferred_name, display_name, email,
                           job_title, employment_type, department_id, manager_id, location, phone, start_date, end_date, active, deactivated_at)
       SELECT id, employee_number, given_name, family_name_prefix, family_name, preferred_name, display_name, email,
              job_title, employment_type::employment_type, department_id, manager_id, location, phone, start_date, end_date, active, deactivated_at
         FROM ${ImportHrFile.UNNEST}
           AS v(id, employee_number, given_name, family_name_prefix, family_name, preferred_name, display_name, email,
                job_title, employment_type, department_id, manager_id, location, phone, start_date, end_date, active, deactivated_at)`,
      this.columnsOf(rows),
    );
  }

  private async updatePeople(tx: EntityManager, rows: Target[]): Promise<void> {
    await this.raw(tx, 
      `UPDATE people p SET employee_number = v.employee_number, given_name = v.given_name, family_name_prefix = v.family_name_prefix,
              family_name = v.family_name, preferred_name = v.preferred_name, display_name = v.display_name, email = v.email,
              job_title = v.job_title, employment_type = v.employment_type::employment_type, department_id = v.department_id,
              manager_id = v.manager_id, location = v.location, phone = v.phone, start_date = v.start_date, end_date = v.end_date,
              active = v.active, deactivated_at = v.deactivated_at, updated_at = now()
         FROM ${ImportHrFile.UNNEST}
           AS v(id, employee_number, given_name, family_name_prefix, family_name, preferred_name, display_name, email,
                job_title, employment_type, department_id, manager_id, location, phone, start_date, end_date, active, deactivated_at)
        WHERE p.id = v.id`,
      this.columnsOf(rows),
    );
  }

  private async importPhotos(
    source: HrPhotoSource,
    targets: Target[],
    dryRun: boolean,
    problems: HrImportProblem[],
  ): Promise<{ stored: number; unchanged: number }> {
    let stored = 0;
    let unchanged = 0;
    const byName = new Map<string, Target[]>();
    for (const t of targets) if (t.row.photo) byName.set(t.row.photo, [...(byName.get(t.row.photo) ?? []), t]);
    const problem = (t: Target, code: HrImportProblemCode, reason: string): void => {
      problems.push({ line: t.row.line, employeeNumber: t.employeeNumber, reason, code });
    };
    const one = async (t: Target, name: string, bytes: Buffer) => {
      // A photo the person chose themselves wins over HR's.
      if (t.existing?.photo_source === 'upload') return void unchanged++;
      const checksum = createHash('sha256').update(bytes).digest('hex');
      if (t.existing?.photo_checksum === checksum) return void unchanged++;
      if (dryRun) return void stored++;
      if (!this.photosService) return problem(t, 'PHOTO_REJECTED', 'Photos cannot be stored by this process.');
      try {
        await this.photosService.storePhoto(t.id, bytes, 'hr');
        stored++;
      } catch (err) {
        problem(t, 'PHOTO_REJECTED', `Photo ${name}: ${err instanceof DomainError ? err.message : 'it could not be stored.'}`);
      }
    };
    // The source streams one photo at a time (a ZIP is inflated as it is read, within caps); sharp is
    // CPU-bound, so two are stored at once: both cores busy, at most a few photos in memory.
    const running = new Set<Promise<void>>();
    const seen = new Set<string>();
    for await (const photo of source.read(new Set(byName.keys()))) {
      seen.add(photo.name);
      for (const t of byName.get(photo.name) ?? []) {
        if ('refused' in photo) {
          problem(t, photo.refused, `Photo ${photo.name}: ${PHOTO_REFUSALS[photo.refused]}`);
          continue;
        }
        const job: Promise<void> = one(t, photo.name, photo.bytes).finally(() => running.delete(job));
        running.add(job);
        if (running.size >= 2) await Promise.race(running);
      }
    }
    await Promise.all(running);
    for (const [name, rows] of byName) {
      if (!seen.has(name)) for (const t of rows) problem(t, 'PHOTO_NOT_FOUND', `Photo ${name} is not in ${source.description}.`);
    }
    problems.sort((a, b) => a.line - b.line);
    return { stored, unchanged };
  }
}
