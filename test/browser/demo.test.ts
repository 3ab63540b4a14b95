/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { browserSuite, expectAccessible, login, newContext, screenshot } from './support.js';

/**
 * The living demo in the browser (issue 17): what a person judging Plein sees on a fresh start,
 * on a phone and at a desk: a feed with pictures and suggestions, groups (the iPhone group the
 * biggest, a join request waiting), blogs, the moderation queue, insights drawn as charts, and the
 * first-login welcome of demo.newcomer.
 */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1366, height: 800 } };

/** A canvas that Chart.js drew on (some pixels are not transparent). */
async function drawn(page: Page, testId: string): Promise<boolean> {
  const canvas = page.getByTestId(testId);
  await canvas.waitFor();
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return true;
    return false;
  });
}

describe('the living demo in the browser', () => {
  const suite = browserSuite({ SEED_DEMO_CONTENT: 'true' });

  it.each([
    ['desk', DESK],
    ['phone', PHONE],
  ])('shows demo.employee a living feed, suggestions, groups and blogs (%s)', async (name, device) => {
    const page = await (await newContext(suite.browser, suite.app.url, device)).newPage();
    await login(page, 'demo.employee');
    // The feed: seeded messages, a picture drawn by the seed, the campaign folded into one card.
    const picture = page.getByRole('img', { name: '5G-mast Rotterdam-Zuid' }).first();
    await picture.scrollIntoViewIfNeeded();
    // The picture the seed drew arrives (decoded, with its size), not just its <img>.
    await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 1200, await picture.elementHandle());
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await page.locator('.feed article').count()).toBeGreaterThanOrEqual(10);
    // demo.employee follows few people: suggestions with a reason and one-click follow.
    const suggestions = page.getByRole('region', { name: 'Voorgesteld voor jou' });
    await suggestions.getByText('Uit je team').first().waitFor();
    await suggestions.getByRole('button', { name: /^Lid worden van / }).first().waitFor();
    await expectAccessible(page);
    await screenshot(page, `demo-home-${name}`);

    await page.goto('/groups');
    await page.getByRole('link', { name: /iPhone-gebruikers/ }).first().waitFor();
    await screenshot(page, `demo-groups-${name}`);
    // The closed project group demo.employee owns: one request to join, waiting.
    await page.getByRole('link', { name: /Project Glasvezel Oost/ }).first().click();
    await page.getByRole('tab', { name: 'Beheer' }).click();
    await page.getByTestId('join-requests').locator('li').first().waitFor();
    expect(await page.getByTestId('join-requests').locator('li').count()).toBe(1);
    await screenshot(page, `demo-group-requests-${name}`);

    await page.goto('/blogs');
    await page.getByText('Stand van zaken cao-onderhandelingen').first().waitFor();
    await page.getByText('Tien jaar glasvezel: van proefwijk tot 1 miljoen aansluitingen').first().waitFor();
    await screenshot(page, `demo-blogs-${name}`);
    await page.getByRole('link', { name: 'Stand van zaken cao-onderhandelingen' }).first().click();
    await page.getByText('3,5% is minder dan de inflatie van vorig jaar').waitFor();
    await page.getByText(/De 3,5% komt bovenop de 4%/).waitFor();
    await screenshot(page, `demo-blog-hr-${name}`);
    await page.context().close();
  });

  it.each([
    ['desk', DESK],
    ['phone', PHONE],
  ])('shows the moderator a report waiting in the queue and insights as charts (%s)', async (name, device) => {
    const page = await (await newContext(suite.browser, suite.app.url, device)).newPage();
    await login(page, 'demo.moderator');
    await page.goto('/moderation');
    await page.getByText(/wat een sukkel/).first().waitFor();
    await screenshot(page, `demo-moderation-${name}`);

    await page.goto('/insights');
    await page.getByTestId('insights-computed').getByText(/Berekend op/).waitFor();
    for (const chart of ['chart-active', 'chart-department', 'chart-type', 'chart-answer', 'chart-campaign']) {
      expect({ chart, drawn: await drawn(page, chart) }).toEqual({ chart, drawn: true });
    }
    await expect(page.getByRole('img', { name: 'Lijngrafiek: actieve mensen per week' }).isVisible()).resolves.toBe(true);
    // The tables stay, for screen readers and CSV.
    expect(await page.getByTestId('adoption-trend').locator('tbody tr').count()).toBe(12);
    await expectAccessible(page);
    await screenshot(page, `demo-insights-${name}`);
    await page.context().close();
  });

  it('welcomes demo.newcomer once: photo, headline, colleagues to follow, groups to join (phone)', async () => {
    const page = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(page, 'demo.newcomer');
    await page.getByRole('heading', { name: 'Welkom bij Plein, Noah!' }).waitFor();
    await page.getByText('Stap 1 van 4').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'demo-welcome-1-photo');
    await page.getByRole('button', { name: 'Overslaan', exact: true }).click();

    await page.getByLabel('Kopregel').fill('Trainee klantenservice in Zwolle');
    await screenshot(page, 'demo-welcome-2-headline');
    await page.getByRole('button', { name: 'Volgende' }).click();

    await page.getByRole('heading', { name: 'Collega’s volgen' }).waitFor();
    await page.getByText('Je leidinggevende', { exact: true }).waitFor();
    const first = page.locator('.suggestion-list .suggestion').first();
    await first.getByText('Je leidinggevende', { exact: true }).waitFor(); // the manager comes first
    await first.getByRole('button', { name: /volgen$/ }).click();
    await first.locator('button[aria-pressed="true"]').getByText('Volgend').waitFor();
    // The person followed stays in the list (no refetch pulls it away).
    await page.waitForTimeout(500);
    await first.locator('button[aria-pressed="true"]').getByText('Volgend').waitFor();
    await expectAccessible(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'demo-welcome-3-people');
    await page.getByRole('button', { name: 'Volgende' }).click();

    await page.getByRole('heading', { name: 'Groepen' }).waitFor();
    await page.locator('.suggestion-list .suggestion').first().getByRole('button').first().click();
    await page.getByText(/Je bent lid|Aangevraagd/).first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'demo-welcome-4-groups');
    await page.getByRole('button', { name: 'Naar Plein' }).click();

    // Home; and the welcome never comes back, not even after a new login.
    await page.getByRole('tablist').waitFor();
    await page.reload();
    await page.getByRole('tablist').waitFor();
    await expect(page.getByRole('heading', { name: 'Welkom bij Plein, Noah!' }).count()).resolves.toBe(0);
    const [{ headline }] = await suite.app.gql(`{ me { profile { headline } } }`, {}, (await suite.app.login('demo.newcomer')).accessToken).then((r) => [(r.body.data as { me: { profile: { headline: string } } }).me.profile]);
    expect(headline).toBe('Trainee klantenservice in Zwolle');
    await screenshot(page, 'demo-welcome-5-home');
    await page.context().close();
  });
});
