/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { browserSuite, DESK, login, newContext } from './support.js';

/**
 * Issue 16: "[Network] Failed to fetch" becomes "Geen verbinding. Je bericht is bewaard; we proberen
 * het opnieuw." and the post is retried. A post that fails for want of a connection is kept (in
 * localStorage), said so in the person's language, and sent again when the connection is back,
 * exactly once (the post's clientId makes a replay return the message stored the first time).
 */
describe('posting without a connection', () => {
  const suite = browserSuite({ WORKER_INLINE: 'true' });
  const OFFLINE = 'Geen verbinding. Je bericht is bewaard; we proberen het opnieuw.';

  /** How many messages with this text the server holds. */
  async function stored(text: string): Promise<number> {
    const rows = (await suite.app.plein.app.get(DataSource).query(`SELECT count(*)::int AS n FROM messages WHERE body = $1 AND deleted_at IS NULL`, [text])) as { n: number }[];
    return rows[0]!.n;
  }
  const outbox = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('plein.outbox.')).map((k) => localStorage.getItem(k) ?? '').join(''));

  it('keeps a post written offline, says so, and posts it once when the connection is back', async () => {
    const context = await newContext(suite.browser, suite.app.url, DESK);
    const jan = await context.newPage();
    await login(jan, 'demo.employee');
    await jan.getByRole('tab', { name: 'Iedereen' }).waitFor();

    await context.setOffline(true);
    const text = `Offline geschreven in de trein ${Date.now()}`;
    await jan.getByLabel('Wat wil je delen?').fill(text);
    await jan.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    await jan.getByText(OFFLINE).waitFor();
    // Kept: in the box, and in localStorage (a reload or a closed tab loses nothing).
    expect(await jan.getByLabel('Wat wil je delen?').inputValue()).toBe(text);
    expect(await outbox(jan)).toContain(text);
    // The backoff tries again while offline; nothing reaches the server.
    await jan.waitForTimeout(3_000);
    expect(await jan.getByText(OFFLINE).isVisible()).toBe(true);

    await context.setOffline(false);
    const card = jan.locator('[data-testid="message"]', { hasText: text });
    await card.waitFor({ timeout: 20_000 });
    await jan.getByText(OFFLINE).waitFor({ state: 'detached' });
    expect(await jan.getByLabel('Wat wil je delen?').inputValue()).toBe('');
    expect(await outbox(jan)).toBe('');
    await jan.waitForTimeout(1_500);
    expect(await card.count()).toBe(1);
    expect(await stored(text)).toBe(1);
    await jan.reload();
    await jan.locator('[data-testid="message"]', { hasText: text }).waitFor();
    expect(await jan.locator('[data-testid="message"]', { hasText: text }).count()).toBe(1);
  });

  it('posts once when the post reached the server but its answer was lost, and the retry gets the stored message', async () => {
    const context = await newContext(suite.browser, suite.app.url, DESK);
    const jan = await context.newPage();
    await login(jan, 'demo.employee');
    await jan.getByRole('tab', { name: 'Iedereen' }).waitFor();
    const text = `Antwoord kwijt onderweg ${Date.now()}`;
    // The first PostMessage goes through to the server; the browser never sees the answer.
    let lost = 0;
    const posts: string[] = [];
    await jan.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string; variables?: { input?: { clientId?: string } } } | null;
      if (body?.operationName === 'PostMessage' || body?.operationName === 'OutboxPost') posts.push(`${body.operationName}:${body.variables?.input?.clientId}`);
      if (body?.operationName === 'PostMessage' && lost === 0) {
        lost += 1;
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.fallback();
    });
    await jan.getByLabel('Wat wil je delen?').fill(text);
    await jan.getByRole('button', { name: 'Plaatsen', exact: true }).click();

    // The outbox sends it again at once (the connection is there), with the same clientId, and
    // the server answers with the message it stored the first time.
    await jan.locator('[data-testid="message"]', { hasText: text }).waitFor({ timeout: 20_000 });
    await jan.waitForTimeout(1_500);
    expect(lost).toBe(1);
    expect(posts).toHaveLength(2);
    const [first, retry] = posts.map((p) => p.split(':'));
    expect(first![0]).toBe('PostMessage');
    expect(retry![0]).toBe('OutboxPost');
    expect(retry![1]).toBe(first![1]);
    expect(await jan.locator('[data-testid="message"]', { hasText: text }).count()).toBe(1);
    expect(await jan.getByLabel('Wat wil je delen?').inputValue()).toBe('');
    expect(await stored(text)).toBe(1);
  });

  it('keeps a reply written offline and adds it to the thread once when the connection is back', async () => {
    const { accessToken } = await suite.app.login('demo.hr');
    const root = await suite.app.gql<{ postMessage: { id: string } }>(`mutation($input: PostMessageInput!) { postMessage(input: $input) { id } }`, { input: { text: `Wie neemt taart mee? ${Date.now()}`, audience: 'company' } }, accessToken);
    const id = root.body.data!.postMessage.id;
    const context = await newContext(suite.browser, suite.app.url, DESK);
    const jan = await context.newPage();
    await login(jan, 'demo.employee');
    await jan.goto(`/messages/${id}`);
    await jan.getByLabel('Jouw reactie').waitFor();

    await context.setOffline(true);
    const text = `Ik neem appeltaart mee ${Date.now()}`;
    await jan.getByLabel('Jouw reactie').fill(text);
    await jan.getByRole('button', { name: 'Versturen' }).click();
    await jan.getByText(OFFLINE).waitFor();
    expect(await jan.getByLabel('Jouw reactie').inputValue()).toBe(text);
    await context.setOffline(false);

    const replies = jan.getByTestId('replies');
    await replies.locator('[data-testid="message"]', { hasText: text }).waitFor({ timeout: 20_000 });
    await jan.waitForTimeout(1_500);
    expect(await replies.locator('[data-testid="message"]', { hasText: text }).count()).toBe(1);
    expect(await jan.getByLabel('Jouw reactie').inputValue()).toBe('');
    expect(await stored(text)).toBe(1);
  });
});
