import { afterAll, describe, expect, it } from '@jest/globals';
import { EVENT_ORDER_LOCK } from '@plein/realtime';
import pg from 'pg';
import { DEMO_PASSWORD, TEST_JWT_SECRET } from './support/app.js';
import { createTestDatabase } from './support/database.js';
import { startNode, stopNode, type NodeProcess } from './support/node.js';

async function waitFor(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

/**
 * SIGTERM while the api is busy. To have requests provably in flight, the test holds the realtime
 * event log's advisory lock: every postMessage then waits inside its transaction until released.
 */
describe('SIGTERM under load', () => {
  let node: NodeProcess | undefined;
  afterAll(async () => {
    if (node?.child.exitCode === null) node.child.kill('SIGKILL');
  });

  it('stops taking new work, finishes the requests in flight, keeps every acknowledged write and exits 0', async () => {
    const url = await createTestDatabase('sigterm');
    node = await startNode('api', { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, JWT_SECRET: TEST_JWT_SECRET, SEED_DEMO: 'true', WORKER_INLINE: 'false', LOG_LEVEL: 'info', POST_RATE_LIMIT_PER_MINUTE: '10000' });
    const api = node.url;
    const login = await fetch(`${api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo.employee', password: DEMO_PASSWORD }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const gql = (query: string, variables: Record<string, unknown> = {}) =>
      fetch(`${api}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ query, variables }) });

    // Background readers: the load around the writes. Every answer they get is 200 or 503, never a 500.
    const statuses: number[] = [];
    let reading = true;
    const readers = Array.from({ length: 4 }, async () => {
      while (reading) {
        const res = await gql('{ companyFeed(first: 20) { edges { node { id } } } }').catch(() => null);
        if (res) {
          statuses.push(res.status);
          await res.text();
        } else await new Promise((r) => setTimeout(r, 20)); // refused after the stop: new work is not taken
      }
    });

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await db.query('BEGIN');
      await db.query('SELECT pg_advisory_xact_lock($1)', [EVENT_ORDER_LOCK]);
      const texts = Array.from({ length: 12 }, (_, i) => `Onderweg tijdens het stoppen ${i}`);
      const posts = texts.map((text) => gql('mutation($t: String!) { postMessage(input: { text: $t, audience: "company" }) { id text } }', { t: text }));
      await waitFor(async () => {
        // pg_stat_activity is a snapshot per transaction: clear it, as `db` is inside one.
        await db.query('SELECT pg_stat_clear_snapshot()');
        const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rows;
        return n === texts.length;
      }, 20_000, 'every post waiting on a lock'); // on the log lock, or behind the first post (its rate-limit row)

      node.child.kill('SIGTERM');
      // New connections are refused while the posts are still waiting.
      await waitFor(() => fetch(`${api}/health/live`).then((r) => (r.body?.cancel(), false), () => true), 10_000, 'new connections refused');
      expect(node.child.exitCode).toBeNull();
      await db.query('COMMIT');

      const answers = await Promise.all(posts.map(async (p) => {
        const res = await p;
        return { status: res.status, body: (await res.json()) as { data?: { postMessage: { id: string; text: string } }; errors?: unknown } };
      }));
      expect(answers.map((a) => a.status)).toEqual(texts.map(() => 200));
      expect(answers.map((a) => a.body.data?.postMessage.text)).toEqual(texts);
      expect(await node.exited).toBe(0);
      reading = false;
      await Promise.all(readers);

      const ids = answers.map((a) => a.body.data!.postMessage.id);
      const stored = await db.query('SELECT body FROM messages WHERE id = ANY($1::uuid[]) ORDER BY body', [ids]);
      expect(stored.rows.map((r: { body: string }) => r.body)).toEqual([...texts].sort());
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
      expect(node.output()).toContain('received SIGTERM, shutting down');
    } finally {
      reading = false;
      await db.end();
      await stopNode(node);
    }
  });
});
