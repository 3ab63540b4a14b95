import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { Public } from '@plein/policy';
import type { Response } from 'express';
import { MailContext } from './mail-context.js';
import type { Language, MailKind } from './mail-kinds.js';
import { MailSettingsService } from './mail-settings.service.js';

const TEXT: Record<Language, { title: string; ask: string; button: string; done: string; invalid: string; kinds: Record<MailKind, string> }> = {
  nl: {
    title: 'Afmelden',
    ask: 'Wil je geen {kind} meer ontvangen?',
    button: 'Afmelden',
    done: 'Je bent afgemeld voor {kind}. Je kunt dit altijd terugzetten in je e-mailinstellingen op Plein.',
    invalid: 'Deze afmeldlink is ongeldig.',
    kinds: { mention: 'mail als iemand je noemt', reply: 'mail over reacties op je berichten', blog_comment: 'mail over reacties op je blog', join_request: 'mail over verzoeken om lid te worden', moderation: 'mail over moderatiebesluiten', notice: 'mail over storingen die je volgt', digest: 'het wekelijkse overzicht “Plein deze week”' },
  },
  en: {
    title: 'Unsubscribe',
    ask: 'Stop receiving {kind}?',
    button: 'Unsubscribe',
    done: 'You are unsubscribed from {kind}. You can switch it back on in your mail settings on Plein.',
    invalid: 'This unsubscribe link is not valid.',
    kinds: { mention: 'mail when someone mentions you', reply: 'mail about replies to your messages', blog_comment: 'mail about comments on your blog', join_request: 'mail about requests to join', moderation: 'mail about moderation decisions', notice: 'mail about outages you follow', digest: 'the weekly digest “Plein this week”' },
  },
};

/** "a", "a en b", "a, b en c" in the reader's language. */
const joined = (lang: Language, parts: string[]) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(parts);
const kindsText = (lang: Language, kinds: MailKind[]) => joined(lang, kinds.map((k) => TEXT[lang].kinds[k]));

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (lang: Language, title: string, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="color-scheme" content="light dark"><title>${esc(title)}</title></head>` +
  `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><h1>${esc(title)}</h1>${body}</body></html>`;

/**
 * RFC 8058 one-click unsubscribe, without a session: `POST /mail/unsubscribe?t=<token>` (body
 * `List-Unsubscribe=One-Click`, as mail clients send it) switches that kind of mail off. The GET that
 * the link in the footer opens only asks (link scanners prefetch GETs); its button POSTs.
 */
@Controller('mail')
export class UnsubscribeController {
  constructor(
    private readonly mail: MailContext,
    private readonly settings: MailSettingsService,
  ) {}

  @Public()
  @Get('unsubscribe')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async ask(@Query('t') token: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const who = this.mail.tokens.verify(token);
    if (!who) {
      res.status(400);
      return page('nl', TEXT.nl.title, `<p>${TEXT.nl.invalid}</p><p lang="en">${TEXT.en.invalid}</p>`);
    }
    const lang = await this.settings.languageOf(who.personId);
    const t = TEXT[lang];
    return page(lang, t.title, `<p>${esc(t.ask.replace('{kind}', kindsText(lang, who.kinds)))}</p>
      <form method="post" action="/mail/unsubscribe?t=${encodeURIComponent(token)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${esc(t.button)}</button></form>`);
  }

  @Public()
  @Post('unsubscribe')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async oneClick(@Query('t') token: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const who = this.mail.tokens.verify(token);
    if (!who || !(await this.settings.unsubscribe(who.personId, who.kinds))) {
      res.status(400);
      return page('nl', TEXT.nl.title, `<p>${TEXT.nl.invalid}</p><p lang="en">${TEXT.en.invalid}</p>`);
    }
    const lang = await this.settings.languageOf(who.personId);
    const t = TEXT[lang];
    return page(lang, t.title, `<p>${esc(t.done.replace('{kind}', kindsText(lang, who.kinds)))}</p>`);
  }
}
