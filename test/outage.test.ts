import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createLogger, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@plein/core';
import { ADAPTER_LISTEN_APPLICATION_NAME, RELAY_APPLICATION_NAME } from '@plein/realtime';
import { bootApp, type TestApp } from './support/app.js';
import { connectSocket } from './support/socket.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const openFds = () => readdirSync('/proc/self/fd').length;

/** SIGKILL to the postmaster, as a crash or the OOM killer would: no shutdown, no goodbye to clients. */
function killPostgres(dir: string): void {
  const pid = Number(readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(pid, 'SIGKILL');
}

/** Starts the cluster again on its directory and port (crash recovery runs); old backends may still be exiting. */
async function restartPostgres(dir: string, port: number): Promise<EmbeddedPostgresHandle> {
  for (let i = 0; ; i++) {
    try {
      return await startEmbeddedPostgres({ dataDir: dir, port, fast: true, durableCommits: true });
    } catch (err) {
      if (i >= 20) throw err;
      await sleep(500);
    }
  }
}

/**
 * A short version of `npm run chaos -- --outage`: PostgreSQL killed (SIGKILL) for about 15 s under a
 * steady posting and reading load, then back. The api keeps answering /health/live, answers 503
 * fast on work that needs the database, opens no pile of connections or file descriptors, logs the
 * outage in a few lines instead of one per retry, is ready again soon after PostgreSQL is, holds one
 * LISTEN connection per listener afterwards, and stored every write it acknowledged.
 */
describe('a PostgreSQL crash under load', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plein-outage-'));
  chmodSync(dir, 0o755);
  const logLines: string[] = [];
  let pgHandle: EmbeddedPostgresHandle;
  let app: TestApp;
  beforeAll(async () => {
    pgHandle = await startEmbeddedPostgres({ dataDir: dir, fast: true, durableCommits: true });
    // WORKER_INLINE: pg-boss's worker (and its LISTEN connection) runs in the api too.
    app = await bootApp({ DATABASE_URL: pgHandle.url, WORKER_INLINE: 'true' }, { logger: createLogger({ level: 'warn', destination: { write: (l: string) => logLines.push(l) } }) });
  });
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await pgHandle?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('survives a 15 s outage: live throughout, 503 fast, bounded fds, one LISTEN each, every acknowledged write stored', async () => {
    const writer = await app.login('demo.employee');
    const reader = await app.login('demo.hr');
    // A reader whose socket stays connected throughout (the api never goes away, only its database).
    const socket = await connectSocket(app.url, reader.accessToken);
    const received = new Set<string>();
    socket.on('message.created', (m: { id: string }) => received.add(m.id));
    const baselineFds = openFds();

    // Steady load: three clients posting and reading, each as fast as the api answers (plus 20 ms).
    const acknowledged: string[] = [];
    const slowFailures: number[] = [];
    let outage = false;
    let running = true;
    const client = async (k: number) => {
      for (let i = 0; running; i++) {
        const started = Date.now();
        const res = await fetch(`${app.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${writer.accessToken}` },
          body: JSON.stringify(
            i % 2
              ? { query: '{ companyFeed(first: 5) { edges { node { id } } } }' }
              : { query: 'mutation($t: String!) { postMessage(input: { text: $t, audience: "company" }) { id } }', variables: { t: `storing ${k}-${i}` } },
          ),
        }).catch(() => null);
        const body = res ? ((await res.json().catch(() => ({}))) as { data?: { postMessage?: { id: string } } }) : {};
        if (body.data?.postMessage) acknowledged.push(body.data.postMessage.id);
        if (outage && res?.status === 503 && Date.now() - started > 5000) slowFailures.push(Date.now() - started);
        await sleep(20);
      }
    };
    const load = [0, 1, 2].map(client);
    await sleep(1500);

    const logBefore = logLines.length;
    killPostgres(dir);
    outage = true;
    let maxFds = openFds();
    let liveFailures = 0;
    let unavailable: { status: number; ms: number } | undefined;
    const outageEnds = Date.now() + 15_000;
    while (Date.now() < outageEnds) {
      const t0 = Date.now();
      const live = await fetch(`${app.url}/health/live`).catch(() => null);
      if (live?.status !== 200 || Date.now() - t0 > 2000) liveFailures++;
      if (!unavailable && Date.now() > outageEnds - 10_000) {
        const t1 = Date.now();
        const res = await app.gql('{ me { displayName } }', {}, writer.accessToken);
        unavailable = { status: res.status, ms: Date.now() - t1 };
      }
      maxFds = Math.max(maxFds, openFds());
      await sleep(250);
    }
    const outageLog = logLines.slice(logBefore);

    pgHandle = await restartPostgres(dir, pgHandle.port);
    const back = Date.now();
    let readyAfter = -1;
    while (Date.now() - back < 30_000) {
      if ((await fetch(`${app.url}/health/ready`).catch(() => null))?.status === 200) {
        readyAfter = Date.now() - back;
        break;
      }
      await sleep(100);
    }
    outage = false;
    await sleep(2000); // a little load after the return
    running = false;
    await Promise.all(load);
    // Every acknowledged post reaches the socket: those whose NOTIFY died with the server, or whose
    // delivery met the dying database, come from the relay's catch-up from the event log.
    for (let i = 0; i < 60 && acknowledged.some((id) => !received.has(id)); i++) await sleep(250);
    socket.close();
    expect(acknowledged.filter((id) => !received.has(id))).toEqual([]);

    const check = new pg.Client({ connectionString: pgHandle.url });
    await check.connect();
    try {
      // Each listener reconnects within its capped backoff; then exactly one connection each.
      const listeners = async () =>
        (
          await check.query<{ name: string; n: number }>(
            `SELECT application_name AS name, count(*)::int AS n FROM pg_stat_activity WHERE application_name = ANY($1) GROUP BY 1`,
            [[RELAY_APPLICATION_NAME, ADAPTER_LISTEN_APPLICATION_NAME]],
          )
        ).rows;
      let rows = await listeners();
      for (let i = 0; i < 40 && rows.length < 2; i++) {
        await sleep(250);
        rows = await listeners();
      }
      await sleep(3000); // a second loop would have opened its connection by now
      rows = await listeners();
      expect(Object.fromEntries(rows.map((r) => [r.name, r.n]))).toEqual({ [RELAY_APPLICATION_NAME]: 1, [ADAPTER_LISTEN_APPLICATION_NAME]: 1 });
      // And nothing else piles up: the api's pools together stay small.
      const { rows: [{ n: total }] } = await check.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      expect(total).toBeLessThan(40);

      const { rows: [{ n: stored }] } = await check.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE id = ANY($1::uuid[])', [acknowledged]);
      expect(acknowledged.length).toBeGreaterThan(10);
      expect(stored).toBe(acknowledged.length);
    } finally {
      await check.end();
    }

    expect(liveFailures).toBe(0);
    expect(unavailable?.status).toBe(503);
    expect(unavailable!.ms).toBeLessThan(5000);
    expect(slowFailures).toEqual([]);
    expect(readyAfter).toBeGreaterThanOrEqual(0);
    expect(readyAfter).toBeLessThan(10_000);
    expect(maxFds - baselineFds).toBeLessThan(100);
    // A few lines for 15 s of outage (each listener: its first failure, perhaps one summary), not one per try.
    const reconnectLines = outageLog.filter((l) => /LISTEN connection|job queue: database error/.test(l));
    expect(reconnectLines.length).toBeGreaterThan(0);
    expect(reconnectLines.length).toBeLessThanOrEqual(8);
    expect(outageLog.length).toBeLessThan(60);
  });
});

/** The embedded default (`npm start` without DATABASE_URL): nobody else would restart its PostgreSQL. */
describe('the supervised embedded PostgreSQL', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plein-supervised-'));
  chmodSync(dir, 0o755);
  let pgHandle: EmbeddedPostgresHandle | undefined;
  afterAll(async () => {
    await pgHandle?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts again by itself after a SIGKILL, with crash recovery, keeping committed data, and says so', async () => {
    const events: { level: string; msg: string }[] = [];
    pgHandle = await startEmbeddedPostgres({ dataDir: dir, fast: true, durableCommits: true, supervise: (e) => events.push(e) });
    const before = new pg.Client({ connectionString: pgHandle.url });
    await before.connect();
    await before.query('CREATE TABLE kept (n int)');
    await before.query('INSERT INTO kept VALUES (42)');
    before.on('error', () => undefined);
    killPostgres(dir);

    let rows: { n: number }[] | undefined;
    for (let i = 0; i < 100 && !rows; i++) {
      await sleep(200);
      const c = new pg.Client({ connectionString: pgHandle.url });
      c.on('error', () => undefined);
      try {
        await c.connect();
        rows = (await c.query<{ n: number }>('SELECT n FROM kept')).rows;
      } catch {
        // not back yet
      } finally {
        await c.end().catch(() => undefined);
      }
    }
    expect(rows).toEqual([{ n: 42 }]);
    expect(events.map((e) => e.msg)).toEqual(expect.arrayContaining(['embedded PostgreSQL exited unexpectedly; restarting it', 'embedded PostgreSQL restarted (crash recovery done)']));
    // Stopping on purpose is not a crash: no restart follows.
    await pgHandle.stop();
    pgHandle = undefined;
    await sleep(1500);
    expect(events.filter((e) => e.msg.startsWith('embedded PostgreSQL restarted'))).toHaveLength(1);
  });
});
