/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { browserSuite, DESK, expectAccessible, login, newContext, screenshot } from './support.js';

describe('admin screens in the browser', () => {
  const suite = browserSuite({ WORKER_INLINE: 'true' });

  it('runs an HR import dry run: progress, counts and rejected rows by line, and saves nothing', async () => {
    const db = new pg.Client({ connectionString: suite.app.databaseUrl });
    await db.connect();
    const before = (await db.query('SELECT count(*)::int AS n FROM people')).rows[0].n;

    const page = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(page, 'demo.admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Beheer' }).click();
    await page.getByLabel('Personeelsbestand (CSV)').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: readFileSync('test/fixtures/hr/broken.csv') });
    await expect(page.getByLabel('Proefrun (niets opslaan)').isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Import starten' }).click();
    await page.getByTestId('hr-status').getByText('Klaar').waitFor({ timeout: 30_000 });
    await page.getByText('Proefrun: er is niets opgeslagen.').waitFor();
    await page.getByRole('heading', { name: 'Afgekeurde rijen' }).waitFor();
    const rejected = await page.getByTestId('hr-status').locator('li').allTextContents();
    expect(rejected.length).toBeGreaterThan(2);
    expect(rejected[0]).toMatch(/^Regel \d+/);
    await expectAccessible(page);
    await screenshot(page, 'admin-hr-import');

    expect((await db.query('SELECT count(*)::int AS n FROM people')).rows[0].n).toBe(before);
    await db.end();
  });

  it('does not offer admin screens to a member, and refuses them if opened directly', async () => {
    const page = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(page, 'demo.employee');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Beheer' }).count()).toBe(0);
    await page.goto('/admin/hr-import');
    await page.getByText('Alleen beheerders kunnen dit doen.').waitFor();
  });
});
