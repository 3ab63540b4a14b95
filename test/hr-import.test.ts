import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import sharp from 'sharp';
import { zipSync } from 'fflate';
import { DataSource } from 'typeorm';
import {
  folderPhotoSource,
  HrImportsService,
  ImportHrFile,
  parseHrMapping,
  PhotosService,
  type HrImportReport,
  type HrPhotoSource,
  openPhotoSource,
  zipPhotoSource,
} from '@plein/directory';
import { NestFactory } from '@nestjs/core';
import { loadConfig, QueueService, type ResolvedConfig } from '@plein/core';
import { HR_IMPORT_JOB } from '@plein/directory';
import { main as cli } from '../apps/api/src/cli/import-hr.js';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { dataSourceOptions } from '../orm.js';
import { bootApp, type TestApp } from './support/app.js';
import { createMigratedDatabase } from './support/database.js';
import { bombEntry, buildZip, deflatedEntry, rssMiB } from './support/zip-bomb.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'hr');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const TODAY = '2026-06-15';
const HEADER =
  'employee_number,given_name,family_name_prefix,family_name,preferred_name,email,department_code,department_name,parent_department_code,manager_employee_number,job_title,employment_type,location,phone,start_date,end_date,photo';

/** A migrated database to copy: CREATE DATABASE … TEMPLATE is far quicker than migrating each time. */
let templateName: string;
const adminUrl = () => process.env.PLEIN_TEST_PG_URL!;

async function freshDatabaseUrl(): Promise<string> {
  const name = `plein_hr_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${templateName}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

interface Directory {
  url: string;
  ds: DataSource;
  run(file: Buffer | string, options?: { dryRun?: boolean; deactivateMissing?: boolean; mapping?: string; photos?: HrPhotoSource; today?: string }): Promise<HrImportReport & { importId: string }>;
  person(employeeNumber: string): Promise<Record<string, any>>;
  snapshot(): Promise<unknown>;
}

const open: DataSource[] = [];

/** A fresh migrated database and the use case wired as the CLI wires it. */
async function directory(): Promise<Directory> {
  const url = await freshDatabaseUrl();
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  open.push(ds);
  const records = new HrImportsService(ds);
  const importer = new ImportHrFile(ds, records, new PhotosService(ds));
  return {
    url,
    ds,
    async run(file, options = {}) {
      // As the CLI and the worker do: a mapping may name the custom profile fields HR fills.
      const mapping = options.mapping ? parseHrMapping(options.mapping, await records.hrFieldKeys()) : null;
      const record = await records.create({
        startedBy: null,
        source: 'cli',
        options: { fileName: 'test.csv', dryRun: !!options.dryRun, deactivateMissing: !!options.deactivateMissing, mapping, photos: null },
      });
      const report = await importer.execute({
        importId: record.id,
        file: typeof file === 'string' ? Buffer.from(file) : file,
        mapping,
        photos: options.photos ?? null,
        dryRun: !!options.dryRun,
        deactivateMissing: !!options.deactivateMissing,
        today: options.today ?? TODAY,
      });
      return { ...report, importId: record.id };
    },
    async person(employeeNumber) {
      const [row] = await ds.query(
        `SELECT p.*, p.start_date::text AS start_date, p.end_date::text AS end_date, d.code AS department_code, m.employee_number AS manager_number
           FROM people p LEFT JOIN departments d ON d.id = p.department_id LEFT JOIN people m ON m.id = p.manager_id
          WHERE p.employee_number = $1`,
        [employeeNumber],
      );
      return row;
    },
    async snapshot() {
      return {
        people: await ds.query(`SELECT * FROM people ORDER BY employee_number`),
        departments: await ds.query(`SELECT * FROM departments ORDER BY code`),
      };
    },
  };
}

const lines = (r: { line: number | null; reason: string }[]) => r.map((p) => [p.line, p.reason]);

beforeAll(async () => {
  const { url, ds } = await createMigratedDatabase('hrtpl');
  await ds.destroy();
  templateName = new URL(url).pathname.slice(1);
});
afterAll(async () => {
  for (const ds of open) await ds.destroy().catch(() => undefined);
});

describe('HR import: the default CSV', () => {
  it('creates people, departments as a tree and managers that point to later rows; names and emails as HR expects', async () => {
    const dir = await directory();
    const report = await dir.run(fixture('staff.csv'));
    expect(report.counts).toMatchObject({ rows: 8, created: 8, updated: 0, unchanged: 0, rejected: 0, warnings: 0, departmentsCreated: 5 });
    // Listed in file order (they are inserted manager-first).
    expect(report.created.map((c) => [c.line, c.employeeNumber, c.displayName])).toEqual([
      [2, 'H001', 'Marjolein van Houten'],
      [3, 'H002', 'Hans de Wit'],
      [4, 'H003', 'Sanne van der Berg'],
      [5, 'H004', "Anoek 't Hart"],
      [6, 'H005', 'Chloë Ëlzinga'],
      [7, 'H006', "Björn van 't Zand"],
      [8, 'H007', 'Loïs El Amrani'],
      [9, 'H008', 'Daan Jansen'],
    ]);

    const ceo = await dir.person('H001');
    expect(ceo).toMatchObject({ email: 'marjolein.vanhouten@plein-telecom.nl', display_name: 'Marjolein van Houten', family_name_prefix: 'van', active: true, start_date: '2015-03-01', phone: '+31 70 000 0001', manager_id: null });
    // H003's manager (H004) and H005's manager (H006) come later in the file.
    expect(await dir.person('H003')).toMatchObject({ manager_number: 'H004', department_code: 'NET', display_name: 'Sanne van der Berg', family_name_prefix: 'van der' });
    expect(await dir.person('H005')).toMatchObject({ manager_number: 'H006', department_code: 'CARE', employment_type: 'contractor' });
    expect(await dir.person('H007')).toMatchObject({ employment_type: 'freelancer' });
    expect(await dir.person('H008')).toMatchObject({ job_title: 'Architect, netwerk & cloud' });
    expect(await dir.person('H002')).toMatchObject({ preferred_name: 'Hans', given_name: 'Johannes', display_name: 'Hans de Wit' });

    const tree = await dir.ds.query(`SELECT d.code, d.name, p.code AS parent FROM departments d LEFT JOIN departments p ON p.id = d.parent_id ORDER BY d.code`);
    expect(tree).toEqual([
      { code: 'BRD', name: 'Raad van Bestuur', parent: null },
      { code: 'CARE', name: 'Klantenservice', parent: 'CONS' }, // its parent is defined on a later row
      { code: 'CONS', name: 'Consumentenmarkt', parent: 'BRD' },
      { code: 'NET', name: 'Netwerkbeheer', parent: 'TEC' },
      { code: 'TEC', name: 'Technologie', parent: 'BRD' },
    ]);
    const [record] = await dir.ds.query(`SELECT status, total, done, source, report->'counts'->>'created' AS created, finished_at FROM hr_imports WHERE id = $1`, [report.importId]);
    expect(record).toMatchObject({ status: 'succeeded', total: 8, done: 8, source: 'cli', created: '8' });
    expect(record.finished_at).toBeInstanceOf(Date);
  });

  it("reads a Dutch Excel export: ';' separated, BOM, CRLF, DD-MM-YYYY dates", async () => {
    const dir = await directory();
    const report = await dir.run(fixture('excel-export.csv'));
    expect(report.counts).toMatchObject({ rows: 3, created: 3, rejected: 0 });
    expect(report.created.map((c) => c.line)).toEqual([2, 3, 4]);
    expect(await dir.person('X001')).toMatchObject({ given_name: 'Femke', start_date: '2015-03-01', display_name: 'Femke de Boer' });
    expect(await dir.person('X002')).toMatchObject({ job_title: 'Controller; zakelijke markt', manager_number: 'X001', start_date: '2021-09-15' });
    expect(await dir.person('X003')).toMatchObject({ display_name: 'Es Dekker', start_date: '2024-02-01', end_date: '2099-12-31', active: true, phone: '06-12345678' });
    const [fin] = await dir.ds.query(`SELECT name FROM departments WHERE code = 'FIN'`);
    expect(fin.name).toBe('Financiën');
  });

  it('reports every bad row with its physical line and reason, and imports the good rows', async () => {
    const dir = await directory();
    const report = await dir.run(fixture('broken.csv'));
    expect(lines(report.rejected)).toEqual([
      [3, 'employee_number is empty.'],
      [4, '"kees.at.plein-telecom.nl" is not a valid email address.'],
      [5, 'Unknown employment_type "stagiair": use employee, contractor or freelancer.'],
      [8, 'Email b001@plein-telecom.nl already appears on line 2.'],
      [9, 'Employee number B001 already appears on line 2.'],
      [10, 'start_date "31-02-2024" is not a valid date: use YYYY-MM-DD or DD-MM-YYYY.'],
      [11, 'Manager cycle: B010 → B011 → B010.'],
      [12, 'Manager cycle: B011 → B010 → B011.'],
      [15, 'The row has 3 fields; the header has 17.'],
      [16, 'Manager cycle: B012 → B012.'],
    ]);
    expect(report.counts).toMatchObject({ rows: 13, created: 3, rejected: 10 });
    // Line 6 holds a quoted job title that runs over two lines; B009 follows a blank line.
    expect(report.created.map((c) => [c.line, c.employeeNumber])).toEqual([[2, 'B001'], [6, 'B005'], [14, 'B009']]);
    const people = await dir.ds.query(`SELECT employee_number FROM people ORDER BY 1`);
    expect(people.map((p: { employee_number: string }) => p.employee_number)).toEqual(['B001', 'B005', 'B009']);
    expect(await dir.person('B005')).toMatchObject({ job_title: 'Senior\nengineer', manager_number: 'B001' });
    expect(await dir.person('B001')).toMatchObject({ email: 'b001@plein-telecom.nl', manager_number: 'B009' });
  });

  it('refuses a file without the required columns, naming them', async () => {
    const dir = await directory();
    await expect(dir.run('id,name\n1,Jan\n')).rejects.toThrow(
      'The file lacks required columns employee_number, given_name, family_name, email, employment_type. Its columns: id, name. For another export format, give a mapping file.',
    );
    const [record] = await dir.ds.query(`SELECT status, error FROM hr_imports`);
    expect(record.status).toBe('failed');
    expect(record.error).toContain('lacks required columns');
  });

  it('is idempotent: a re-run changes nothing, a changed row is an update with the changed fields', async () => {
    const dir = await directory();
    await dir.run(fixture('staff.csv'));
    const before = await dir.snapshot();
    const again = await dir.run(fixture('staff.csv'));
    expect(again.counts).toMatchObject({ rows: 8, created: 0, updated: 0, unchanged: 8, deactivated: 0, rejected: 0, departmentsCreated: 0, departmentsUpdated: 0 });
    expect(await dir.snapshot()).toEqual(before); // not even updated_at moved: nothing was written

    const changed = fixture('staff.csv')
      .toString()
      .replace('Netwerkengineer', 'Senior netwerkengineer')
      .replace('H008,Daan,,Jansen,,daan.jansen@plein-telecom.nl,TEC,Technologie,BRD,H002', 'H008,Daan,,Jansen,,DAAN.JANSEN@plein-telecom.nl,NET,Netwerkbeheer,TEC,H004')
      .replace('Consumentenmarkt', 'Consumentenmarkt & Zakelijk');
    const third = await dir.run(changed);
    expect(third.counts).toMatchObject({ created: 0, updated: 2, unchanged: 6, departmentsUpdated: 1 });
    expect(third.updated.map((u) => [u.line, u.employeeNumber, u.changes])).toEqual([
      [4, 'H003', ['job_title']],
      [9, 'H008', ['department', 'manager']],
    ]);
    expect(await dir.ds.query(`SELECT count(*)::int AS n FROM people`)).toEqual([{ n: 8 }]);
    expect(await dir.person('H008')).toMatchObject({ email: 'daan.jansen@plein-telecom.nl', manager_number: 'H004', department_code: 'NET' });
  });

  it('deactivates a leaver (passed end date): still present, content kept, reactivated when HR says so', async () => {
    const dir = await directory();
    await dir.run(fixture('staff.csv'));
    const leaver = await dir.person('H007');
    await dir.ds.query(`INSERT INTO person_profiles (person_id, headline) VALUES ($1, 'Ontwerper van Plein')`, [leaver.id]);
    const file = fixture('staff.csv').toString().replace('freelancer,Amsterdam,,2024-06-01,,', 'freelancer,Amsterdam,,2024-06-01,14-06-2026,');
    const report = await dir.run(file);
    expect(report.deactivated).toEqual([{ line: 8, employeeNumber: 'H007', displayName: 'Loïs El Amrani', reason: 'end_date' }]);
    expect(report.counts).toMatchObject({ updated: 1, deactivated: 1 });
    const after = await dir.person('H007');
    expect(after).toMatchObject({ id: leaver.id, active: false, end_date: '2026-06-14' });
    expect(after.deactivated_at).toBeInstanceOf(Date);
    expect(await dir.ds.query(`SELECT headline FROM person_profiles WHERE person_id = $1`, [leaver.id])).toEqual([{ headline: 'Ontwerper van Plein' }]);

    // The same file again: still a leaver, nothing to do; the deactivation time stays.
    const again = await dir.run(file);
    expect(again.counts).toMatchObject({ updated: 0, deactivated: 0 });
    expect((await dir.person('H007')).deactivated_at).toEqual(after.deactivated_at);
    // An end date today is not passed yet; the contract extended → active again.
    const back = await dir.run(file.replace('14-06-2026', '15-06-2026'));
    expect(back.updated.map((u) => u.changes)).toEqual([['end_date', 'active']]);
    expect(await dir.person('H007')).toMatchObject({ active: true, deactivated_at: null });
  });

  it('reports a new row with a passed end date as a leaver (stored inactive), not as created', async () => {
    const dir = await directory();
    const file = fixture('staff.csv').toString().replace('freelancer,Amsterdam,,2024-06-01,,', 'freelancer,Amsterdam,,2024-06-01,14-06-2026,');
    const report = await dir.run(file);
    expect(report.created.map((c) => c.employeeNumber)).toEqual(['H001', 'H002', 'H003', 'H004', 'H005', 'H006', 'H008']);
    expect(report.deactivated).toEqual([{ line: 8, employeeNumber: 'H007', displayName: 'Loïs El Amrani', reason: 'end_date' }]);
    expect(report.counts).toMatchObject({ rows: 8, created: 7, updated: 0, unchanged: 0, deactivated: 1 });
    expect(await dir.person('H007')).toMatchObject({ active: false, end_date: '2026-06-14' });
    // The same file again: nothing to do, nobody leaves twice.
    expect((await dir.run(file)).counts).toMatchObject({ created: 0, updated: 0, unchanged: 8, deactivated: 0 });
  });

  it('fills the custom profile fields HR owns, from a column named after the key or through a mapping', async () => {
    const dir = await directory();
    await dir.ds.query(`INSERT INTO profile_fields (key, label_nl, label_en, type, options, filled_by) VALUES
      ('bhv', 'BHV''er', 'First aider', 'choice', '{ja,nee}', 'hr'),
      ('kostenplaats', 'Kostenplaats', 'Cost centre', 'text', '{}', 'hr'),
      ('talen', 'Talen', 'Languages', 'multi_choice', '{nl,en,de}', 'hr'),
      ('hobby', 'Hobby', 'Hobby', 'text', '{}', 'person')`);
    const extra: Record<string, string> = { H001: 'ja,KP-100,nl|en', H002: 'nee,,de', H003: 'misschien,KP-300,', H004: ',KP-400,nl' };
    const withColumns = (csv: string, header: string) =>
      csv.trim().split('\n').map((l, i) => (i === 0 ? `${l},${header}` : `${l},${extra[l.slice(0, 4)] ?? ',,'}`)).join('\n');
    const file = withColumns(fixture('staff.csv').toString(), 'bhv,kostenplaats,talen');
    const report = await dir.run(file);
    expect(report.counts).toMatchObject({ created: 8, rejected: 0 });
    // A value that does not fit its field is a warning on its row; the person and the other fields go in.
    expect(report.warnings.map((w) => [w.line, w.employeeNumber, w.reason.startsWith('bhv:')])).toEqual([[4, 'H003', true]]);
    const values = async () =>
      (await dir.ds.query(`SELECT p.employee_number AS n, f.key, v.value FROM profile_field_values v JOIN people p ON p.id = v.person_id
          JOIN profile_fields f ON f.id = v.field_id ORDER BY 1, 2`)) as { n: string; key: string; value: unknown }[];
    expect(await values()).toEqual([
      { n: 'H001', key: 'bhv', value: 'ja' }, { n: 'H001', key: 'kostenplaats', value: 'KP-100' }, { n: 'H001', key: 'talen', value: ['nl', 'en'] },
      { n: 'H002', key: 'bhv', value: 'nee' }, { n: 'H002', key: 'talen', value: ['de'] },
      { n: 'H003', key: 'kostenplaats', value: 'KP-300' },
      { n: 'H004', key: 'kostenplaats', value: 'KP-400' }, { n: 'H004', key: 'talen', value: ['nl'] },
    ]);
    // Idempotent; a change (an emptied cell clears) is an update naming the field.
    expect((await dir.run(file)).counts).toMatchObject({ updated: 0, unchanged: 8 });
    const changed = await dir.run(file.replace('H001,', 'H001,').replace(',ja,KP-100,nl|en', ',ja,,nl|en'));
    expect(changed.updated.map((u) => [u.employeeNumber, u.changes])).toEqual([['H001', ['kostenplaats']]]);
    expect((await values()).filter((v) => v.n === 'H001').map((v) => v.key)).toEqual(['bhv', 'talen']);

    // Another export names the column otherwise: a mapping may name an HR-filled field by its key.
    const mapped = await dir.run(withColumns(fixture('staff.csv').toString(), 'BHV-er,KP,Talen'), { mapping: '{"bhv": "BHV-er", "kostenplaats": "KP", "talen": "Talen"}' });
    expect(mapped.counts).toMatchObject({ updated: 1 });
    expect(mapped.updated.map((u) => [u.employeeNumber, u.changes])).toEqual([['H001', ['kostenplaats']]]);
    // A field HR does not fill, or no field at all, is refused.
    await expect(dir.run(file, { mapping: '{"hobby": "Hobby"}' })).rejects.toThrow('The mapping file names an unknown Plein field "hobby".');
    expect(() => parseHrMapping('{"bhv": "BHV"}')).toThrow('The mapping file names an unknown Plein field "bhv".');
    expect(parseHrMapping('{"bhv": "BHV"}', ['bhv'])).toEqual({ columns: { bhv: 'BHV' }, values: {} });
  });

  it('deactivates people missing from a full import only with --deactivate-missing', async () => {
    const dir = await directory();
    await dir.run(fixture('staff.csv'));
    const partial = fixture('staff.csv').toString().split('\n').filter((l) => !l.startsWith('H005') && !l.startsWith('H007')).join('\n');
    const plain = await dir.run(partial);
    expect(plain.counts).toMatchObject({ deactivated: 0, unchanged: 6 });
    expect((await dir.person('H005')).active).toBe(true);

    const preview = await dir.run(partial, { deactivateMissing: true, dryRun: true });
    expect(preview.deactivated.map((d) => [d.employeeNumber, d.reason])).toEqual([['H005', 'missing'], ['H007', 'missing']]);
    expect((await dir.person('H005')).active).toBe(true);

    const full = await dir.run(partial, { deactivateMissing: true });
    expect(full.deactivated).toEqual([
      { line: null, employeeNumber: 'H005', displayName: 'Chloë Ëlzinga', reason: 'missing' },
      { line: null, employeeNumber: 'H007', displayName: 'Loïs El Amrani', reason: 'missing' },
    ]);
    expect(await dir.person('H005')).toMatchObject({ active: false });
    expect(await dir.ds.query(`SELECT count(*)::int AS n FROM people`)).toEqual([{ n: 8 }]);
  });

  it('rejects a manager cycle that only closes through the directory, and an email that belongs to someone else', async () => {
    const dir = await directory();
    await dir.run(fixture('staff.csv'));
    // H001 (CEO) would report to H003, who reports (via H004, H002) to H001.
    const file = [
      HEADER,
      'H001,Marjolein,van,Houten,,marjolein.vanhouten@plein-telecom.nl,BRD,Raad van Bestuur,,H003,CEO,employee,Den Haag,+31 70 000 0001,2015-03-01,,',
      'N001,Nieuw,,Mens,,sanne.vanderberg@plein-telecom.nl,,,,,,employee,,,,,',
      'N002,Tweede,,Mens,,tweede@plein-telecom.nl,,,,N999,,employee,,,,,',
    ].join('\n');
    const report = await dir.run(file);
    expect(lines(report.rejected)).toEqual([
      [2, 'Manager cycle: H001 → H003 → H004 → H002 → H001.'],
      [3, 'Email sanne.vanderberg@plein-telecom.nl already belongs to another person (employee number H003).'],
    ]);
    expect(lines(report.warnings)).toEqual([[4, 'Manager N999 is neither in the file nor in the directory: imported without a manager.']]);
    expect((await dir.person('H001')).manager_id).toBeNull();
    expect(await dir.person('N002')).toMatchObject({ manager_id: null, department_id: null });
  });

  it('adopts a person HR had not numbered yet (first LDAP login) by email; warns about an unknown parent department', async () => {
    const dir = await directory();
    const [ldapOnly] = await dir.ds.query(
      `INSERT INTO people (uid, given_name, family_name, display_name, email, employment_type) VALUES ('noah.vandam', 'Noah', 'Dam', 'Noah Dam', 'noah.vandam@plein-telecom.nl', 'contractor') RETURNING id`,
    );
    const report = await dir.run([HEADER, 'E500,Noah,van,Dam,,Noah.vanDam@plein-telecom.nl,SALES,Verkoop,NOPE,,Accountmanager,employee,,,,,'].join('\n'));
    expect(report.counts).toMatchObject({ created: 0, updated: 1, departmentsCreated: 1 });
    expect(report.updated[0].changes).toEqual(['employee_number', 'family_name_prefix', 'display_name', 'job_title', 'employment_type', 'department']);
    expect(await dir.person('E500')).toMatchObject({ id: ldapOnly.id, uid: 'noah.vandam', display_name: 'Noah van Dam', department_code: 'SALES' });
    expect(lines(report.warnings)).toEqual([[2, 'Parent department NOPE of SALES is unknown: SALES keeps its place in the tree.']]);
  });

  it('imports another export through a mapping file (columns and values)', async () => {
    const dir = await directory();
    const report = await dir.run(fixture('afas-export.csv'), { mapping: fixture('afas-mapping.json').toString() });
    expect(report.counts).toMatchObject({ rows: 3, created: 3, rejected: 0 });
    expect(await dir.person('A100')).toMatchObject({ display_name: 'Henk de Ruijter', employment_type: 'employee', start_date: '2012-01-01', department_code: 'HR', phone: null });
    expect(await dir.person('A101')).toMatchObject({ employment_type: 'contractor', manager_number: 'A100' });
    expect(await dir.person('A102')).toMatchObject({ employment_type: 'freelancer', display_name: "Joris van 't Zand" });
    // A column the mapping names but the file lacks, and an unknown field, are clear errors.
    await expect(dir.run(fixture('afas-export.csv'), { mapping: '{"employee_number": "Personeelsnr"}' })).rejects.toThrow(
      'The mapping names column "Personeelsnr" for employee_number, but the file has no such column.',
    );
    expect(() => parseHrMapping('{"salary": "Salaris"}')).toThrow('The mapping file names an unknown Plein field "salary".');
    expect(parseHrMapping('{"employee_number": "Personeelsnummer"}')).toEqual({ columns: { employee_number: 'Personeelsnummer' }, values: {} });
  });

  it('dry run reports what would happen and changes nothing', async () => {
    const dir = await directory();
    const before = await dir.snapshot();
    const report = await dir.run(fixture('staff.csv'), { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, counts: { created: 8, departmentsCreated: 5 } });
    expect(await dir.snapshot()).toEqual(before);
    await dir.run(fixture('staff.csv'));
    const preview = await dir.run(fixture('staff.csv').toString().replace('Netwerkengineer', 'Architect'), { dryRun: true });
    expect(preview.updated.map((u) => [u.employeeNumber, u.changes])).toEqual([['H003', ['job_title']]]);
    expect((await dir.person('H003')).job_title).toBe('Netwerkengineer');
  });

  it('is all or nothing: a failure in the database mid-write leaves the directory as it was', async () => {
    const dir = await directory();
    await dir.run(fixture('staff.csv'));
    const before = await dir.snapshot();
    // A row that passes every check but that the database refuses (a constraint HR knows nothing of),
    // in the last write (the updates), after new departments and new people went in.
    await dir.ds.query(`ALTER TABLE people ADD CONSTRAINT test_no_boom CHECK (job_title IS DISTINCT FROM 'Ontploft')`);
    const file =
      fixture('staff.csv').toString().replace('Netwerkengineer', 'Ontploft').replace('Raad van Bestuur', 'Directie') +
      'Z001,Nieuwe,,Collega,,nieuwe.collega@plein-telecom.nl,NEW,Nieuwe afdeling,BRD,H001,,employee,,,,,\n';
    await expect(dir.run(file, { deactivateMissing: true })).rejects.toThrow(/test_no_boom/);
    expect(await dir.snapshot()).toEqual(before);
    const [failed] = await dir.ds.query(`SELECT status, error, report FROM hr_imports ORDER BY created_at DESC LIMIT 1`);
    expect(failed).toMatchObject({ status: 'failed', report: null });
    expect(failed.error).toContain('The import failed');
  });

  it('stores photos from a folder; a bad or missing photo is reported on its row and the person still goes in', async () => {
    const dir = await directory();
    const folder = mkdtempSync(path.join(os.tmpdir(), 'plein-hr-photos-'));
    writeFileSync(path.join(folder, 'marjolein.png'), await sharp({ create: { width: 120, height: 160, channels: 3, background: '#c05' } }).png().toBuffer());
    writeFileSync(path.join(folder, 'hans.jpg'), 'this is not a picture');
    const file = fixture('staff.csv')
      .toString()
      .replace('2015-03-01,,', '2015-03-01,,marjolein.png')
      .replace('2016-09-01,,', '2016-09-01,,hans.jpg')
      .replace('2019-01-15,,', '2019-01-15,,../../etc/passwd');
    const report = await dir.run(file, { photos: folderPhotoSource(folder) });
    expect(report.counts).toMatchObject({ created: 8, photosStored: 1, photosRejected: 2 });
    expect(lines(report.photosRejected)).toEqual([
      [3, 'Photo hans.jpg: This file is not an image we can read (JPEG, PNG or WebP).'],
      [4, `Photo ../../etc/passwd is not in ${folder}.`],
    ]);
    const ceo = await dir.person('H001');
    const variants = await dir.ds.query(`SELECT v.size FROM photo_variants v JOIN photos p ON p.id = v.photo_id WHERE p.person_id = $1 AND p.source = 'hr' ORDER BY v.size`, [ceo.id]);
    expect(variants).toEqual([{ size: 'large' }, { size: 'medium' }, { size: 'small' }]);
    expect((await dir.person('H002')).photo_id).toBeNull();
    // The same photo again is not stored again.
    const again = await dir.run(file, { photos: folderPhotoSource(folder) });
    expect(again.counts).toMatchObject({ photosStored: 0, photosUnchanged: 1, photosRejected: 2 });
    expect((await dir.person('H001')).photo_id).toBe(ceo.photo_id);
  });

  it('streams a photos ZIP with caps: zip bombs are refused by name with a code, the good photo goes in, memory stays bounded', async () => {
    const dir = await directory();
    const png = await sharp({ create: { width: 120, height: 160, channels: 3, background: '#0a5' } }).png().toBuffer();
    const file = fixture('staff.csv')
      .toString()
      .replace('2015-03-01,,', '2015-03-01,,marjolein.png')
      .replace('2016-09-01,,', '2016-09-01,,hans.jpg')
      .replace('2019-01-15,,', '2019-01-15,,eva.jpg');
    // 1 GiB of zeros packed into ~1 MB, saying so (inflated whole, it took the api from 380 MB to 1.3 GB).
    const honest = buildZip([deflatedEntry('fotos/marjolein.png', png), bombEntry('fotos/eva.jpg', 1024)]);
    expect(honest.length).toBeLessThan(1.5 * 1024 * 1024);
    const before = rssMiB();
    const report = await dir.run(file, { photos: await zipPhotoSource(honest) });
    expect(rssMiB() - before).toBeLessThan(256);
    expect(report.counts).toMatchObject({ created: 8, photosStored: 1, photosRejected: 2 });
    expect(report.photosRejected.map((p) => [p.line, p.code, p.reason.split(':')[0]])).toEqual([
      [3, 'PHOTO_NOT_FOUND', 'Photo hans.jpg is not in the photos ZIP.'],
      [4, 'PHOTO_TOO_LARGE', 'Photo eva.jpg'],
    ]);
    expect((await dir.person('H001')).photo_id).not.toBeNull();

    // The same bomb with headers claiming 80 KB: inflating stops at the cap.
    const lying = buildZip([bombEntry('hans.jpg', 1024, 80_000), deflatedEntry('eva.jpg', png)]);
    const again = await dir.run(file, { photos: await zipPhotoSource(lying) });
    expect(rssMiB() - before).toBeLessThan(256);
    expect(again.photosRejected.map((p) => [p.line, p.code, p.reason.split(':')[0]])).toEqual([
      [2, 'PHOTO_NOT_FOUND', 'Photo marjolein.png is not in the photos ZIP.'],
      [3, 'PHOTO_TOO_LARGE', 'Photo hans.jpg'],
    ]);
    expect((await dir.person('H002')).photo_id).toBeNull();
    expect((await dir.person('H003')).photo_id).not.toBeNull();

    // The command line's ZIP on disk is streamed from the file the same way (never read whole).
    const onDisk = path.join(mkdtempSync(path.join(os.tmpdir(), 'plein-hr-zip-')), 'fotos.zip');
    writeFileSync(onDisk, buildZip([bombEntry('fotos/eva.jpg', 1024, 80_000), deflatedEntry('fotos/hans.jpg', png)]));
    const fromFile = await dir.run(file, { photos: await openPhotoSource(onDisk) });
    expect(rssMiB() - before).toBeLessThan(256);
    expect(fromFile.photosRejected.map((p) => [p.line, p.code])).toEqual([
      [2, 'PHOTO_NOT_FOUND'],
      [4, 'PHOTO_TOO_LARGE'],
    ]);
    expect(fromFile.counts.photosStored).toBe(1);
    expect((await dir.person('H002')).photo_id).not.toBeNull();
  });

  it('refuses a damaged or cut-off photos ZIP before changing anything', async () => {
    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#05a' } }).png().toBuffer();
    const zip = buildZip([deflatedEntry('a.png', png), deflatedEntry('b.png', png), deflatedEntry('c.png', png)]);
    for (const broken of [zip.subarray(0, Math.floor(zip.length * 0.6)), Buffer.from('PK\u0003\u0004 not really a zip')]) {
      await expect(zipPhotoSource(broken)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { code: 'PHOTOS_ZIP_DAMAGED' } });
    }
  });
});

describe('HR import: the command line (npm run import:hr)', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: (url: string) => ({ stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, env: { DATABASE_URL: url, JWT_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent', NODE_ENV: 'test' } }) };
  };

  it('imports, prints what it did and a progress bar, records the run; dry run and usage errors', async () => {
    const dir = await directory();
    const usage = capture();
    expect(await cli(['--frobnicate'], usage.io(dir.url))).toBe(2);
    expect(usage.err.join('')).toContain('Unknown option --frobnicate.');

    const dry = capture();
    expect(await cli([path.join(FIXTURES, 'broken.csv'), '--dry-run'], dry.io(dir.url))).toBe(0);
    const dryOut = dry.out.join('');
    expect(dryOut).toMatch(/^HR import dry run [0-9a-f-]{36}: 13 rows in \d+ ms \(dry run: nothing was changed; the counts say what would be\)\n/);
    expect(dryOut).toContain('Would create (3):\n  line 2: B001 Wouter van Leeuwen');
    expect(dryOut).toContain('Rejected (10):\n  line 3: employee_number is empty.');
    expect(await dir.ds.query(`SELECT count(*)::int AS n FROM people`)).toEqual([{ n: 0 }]);

    const real = capture();
    expect(await cli([path.join(FIXTURES, 'afas-export.csv'), '--mapping', path.join(FIXTURES, 'afas-mapping.json')], real.io(dir.url))).toBe(0);
    expect(real.out.join('')).toMatch(/HR import [0-9a-f-]{36}: 3 rows in \d+ ms\n  created 3, updated 0, unchanged 0, deactivated 0, rejected 0, warnings 0/);
    expect(real.err.join('')).toContain('100% 3/3 rows');
    expect(await dir.ds.query(`SELECT source, status, started_by, options->>'fileName' AS file FROM hr_imports WHERE NOT (options->>'dryRun')::boolean`)).toEqual([
      { source: 'cli', status: 'succeeded', started_by: null, file: 'afas-export.csv' },
    ]);

    const json = capture();
    expect(await cli([path.join(FIXTURES, 'afas-export.csv'), '--mapping', path.join(FIXTURES, 'afas-mapping.json'), '--json'], json.io(dir.url))).toBe(0);
    expect(JSON.parse(json.out.join(''))).toMatchObject({ counts: { unchanged: 3, created: 0 } });

    const missing = capture();
    expect(await cli(['/nonexistent.csv'], missing.io(dir.url))).toBe(1);
    expect(missing.err.join('')).toBe('The file /nonexistent.csv does not exist.\n');
  });
});

describe('HR import: GraphQL and the worker', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootApp({ WORKER_INLINE: 'true' });
  });
  afterAll(() => app?.close());

  const upload = async (token: string, bytes: Buffer | Uint8Array, filename: string): Promise<string> => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), filename);
    const res = await fetch(`${app.url}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const body = (await res.json()) as { id: string };
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(body)}`);
    return body.id;
  };
  const START = `mutation($input: StartHrImportInput!) { startHrImport(input: $input) { id status source fileName dryRun total done } }`;
  const READ = `query($id: ID!) { hrImport(id: $id) { id status total done error startedById
    report { dryRun counts { rows created updated unchanged deactivated rejected photosStored photosRejected }
      created { line employeeNumber displayName } updated { line employeeNumber changes }
      deactivated { line employeeNumber reason } rejected { line employeeNumber reason } photosRejected { line reason } } } }`;

  it('only admins start imports and read reports', async () => {
    const employee = await app.login('demo.employee');
    const uploadId = await upload(employee.accessToken, fixture('staff.csv'), 'staff.csv');
    const start = await app.gql(START, { input: { uploadId } }, employee.accessToken);
    expect(start.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const list = await app.gql(`{ hrImports { id } }`, {}, employee.accessToken);
    expect(list.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const hr = await app.login('demo.hr'); // HR staff without the admin role: no
    expect((await app.gql(`{ hrImports { id } }`, {}, hr.accessToken)).body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('an admin starts an import; the worker runs it; progress and the report are readable; a leaver can no longer log in', async () => {
    const admin = await app.login('demo.admin');
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      const [leaver] = (await db.query(`SELECT employee_number, email, given_name, family_name_prefix, family_name, employment_type FROM people WHERE uid = 'demo.employee'`)).rows;
      const leaverRow = `${leaver.employee_number},${leaver.given_name},${leaver.family_name_prefix},${leaver.family_name},,${leaver.email},,,,,Netwerkengineer,employee,Rotterdam,,2019-01-01,01-01-2025,`;
      const png = await sharp({ create: { width: 80, height: 80, channels: 3, background: '#09c' } }).png().toBuffer();
      const zip = zipSync({ 'fotos/marjolein.png': new Uint8Array(png), 'fotos/hans.jpg': new Uint8Array(Buffer.from('nope')) });
      const csv = fixture('staff.csv').toString().replace('2015-03-01,,', '2015-03-01,,marjolein.png').replace('2016-09-01,,', '2016-09-01,,hans.jpg') + leaverRow + '\n';
      const uploadId = await upload(admin.accessToken, Buffer.from(csv), 'afas-week-47.csv');
      const photosUploadId = await upload(admin.accessToken, zip, 'fotos.zip');

      const started = await app.gql(START, { input: { uploadId, photosUploadId } }, admin.accessToken);
      expect(started.body.errors).toBeUndefined();
      expect(started.body.data.startHrImport).toMatchObject({ status: 'QUEUED', source: 'graphql', fileName: 'afas-week-47.csv', dryRun: false });
      const id = started.body.data.startHrImport.id;

      let result: any;
      const seen = new Set<string>();
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        result = (await app.gql(READ, { id }, admin.accessToken)).body.data.hrImport;
        seen.add(result.status);
        if (result.status === 'SUCCEEDED' || result.status === 'FAILED') break;
        await new Promise((r) => setTimeout(r, 150));
      }
      expect(result).toMatchObject({ status: 'SUCCEEDED', total: 9, done: 9, error: null, startedById: admin.person.id });
      expect(result.report.counts).toMatchObject({ rows: 9, created: 8, updated: 1, deactivated: 1, rejected: 0, photosStored: 1, photosRejected: 1 });
      expect(result.report.deactivated).toEqual([{ line: 10, employeeNumber: leaver.employee_number, reason: 'end_date' }]);
      expect(result.report.photosRejected).toEqual([{ line: 3, reason: 'Photo hans.jpg: This file is not an image we can read (JPEG, PNG or WebP).' }]);
      expect(result.report.created[0]).toEqual({ line: 2, employeeNumber: 'H001', displayName: 'Marjolein van Houten' });

      // The leaver is still in the directory but cannot log in.
      expect((await db.query(`SELECT active FROM people WHERE uid = 'demo.employee'`)).rows).toEqual([{ active: false }]);
      const login = await fetch(`${app.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo.employee', password: 'plein-demo' }) });
      expect(login.status).toBe(403);

      const list = await app.gql(`{ hrImports(first: 5) { id status source } }`, {}, admin.accessToken);
      expect(list.body.data.hrImports[0]).toEqual({ id, status: 'SUCCEEDED', source: 'graphql' });
      // The uploaded bytes are not kept once the import has run.
      expect((await db.query(`SELECT file IS NULL AS gone, photos_zip IS NULL AS photos_gone FROM hr_imports WHERE id = $1`, [id])).rows).toEqual([{ gone: true, photos_gone: true }]);
    } finally {
      await db.end();
    }
  });

  it('a broken mapping is refused at once; a dry run through GraphQL changes nothing', async () => {
    const admin = await app.login('demo.admin');
    const uploadId = await upload(admin.accessToken, fixture('excel-export.csv'), 'excel.csv');
    const bad = await app.gql(START, { input: { uploadId, mappingJson: '{"salary": 1}' } }, admin.accessToken);
    expect(bad.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const started = await app.gql(START, { input: { uploadId, dryRun: true } }, admin.accessToken);
    const id = started.body.data.startHrImport.id;
    let result: any;
    for (let i = 0; i < 100; i++) {
      result = (await app.gql(READ, { id }, admin.accessToken)).body.data.hrImport;
      if (result.status === 'SUCCEEDED' || result.status === 'FAILED') break;
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(result.report).toMatchObject({ dryRun: true, counts: { created: 3 } });
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    expect((await db.query(`SELECT count(*)::int AS n FROM people WHERE employee_number LIKE 'X%'`)).rows).toEqual([{ n: 0 }]);
    await db.end();
  });

  it('a mapping may name a custom profile field HR fills, not one the person fills; the worker fills it', async () => {
    const admin = await app.login('demo.admin');
    const field = `mutation($key: String!, $by: ProfileFieldFiller!) { createProfileField(input: { key: $key, labelNl: $key, labelEn: $key, type: TEXT, filledBy: $by }) { id } }`;
    expect((await app.gql(field, { key: 'kostenplaats', by: 'HR' }, admin.accessToken)).body.errors).toBeUndefined();
    expect((await app.gql(field, { key: 'lievelingseten', by: 'PERSON' }, admin.accessToken)).body.errors).toBeUndefined();
    const csv = fixture('excel-export.csv').toString().trim().split(/\r?\n/).map((l, i) => `${l};${i === 0 ? 'KP' : `KP-${i}`}`).join('\r\n');
    const uploadId = await upload(admin.accessToken, Buffer.from(csv), 'excel-kp.csv');
    const refused = await app.gql(START, { input: { uploadId, mappingJson: '{"lievelingseten": "KP"}' } }, admin.accessToken);
    expect(refused.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'mapping' } });
    const started = await app.gql(START, { input: { uploadId, mappingJson: '{"kostenplaats": "KP"}' } }, admin.accessToken);
    expect(started.body.errors).toBeUndefined();
    const id = started.body.data.startHrImport.id;
    let result: any;
    for (let i = 0; i < 100; i++) {
      result = (await app.gql(READ, { id }, admin.accessToken)).body.data.hrImport;
      if (result.status === 'SUCCEEDED' || result.status === 'FAILED') break;
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(result.status).toBe('SUCCEEDED');
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      const rows = await db.query(`SELECT p.employee_number AS n, v.value FROM profile_field_values v JOIN people p ON p.id = v.person_id
          JOIN profile_fields f ON f.id = v.field_id WHERE f.key = 'kostenplaats' ORDER BY 1`);
      expect(rows.rows).toEqual([{ n: 'X001', value: 'KP-1' }, { n: 'X002', value: 'KP-2' }, { n: 'X003', value: 'KP-3' }]);
    } finally {
      await db.end();
    }
  });
});

describe('HR import: apps/worker', () => {
  it('boots the worker module and runs an import queued by another process', async () => {
    const dir = await directory();
    const config = loadConfig({ DATABASE_URL: dir.url, JWT_SECRET: 'x'.repeat(40), NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const resolved: ResolvedConfig = { ...config, databaseUrl: dir.url, jwtSecret: 'x'.repeat(40), ldap: { ...config.ldap, url: 'ldap://127.0.0.1:1' } };
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(resolved), { logger: false });
    await worker.init();
    try {
      const records = new HrImportsService(dir.ds);
      const record = await records.create({
        startedBy: null,
        source: 'graphql',
        options: { fileName: 'staff.csv', dryRun: false, deactivateMissing: false, mapping: null, photos: null },
        file: fixture('staff.csv'),
      });
      await worker.get(QueueService).send(HR_IMPORT_JOB, { importId: record.id });
      let status = 'queued';
      for (let i = 0; i < 100 && (status === 'queued' || status === 'running'); i++) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await records.findById(record.id))!.status;
      }
      expect(status).toBe('succeeded');
      expect((await records.findById(record.id))!.report?.counts).toMatchObject({ created: 8 });
    } finally {
      await worker.close();
    }
  });
});
