/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { browserSuite, DESK, login, newContext } from './support.js';

/**
 * Issue 18, the normalised cache (urql Graphcache): an action updates every screen that shows the
 * thing, without a reload and without fetching that screen again. Each test goes somewhere by
 * client-side navigation (a link, or the browser's back button, which the app handles itself), does
 * something there, comes back, and checks both what the screen shows and which GraphQL operations
 * the browser sent meanwhile.
 */
describe('one cache for every screen', () => {
  const suite = browserSuite({ WORKER_INLINE: 'true' });

  async function post(uid: string, text: string): Promise<string> {
    const { accessToken } = await suite.app.login(uid);
    const res = await suite.app.gql<{ postMessage: { id: string } }>(`mutation($input: PostMessageInput!) { postMessage(input: $input) { id } }`, { input: { text, audience: 'company' } }, accessToken);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.postMessage.id;
  }

  /** The names of the GraphQL operations the page sends from now on. */
  function operations(page: Page): string[] {
    const sent: string[] = [];
    page.on('request', (req) => {
      if (!req.url().endsWith('/graphql') || req.method() !== 'POST') return;
      const name = (req.postDataJSON() as { operationName?: string } | null)?.operationName;
      if (name) sent.push(name);
    });
    return sent;
  }

  /** Marks the document: a full page load would lose the mark. */
  const mark = (page: Page) => page.evaluate(() => ((window as unknown as { cacheTestMark: number }).cacheTestMark = 1));
  const marked = (page: Page) => page.evaluate(() => (window as unknown as { cacheTestMark?: number }).cacheTestMark === 1);

  it('a like on a thread page is on the feed card when I go back, and the feed is not fetched again', async () => {
    const text = `Wie heeft de sleutel van de fietsenstalling? ${Date.now()}`;
    await post('demo.hr', text);
    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    const card = jan.locator('[data-testid="message"]', { hasText: text });
    await card.waitFor();
    expect(await card.getByTestId('like-count').textContent()).toBe('0');
    await mark(jan);
    const sent = operations(jan);

    // To the thread (a click on the card), like it there, back to the feed with the back link.
    await card.locator('a.time-link').click();
    await jan.waitForURL(/\/messages\//);
    const root = jan.locator('[data-testid="message"]', { hasText: text }).first();
    await root.getByRole('button', { name: /Vind ik leuk/ }).click();
    await root.getByTestId('like-count').filter({ hasText: /^1$/ }).waitFor();
    const fetchesBefore = sent.filter((n) => n === 'CompanyFeed').length;
    await jan.getByRole('link', { name: /Terug naar de tijdlijn/ }).click();
    await jan.waitForURL((url) => url.pathname === '/');

    const back = jan.locator('[data-testid="message"]', { hasText: text });
    await back.getByTestId('like-count').filter({ hasText: /^1$/ }).waitFor({ timeout: 5_000 });
    expect(await back.getByRole('button', { name: /Vind ik niet meer leuk/ }).getAttribute('aria-pressed')).toBe('true');
    await jan.waitForTimeout(500);
    expect(sent).toContain('LikeMessage');
    expect(sent.filter((n) => n === 'CompanyFeed').length).toBe(fetchesBefore);
    expect(fetchesBefore).toBe(0);
    expect(await marked(jan)).toBe(true);
  });

  it('a reshare made on a thread page is first in the feed when I go back, with the original counted', async () => {
    const text = `Nieuwe koffiemachine op de derde verdieping ${Date.now()}`;
    const id = await post('demo.hr', text);
    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    await jan.locator('[data-testid="message"]', { hasText: text }).waitFor();
    await mark(jan);
    const sent = operations(jan);

    await jan.locator(`[data-testid="message"][data-message-id="${id}"] a.time-link`).click();
    await jan.waitForURL(`**/messages/${id}`);
    const root = jan.locator(`[data-testid="message"][data-message-id="${id}"]`);
    await root.getByRole('button', { name: /Delen/ }).click();
    await root.getByLabel('Jouw noot').fill('Eindelijk!');
    await root.getByRole('button', { name: 'Delen', exact: true }).last().click();
    await root.getByTestId('reshare-count').filter({ hasText: /^1$/ }).waitFor();
    await jan.goBack();
    await jan.waitForURL((url) => url.pathname === '/');

    const first = jan.locator('[data-testid="message"]').first();
    await first.filter({ hasText: 'Eindelijk!' }).waitFor({ timeout: 5_000 });
    expect(await first.textContent()).toContain(text);
    expect(await first.getByTestId('reshare-count').textContent()).toBe('1');
    expect(sent).toContain('ReshareMessage');
    expect(sent).not.toContain('CompanyFeed');
    expect(await marked(jan)).toBe(true);
  });

  it('a follow on a profile shows on the people list when I go back, without searching again', async () => {
    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    await jan.getByRole('link', { name: 'Collega’s' }).first().click();
    await jan.waitForURL('**/people');
    const grid = jan.getByTestId('people-grid');
    await grid.locator('li').first().waitFor();
    // Someone I do not follow yet (and not myself: my own profile has no follow button).
    const face = grid.locator('li', { hasNot: jan.getByTestId('following') }).filter({ hasNotText: 'Jan' }).first();
    const name = (await face.locator('.author').textContent())!;
    await mark(jan);
    const sent = operations(jan);

    await face.getByRole('link').click();
    await jan.getByRole('heading', { name }).waitFor();
    await jan.getByRole('button', { name: 'Volgen', exact: true }).click();
    await jan.getByRole('button', { name: 'Ontvolgen' }).waitFor();
    await jan.goBack();
    await jan.waitForURL('**/people');

    const again = grid.locator('li', { hasText: name });
    await again.getByTestId('following').waitFor({ timeout: 5_000 });
    expect(await again.getByTestId('following').textContent()).toBe('Je volgt');
    expect(sent).toContain('FollowPerson');
    expect(sent).not.toContain('People');
    expect(await marked(jan)).toBe(true);
  });

  it('a message deleted while I am elsewhere is gone from the feed when I come back (live event into the cache)', async () => {
    const text = `Vergadering van vanmiddag gaat niet door ${Date.now()}`;
    const id = await post('demo.hr', text);
    const priya = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(priya, 'demo.contractor');
    await priya.locator('[data-testid="message"]', { hasText: text }).waitFor();
    await mark(priya);
    const sent = operations(priya);
    await priya.getByRole('link', { name: 'Collega’s' }).first().click();
    await priya.waitForURL('**/people');
    await priya.getByTestId('people-grid').locator('li').first().waitFor();

    const hr = await suite.app.login('demo.hr');
    const deleted = await suite.app.gql(`mutation($id: ID!) { deleteMessage(id: $id) }`, { id }, hr.accessToken);
    expect(deleted.body.errors).toBeUndefined();
    // The live event arrives while the feed is not on screen.
    await priya.waitForTimeout(2500);
    await priya.getByRole('link', { name: 'Start' }).first().click();
    await priya.waitForURL((url) => url.pathname === '/');
    await priya.locator('[data-testid="message"]').first().waitFor();
    expect(await priya.locator('[data-testid="message"]', { hasText: text }).count()).toBe(0);
    expect(sent).not.toContain('CompanyFeed');
    expect(await marked(priya)).toBe(true);
  });
});
