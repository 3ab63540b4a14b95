/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { browserSuite, DESK, expectAccessible, login, newContext, PHONE, screenshot } from './support.js';

describe('messages in the browser', () => {
  const suite = browserSuite({ WORKER_INLINE: 'true' });

  it('posts, and a colleague in another browser sees it arrive live, replies and likes it', async () => {
    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    const priya = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(jan, 'demo.employee');
    await login(priya, 'demo.contractor');
    await priya.getByRole('tab', { name: 'Iedereen' }).waitFor();

    const text = `Wie gaat er mee naar de #iphone meetup? ${Date.now()}`;
    await jan.getByLabel('Wat wil je delen?').fill(text);
    await jan.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    await jan.getByText(text).waitFor();
    await expectAccessible(jan);
    await screenshot(jan, 'home-feed');

    // Live: the banner appears on Priya's screen without a reload.
    const banner = priya.getByRole('button', { name: /1 nieuw bericht/ });
    await banner.waitFor({ timeout: 10_000 });
    await banner.click();
    const card = priya.locator('[data-testid="message"]', { hasText: text });
    await card.waitFor();
    await screenshot(priya, 'phone-feed-live');
    // The phone layout never scrolls sideways.
    expect(await priya.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    await card.getByRole('button', { name: /Vind ik leuk/ }).click();
    await card.getByTestId('like-count').filter({ hasText: /^1$/ }).waitFor();
    expect(await card.getByRole('button', { name: /Vind ik niet meer leuk/ }).getAttribute('aria-pressed')).toBe('true');
    // Replying opens the conversation, with the reply box ready.
    await card.getByRole('link', { name: /Reageren/ }).click();
    await priya.waitForURL(/\/messages\/[0-9a-f-]{36}#reply$/);
    await priya.getByPlaceholder('Schrijf een reactie…').fill('Ik kom! @demo.employee');
    await priya.getByRole('button', { name: 'Versturen' }).click();
    await priya.getByTestId('replies').getByText('Ik kom!').waitFor();
    // The counts reach Jan's screen live.
    await jan.waitForFunction((t) => {
      const el = [...document.querySelectorAll('[data-testid="message"]')].find((e) => e.textContent?.includes(t));
      return el?.querySelector('[data-testid="reply-count"]')?.textContent === '1' && el?.querySelector('[data-testid="like-count"]')?.textContent === '1';
    }, text, { timeout: 10_000 });

    // Jan's notification badge counts up live; the list says who did what, in Dutch.
    await jan.getByTestId('unread-count').waitFor({ timeout: 15_000 });
    await jan.getByRole('link', { name: /Meldingen/ }).click();
    await jan.getByText('Priya Ramdin reageerde op je bericht').or(jan.getByText('Priya Ramdin noemde je in een bericht')).first().waitFor();
    await expect(jan.getByText('Priya Ramdin vond je bericht leuk').isVisible()).resolves.toBe(true);
    await expectAccessible(jan);
    await screenshot(jan, 'notifications');
    await jan.getByRole('button', { name: 'Alles gelezen' }).click();
    await jan.getByTestId('unread-count').waitFor({ state: 'detached' });
  });

  it('suggests colleagues for an @mention while typing, and the posted mention links to the person', async () => {
    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    const box = jan.getByLabel('Wat wil je delen?');
    await box.fill('Dank je wel @ramd');
    const option = jan.getByRole('option', { name: /Priya Ramdin/ });
    await option.waitFor();
    await box.press('Enter');
    expect(await box.inputValue()).toBe('Dank je wel @demo.contractor ');
    await box.pressSequentially('voor de hulp!');
    await jan.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    const card = jan.locator('[data-testid="message"]', { hasText: 'voor de hulp!' });
    // The mention shows the person's name, not their login name.
    await card.locator('.mention', { hasText: '@Priya Ramdin' }).waitFor();
    await expectAccessible(jan);
    await card.getByRole('link', { name: '@Priya Ramdin' }).click();
    await jan.getByRole('heading', { name: 'Priya Ramdin' }).waitFor();
  });

  it('suggests hashtags in use while typing #, and posts a message with a photo and its description', async () => {
    // A tag someone already used, so there is something to suggest.
    const hr = await suite.app.login('demo.hr');
    const seeded = await suite.app.gql(`mutation { postMessage(input: { text: "Het plan voor #duurzaamheid staat online", audience: "company" }) { id } }`, {}, hr.accessToken);
    expect(seeded.body.errors).toBeUndefined();

    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    const box = jan.getByLabel('Wat wil je delen?');
    await box.fill('Zonnepanelen op het dak! #DUURZ');
    const option = jan.getByRole('option', { name: /#duurzaamheid/ });
    await option.waitFor();
    expect(await jan.getByRole('listbox', { name: 'Hashtags in gebruik' }).isVisible()).toBe(true);
    await box.press('ArrowDown'); // one suggestion: the keys wrap around to it
    await box.press('Enter');
    expect(await box.inputValue()).toBe('Zonnepanelen op het dak! #duurzaamheid ');

    // A photo: a wide PNG, half yellow, half blue.
    const photo = await sharp({ create: { width: 1200, height: 600, channels: 3, background: { r: 240, g: 200, b: 20 } } })
      .composite([{ input: { create: { width: 600, height: 600, channels: 3, background: { r: 20, g: 60, b: 200 } } }, left: 600, top: 0 }])
      .png()
      .toBuffer();
    await jan.getByLabel('Foto’s toevoegen').setInputFiles({ name: 'dak.png', mimeType: 'image/png', buffer: photo });
    await jan.getByLabel('Beschrijving van foto 1 (voor wie hem niet kan zien)').fill('Zonnepanelen op het dak van kantoor Utrecht');
    await expectAccessible(jan);
    await screenshot(jan, 'composer-image-and-hashtag');
    await jan.getByRole('button', { name: 'Plaatsen', exact: true }).click();

    const card = jan.locator('[data-testid="message"]', { hasText: 'Zonnepanelen op het dak!' });
    const img = card.getByRole('img', { name: 'Zonnepanelen op het dak van kantoor Utrecht' });
    await img.waitFor();
    await jan.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle(), { timeout: 10_000 });
    expect(await img.evaluate((el) => [(el as HTMLImageElement).naturalWidth, (el as HTMLImageElement).naturalHeight])).toEqual([1200, 600]);
    await card.locator('.hashtag', { hasText: '#duurzaamheid' }).waitFor();
    // "Open full size" is the image itself, not the app's HTML page.
    const href = await card.locator('.message-images a').first().getAttribute('href');
    const full = await jan.request.get(href!, { headers: { accept: 'text/html,image/webp,*/*' } });
    expect(full.headers()['content-type']).toBe('image/webp');
    // The composer is empty again, photo included.
    expect(await box.inputValue()).toBe('');
    expect(await jan.getByLabel('Beschrijving van foto 1 (voor wie hem niet kan zien)').count()).toBe(0);
    await expectAccessible(jan);
    await screenshot(jan, 'message-with-image');

    // Someone else, on a phone, sees the photo too.
    const priya = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(priya, 'demo.contractor');
    await priya.getByRole('tab', { name: 'Iedereen' }).click();
    const theirs = priya.locator('[data-testid="message"]', { hasText: 'Zonnepanelen op het dak!' }).getByRole('img', { name: 'Zonnepanelen op het dak van kantoor Utrecht' });
    await theirs.waitFor();
    await priya.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await theirs.elementHandle(), { timeout: 10_000 });
    expect(await priya.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  it('never shows a contractor a payroll-only message', async () => {
    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    const priya = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    await login(priya, 'demo.contractor');
    // The contractor is not offered the payroll-only audience.
    expect(await priya.locator('#composer-audience option').allTextContents()).toEqual(['Iedereen (ook gedetacheerden en freelancers)']);

    const secret = `CAO-voorstel alleen voor medewerkers ${Date.now()}`;
    await jan.getByLabel('Wat wil je delen?').fill(secret);
    await jan.getByLabel('Wie mag het zien?').selectOption('employees');
    await jan.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    await jan.getByText(secret).waitFor();
    await jan.waitForFunction(() => (document.querySelector('#composer-text') as HTMLTextAreaElement | null)?.value === '');
    const open = `Openbaar bericht ${Date.now()}`;
    await jan.getByLabel('Wat wil je delen?').fill(open);
    await jan.getByLabel('Wie mag het zien?').selectOption('company');
    await jan.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    await jan.getByText(open).waitFor();

    // Live: only the public one is announced to the contractor.
    await priya.getByRole('button', { name: /1 nieuw bericht/ }).waitFor({ timeout: 10_000 });
    await priya.reload();
    await priya.getByText(open).waitFor();
    expect(await priya.getByText(secret).count()).toBe(0);
  });
});
