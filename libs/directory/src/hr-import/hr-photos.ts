import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { badInput } from '@plein/core';
import { unzipSync } from 'fflate';

/** Where the photos named in the `photo` column come from: a folder or a ZIP. */
export interface HrPhotoSource {
  readonly description: string;
  /** The bytes of the named photo, or null when there is no such file. */
  get(name: string): Promise<Buffer | null>;
}

/** Only a bare file name: a `photo` value must never reach outside the folder. */
function safeName(name: string): string | null {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  return base && base !== '.' && base !== '..' ? base : null;
}

export function zipPhotoSource(bytes: Uint8Array, description = 'the photos ZIP'): HrPhotoSource {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (err) {
    throw badInput(`The photos file is not a readable ZIP: ${(err as Error).message}`, { field: 'photos' });
  }
  // Photos may sit in a folder inside the ZIP; match on the file name, exact first, then ignoring case.
  const exact = new Map<string, Uint8Array>();
  const folded = new Map<string, Uint8Array>();
  for (const [entry, data] of Object.entries(entries)) {
    if (entry.endsWith('/')) continue;
    const base = safeName(entry);
    if (!base) continue;
    if (!exact.has(base)) exact.set(base, data);
    if (!folded.has(base.toLowerCase())) folded.set(base.toLowerCase(), data);
  }
  return {
    description,
    async get(name) {
      const base = safeName(name);
      if (!base) return null;
      const data = exact.get(base) ?? folded.get(base.toLowerCase());
      return data ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : null;
    },
  };
}

export function folderPhotoSource(dir: string): HrPhotoSource {
  return {
    description: dir,
    async get(name) {
      const base = safeName(name);
      if (!base) return null;
      try {
        return await readFile(path.join(dir, base));
      } catch {
        return null;
      }
    },
  };
}

/** `--photos <dir-or-zip>` of the command line. */
export async function openPhotoSource(location: string): Promise<HrPhotoSource> {
  const info = await stat(location).catch(() => null);
  if (!info) throw badInput(`The photos folder or ZIP ${location} does not exist.`, { field: 'photos' });
  if (info.isDirectory()) return folderPhotoSource(location);
  return zipPhotoSource(await readFile(location), location);
}
