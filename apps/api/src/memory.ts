import type { Server } from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';

type Gc = (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/**
 * V8's collector as a function, without running node with --expose-gc (which would also hand it to
 * every library): the flag applies to contexts made after it is set, so a fresh vm context has
 * `gc`; the flag is cleared again at once. Null when this node does not allow it.
 */
function collector(): Gc | null {
  const exposed = (globalThis as { gc?: Gc }).gc;
  if (exposed) return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as Gc;
    v8.setFlagsFromString('--no-expose-gc');
    return typeof gc === 'function' ? gc : null;
  } catch {
    return null;
  }
}

/**
 * Gives memory the process no longer uses back to the operating system. Booting (schema building,
 * migrations, the demo seed) allocates fast, so V8 grows its young generation to 2 × 64 MiB, and an
 * ordinary collection keeps those pages: the api idled at 230 MB RSS of which about 120 MB were
 * empty young-generation pages. A memory-reducing full collection (V8's "last resort" flavour, what
 * it does itself under memory pressure) shrinks the young generation and unmaps what is free.
 * It pauses the process (about 50-150 ms here), so it runs only when nothing is asked of it.
 */
export function releaseMemory(): boolean {
  const gc = collector();
  if (!gc) return false;
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return true;
}

/**
 * Once after boot, and again whenever the api sat a whole `quietMs` without an HTTP request after its
 * heap had grown by `growthBytes` since the last release: memory taken by a burst of load goes back
 * once the burst is over. The timer never keeps the process alive.
 */
export function releaseMemoryWhenIdle(server: Server, { quietMs = 30_000, growthBytes = 16 * 2 ** 20 } = {}): () => void {
  releaseMemory();
  let baseline = process.memoryUsage().heapTotal;
  let requests = 0;
  const count = () => requests++;
  server.on('request', count);
  const timer = setInterval(() => {
    const quiet = requests === 0;
    requests = 0;
    if (!quiet || process.memoryUsage().heapTotal - baseline < growthBytes) return;
    releaseMemory();
    baseline = process.memoryUsage().heapTotal;
  }, quietMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    server.off('request', count);
  };
}
