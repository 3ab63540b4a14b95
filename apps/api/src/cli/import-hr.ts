// npm run import:hr -- <file.csv> [--photos <dir-or-zip>] [--mapping <file.json>] [--dry-run] [--deactivate-missing] [--json]
//
// Imports the HR staff export into the directory, in this process, recording the run in hr_imports
// like a GraphQL import. Works on the embedded default (DATABASE_URL unset) whether or not Plein is
// running: it connects to the running cluster, or starts it for the duration of the import.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { badInput, DomainError, loadConfig, silentLogger, startEmbeddedPostgres, type EmbeddedPostgresHandle, type ResolvedConfig } from '@plein/core';
import {
  HrImportsService,
  ImportHrFile,
  openPhotoSource,
  parseHrMapping,
  PhotosService,
  type HrImportReport,
  type HrMapping,
  type HrPhotoSource,
} from '@plein/directory';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../../orm.js';
import { prepareDatabase } from '../bootstrap.js';

export const USAGE = `Usage: npm run import:hr -- <file.csv> [--photos <dir-or-zip>] [--mapping <file.json>] [--dry-run] [--deactivate-missing] [--json]

  <file.csv>            the HR staff export (see docs: HR import); "," or ";" separated, UTF-8
  --photos <path>       a folder or ZIP with the files named in the photo column
  --mapping <file>      JSON mapping Plein field → source column, for other export formats
  --dry-run             only report what would be created, updated, deactivated and rejected
  --deactivate-missing  a full export: deactivate people (with an employee number) not in it
  --json                print the whole report as JSON instead of a summary`;

export interface CliArgs {
  file: string;
  photos: string | null;
  mapping: string | null;
  dryRun: boolean;
  deactivateMissing: boolean;
  json: boolean;
}

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { file: '', photos: null, mapping: null, dryRun: false, deactivateMissing: false, json: false };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (!v || v.startsWith('--')) throw new UsageError(`${a} needs a value.`);
      return v;
    };
    if (a === '--photos') args.photos = value();
    else if (a === '--mapping') args.mapping = value();
    else if (a === '--dry-run') args.dryRun = true;
    else if (a === '--deactivate-missing') args.deactivateMissing = true;
    else if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') throw new UsageError('');
    else if (a.startsWith('-')) throw new UsageError(`Unknown option ${a}.`);
    else files.push(a);
  }
  if (files.length !== 1) throw new UsageError(files.length ? 'Give exactly one file.' : 'Give the file to import.');
  args.file = files[0];
  return args;
}

class UsageError extends Error {}

export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
}

function progressBar(stderr: CliIo['stderr']) {
  let last = 0;
  let shown = false;
  return {
    update(done: number, total: number) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      if (total === 0) {
        stderr.write(stderr.isTTY ? `\rreading… ${done} rows` : `reading… ${done} rows\n`);
        return;
      }
      const width = 30;
      const fraction = total ? done / total : 0;
      const filled = Math.round(fraction * width);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(fraction * 100)}% ${done}/${total} rows`;
      stderr.write(stderr.isTTY ? `\r${line}` : `${line}\n`);
    },
    end() {
      if (shown && stderr.isTTY) stderr.write('\n');
    },
  };
}

const LIST_LIMIT = 200;

function summary(report: HrImportReport, importId: string): string {
  const c = report.counts;
  const out: string[] = [];
  out.push(`HR import ${report.dryRun ? 'dry run ' : ''}${importId}: ${c.rows} rows in ${report.durationMs} ms${report.dryRun ? ' (dry run: nothing was changed; the counts say what would be)' : ''}`);
  out.push(
    `  created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, deactivated ${c.deactivated}, rejected ${c.rejected}, warnings ${c.warnings}`,
  );
  out.push(`  departments created ${c.departmentsCreated}, updated ${c.departmentsUpdated}`);
  if (c.photosStored || c.photosUnchanged || c.photosRejected) {
    out.push(`  photos stored ${c.photosStored}, unchanged ${c.photosUnchanged}, rejected ${c.photosRejected}`);
  }
  const list = <T>(title: string, items: T[], total: number, line: (item: T) => string) => {
    if (!total) return;
    out.push(`${title} (${total}):`);
    for (const item of items.slice(0, LIST_LIMIT)) out.push(`  ${line(item)}`);
    if (total > Math.min(items.length, LIST_LIMIT)) out.push(`  … and ${total - Math.min(items.length, LIST_LIMIT)} more (full report: hr_imports, or --json)`);
  };
  if (report.dryRun) {
    list('Would create', report.created, c.created, (r) => `line ${r.line}: ${r.employeeNumber} ${r.displayName}`);
    list('Would update', report.updated, c.updated, (r) => `line ${r.line}: ${r.employeeNumber} ${r.displayName} (${r.changes.join(', ')})`);
    list('Would deactivate', report.deactivated, c.deactivated, (r) => `${r.line ? `line ${r.line}: ` : ''}${r.employeeNumber} ${r.displayName} (${r.reason})`);
  } else {
    list('Deactivated', report.deactivated, c.deactivated, (r) => `${r.line ? `line ${r.line}: ` : ''}${r.employeeNumber} ${r.displayName} (${r.reason})`);
  }
  list('Rejected', report.rejected, c.rejected, (r) => `line ${r.line}: ${r.reason}`);
  list('Warnings', report.warnings, c.warnings, (r) => `line ${r.line}: ${r.reason}`);
  list('Photo problems', report.photosRejected, c.photosRejected, (r) => `line ${r.line}: ${r.reason}`);
  return out.join('\n') + '\n';
}

/** The command line; returns the exit code (0 done, 1 failed, 2 wrong usage). */
export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    if (err.message) io.stderr.write(`${err.message}\n`);
    io.stderr.write(`${USAGE}\n`);
    return err.message ? 2 : 0;
  }

  let pg: EmbeddedPostgresHandle | undefined;
  let ds: DataSource | undefined;
  try {
    const fileInfo = await stat(args.file).catch(() => null);
    if (!fileInfo?.isFile()) throw badInput(`The file ${args.file} does not exist.`);
    const mappingText = args.mapping ? await readFile(args.mapping, 'utf8').catch(() => {
      throw badInput(`The mapping file ${args.mapping} cannot be read.`);
    }) : null;
    const photos: HrPhotoSource | null = args.photos ? await openPhotoSource(args.photos) : null;

    const config = loadConfig(io.env);
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      pg = await startEmbeddedPostgres({ dataDir: config.dataDir });
      databaseUrl = pg.url;
    }
    // Real data only: a CLI import into an empty database must not first get the demo organisation.
    const resolved: ResolvedConfig = { ...config, databaseUrl, seedDemo: false, jwtSecret: config.jwtSecret ?? '', ldap: { ...config.ldap, url: config.ldap.url ?? '' } };
    await prepareDatabase(resolved, silentLogger());
    // No query logging: a failed bulk statement would print its parameters (people's data).
    ds = new DataSource({ ...dataSourceOptions(databaseUrl), logging: false });
    await ds.initialize();

    const records = new HrImportsService(ds);
    // Parsed once the database is open: a mapping may name the custom profile fields HR fills.
    const mapping: HrMapping | null = mappingText !== null ? parseHrMapping(mappingText, await records.hrFieldKeys()) : null;
    const useCase = new ImportHrFile(ds, records, new PhotosService(ds));
    const record = await records.create({
      startedBy: null,
      source: 'cli',
      options: { fileName: path.basename(args.file), dryRun: args.dryRun, deactivateMissing: args.deactivateMissing, mapping, photos: args.photos },
    });
    const bar = progressBar(io.stderr);
    let report: HrImportReport;
    try {
      report = await useCase.execute({
        importId: record.id,
        file: createReadStream(args.file),
        mapping,
        photos,
        dryRun: args.dryRun,
        deactivateMissing: args.deactivateMissing,
        onProgress: (done, total) => bar.update(done, total),
      });
    } finally {
      bar.end();
    }
    io.stdout.write(args.json ? `${JSON.stringify({ id: record.id, ...report }, null, 2)}\n` : summary(report, record.id));
    return 0;
  } catch (err) {
    io.stderr.write(`${err instanceof DomainError ? err.message : `The import failed: ${err instanceof Error ? err.message : String(err)}`}\n`);
    return 1;
  } finally {
    await ds?.destroy().catch(() => undefined);
    if (pg?.owned) await pg.stop().catch(() => undefined);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
