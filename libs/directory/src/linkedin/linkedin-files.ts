import { badInput, unzipCappedSync, ZipError, type ZipEvent } from '@plein/core';

/** The files of a LinkedIn export Plein reads: what the person owns on their profile. */
export const LINKEDIN_FILES = {
  'profile.csv': 'profile',
  'positions.csv': 'positions',
  'education.csv': 'education',
  'skills.csv': 'skills',
  'languages.csv': 'languages',
  'certifications.csv': 'certifications',
} as const;
export type LinkedInFileKind = (typeof LINKEDIN_FILES)[keyof typeof LINKEDIN_FILES];

/** One upload may be 20 MB (the uploads limit); checked here again, the caller may not be POST /uploads. */
export const LINKEDIN_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Total inflated bytes of the files we read, over all uploads. Real profile CSVs are kilobytes. */
export const LINKEDIN_MAX_TOTAL_BYTES = 50 * 1024 * 1024;
/** One profile CSV; a long career with long descriptions is well under 1 MB. */
export const LINKEDIN_MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Above this many inflated bytes per file, a compression ratio over LINKEDIN_MAX_RATIO is a bomb. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
export const LINKEDIN_MAX_RATIO = 100;
export const MAX_LINKEDIN_UPLOADS = 20;

export interface LinkedInUploadFile {
  filename: string;
  bytes: Buffer;
}

export interface LinkedInFiles {
  /** CSV text per kind; the first occurrence wins. */
  texts: Map<LinkedInFileKind, { name: string; text: string }>;
  /** Names of files present but not read (Connections.csv, messages.csv, …): other people's data. */
  ignored: string[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const isZip = (b: Buffer) => ZIP_MAGIC.every((x, i) => b[i] === x) || EMPTY_ZIP_MAGIC.every((x, i) => b[i] === x);

const BOMB = () =>
  badInput('This ZIP file unpacks to far more data than a LinkedIn export holds. Upload the export exactly as LinkedIn sent it.', { field: 'uploadIds' });
const DAMAGED = (name: string) =>
  badInput(`"${name}" is not a ZIP file we can read. Upload the export exactly as LinkedIn sent it, or its CSV files.`, { field: 'uploadIds' });

/** `Basic_Export/Positions (1).csv` → `positions.csv`: folders inside the ZIP and browser copy suffixes do not matter. */
function kindOf(path: string): LinkedInFileKind | null {
  const base = path.split(/[\\/]/).pop() ?? '';
  const key = base.toLowerCase().replace(/ \(\d+\)(?=\.csv$)/, '');
  return (LINKEDIN_FILES as Record<string, LinkedInFileKind>)[key] ?? null;
}

function decodeText(name: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badInput(`"${name}" is not a text (UTF-8) CSV file.`, { field: 'uploadIds' });
  }
}

/**
 * Collects the profile CSVs from a set of uploads: ZIPs (the export as LinkedIn sends it, files at
 * the top or in a folder) and loose CSV files. Files we do not read are never inflated: their
 * compressed bytes are skipped, so other people's data (connections, messages) never reaches memory
 * as text. Inflation is streamed and stops the moment a cap is passed (declared sizes can lie).
 */
export function collectLinkedInFiles(uploads: readonly LinkedInUploadFile[]): LinkedInFiles {
  const texts: LinkedInFiles['texts'] = new Map();
  const ignored: string[] = [];
  let total = 0;

  const take = (kind: LinkedInFileKind, name: string, bytes: Uint8Array) => {
    if (!texts.has(kind)) texts.set(kind, { name, text: decodeText(name, bytes) });
  };

  for (const upload of uploads) {
    if (upload.bytes.length > LINKEDIN_MAX_UPLOAD_BYTES) {
      throw badInput(`"${upload.filename}" is larger than 20 MB; a LinkedIn export is much smaller.`, { field: 'uploadIds' });
    }
    if (isZip(upload.bytes)) {
      total = readZip(upload, total, take, ignored);
      continue;
    }
    const kind = kindOf(upload.filename);
    if (!kind) {
      if (/\.csv$/i.test(upload.filename)) {
        ignored.push(upload.filename);
        continue;
      }
      throw badInput(`"${upload.filename}" is not a LinkedIn data export: upload the ZIP file or the CSV files in it.`, { field: 'uploadIds' });
    }
    total += upload.bytes.length;
    if (upload.bytes.length > LINKEDIN_MAX_FILE_BYTES || total > LINKEDIN_MAX_TOTAL_BYTES) {
      throw badInput(`"${upload.filename}" is far larger than a LinkedIn export file (at most 5 MB).`, { field: 'uploadIds' });
    }
    take(kind, upload.filename, upload.bytes);
  }
  return { texts, ignored };
}

function readZip(
  upload: LinkedInUploadFile,
  totalSoFar: number,
  take: (kind: LinkedInFileKind, name: string, bytes: Uint8Array) => void,
  ignored: string[],
): number {
  // The shared capped streaming reader (libs/core/src/zip): files we do not read are never inflated.
  let events: ZipEvent[];
  try {
    events = unzipCappedSync(upload.bytes, {
      limits: { maxEntryBytes: LINKEDIN_MAX_FILE_BYTES, maxTotalBytes: LINKEDIN_MAX_TOTAL_BYTES - totalSoFar, maxRatio: LINKEDIN_MAX_RATIO, ratioFloorBytes: RATIO_FLOOR_BYTES },
      select: (name) => !!kindOf(name) && !name.startsWith('__MACOSX/'),
      refuse: 'archive',
    });
  } catch (err) {
    if (!(err instanceof ZipError)) throw err;
    if (err.problem === 'TOO_LARGE') throw BOMB();
    if (err.problem === 'UNSUPPORTED' && err.entry) throw badInput(`"${err.entry}" in "${upload.filename}" is packed in a way we cannot read.`, { field: 'uploadIds' });
    throw DAMAGED(upload.filename);
  }
  let total = totalSoFar;
  for (const event of events) {
    if (event.type === 'skipped') ignored.push(event.name);
    else if (event.type === 'entry') {
      total += event.data.length;
      take(kindOf(event.name)!, event.name, event.data);
    }
  }
  return total;
}
