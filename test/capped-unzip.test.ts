import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { zipSync } from 'fflate';
import { unzipCapped, unzipCappedSync, ZipError, type ZipEvent, type ZipLimits } from '../libs/core/src/zip/capped-unzip.js';
import { bombEntry, buildZip, deflatedEntry, rssMiB } from './support/zip-bomb.js';

/** The shared capped ZIP reader (LinkedIn import, HR photos): zip bombs, lying headers, cut-off archives. */
const LIMITS: ZipLimits = { maxEntryBytes: 10 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024, maxRatio: 100, ratioFloorBytes: 1024 * 1024 };
const all = (_name: string) => true;

async function collect(source: Uint8Array | AsyncIterable<Uint8Array>, select = all, limits = LIMITS): Promise<ZipEvent[]> {
  const out: ZipEvent[] = [];
  for await (const e of unzipCapped(source, { limits, select, refuse: 'entry' })) out.push(e);
  return out;
}
const summary = (events: ZipEvent[]) => events.map((e) => (e.type === 'entry' ? [e.type, e.name, e.data.length] : e.type === 'refused' ? [e.type, e.name, e.problem] : [e.type, e.name]));
const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('did not throw');
};

describe('capped streaming unzip', () => {
  const photo = Buffer.alloc(200_000, 7);

  it('refuses a 1 GiB bomb (1 MB packed) that lies about its size, keeps the good entries, and memory stays bounded', async () => {
    const zip = buildZip([deflatedEntry('a.jpg', photo), bombEntry('bomb.jpg', 1024, 50_000), deflatedEntry('b.jpg', photo)]);
    expect(zip.length).toBeLessThan(1.5 * 1024 * 1024);
    const before = rssMiB();
    const events = await collect(zip);
    expect(rssMiB() - before).toBeLessThan(200);
    expect(summary(events)).toEqual([
      ['entry', 'a.jpg', 200_000],
      ['refused', 'bomb.jpg', 'TOO_LARGE'],
      ['entry', 'b.jpg', 200_000],
    ]);
    // Whole-archive mode (the LinkedIn import): the same bomb refuses the archive.
    const err = thrown(() => unzipCappedSync(zip, { limits: LIMITS, select: all, refuse: 'archive' })) as ZipError;
    expect(err).toBeInstanceOf(ZipError);
    expect([err.problem, err.entry]).toEqual(['TOO_LARGE', 'bomb.jpg']);
  });

  it('refuses an honest bomb by its declared size, without inflating it', async () => {
    const zip = buildZip([bombEntry('big.jpg', 64), deflatedEntry('a.jpg', photo)]);
    expect(summary(await collect(zip))).toEqual([
      ['refused', 'big.jpg', 'TOO_LARGE'],
      ['entry', 'a.jpg', 200_000],
    ]);
  });

  it('never inflates an entry that is not selected', async () => {
    const zip = buildZip([bombEntry('Connections.csv', 1024, 10), deflatedEntry('Skills.csv', Buffer.from('Name\nBGP\n'))]);
    const events = await collect(zip, (name) => name === 'Skills.csv');
    expect(summary(events)).toEqual([
      ['skipped', 'Connections.csv'],
      ['entry', 'Skills.csv', 9],
    ]);
  });

  it('refuses the rest of the archive once the total cap is passed', async () => {
    // Eight entries of 1 MiB under a 6.5 MiB total: each is within its own cap (and ratio), together not.
    const entries = Array.from({ length: 8 }, (_, i) => deflatedEntry(`p${i}.jpg`, randomBytes(1024 * 1024)));
    const zip = buildZip(entries);
    const seen: string[] = [];
    const err = await (async () => {
      try {
        for await (const e of unzipCapped(zip, { limits: { ...LIMITS, maxTotalBytes: 6.5 * 1024 * 1024 }, select: all, refuse: 'entry' })) seen.push(e.name);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ZipError);
    expect((err as ZipError).problem).toBe('TOO_LARGE');
    expect(seen).toEqual(['p0.jpg', 'p1.jpg', 'p2.jpg', 'p3.jpg', 'p4.jpg', 'p5.jpg']);
  });

  it('refuses a truncated archive as damaged, wherever it was cut (3 of 5 files is not an archive)', async () => {
    const zip = Buffer.from(zipSync({ 'a.csv': Buffer.alloc(5000, 65), 'b.csv': Buffer.alloc(5000, 66), 'c.csv': Buffer.alloc(5000, 67), 'd.csv': Buffer.alloc(5000, 68), 'e.csv': Buffer.alloc(5000, 69) }, { level: 0 }));
    // All five files complete, the central directory and end record gone.
    const directoryAt = zip.readUInt32LE(zip.length - 22 + 16);
    for (const cut of [zip.length - 10, Math.floor(zip.length / 2), 3 * 5000 + 120, directoryAt]) {
      const err = thrown(() => unzipCappedSync(zip.subarray(0, cut), { limits: LIMITS, select: all, refuse: 'archive' })) as ZipError;
      expect([cut, err.problem]).toEqual([cut, 'DAMAGED']);
    }
    expect(summary(unzipCappedSync(zip, { limits: LIMITS, select: all, refuse: 'archive' })).map((e) => e[1])).toEqual(['a.csv', 'b.csv', 'c.csv', 'd.csv', 'e.csv']);
    expect((thrown(() => unzipCappedSync(Buffer.from('not a zip at all'), { limits: LIMITS, select: all, refuse: 'archive' })) as ZipError).problem).toBe('DAMAGED');
  });

  it('refuses an entry packed with an unknown method once, and reads the others', async () => {
    const zip = buildZip([deflatedEntry('odd.jpg', photo), deflatedEntry('a.jpg', photo)]);
    zip.writeUInt16LE(99, 8); // the first local header's compression method
    expect(summary(await collect(zip))).toEqual([
      ['refused', 'odd.jpg', 'DAMAGED'],
      ['entry', 'a.jpg', 200_000],
    ]);
  });

  it('reads the same from a stream of chunks as from bytes in memory', async () => {
    const zip = buildZip([deflatedEntry('a.jpg', photo), bombEntry('bomb.jpg', 256, 1000), deflatedEntry('b.jpg', photo)]);
    async function* chunks() {
      for (let at = 0; at < zip.length; at += 1000) yield zip.subarray(at, at + 1000);
    }
    expect(summary(await collect(chunks()))).toEqual(summary(await collect(zip)));
  });
});
