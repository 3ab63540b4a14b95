/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, expectAccessible, login, newContext, screenshot } from './support.js';

/** The sizes the brief names: a phone (390 × 844) and a desk (1366 × 800). */
const PHONE_390 = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESK_1366 = { viewport: { width: 1366, height: 800 } };

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
/** The "n stemmen · p%" line of an option of the poll in this card. */
const countOf = (card: Locator, option: string) => card.getByTestId('poll').locator('li', { hasText: option }).getByTestId('poll-count');

describe('polls in the browser', () => {
  const suite = browserSuite({ WORKER_INLINE: 'true' });

  /** Opens the company feed and the new message from the live banner; returns its card. */
  async function cardFromBanner(page: Page, text: string): Promise<Locator> {
    const banner = page.getByRole('button', { name: /1 nieuw bericht/ });
    await banner.waitFor({ timeout: 10_000 });
    await banner.click();
    const card = page.locator('[data-testid="message"]', { hasText: text });
    await card.waitFor();
    return card;
  }

  it('a poll posted on a desk is voted on a phone and on a desk, and the results update live', async () => {
    const author = await (await newContext(suite.browser, suite.app.url, DESK_1366)).newPage();
    const phone = await (await newContext(suite.browser, suite.app.url, PHONE_390)).newPage();
    const desk = await (await newContext(suite.browser, suite.app.url, DESK_1366)).newPage();
    await login(author, 'demo.hr');
    await login(phone, 'demo.employee');
    await login(desk, 'demo.freelancer');
    await phone.getByRole('tab', { name: 'Iedereen' }).waitFor();
    await desk.getByRole('tab', { name: 'Iedereen' }).waitFor();

    const question = `Waar lunchen we vrijdag? ${Date.now()}`;
    await author.getByLabel('Wat wil je delen?').fill(question);
    await author.getByRole('button', { name: 'Peiling toevoegen' }).click();
    await author.getByLabel('Keuze 1', { exact: true }).fill('Kantine');
    await author.getByLabel('Keuze 2', { exact: true }).fill('Buiten');
    await author.getByRole('button', { name: 'Keuze toevoegen' }).click();
    await author.getByLabel('Keuze 3', { exact: true }).fill('Thuis');
    await author.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    const mine = author.locator('[data-testid="message"]', { hasText: question });
    await mine.getByTestId('poll').waitFor();
    // The author sees the (empty) results from the start.
    await countOf(mine, 'Buiten').filter({ hasText: '0 stemmen' }).waitFor();

    // On the phone: the poll arrives live, one choice, results after voting.
    const onPhone = await cardFromBanner(phone, question);
    await expect(countOf(onPhone, 'Kantine').count()).resolves.toBe(0);
    await onPhone.getByLabel('Buiten').check();
    await onPhone.getByRole('button', { name: 'Stemmen' }).click();
    await countOf(onPhone, 'Buiten').filter({ hasText: '1 stem · 100%' }).waitFor();
    await onPhone.getByRole('button', { name: 'Mijn stem wijzigen' }).waitFor();
    expect(await noSidewaysScroll(phone)).toBeLessThanOrEqual(0);
    await expectAccessible(phone);
    await screenshot(phone, 'poll-phone-voted');

    // The author's screen follows live.
    await countOf(mine, 'Buiten').filter({ hasText: '1 stem · 100%' }).waitFor({ timeout: 10_000 });

    // On a desk: another vote; the phone and the author see it without a reload.
    const onDesk = await cardFromBanner(desk, question);
    await onDesk.getByLabel('Kantine').check();
    await onDesk.getByRole('button', { name: 'Stemmen' }).click();
    await countOf(onDesk, 'Kantine').filter({ hasText: '1 stem · 50%' }).waitFor();
    await countOf(onPhone, 'Kantine').filter({ hasText: '1 stem · 50%' }).waitFor({ timeout: 10_000 });
    await countOf(mine, 'Buiten').filter({ hasText: '1 stem · 50%' }).waitFor({ timeout: 10_000 });
    await onDesk.getByTestId('poll-voters').filter({ hasText: '2 mensen stemden' }).waitFor();
    await expectAccessible(desk);
    await screenshot(desk, 'poll-desk-voted');
  });

  it('the composer adds a poll on a phone, and refuses an empty option', async () => {
    const phone = await (await newContext(suite.browser, suite.app.url, PHONE_390)).newPage();
    await login(phone, 'demo.contractor');
    const question = `Welke dag voor de teamuitje? ${Date.now()}`;
    await phone.getByLabel('Wat wil je delen?').fill(question);
    await phone.getByRole('button', { name: 'Peiling toevoegen' }).click();
    const editor = phone.getByTestId('poll-editor');
    await editor.waitFor();
    await phone.getByLabel('Keuze 1', { exact: true }).fill('Dinsdag');
    // An empty option: the post button waits for it.
    await expect(phone.getByRole('button', { name: 'Plaatsen', exact: true }).isDisabled()).resolves.toBe(true);
    await phone.getByLabel('Keuze 2', { exact: true }).fill('Donderdag');
    await phone.getByLabel('Stemmers mogen meer keuzes aankruisen').check();
    await phone.getByLabel('Uitslag tonen').selectOption('AFTER_CLOSE');
    expect(await noSidewaysScroll(phone)).toBeLessThanOrEqual(0);
    await expectAccessible(phone);
    await screenshot(phone, 'poll-phone-composer');
    await phone.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    const card = phone.locator('[data-testid="message"]', { hasText: question });
    await card.getByTestId('poll').waitFor();
    await expect(editor.count()).resolves.toBe(0);
    // Multiple choice: check boxes; results after closing (the author sees them all along).
    await expect(card.getByRole('checkbox').count()).resolves.toBe(2);
    await card.getByText('Uitslag als de peiling sluit').or(card.getByTestId('poll-voters')).first().waitFor();
    expect(await noSidewaysScroll(phone)).toBeLessThanOrEqual(0);
  });
});
