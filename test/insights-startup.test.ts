import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../orm.js';
import { bootApp, type TestApp } from './support/app.js';

/**
 * Insights are never "not computed yet" for long (issue 17): a worker that starts on a day without a
 * rollup queues one at once, instead of waiting for the next hourly run.
 */
describe('the insights rollup at start', () => {
  let app: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    // The clean test organisation has no rollup yet; the api runs the worker inline.
    app = await bootApp({ WORKER_INLINE: 'true' });
    db = new DataSource(dataSourceOptions(app.databaseUrl));
    await db.initialize();
  }, 60_000);

  afterAll(async () => {
    await db?.destroy();
    await app?.close();
  });

  it('runs on start when no rollup ran today, so the dashboard has figures', async () => {
    let computedToday = false;
    for (let i = 0; i < 100 && !computedToday; i++) {
      const [row]: { today: boolean }[] = await db.query('SELECT coalesce(max(computed_at) >= current_date, false) AS today FROM insight_rollups');
      computedToday = row.today;
      if (!computedToday) await new Promise((r) => setTimeout(r, 300));
    }
    expect(computedToday).toBe(true);
    const { accessToken } = await app.login('demo.moderator');
    const res = await app.gql(`{ insightsDashboard(weeks: 4) { computedAt } }`, {}, accessToken);
    expect((res.body.data as { insightsDashboard: { computedAt: string | null } }).insightsDashboard.computedAt).not.toBeNull();
  });
});
