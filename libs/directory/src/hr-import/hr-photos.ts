import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { badInput, unzipCapped, ZipError, type ZipLimits } from '@plein/core';
import { PHOTO_MAX_BYTES } from '../photos/photos.service.js';

/** Why a named photo was not taken from the source (machine-readable; the report also says it in words). */
export type HrPhotoRefusal = 'PHOTO_TOO_LARGE' | 'PHOTO_DAMAGED' | 'PHOTOS_ZIP_TOO_LARGE';

/** One photo the rows asked for: its bytes, or why it was refused. `name` is the name as the row gives it. */
export type HrPhoto = { name: string; bytes: Buffer } | { name: string; refused: HrPhotoRefusal; entry: string };

/** Where the photos named in the `photo` column come from: a folder or a ZIP. */
export interface HrPhotoSource {
  readonly description: string;
  /**
   * The photos among `names`, one at a time (memory holds about one photo, whatever the source's
   * size): each found name once, with its bytes or a refusal. A name not yielded is not in the source.
   */
  read(names: ReadonlySet<string>): AsyncIterable<HrPhoto>;
}

/**
 * Caps for a photos ZIP, the LinkedIn import's way (libs/core/src/zip): one photo at most what
 * PhotosService accepts (10 MB); all photos read at most 2 GiB inflated; past 1 MiB, an entry
 * inflating more than 100 times its compressed size is a bomb (JPEG, PNG and WebP barely compress).
 * Inflating stops the moment a cap is passed. Over the per-photo caps only that photo is refused;
 * over the total the rest of the ZIP is.
 */
export const HR_PHOTOS_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: PHOTO_MAX_BYTES,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

/** Only a bare file name: a `photo` value must never reach outside the folder. */
function safeName(name: string): string | null {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  return base && base !== '.' && base !== '..' ? base : null;
}

type ZipBytes = () => Uint8Array | AsyncIterable<Uint8Array>;

/**
 * Reads the entries' names once without inflating anything (so a damaged or truncated ZIP is
 * refused before the import changes anything), then streams only the photos the rows name.
 */
async function zipSource(open: ZipBytes, description: string, limits: ZipLimits): Promise<HrPhotoSource> {
  // Photos may sit in a folder inside the ZIP; a row's name matches the file name, exactly first, then ignoring case.
  const exact = new Map<string, string>();
  const folded = new Map<string, string>();
  try {
    for await (const event of unzipCapped(open(), { limits, select: () => false, refuse: 'entry' })) {
      const base = safeName(event.name);
      if (!base) continue;
      if (!exact.has(base)) exact.set(base, event.name);
      if (!folded.has(base.toLowerCase())) folded.set(base.toLowerCase(), event.name);
    }
  } catch (err) {
    if (err instanceof ZipError) throw badInput('The photos file is not a readable ZIP (damaged or cut off).', { field: 'photos', code: 'PHOTOS_ZIP_DAMAGED' });
    throw err;
  }
  return {
    description,
    async *read(names) {
      // Entry path → the row names it serves (two spellings may resolve to one file).
      const wanted = new Map<string, string[]>();
      for (const name of names) {
        const base = safeName(name);
        const entry = base ? (exact.get(base) ?? folded.get(base.toLowerCase())) : undefined;
        if (entry) wanted.set(entry, [...(wanted.get(entry) ?? []), name]);
      }
      if (!wanted.size) return;
      const served = new Set<string>();
      try {
        for await (const event of unzipCapped(open(), { limits, select: (entry) => wanted.has(entry), refuse: 'entry' })) {
          if (event.type === 'skipped' || served.has(event.name)) continue;
          served.add(event.name);
          for (const name of wanted.get(event.name)!) {
            if (event.type === 'entry') yield { name, bytes: Buffer.from(event.data.buffer, event.data.byteOffset, event.data.byteLength) };
            else yield { name, refused: event.problem === 'TOO_LARGE' ? 'PHOTO_TOO_LARGE' : 'PHOTO_DAMAGED', entry: event.name };
          }
        }
      } catch (err) {
        if (!(err instanceof ZipError)) throw err;
        // The archive as a whole is refused from here on: every photo not yet read says why.
        const refused: HrPhotoRefusal = err.problem === 'TOO_LARGE' ? 'PHOTOS_ZIP_TOO_LARGE' : 'PHOTO_DAMAGED';
        for (const [entry, rowNames] of wanted) {
          if (served.has(entry)) continue;
          for (const name of rowNames) yield { name, refused, entry };
        }
      }
    },
  };
}

/** A photos ZIP held in memory (an upload). */
export function zipPhotoSource(bytes: Uint8Array, description = 'the photos ZIP', limits = HR_PHOTOS_ZIP_LIMITS): Promise<HrPhotoSource> {
  return zipSource(() => bytes, description, limits);
}

/** A photos ZIP on disk (the command line), streamed: it is never read into memory whole. */
export function zipFilePhotoSource(file: string, limits = HR_PHOTOS_ZIP_LIMITS): Promise<HrPhotoSource> {
  return zipSource(() => createReadStream(file, { highWaterMark: 64 * 1024 }), file, limits);
}

export function folderPhotoSource(dir: string): HrPhotoSource {
  return {
    description: dir,
    async *read(names) {
      for (const name of names) {
        const base = safeName(name);
        if (!base) continue;
        const file = path.join(dir, base);
        const info = await stat(file).catch(() => null);
        if (!info?.isFile()) continue;
        // Checked before reading: a huge file in the folder is never read into memory.
        if (info.size > PHOTO_MAX_BYTES) {
          yield { name, refused: 'PHOTO_TOO_LARGE', entry: base };
          continue;
        }
        const bytes = await readFile(file).catch(() => null);
        if (bytes) yield { name, bytes };
      }
    },
  };
}

/** `--photos <dir-or-zip>` of the command line. */
export async function openPhotoSource(location: string): Promise<HrPhotoSource> {
  const info = await stat(location).catch(() => null);
  if (!info) throw badInput(`The photos folder or ZIP ${location} does not exist.`, { field: 'photos' });
  if (info.isDirectory()) return folderPhotoSource(location);
  return zipFilePhotoSource(location);
}
