/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { browserSuite, DESK, login, newContext } from './support.js';

/**
 * The Content-Security-Policy the api sends is strict (no inline script or style, same origin
 * only): the app must work under it with not one violation. Chromium reports each violation as a
 * `securitypolicyviolation` event in the page and as a console error; both are collected.
 */
describe('the web app under its Content-Security-Policy', () => {
  // The development default (GraphQL sandbox on) used to switch the policy off altogether.
  const suite = browserSuite({ GRAPHQL_PLAYGROUND: 'true' });

  it('loads, logs in, and works through the main screens with no CSP violation', async () => {
    const context = await newContext(suite.browser, suite.app.url, DESK);
    const violations: string[] = [];
    await context.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(`console: ${m.text()}`);
    });

    const first = await page.goto('/');
    expect(first?.headers()['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self'/);
    await login(page, 'demo.admin');
    await page.getByLabel('Wat wil je delen?').fill('Een bericht onder een strikte CSP #veilig');
    await page.getByRole('button', { name: 'Plaatsen' }).click();
    await page.getByText('Een bericht onder een strikte CSP').first().waitFor();

    for (const link of ['Collega’s', 'Groepen', 'Blogs', 'Vacatures', 'Storingen', 'Beheer', 'Mijn profiel']) {
      await page.getByRole('link', { name: link }).first().click();
      await page.waitForLoadState('networkidle');
    }
    await page.getByRole('heading', { name: 'Rik van Gelder' }).waitFor();

    // The photo cropper previews the chosen file through a blob: URL.
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 30, g: 120, b: 80 } } }).png().toBuffer();
    await page.locator('#photo-input').setInputFiles({ name: 'ik.png', mimeType: 'image/png', buffer: photo });
    await page.getByRole('group', { name: 'Uitsnede van je foto' }).waitFor();
    await page.getByRole('button', { name: 'Foto opslaan' }).click();
    await page.locator('img.avatar-large').waitFor({ timeout: 15_000 });

    // A reload (session from the refresh cookie) and the live socket connection.
    await page.reload();
    await page.getByTestId('me-name').waitFor({ state: 'attached' });
    await page.waitForLoadState('networkidle');

    expect(violations).toEqual([]);

    // The check can fail: an inline script is refused, and reported.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.appendChild(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    for (let i = 0; i < 50 && !violations.some((v) => v.startsWith('script-src')); i++) await new Promise((r) => setTimeout(r, 20));
    expect(violations.filter((v) => !v.startsWith('console:'))).toEqual([expect.stringMatching(/^script-src(-elem)? blocked inline/)]);
    await context.close();
  });
});
