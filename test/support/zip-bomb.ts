import { constants, crc32, deflateRawSync } from 'node:zlib';

/** One ZIP entry, already deflated (method 8). `declaredSize` is what the headers say (a bomb lies). */
export interface RawZipEntry {
  name: string;
  deflated: Buffer;
  size: number;
  crc: number;
  declaredSize?: number;
}

export function deflatedEntry(name: string, data: Buffer): RawZipEntry {
  return { name, deflated: deflateRawSync(data), size: data.length, crc: crc32(data) };
}

/**
 * `mib` MiB of zeros as raw deflate without ever holding them: one fully flushed 1 MiB block
 * (about 1 KB, no back-references past it) repeated, then an empty final block. 1 GiB → ~1 MB.
 */
export function deflatedZeros(mib: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array<Buffer>(mib).fill(block), deflateRawSync(Buffer.alloc(0))]);
}

/** A zip bomb entry: `mib` MiB of zeros, declaring `declaredSize` (default: the truth). */
export function bombEntry(name: string, mib: number, declaredSize?: number): RawZipEntry {
  // The CRC is never reached: a capped reader stops long before the end.
  return { name, deflated: deflatedZeros(mib), size: mib * (1 << 20), crc: 0, declaredSize };
}

/** A plain ZIP (local headers, central directory, end record) of already deflated entries. */
export function buildZip(entries: RawZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + e.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The process's resident memory in MiB (what the issue measured: 380 MB → 1.3 GB for a 1 GiB bomb). */
export const rssMiB = () => process.memoryUsage().rss / 1024 / 1024;
