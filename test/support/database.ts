import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../orm.js';

function adminUrl(): string {
  const url = process.env.PLEIN_TEST_PG_URL;
  if (!url) throw new Error('PLEIN_TEST_PG_URL is not set: run tests through jest (npm test), whose global setup starts PostgreSQL');
  return url;
}

/** A new empty database on the test cluster; returns its URL. */
export async function createTestDatabase(prefix = 't'): Promise<string> {
  const name = `plein_${prefix}_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new database with every migration applied. */
export async function createMigratedDatabase(prefix = 't'): Promise<{ url: string; ds: DataSource }> {
  const url = await createTestDatabase(prefix);
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return { url, ds };
}
