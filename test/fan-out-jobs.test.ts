import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { bootApp, type TestApp } from './support/app.js';

/**
 * Notification jobs are queued in the write's own transaction: a committed write always has its job
 * (there is no moment after the commit where a crash could lose it), a rolled-back write never has
 * one. The api runs without a worker here, so queued jobs stay in pg-boss's table to be counted.
 */
describe('notification jobs go in the same transaction as the write', () => {
  let app: TestApp;
  let db: pg.Client;
  let token: Record<string, string>;
  let hrId: string;
  const jobs = async (where: string, params: unknown[] = []) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notifications.fan-out' ${where}`, params)).rows[0].n;

  beforeAll(async () => {
    app = await bootApp({ WORKER_INLINE: 'false' });
    db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    token = {};
    for (const uid of ['demo.employee', 'demo.hr']) token[uid] = (await app.login(uid)).accessToken;
    hrId = (await app.login('demo.hr')).person.id;
    // Checks that run at COMMIT (a deferred constraint trigger), after everything in the transaction
    // was written: a message saying "ROLLBACK-ME" fails its commit; one saying "JOB-CHECK" commits
    // only if its notification job is already there, inside the same transaction (queued after the
    // commit, there would be a moment where the write exists and its job does not).
    await db.query(`CREATE FUNCTION test_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.body LIKE '%ROLLBACK-ME%' THEN RAISE EXCEPTION 'refused at commit'; END IF;
        IF NEW.body LIKE '%JOB-CHECK%' AND NOT EXISTS (
          SELECT 1 FROM pgboss.job WHERE name = 'notifications.fan-out' AND data->>'messageId' = NEW.id::text
        ) THEN RAISE EXCEPTION 'committing without its notification job'; END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE CONSTRAINT TRIGGER test_fail_at_commit AFTER INSERT OR UPDATE ON messages
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_at_commit()`);
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  const post = (uid: string, text: string) =>
    app.gql<{ postMessage: { id: string } }>('mutation($t: String!) { postMessage(input: { text: $t, audience: "company" }) { id } }', { t: text }, token[uid]);

  it('a committed mention, reply, like and follow each have their job', async () => {
    const mention = await post('demo.employee', 'JOB-CHECK: zie je morgen, @demo.hr');
    const id = mention.body.data!.postMessage.id;
    expect(await jobs(`AND data->>'kind' = 'message' AND data->>'messageId' = $1`, [id])).toBe(1);

    const reply = await app.gql<{ postMessage: { id: string } }>('mutation($r: ID!) { postMessage(input: { text: "JOB-CHECK prima", replyToId: $r }) { id } }', { r: id }, token['demo.hr']);
    expect(await jobs(`AND data->>'kind' = 'message' AND data->>'messageId' = $1`, [reply.body.data!.postMessage.id])).toBe(1);

    await app.gql('mutation($id: ID!) { likeMessage(id: $id) { id } }', { id }, token['demo.hr']);
    expect(await jobs(`AND data->>'kind' = 'like' AND data->>'messageId' = $1`, [id])).toBe(1);

    await app.gql('mutation($p: ID!) { follow(personId: $p) { id } }', { p: hrId }, token['demo.employee']);
    expect(await jobs(`AND data->>'kind' = 'follow' AND data->>'personId' = $1`, [hrId])).toBe(1);
    // Following again changes nothing and queues nothing.
    await app.gql('mutation($p: ID!) { follow(personId: $p) { id } }', { p: hrId }, token['demo.employee']);
    expect(await jobs(`AND data->>'kind' = 'follow' AND data->>'personId' = $1`, [hrId])).toBe(1);
  });

  it('a write that rolls back (here: at its commit) leaves no job behind', async () => {
    const before = await jobs('');
    const mention = await post('demo.employee', 'ROLLBACK-ME, @demo.hr');
    expect(mention.body.data?.postMessage).toBeUndefined();
    expect(mention.body.errors?.length).toBeGreaterThan(0);
    const { rows } = await db.query(`SELECT 1 FROM messages WHERE body LIKE '%ROLLBACK-ME%'`);
    expect(rows).toHaveLength(0);
    expect(await jobs('')).toBe(before);

    // The same write without the failing check commits, with its job: the job is not lost either way.
    const ok = await post('demo.employee', 'JOB-CHECK: geen probleem, @demo.hr');
    expect(await jobs(`AND data->>'messageId' = $1`, [ok.body.data!.postMessage.id])).toBe(1);
    expect(await jobs('')).toBe(before + 1);
  });
});
