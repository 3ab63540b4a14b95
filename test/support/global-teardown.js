import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  await globalThis.__pleinTestPg?.stop();
  if (process.env.PLEIN_TEST_PG_DIR) rmSync(process.env.PLEIN_TEST_PG_DIR, { recursive: true, force: true });
}
