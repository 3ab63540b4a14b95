import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations/index.js';
import { dataSourceOptions } from '../orm.js';
import { createTestDatabase } from './support/database.js';

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

describe('migrations', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions(await createTestDatabase('mig')));
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  it('lists every migration file in migrations/index.ts', () => {
    const files = readdirSync('migrations').filter((f) => /^\d+-.+\.ts$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    expect(MIGRATIONS.map((m) => m.name).sort()).toEqual(files.map((f) => f.replace(/^(\d+)-(.+)\.ts$/, '$2$1')).sort());
  });

  it('run up from an empty database, match the entities exactly, and run down to empty again', async () => {
    expect(await tables(ds)).toEqual([]);
    const ran = await ds.runMigrations({ transaction: 'each' });
    expect(ran).toHaveLength(MIGRATIONS.length);
    expect(await tables(ds)).toEqual(expect.arrayContaining(['departments', 'people', 'rate_limit_buckets', 'sessions', 'socket_io_attachments']));

    // What `typeorm migration:generate --check` does: the entities need no further schema change.
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);

    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables(ds)).toEqual([]);
    const types: { typname: string }[] = await ds.query(`SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`);
    expect(types).toEqual([]);

    // And up again: down really undid everything up did.
    await ds.runMigrations({ transaction: 'each' });
    expect(await tables(ds)).toContain('people');
  });
});
