/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { bootApp, type TestApp } from '../support/app.js';
import { expectAccessible, launchBrowser, login, newContext, PHONE, DESK, screenshot } from './support.js';

describe('the staff directory in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await bootApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('finds colleagues despite typos and particles, filters by employment type, and opens a profile to follow', async () => {
    const page = await (await newContext(browser, app.url, DESK)).newPage();
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
    await page.getByText('1 volgers').waitFor();
  });

  it('shows the grid on a phone without sideways scrolling', async () => {
    const page = await (await newContext(browser, app.url, PHONE)).newPage();
    await login(page, 'demo.freelancer');
    await page.getByRole('link', { name: 'Collega’s' }).click();
    await page.getByTestId('people-grid').locator('li').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-people');
  });
});
