/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { NotificationMailService } from '../../libs/mail/src/index.js';
import { browserSuite, DESK, expectAccessible, login, newContext, PHONE, screenshot } from './support.js';

/**
 * The two mail screens: a person's e-mail settings (each kind on or off, the digest day, kept
 * across a reload), and the admins' read-only "Verzonden mail" page that shows what the embedded
 * default wrote as .eml files.
 */
describe('mail screens in the browser', () => {
  const suite = browserSuite();

  it('lets a person switch a kind of mail off and pick the digest day, on a phone; both are kept', async () => {
    const context = await newContext(suite.browser, suite.app.url, PHONE);
    const page = await context.newPage();
    await login(page, 'demo.contractor');
    await page.getByRole('button', { name: 'Meer' }).click();
    await page.getByRole('link', { name: 'E-mail' }).click();
    await page.getByRole('heading', { name: 'E-mailinstellingen' }).waitFor();
    const mention = page.getByRole('checkbox', { name: 'Iemand noemt je' });
    expect(await mention.isChecked()).toBe(true);
    await mention.uncheck();
    await page.getByText('Opgeslagen.').waitFor();
    await page.getByLabel('Dag van het weekoverzicht “Plein deze week”').selectOption({ label: 'vrijdag' });
    await expectAccessible(page);
    await screenshot(page, 'mail-settings-phone');
    await page.reload();
    await page.getByRole('heading', { name: 'E-mailinstellingen' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Iemand noemt je' }).isChecked()).toBe(false);
    await expect(page.getByLabel('Dag van het weekoverzicht “Plein deze week”').inputValue()).resolves.toBe('5');
    await context.close();
  });

  it('shows admins the mail Plein wrote, and no one else', async () => {
    const db = suite.app.plein.app.get(DataSource);
    const [owner]: { id: string }[] = await db.query(`SELECT id FROM people WHERE uid = 'demo.employee'`);
    const [asker]: { id: string }[] = await db.query(`SELECT id FROM people WHERE uid = 'demo.hr'`);
    const [group]: { id: string }[] = await db.query(
      `INSERT INTO groups (name, name_key, category, kind, created_by) VALUES ('Zeilclub', 'zeilclub', 'social', 'closed', $1) RETURNING id`,
      [owner.id],
    );
    const t0 = new Date(Date.now() + 3600_000);
    await db.query(`INSERT INTO group_memberships (group_id, person_id, role, status) VALUES ($1, $2, 'owner', 'active')`, [group.id, owner.id]);
    await db.query(`INSERT INTO group_memberships (group_id, person_id, role, status, created_at) VALUES ($1, $2, 'member', 'requested', $3)`, [
      group.id,
      asker.id,
      new Date(t0.getTime() - 5 * 60_000),
    ]);
    await suite.app.plein.app.get(NotificationMailService).tick(t0);

    const context = await newContext(suite.browser, suite.app.url, DESK);
    const page = await context.newPage();
    await login(page, 'demo.admin');
    await page.goto('/admin/sent-mail');
    await page.getByRole('heading', { name: 'Verzonden mail' }).waitFor();
    const subject = page.getByRole('button', { name: /wil lid worden van Zeilclub/ });
    await subject.click();
    await page.getByRole('region', { name: /wil lid worden van Zeilclub/ }).waitFor();
    const frame = page.frameLocator('iframe[title*="Zeilclub"]');
    await frame.getByText(/Zeilclub/).first().waitFor();
    // Styled as a mail client shows it: the mail's inline styles apply (the preview's own CSP allows them).
    expect(await frame.getByText(/Zeilclub/).first().evaluate((e) => getComputedStyle(e).fontFamily)).toMatch(/Segoe UI/);
    await expectAccessible(page);
    await screenshot(page, 'sent-mail-desk');
    await context.close();

    const member = await newContext(suite.browser, suite.app.url, DESK);
    const other = await member.newPage();
    await login(other, 'demo.employee');
    await other.goto('/admin/sent-mail');
    await other.getByRole('main').waitFor();
    expect(await other.getByRole('button', { name: /wil lid worden van Zeilclub/ }).count()).toBe(0);
    await member.close();
  });
});
