import { describe, expect, it } from '@jest/globals';
import { LAYOUT_HTML } from '../libs/mail/src/templates/layout.html.js';
import { compileLayout, renderHtml, type MailView } from '../libs/mail/src/templates/mail-renderer.js';

/**
 * The api fills a precompiled layout (layout.html.ts) so that MJML is never loaded by a running
 * api. That file must be exactly what MJML makes of layout.mjml.ts today: after a change to the
 * MJML, run `npm run mail:layout`.
 */
describe('mail layout', () => {
  it('the precompiled HTML is what MJML makes of the layout now (else: npm run mail:layout)', async () => {
    expect(LAYOUT_HTML).toBe(await compileLayout());
  });

  it('a mail fills the layout and escapes what people wrote', async () => {
    const view: MailView = {
      lang: 'en', brand: 'Plein', subject: 'Your week', preheader: 'Three things', title: 'Hello <Ann>', intro: 'What happened',
      sections: [{ heading: 'Posts', items: [{ title: 'A & B <script>', url: 'https://plein.test/m/1', meta: '2 likes' }] }],
      cta: { label: 'Open Plein', url: 'https://plein.test/' }, footerWhy: 'You follow people', settingsLabel: 'Settings',
      settingsUrl: 'https://plein.test/settings', unsubscribeLabel: 'Unsubscribe', unsubscribeUrl: 'https://plein.test/unsubscribe/abc',
    };
    const html = await renderHtml(view);
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Hello &lt;Ann&gt;');
    expect(html).toContain('A &amp; B &lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('https://plein.test/unsubscribe/abc');
  });
});
