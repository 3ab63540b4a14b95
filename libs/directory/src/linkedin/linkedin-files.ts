import { badInput, DomainError, unzipCappedSync, ZipError, type ZipEvent } from '@plein/core';
import { zipSync } from 'fflate';

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
  badInput('This ZIP file unpacks to far more data than a LinkedIn export holds. Upload the export exactly as LinkedIn sent it.', { field: 'uploadIds', reason: 'TOO_LARGE', messageKey: 'input.notLinkedInExport' });
const DAMAGED = (name: string) =>
  badInput(`"${name}" is not a ZIP file we can read. Upload the export exactly as LinkedIn sent it, or its CSV files.`, { field: 'uploadIds', reason: 'ZIP_DAMAGED', messageKey: 'input.notLinkedInExport' });

/**
 * The ZIP's own table of contents (the end of central directory record, at the end of the file):
 * how many entries it lists, or null when the file has no such record (cut off: a truncated
 * download). -1 when the count is not in the record (ZIP64). A streamed read alone cannot tell a
 * truncated ZIP that stops between two files from a whole one.
 */
function listedEntries(bytes: Buffer): number | null {
  const EOCD = 0x06054b50;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) !== EOCD) continue;
    const count = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 12);
    const offset = bytes.readUInt32LE(at + 16);
    if (count === 0xffff || offset === 0xffffffff) return -1;
    // The directory must lie before its end record, inside the file.
    return offset + size <= at ? count : null;
  }
  return null;
}

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
    throw badInput(`"${name}" is not a text (UTF-8) CSV file.`, { field: 'uploadIds', reason: 'NOT_UTF8', messageKey: 'input.notLinkedInExport' });
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
      throw badInput(`"${upload.filename}" is larger than 20 MB; a LinkedIn export is much smaller.`, { field: 'uploadIds', reason: 'TOO_LARGE', messageKey: 'input.fileTooLarge' });
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
      throw badInput(`"${upload.filename}" is not a LinkedIn data export: upload the ZIP file or the CSV files in it.`, { field: 'uploadIds', reason: 'NOT_AN_EXPORT', messageKey: 'input.notLinkedInExport' });
    }
    total += upload.bytes.length;
    if (upload.bytes.length > LINKEDIN_MAX_FILE_BYTES || total > LINKEDIN_MAX_TOTAL_BYTES) {
      throw badInput(`"${upload.filename}" is far larger than a LinkedIn export file (at most 5 MB).`, { field: 'uploadIds', reason: 'TOO_LARGE', messageKey: 'input.fileTooLarge' });
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
    if (err.problem === 'UNSUPPORTED' && err.entry) throw badInput(`"${err.entry}" in "${upload.filename}" is packed in a way we cannot read.`, { field: 'uploadIds', reason: 'ZIP_UNSUPPORTED', messageKey: 'input.notLinkedInExport' });
    throw DAMAGED(upload.filename);
  }
  // Cut off between two files: no table of contents (the shared reader checks this too).
  if (listedEntries(upload.bytes) === null) throw DAMAGED(upload.filename);
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

/** Loose files of a LinkedIn export that hold other people's data; Plein never reads them. */
const OTHER_PEOPLES_FILES = new Set(['connections.csv', 'messages.csv', 'invitations.csv']);

/** Does this ZIP name a LinkedIn export file (its file names are stored as plain text)? */
// eslint-disable-next-line no-control-regex -- a ZIP's raw bytes: a name follows a control byte.
const NAMES_LINKEDIN = /(^|[\\/\x00-\x1f])(profile|positions|education|skills|languages|certifications|connections)( \(\d+\))?\.csv/i;

/**
 * What Plein keeps of an upload that is (part of) a LinkedIn export, decided when it arrives
 * (UploadsService.useReducer): a readable export ZIP becomes a ZIP of the profile files Plein reads,
 * every other file (Connections.csv, messages.csv: other people's names, addresses and words) left
 * as an empty entry of the same name, so the preview can still say it was skipped; a loose
 * Connections.csv, messages.csv or Invitations.csv is kept empty. Null: not an export, or one that
 * cannot be read (the preview refuses it with the reason); it is then kept as sent.
 */
export function reduceLinkedInUpload(file: LinkedInUploadFile): Buffer | null {
  if (!isZip(file.bytes)) {
    const base = (file.filename.split(/[\\/]/).pop() ?? '').toLowerCase().replace(/ \(\d+\)(?=\.csv$)/, '');
    return OTHER_PEOPLES_FILES.has(base) ? Buffer.alloc(0) : null;
  }
  if (!NAMES_LINKEDIN.test(file.bytes.toString('latin1'))) return null;
  let found: LinkedInFiles;
  try {
    found = collectLinkedInFiles([file]);
  } catch (err) {
    if (err instanceof DomainError) return blankUnreadEntries(file.bytes);
    throw err;
  }
  if (found.texts.size === 0) return blankUnreadEntries(file.bytes);
  const entries: Record<string, Uint8Array> = {};
  for (const { name, text } of found.texts.values()) entries[name] = Buffer.from(text, 'utf8');
  for (const name of found.ignored) if (!(name in entries)) entries[name] = new Uint8Array(0);
  return Buffer.from(zipSync(entries, { level: 6 }));
}

/**
 * For an export that cannot be read as a whole (cut off, damaged, a bomb): the same bytes with the
 * data of every file Plein does not read overwritten with zeros, entry by entry along the local
 * headers. Plein never inflates those files, so the preview answers exactly as before (it refuses
 * the file with the reason), and other people's data is gone from the moment of upload.
 */
function blankUnreadEntries(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  const LOCAL = 0x04034b50;
  const NEXT = [0x04034b50, 0x02014b50, 0x08074b50, 0x06054b50];
  let at = 0;
  while (at + 30 <= out.length && out.readUInt32LE(at) === LOCAL) {
    const flags = out.readUInt16LE(at + 6);
    const declared = out.readUInt32LE(at + 18);
    const nameLength = out.readUInt16LE(at + 26);
    const extraLength = out.readUInt16LE(at + 28);
    const name = out.subarray(at + 30, Math.min(out.length, at + 30 + nameLength)).toString('utf8');
    const start = Math.min(out.length, at + 30 + nameLength + extraLength);
    let end: number;
    if (flags & 0x08 || declared === 0xffffffff) {
      // Sizes after the data (a data descriptor): the data runs to the next record's signature.
      end = start;
      while (end + 4 <= out.length && !NEXT.includes(out.readUInt32LE(end))) end++;
      if (end + 4 > out.length) end = out.length;
    } else {
      end = Math.min(out.length, start + declared);
    }
    if (!kindOf(name) || name.startsWith('__MACOSX/')) out.fill(0, start, end);
    if (end <= at) break;
    at = end;
    // Skip a data descriptor (with or without its signature) to the next local header.
    while (at + 4 <= out.length && out.readUInt32LE(at) !== LOCAL && !NEXT.slice(1).includes(out.readUInt32LE(at)) ) at++;
    if (at + 4 <= out.length && out.readUInt32LE(at) === 0x08074b50) {
      at += 4;
      while (at + 4 <= out.length && out.readUInt32LE(at) !== LOCAL && out.readUInt32LE(at) !== 0x02014b50) at++;
    }
  }
  return out;
}
