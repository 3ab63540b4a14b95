/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import { browserSuite, DESK, expectAccessible, login, newContext, PHONE, screenshot } from './support.js';

describe('the staff directory in the browser', () => {
  const suite = browserSuite();

  it('finds colleagues despite typos and particles, filters by employment type, and opens a profile to follow', async () => {
    const page = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(page, 'demo.employee');
    await page.getByRole('link', { name: 'Collega’s' }).click();
    const grid = page.getByTestId('people-grid');
    await grid.locator('li').first().waitFor();
    await expectAccessible(page);
    await screenshot(page, 'people');

    await page.getByLabel('Zoek op naam, afdeling, functie, vaardigheid of plaats').fill('ramdn');
    await grid.getByText('Priya Ramdin').waitFor();
    await page.getByLabel('Zoek op naam, afdeling, functie, vaardigheid of plaats').fill('van der berg');
    await grid.getByText('Jan van der Berg').waitFor();

    await page.getByLabel('Zoek op naam, afdeling, functie, vaardigheid of plaats').fill('');
    await page.getByRole('checkbox', { name: /Freelancer/ }).check();
    await grid.getByText("Joris van 't Zand").waitFor();
    const badges = await grid.getByTestId('employment-badge').allTextContents();
    expect(new Set(badges)).toEqual(new Set(['Freelancer']));

    await grid.getByText("Joris van 't Zand").click();
    await page.getByRole('heading', { name: "Joris van 't Zand" }).waitFor();
    await page.getByRole('button', { name: 'Volgen' }).click();
    await page.getByRole('button', { name: 'Ontvolgen' }).waitFor();
    await page.getByText(/^1 volger ·/).waitFor();
  });

  it('shows the grid on a phone without sideways scrolling', async () => {
    const page = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(page, 'demo.freelancer');
    await page.getByRole('link', { name: 'Collega’s' }).click();
    await page.getByTestId('people-grid').locator('li').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-people');
  });
});
