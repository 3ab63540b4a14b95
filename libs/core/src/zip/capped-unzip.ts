import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Unzip, UnzipInflate, type AsyncFlateStreamHandler, type UnzipDecoder, type UnzipFile } from 'fflate';

/**
 * Streaming, capped ZIP reading for files people upload (a LinkedIn export, HR's photos): one
 * helper, so every ZIP Plein reads is read the same way.
 *
 * - Inflation is streamed (fflate's Unzip) from small slices of compressed input, so the output
 *   between two checks is bounded (deflate inflates at most ~1032:1: ~16 MB per 16 KB slice), and
 *   it stops the moment a cap is passed. Declared sizes are checked first but never trusted.
 * - Entries the caller does not select are never inflated, and their compressed bytes are dropped.
 * - A truncated archive (no end-of-central-directory record, an entry cut off) is damaged.
 *
 * Over a cap: in `refuse: 'archive'` mode the whole archive is refused (a ZipError); in
 * `refuse: 'entry'` mode only that entry is (a `refused` event) and the rest go on, except for the
 * total cap, which always refuses the archive.
 */

export interface ZipLimits {
  /** Inflated bytes of one entry. */
  maxEntryBytes: number;
  /** Inflated bytes of all the selected entries together. */
  maxTotalBytes: number;
  /** An entry inflating to more than this many times its compressed size (past ratioFloorBytes) is a bomb. */
  maxRatio: number;
  /** Below this many inflated bytes the ratio is not checked (small text compresses well). Default 1 MiB. */
  ratioFloorBytes?: number;
}

export type ZipProblem = 'TOO_LARGE' | 'DAMAGED' | 'UNSUPPORTED';

/** The archive as a whole is refused. `entry` names the entry that caused it, when one did. */
export class ZipError extends Error {
  constructor(
    readonly problem: ZipProblem,
    readonly entry?: string,
  ) {
    super(entry ? `zip entry ${entry}: ${problem}` : `zip: ${problem}`);
    this.name = 'ZipError';
  }
}

export type ZipEvent =
  /** A selected entry, inflated within the caps. */
  | { type: 'entry'; name: string; data: Uint8Array }
  /** An entry not selected: its bytes were skipped, never inflated. */
  | { type: 'skipped'; name: string }
  /** A selected entry refused on its own (`refuse: 'entry'` mode). */
  | { type: 'refused'; name: string; problem: ZipProblem };

export interface CappedUnzipOptions {
  limits: ZipLimits;
  /** Whether to inflate this entry (full path inside the archive). Folders are never offered. */
  select(name: string): boolean;
  refuse: 'archive' | 'entry';
  /** The archive's compressed size, when known: the ratio's denominator for entries that do not declare theirs. */
  archiveBytes?: number;
}

/**
 * Compressed input is fed to fflate in slices of this size: the most one check lets through is
 * ~1032 times it. Measured on 18 MiB of incompressible entries (photos): 4 KB slices inflate in
 * 0.5-1.2 s (fflate re-copies a stored block's pending input on every push), 16 KB in 0.16 s,
 * 64 KB in 0.15 s.
 */
export const ZIP_SLICE_BYTES = 16 * 1024;
const DEFAULT_RATIO_FLOOR = 1024 * 1024;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const END_RECORD_SPAN = 22 + 0xffff;

/** fflate's inflater for ZIP entries, made stoppable: after terminate() the rest of a refused entry is not inflated. */
class StoppableInflate implements UnzipDecoder {
  static readonly compression = 8;
  ondata!: AsyncFlateStreamHandler;
  private readonly inner = new UnzipInflate();
  private stopped = false;

  constructor() {
    this.inner.ondata = (err, data, final) => this.ondata(err, data, final);
  }

  push(data: Uint8Array, final: boolean): void {
    if (!this.stopped) this.inner.push(data, final);
  }

  terminate(): void {
    this.stopped = true;
  }
}

/**
 * The engine: push compressed bytes, get events. Synchronous; `unzipCappedSync` and `unzipCapped`
 * (async, for large or streamed input) drive it.
 */
export class CappedUnzip {
  private readonly unzip = new Unzip();
  private readonly ratioFloor: number;
  private pending: ZipEvent[] = [];
  private failure: ZipError | null = null;
  private total = 0;
  private pushed = 0;
  private entries = 0;
  /** Selected entries started and not yet finished or refused: left over at the end means a cut-off archive. */
  private open = 0;
  private tail: Uint8Array[] = [];
  private tailBytes = 0;
  private ended = false;

  constructor(private readonly options: CappedUnzipOptions) {
    this.ratioFloor = options.limits.ratioFloorBytes ?? DEFAULT_RATIO_FLOOR;
    this.unzip.register(StoppableInflate);
    this.unzip.onfile = (file) => this.onFile(file);
  }

  /**
   * Feeds compressed bytes (any size: they are sliced); returns what completed. Once the archive is
   * refused, input is ignored: call check() after each push (the events completed before the
   * refusal are still returned, so a consumer keeps the good entries).
   */
  push(chunk: Uint8Array, final = false): ZipEvent[] {
    if (this.ended) throw new Error('CappedUnzip: push after the final chunk');
    let at = 0;
    do {
      if (this.failure) break;
      const end = Math.min(at + ZIP_SLICE_BYTES, chunk.length);
      const slice = chunk.subarray(at, end);
      const last = final && end === chunk.length;
      this.pushed += slice.length;
      this.keepTail(slice);
      try {
        this.unzip.push(slice, last);
      } catch {
        this.failure ??= new ZipError('DAMAGED');
      }
      this.dropSkippedBytes();
      at = end;
    } while (at < chunk.length);
    if (final) this.finish();
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Throws the ZipError that refused the archive, if one did. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  private onFile(file: UnzipFile): void {
    const name = file.name;
    if (this.failure || name.endsWith('/')) return;
    this.entries++;
    if (!this.options.select(name)) {
      this.pending.push({ type: 'skipped', name });
      return; // never started: its compressed bytes are skipped
    }
    const { maxEntryBytes, maxTotalBytes, maxRatio } = this.options.limits;
    // Declared sizes first: refuse before inflating anything (an honest bomb says what it is).
    if (file.originalSize !== undefined) {
      if (file.originalSize > maxEntryBytes) return this.refuse(name, 'TOO_LARGE');
      if (this.total + file.originalSize > maxTotalBytes) {
        this.failure = new ZipError('TOO_LARGE');
        return;
      }
    }
    const chunks: Uint8Array[] = [];
    let inflated = 0;
    let done = false;
    this.open++;
    const close = () => {
      done = true;
      this.open--;
    };
    file.ondata = (err, chunk, final) => {
      if (done || this.failure) return;
      if (err) {
        close();
        file.terminate();
        return this.refuse(name, 'DAMAGED');
      }
      inflated += chunk.length;
      this.total += chunk.length;
      if (this.total > maxTotalBytes) {
        close();
        file.terminate();
        this.failure = new ZipError('TOO_LARGE', name);
        return;
      }
      const compressed = file.size ?? this.options.archiveBytes ?? this.pushed;
      const bomb =
        inflated > maxEntryBytes ||
        (file.originalSize !== undefined && inflated > file.originalSize) ||
        (inflated > this.ratioFloor && inflated / Math.max(compressed, 1) > maxRatio);
      if (bomb) {
        close();
        file.terminate();
        return this.refuse(name, 'TOO_LARGE');
      }
      chunks.push(chunk);
      if (final) {
        close();
        this.pending.push({ type: 'entry', name, data: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
      }
    };
    try {
      file.start();
    } catch {
      // An unknown compression method: fflate reports it through ondata (refused there) and then throws.
      if (!done) {
        close();
        this.refuse(name, 'UNSUPPORTED');
      }
    }
  }

  private refuse(name: string, problem: ZipProblem): void {
    if (this.options.refuse === 'archive') this.failure ??= new ZipError(problem, name);
    else this.pending.push({ type: 'refused', name, problem });
  }

  /**
   * fflate keeps the compressed bytes of every entry that was not started, in case start() comes
   * later. We decide in onfile, so they are dropped: a skipped entry costs no memory.
   */
  private dropSkippedBytes(): void {
    const kept = (this.unzip as unknown as { k?: unknown[][] }).k;
    if (!Array.isArray(kept)) return;
    // k[0] is the current entry's pre-start buffer (empty once started); older ones are never used again.
    if (kept.length > 1) kept.length = 1;
    if (kept[0]?.length) kept[0].length = 0;
  }

  /** The last END_RECORD_SPAN bytes seen (views, not copies), to find the end record at the end. */
  private keepTail(slice: Uint8Array): void {
    this.tail.push(slice);
    this.tailBytes += slice.length;
    while (this.tail.length > 1 && this.tailBytes - this.tail[0].length >= END_RECORD_SPAN) this.tailBytes -= this.tail.shift()!.length;
  }

  private finish(): void {
    this.ended = true;
    // An entry cut off, no entries at all, or no end record: the archive is truncated or not a ZIP.
    if (!this.failure && (this.open > 0 || this.entries === 0 || !hasEndRecord(Buffer.concat(this.tail)))) this.failure = new ZipError('DAMAGED');
  }
}

function hasEndRecord(tail: Buffer): boolean {
  for (let i = tail.length - 22; i >= 0 && i >= tail.length - END_RECORD_SPAN; i--) {
    if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY && i + 22 + tail.readUInt16LE(i + 20) === tail.length) return true;
  }
  return false;
}

/** Reads a ZIP held in memory at once. The selected entries' bytes are all returned: keep the caps small. */
export function unzipCappedSync(bytes: Uint8Array, options: Omit<CappedUnzipOptions, 'archiveBytes'>): ZipEvent[] {
  const engine = new CappedUnzip({ ...options, archiveBytes: bytes.length });
  const events = engine.push(bytes, true);
  engine.check();
  return events;
}

/**
 * Streams a ZIP (bytes in memory, or chunks from a file): yields each event as soon as its entry
 * is complete, and takes no more input until the consumer asks for the next one, so memory stays
 * at about one entry whatever the archive's size. Lets the event loop run between slices.
 */
export async function* unzipCapped(source: Uint8Array | AsyncIterable<Uint8Array>, options: CappedUnzipOptions): AsyncGenerator<ZipEvent> {
  const engine = new CappedUnzip(source instanceof Uint8Array ? { ...options, archiveBytes: options.archiveBytes ?? source.length } : options);
  const chunks: AsyncIterable<Uint8Array> =
    source instanceof Uint8Array
      ? (async function* () {
          yield source;
        })()
      : source;
  let slices = 0;
  let previous: Uint8Array | null = null;
  // One chunk of look-ahead, so the last one can be pushed as final.
  for await (const chunk of chunks) {
    if (previous) yield* feed(previous, false);
    previous = chunk;
  }
  yield* feed(previous ?? new Uint8Array(0), true);

  async function* feed(chunk: Uint8Array, final: boolean): AsyncGenerator<ZipEvent> {
    let at = 0;
    do {
      const end = Math.min(at + ZIP_SLICE_BYTES, chunk.length);
      yield* engine.push(chunk.subarray(at, end), final && end === chunk.length);
      engine.check();
      // Inflating is CPU work: let other requests (and /health/live) in every 16 slices (256 KB compressed).
      if (++slices % 16 === 0) await yieldToEventLoop();
      at = end;
    } while (at < chunk.length);
  }
}
