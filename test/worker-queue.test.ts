import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NOTIFICATIONS_FAN_OUT_JOB } from '@plein/messages';
import { PgBoss } from 'pg-boss';
import { DataSource } from 'typeorm';
import { TEST_JWT_SECRET } from './support/app.js';
import { createMigratedDatabase } from './support/database.js';
import { startNode, stopNode, type NodeProcess } from './support/node.js';

async function waitFor(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

/**
 * Two worker processes on one queue. The job is the mention fan-out, which inserts one notification
 * per run (it is not idempotent), so a job done twice would show as an extra row. One worker is
 * stopped with SIGTERM half-way: it finishes what it holds, the other does the rest.
 */
describe('two workers on one Postgres queue', () => {
  let url: string;
  let ds: DataSource;
  const workers: NodeProcess[] = [];
  beforeAll(async () => {
    ({ url, ds } = await createMigratedDatabase('workers'));
  });
  afterAll(async () => {
    for (const w of workers) await stopNode(w);
    await ds.destroy();
  });

  it('does each job exactly once, also when one worker stops in the middle', async () => {
    const [author, mentioned] = await ds.query(
      `INSERT INTO people (given_name, family_name, display_name, email, employment_type) VALUES
        ('Auteur', 'Een', 'Auteur Een', 'auteur@test.example', 'employee'), ('Genoemd', 'Twee', 'Genoemd Twee', 'genoemd@test.example', 'employee') RETURNING id`,
    );
    const JOBS = 40;
    const messages: { id: string }[] = await ds.query(
      `INSERT INTO messages (author_id, audience, body, entities) SELECT $1, 'company', 'Hoi @genoemd ' || g, '{"links":[],"mentions":[],"hashtags":[]}' FROM generate_series(1, $2::int) g RETURNING id`,
      [author.id, JOBS],
    );
    await ds.query(`INSERT INTO message_mentions (message_id, person_id) SELECT unnest($1::uuid[]), $2`, [messages.map((m) => m.id), mentioned.id]);

    const env = { DATABASE_URL: url, JWT_SECRET: TEST_JWT_SECRET, SEED_DEMO: 'false', LOG_LEVEL: 'info' };
    workers.push(...(await Promise.all([startNode('worker', env), startNode('worker', env)])));
    const boss = new PgBoss({ connectionString: url });
    await boss.start();
    try {
      for (const m of messages) await boss.send(NOTIFICATIONS_FAN_OUT_JOB, { kind: 'message', messageId: m.id, actorId: author.id });
    } finally {
      await boss.stop({ graceful: false });
    }
    const notifications = async () => Number((await ds.query(`SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1`, [mentioned.id]))[0].n);

    await waitFor(async () => (await notifications()) >= JOBS / 4, 60_000, 'a quarter of the jobs done');
    expect(await stopNode(workers[0])).toBe(0);
    await waitFor(async () => (await notifications()) >= JOBS, 60_000, 'every job done');
    // Give a duplicate the time to show up, then count once more.
    await new Promise((r) => setTimeout(r, 2000));
    const perMessage: { message_id: string; n: number }[] = await ds.query(
      `SELECT message_id, count(*)::int AS n FROM notifications WHERE recipient_id = $1 GROUP BY message_id`,
      [mentioned.id],
    );
    expect(perMessage).toHaveLength(JOBS);
    expect(perMessage.filter((r) => r.n !== 1)).toEqual([]);
    const states: { state: string; n: number }[] = await ds.query(`SELECT state, count(*)::int AS n FROM pgboss.job WHERE name = $1 GROUP BY state`, [NOTIFICATIONS_FAN_OUT_JOB]);
    expect(states).toEqual([{ state: 'completed', n: JOBS }]);
    expect(workers[0].output()).toContain('finishing running jobs');
  });
});
