import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PgBoss } from 'pg-boss';
import { DataSource } from 'typeorm';
import { EXPIRE_SESSIONS_JOB } from '@plein/identity';
import { TEST_JWT_SECRET } from './support/app.js';
import { createMigratedDatabase } from './support/database.js';

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`condition not met within ${ms} ms`);
}

describe('apps/worker: background jobs on the Postgres queue', () => {
  let url: string;
  let ds: DataSource;
  beforeAll(async () => {
    ({ url, ds } = await createMigratedDatabase('worker'));
  });
  afterAll(() => ds.destroy());

  it('runs the expire-sessions job sent by another process, then stops cleanly on SIGTERM', async () => {
    const entry = 'dist/apps/worker/apps/worker/src/main.js';
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` (npm test does it first)`);
    const [person] = await ds.query(
      `INSERT INTO people (given_name, family_name, display_name, email, employment_type) VALUES ('Job', 'Test', 'Job Test', 'job@test.example', 'employee') RETURNING id`,
    );
    await ds.query(
      `INSERT INTO sessions (person_id, family_id, token_hash, expires_at) VALUES
        ($1, gen_random_uuid(), 'expired', now() - interval '1 hour'),
        ($1, gen_random_uuid(), 'valid', now() + interval '1 hour')`,
      [person.id],
    );
    const child = spawn(process.execPath, [entry], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, JWT_SECRET: TEST_JWT_SECRET, NODE_ENV: 'test', SEED_DEMO: 'false', PLEIN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'plein-worker-')) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      await waitFor(async () => out.includes('"msg":"worker ready"'), 30_000);
      const boss = new PgBoss({ connectionString: url });
      await boss.start();
      await boss.send(EXPIRE_SESSIONS_JOB, {});
      await boss.stop({ graceful: false });
      await waitFor(async () => (await ds.query(`SELECT token_hash FROM sessions ORDER BY 1`)).length === 1, 20_000);
      expect(await ds.query(`SELECT token_hash FROM sessions`)).toEqual([{ token_hash: 'valid' }]);
      // The job logs after its transaction commits, so the line may arrive a moment after the row is gone.
      await waitFor(async () => out.includes('"msg":"expired sessions purged"'), 10_000);
      expect(out).toContain('"msg":"expired sessions purged","sessions":1');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
