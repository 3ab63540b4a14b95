// node scripts/mail-screenshot.mjs — renders a sample "Plein deze week" digest with the real
// templates from the build (DigestService.compose → MJML layout → Handlebars) and photographs it in
// Chromium, light and dark (prefers-color-scheme), into docs/screenshots/. Also writes the HTML.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { distImport } from './bench-support.mjs';

const { DigestService, MailLinks, UnsubscribeTokens, DEFAULT_MAIL_TUNING } = await distImport('libs/mail/src/index.js');
const links = new MailLinks('https://plein.example.nl', new UnsubscribeTokens('screenshot-secret-screenshot-secret-0'));
const digest = new DigestService(null, null, { links }, DEFAULT_MAIL_TUNING);
const id = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const row = {
  id: id(1), email: 'sanne.devries@plein-telecom.nl', language: process.argv[2] === 'en' ? 'en' : 'nl', name: 'Sanne', claimed: true,
  featured: [
    { id: id(2), title: 'Zo bouwden we het nieuwe glasvezelnet in Zwolle', author: 'Jan van der Berg' },
    { id: id(3), title: 'Tien jaar Plein Telecom: een terugblik', author: 'Fatima El Amrani' },
  ],
  conversations: [
    { id: id(4), audience: `group:${id(9)}`, body: 'Wie heeft er ervaring met de nieuwe planningstool? Wij lopen vast bij het importeren van de roosters.', replies: 14, authorId: id(5), author: 'Pieter Jansen' },
    { id: id(6), audience: 'company', body: 'De kerstborrel is dit jaar op vrijdag 18 december in de kantine. Wie helpt er mee met versieren?', replies: 9, authorId: id(7), author: 'Emma de Wit' },
  ],
  notices: [{ id: id(8), title: 'VPN traag voor kantoor Utrecht', severity: 'major' }],
  vacancies: [{ id: id(10), title: 'Netwerkengineer (36 uur)', closesOn: '2027-01-15' }],
  colleagues: [{ id: id(11), name: 'Noah van Dam', jobTitle: 'Servicedesk-medewerker' }],
  readers: 23,
  answerers: 5,
};
const mail = await digest.compose(row, '<digest-sample@plein>');
mkdirSync('docs/screenshots', { recursive: true });
const suffix = row.language === 'en' ? '-en' : '';
writeFileSync(`docs/screenshots/digest${suffix}.html`, mail.html);
const browser = await chromium.launch({ executablePath: process.env.PLEIN_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 680, height: 900 }, colorScheme: scheme });
    await page.setContent(mail.html, { waitUntil: 'load' });
    await page.screenshot({ path: `docs/screenshots/digest${suffix}-${scheme}.png`, fullPage: true });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`docs/screenshots/digest${suffix}-light.png, -dark.png; subject "${mail.subject}"`);
