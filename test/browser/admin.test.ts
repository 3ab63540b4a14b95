/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { browserSuite, DESK, expectAccessible, login, newContext, PHONE, screenshot } from './support.js';

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
  it('grants a role, creates a custom profile field and a SCIM token (shown once), and reads the moderation audit log page by page', async () => {
    // Something real in the audit log: Jan reports Priya's message.
    const priya = await suite.app.login('demo.contractor');
    const msg = await suite.app.gql('mutation { postMessage(input: { text: "Koop nu goedkope horloges via mijn link!", audience: "company" }) { id } }', {}, priya.accessToken);
    const jan = await suite.app.login('demo.employee');
    const report = await suite.app.gql('mutation($id: ID!) { reportContent(input: { itemType: MESSAGE, itemId: $id, reason: SPAM_OR_ADVERTISING }) { id } }', { id: msg.body.data.postMessage.id }, jan.accessToken);
    expect(report.body.errors).toBeUndefined();

    const page = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(page, 'demo.admin');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
    const adminNav = page.getByRole('navigation', { name: 'Beheeronderdelen' });

    // Roles: find Hendrik, make him a vacancy poster.
    await adminNav.getByRole('link', { name: 'Rollen' }).click();
    await page.getByLabel('Collega').fill('Hendrik de Ruijter');
    await page.getByRole('button', { name: /Hendrik de Ruijter/ }).click();
    const roles = page.getByTestId('roles-table');
    await roles.getByRole('button', { name: 'Vacatureplaatser toekennen' }).click();
    await page.getByText('Hendrik de Ruijter is nu Vacatureplaatser.').waitFor();
    await roles.getByRole('button', { name: 'Vacatureplaatser intrekken' }).waitFor();
    const hendrik = await suite.app.login('demo.hr');
    expect((await suite.app.gql('{ me { roles } }', {}, hendrik.accessToken)).body.data.me.roles).toContain('VACANCY_POSTER');
    await expectAccessible(page);
    await screenshot(page, 'admin-roles');

    // Custom profile fields: the server's message for a bad key shows by the field; then it is created.
    await adminNav.getByRole('link', { name: 'Profielvelden' }).click();
    await page.getByText('Er zijn nog geen eigen profielvelden.').waitFor();
    await page.getByLabel('Sleutel').fill('Shirt Maat');
    await page.getByLabel('Label (Nederlands)').fill('Shirtmaat');
    await page.getByLabel('Label (Engels)').fill('Shirt size');
    await page.getByLabel('Soort').selectOption({ label: 'Keuze' });
    await page.getByLabel('Keuzes').fill('S, M, L, XL');
    await page.getByRole('button', { name: 'Veld toevoegen' }).click();
    await page.getByText('Begin met een kleine letter en gebruik alleen a-z, 0-9 en _ (2 tot 50 tekens).').waitFor();
    await expect(page.getByLabel('Sleutel').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel('Sleutel').fill('shirt_maat');
    await page.getByRole('button', { name: 'Veld toevoegen' }).click();
    await page.getByTestId('fields-table').getByText('shirt_maat').waitFor();
    await page.getByText('Veld shirt_maat toegevoegd.').waitFor();
    const fields = await suite.app.gql('{ profileFields { key labelNl type options } }', {}, jan.accessToken);
    expect(fields.body.data.profileFields).toEqual([{ key: 'shirt_maat', labelNl: 'Shirtmaat', type: 'CHOICE', options: ['S', 'M', 'L', 'XL'] }]);
    await page.getByRole('button', { name: 'Veld shirt_maat bewerken' }).click();
    await page.getByRole('heading', { name: 'Veld shirt_maat bewerken' }).waitFor();
    await expect(page.getByLabel('Keuzes').inputValue()).resolves.toBe('S, M, L, XL');
    await page.getByLabel('Label (Nederlands)').fill('Maat T-shirt');
    await page.getByLabel('Keuzes').fill('S, M, L');
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.getByText('Veld shirt_maat bijgewerkt.').waitFor();
    await page.getByTestId('fields-table').getByText('Maat T-shirt').waitFor();
    const updated = await suite.app.gql('{ profileFields { key labelNl type options } }', {}, jan.accessToken);
    expect(updated.body.data.profileFields).toEqual([{ key: 'shirt_maat', labelNl: 'Maat T-shirt', type: 'CHOICE', options: ['S', 'M', 'L'] }]);
    await expectAccessible(page);
    await screenshot(page, 'admin-profile-fields');

    // SCIM tokens: the secret is shown once, works against /scim/v2, and is gone after a reload.
    await adminNav.getByRole('link', { name: 'SCIM-tokens' }).click();
    await page.getByText('Er zijn nog geen tokens.').waitFor();
    await page.getByLabel('Naam', { exact: true }).fill('Entra ID');
    await page.getByRole('button', { name: 'Token maken' }).click();
    await page.getByTestId('scim-secret').waitFor();
    const secret = await page.getByLabel('Geheim token').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await page.getByTestId('scim-table').getByText(`…${secret.slice(-4)}`).waitFor();
    const scim = await fetch(`${suite.app.url}/scim/v2/Users?count=1`, { headers: { authorization: `Bearer ${secret}` } });
    expect(scim.status).toBe(200);
    await expectAccessible(page);
    await screenshot(page, 'admin-scim-tokens');
    await page.getByRole('button', { name: 'Ik heb het bewaard' }).click();
    await page.getByTestId('scim-secret').waitFor({ state: 'detached' });
    await page.reload();
    await page.getByTestId('scim-table').getByText('Entra ID').waitFor();
    expect(await page.content()).not.toContain(secret);

    // The audit log, read-only. Fixture rows (append-only table) give it more than one page.
    const db = new pg.Client({ connectionString: suite.app.databaseUrl });
    await db.connect();
    await db.query(`INSERT INTO moderation_audit (created_at, event, reason) SELECT now() - make_interval(mins => i), 'fixture.paging', 'row ' || i FROM generate_series(1, 60) AS i`);
    const total = (await db.query('SELECT count(*)::int AS n FROM moderation_audit')).rows[0].n as number;
    await db.end();
    await adminNav.getByRole('link', { name: 'Moderatielogboek' }).click();
    const audit = page.getByTestId('audit-table');
    // Newest first (by entry): the fixture rows fill the first page, the report is on the next.
    await audit.getByText('row 1', { exact: true }).waitFor();
    await expect(audit.locator('tbody tr').count()).resolves.toBe(50);
    await page.getByRole('button', { name: 'Oudere regels' }).click();
    // In words, not codes: the event, the item type and the reason.
    const reportRow = audit.getByRole('row').filter({ hasText: 'Rapportage gedaan' });
    await reportRow.waitFor();
    await reportRow.getByText('Jan van der Berg').waitFor();
    await reportRow.getByText('Priya Ramdin').waitFor();
    await reportRow.getByText('Spam of reclame', { exact: true }).waitFor();
    await reportRow.getByText('Bericht', { exact: true }).waitFor();
    await expect(reportRow.getByText('report.created').count()).resolves.toBe(0);
    await expect(audit.locator('tbody tr').count()).resolves.toBe(total);
    expect(await page.getByRole('button', { name: 'Oudere regels' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'admin-audit-log');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteren als CSV' }).click()]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv).toContain('report.created');
    expect(csv.trim().split('\n').length).toBe(total + 1);

    // On a phone every admin screen fits the width (wide tables scroll inside their own box).
    const phone = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(phone, 'demo.admin');
    for (const [path, ready] of [['/admin/roles', 'Collega'], ['/admin/profile-fields', 'shirt_maat'], ['/admin/scim', 'Entra ID'], ['/admin/audit', 'fixture.paging']] as const) {
      await phone.goto(path);
      await phone.getByText(ready, { exact: true }).first().waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    }
    await expectAccessible(phone);
    await screenshot(phone, 'phone-admin-audit-log');
  });
});
