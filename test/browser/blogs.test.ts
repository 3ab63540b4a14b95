/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import { browserSuite, DESK, expectAccessible, login, newContext, screenshot } from './support.js';

describe('blogs in the browser', () => {
  const suite = browserSuite({ WORKER_INLINE: 'true' });

  it('the HR director writes with a preview that shows what was cleaned, publishes, and answers a reader', async () => {
    const hr = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(hr, 'demo.hr');
    await hr.getByRole('navigation').getByRole('link', { name: 'Blogs' }).click();
    await hr.getByRole('link', { name: 'Schrijven' }).click();
    await hr.getByLabel('Titel').fill('Stand van de cao-onderhandelingen');
    await hr.getByLabel('Tekst (Markdown)').fill('## Waar staan we?\n\nDe **onderhandelingen** lopen. <script>alert(1)</script>\n\n<img src=x onerror=alert(2)>');
    await hr.getByLabel('Tags (gescheiden door komma’s)').fill('cao, hr');
    await hr.getByRole('button', { name: 'Voorbeeld' }).click();
    await hr.getByText(/Voor de veiligheid verwijderd: .*script/).waitFor();
    await hr.getByRole('heading', { name: 'Waar staan we?' }).waitFor();
    await expectAccessible(hr);
    await hr.getByRole('button', { name: 'Publiceren' }).click();
    await hr.getByRole('heading', { name: 'Stand van de cao-onderhandelingen' }).waitFor();
    // No script survived into the page.
    expect(await hr.locator('.blog-body script').count()).toBe(0);
    expect(await hr.locator('.blog-body [onerror]').count()).toBe(0);
    const postUrl = hr.url();

    const reader = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(reader, 'demo.employee');
    await reader.goto(postUrl);
    await reader.getByRole('heading', { name: 'Stand van de cao-onderhandelingen' }).waitFor();
    await reader.getByLabel('Reageer op deze post').fill('Wanneer komt er een akkoord?');
    await reader.getByRole('button', { name: 'Reageren' }).click();
    await reader.getByText('Wanneer komt er een akkoord?').waitFor();

    await hr.reload();
    await hr.getByText('Wanneer komt er een akkoord?').waitFor();
    await hr.getByRole('button', { name: 'Antwoorden' }).click();
    await hr.getByLabel('Antwoorden').fill('We verwachten een akkoord voor de zomer.');
    await hr.getByRole('button', { name: 'Reageren' }).click();
    await hr.getByText('We verwachten een akkoord voor de zomer.').waitFor();
    await hr.getByText(/Beantwoord door de schrijver/).waitFor();
    await screenshot(hr, 'blog-post');

    await reader.getByRole('navigation').getByRole('link', { name: 'Blogs' }).click();
    await reader.getByLabel('Zoek in blogs').fill('onderhandeling');
    await reader.getByRole('link', { name: /Stand van de cao-onderhandelingen/ }).waitFor();
  });
});
