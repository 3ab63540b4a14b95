/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import { strToU8, zipSync } from 'fflate';
import sharp from 'sharp';
import { browserSuite, DESK, expectAccessible, login, newContext, screenshot } from './support.js';

function linkedInZip(): Buffer {
  const files = {
    'Basic_LinkedInDataExport/Profile.csv': strToU8('\uFEFFFirst Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\r\nJan,van der Berg,,,,Netwerkengineer bij Plein,"Bouwt netwerken.\r\nHoudt van glasvezel.",Telecom,,Rotterdam,,,\r\n'),
    'Basic_LinkedInDataExport/Positions.csv': strToU8('Company Name,Title,Description,Location,Started On,Finished On\r\nKPN,Monteur,"Buitendienst, storingen",Rotterdam,Mar 2015,Dec 2019\r\n'),
    'Basic_LinkedInDataExport/Skills.csv': strToU8('Name\r\nGlasvezel\r\nglasvezel\r\nBGP\r\n'),
    'Basic_LinkedInDataExport/Connections.csv': strToU8('First Name,Last Name\r\nGeheime,Connectie\r\n'),
  };
  return Buffer.from(zipSync(files));
}

describe('profiles in the browser', () => {
  const suite = browserSuite();

  it('crops a photo with the keyboard (zoom in, move right) and the saved photo is the chosen square', async () => {
    const page = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(page, 'demo.contractor');
    await page.getByRole('link', { name: 'Mijn profiel' }).click();
    await page.getByRole('heading', { name: 'Priya Ramdin' }).waitFor();
    // 600 × 300: red on the left half, blue on the right. The centre square is half of each.
    const photo = await sharp({ create: { width: 600, height: 300, channels: 3, background: { r: 220, g: 20, b: 20 } } })
      .composite([{ input: { create: { width: 300, height: 300, channels: 3, background: { r: 20, g: 40, b: 220 } } }, left: 300, top: 0 }])
      .png()
      .toBuffer();
    await page.locator('#photo-input').setInputFiles({ name: 'priya.png', mimeType: 'image/png', buffer: photo });
    const frame = page.getByRole('group', { name: 'Uitsnede van je foto' });
    await frame.waitFor();
    await page.waitForFunction(() => (document.querySelector('[data-testid="crop-frame"] img') as HTMLImageElement | null)?.style.visibility !== 'hidden');
    await expectAccessible(page);
    await screenshot(page, 'profile-crop');
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.setViewportSize(DESK.viewport);

    // Keyboard only: the frame has focus; + zooms in twice, → moves the crop to the right edge.
    expect(await frame.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    expect(Number(await page.getByLabel('Zoom').inputValue())).toBeCloseTo(1.5625, 3);
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
    await screenshot(page, 'profile-crop-moved');
    await page.getByRole('button', { name: 'Foto opslaan' }).click();
    const avatar = page.locator('img.avatar-large');
    await avatar.waitFor({ timeout: 15_000 });
    await frame.waitFor({ state: 'detached' });

    // The stored photo (as the server re-encoded it) is all blue: only the chosen square was kept.
    const src = await avatar.getAttribute('src');
    const res = await fetch(`${suite.app.url}${src}`);
    expect(res.status).toBe(200);
    const { data, info } = await sharp(Buffer.from(await res.arrayBuffer())).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([256, 256]);
    let blue = 0;
    for (let i = 0; i < data.length; i += 3) if (data[i + 2] > 150 && data[i] < 80) blue++;
    expect(blue / (info.width * info.height)).toBeGreaterThan(0.98);
    await expectAccessible(page);
  });

  it('edits my profile, uploads a photo, and imports from LinkedIn through the wizard', async () => {
    const page = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(page, 'demo.employee');
    await page.getByRole('link', { name: 'Mijn profiel' }).click();
    await page.getByRole('button', { name: 'Profiel bewerken' }).click();
    await page.getByLabel('Kopregel').fill('Glasvezel is mijn vak');
    await page.getByLabel('Vaardigheden').fill('Glasvezel, BGP, <script>alert(1)</script>');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Glasvezel is mijn vak').waitFor();
    // Text stays text: the "script" is shown, never run.
    await page.getByText('<script>alert(1)</script>').waitFor();

    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 11, g: 110, b: 79 } } }).jpeg().toBuffer();
    await page.locator('#photo-input').setInputFiles({ name: 'jan.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    // A crop step comes first; the default crop (the centre square) is fine here.
    await page.getByRole('button', { name: 'Foto opslaan' }).click();
    await page.locator('img.avatar-large').waitFor({ timeout: 15_000 });
    await expectAccessible(page);
    await screenshot(page, 'profile-edited');

    await page.getByRole('link', { name: 'Importeren uit LinkedIn' }).click();
    await page.getByLabel('LinkedIn-export (ZIP of CSV)').setInputFiles({ name: 'Basic_LinkedInDataExport_11-22-2026.zip', mimeType: 'application/zip', buffer: linkedInZip() });
    await page.getByRole('button', { name: 'Bestanden lezen' }).click();
    await page.getByText('Dit vonden we. Kies wat je wilt overnemen.').waitFor();
    await expect(page.getByText(/Genegeerd \(niet opgeslagen\): .*Connections\.csv/).isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'linkedin-preview');
    await page.getByLabel('BGP').uncheck();
    await page.getByRole('button', { name: 'Overnemen in mijn profiel' }).click();
    await page.getByText('Je profiel is bijgewerkt.').waitFor();
    await page.getByRole('link', { name: 'Mijn profiel' }).first().click();
    await page.getByText('Monteur').waitFor();
    await expect(page.getByText('Netwerkengineer bij Plein').isVisible()).resolves.toBe(true);
  });
});
