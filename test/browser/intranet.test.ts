/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import { browserSuite, DESK, expectAccessible, login, newContext, PHONE, screenshot } from './support.js';

describe('the web intranet in Chromium', () => {
  const suite = browserSuite();

  it('shows the Dutch login page, refuses a wrong password, logs in and shows who you are', async () => {
    const context = await newContext(suite.browser, suite.app.url, DESK);
    const page = await context.newPage();
    await page.goto('/');
    // The app first tries a silent session refresh (a loading state), then shows the login form.
    const heading = page.getByRole('heading', { name: 'Inloggen bij Plein' });
    await heading.waitFor();
    await expect(heading.isVisible()).resolves.toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expectAccessible(page);
    await screenshot(page, 'login');

    await page.getByLabel('Gebruikersnaam').fill('demo.employee');
    await page.getByLabel('Wachtwoord').fill('fout');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Onjuiste gebruikersnaam of wachtwoord.');

    await login(page, 'demo.employee');
    await expect(page.getByTestId('me-name').textContent()).resolves.toBe('Jan van der Berg');
    await page.getByLabel('Wat wil je delen?').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'home');

    await page.getByRole('link', { name: 'Mijn profiel' }).click();
    await page.getByRole('heading', { name: 'Jan van der Berg' }).waitFor();
    await expect(page.getByText('Netwerkbeheer').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('employment-badge').textContent()).resolves.toBe('Medewerker');
    expect(new URL(page.url()).pathname).toBe('/profile');
    await expectAccessible(page);
    await screenshot(page, 'profile');

    // A reload keeps the session (refresh cookie) and the route.
    await page.reload();
    await page.getByRole('heading', { name: 'Jan van der Berg' }).waitFor();

    // English on request, remembered.
    await page.getByLabel('Taal').selectOption('en');
    await page.getByRole('link', { name: 'My profile' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in to Plein' }).waitFor();
    await context.close();

    // The choice is stored on the person: another device, where nobody chose yet, opens in English.
    const other = await newContext(suite.browser, suite.app.url, DESK);
    const fresh = await other.newPage();
    await login(fresh, 'demo.employee');
    await fresh.getByRole('link', { name: 'My profile' }).waitFor();
    expect(await fresh.getAttribute('html', 'lang')).toBe('en');
    await other.close();
  });

  it('shows a contractor their badge, and fits a 360 px phone', async () => {
    const context = await newContext(suite.browser, suite.app.url, PHONE);
    const page = await context.newPage();
    await login(page, 'demo.contractor');
    await page.getByRole('link', { name: 'Mijn profiel' }).click();
    await expect(page.getByTestId('employment-badge').textContent()).resolves.toBe('Gedetacheerd');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await screenshot(page, 'phone-profile');
    await context.close();
  });

  it('is installable: a web app manifest, icons and an offline page', async () => {
    const manifest = (await (await fetch(`${suite.app.url}/manifest.webmanifest`)).json()) as { name: string; display: string; icons: { src: string }[] };
    expect(manifest).toMatchObject({ name: 'Plein', display: 'standalone' });
    for (const icon of manifest.icons) expect((await fetch(`${suite.app.url}${icon.src}`)).status).toBe(200);
    const offline = await fetch(`${suite.app.url}/offline.html`);
    expect(await offline.text()).toContain('Je bent offline');
    // Client-side routes get the app; API routes are never shadowed by it.
    const route = await fetch(`${suite.app.url}/profile`, { headers: { accept: 'text/html' } });
    expect(await route.text()).toContain('<div id="root">');
    const api = await fetch(`${suite.app.url}/health/live`, { headers: { accept: 'text/html' } });
    expect(await api.json()).toEqual({ status: 'ok' });
  });
});
