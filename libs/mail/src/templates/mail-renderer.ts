import type Handlebars from 'handlebars';
import { LAYOUT_HTML } from './layout.html.js';
import { LAYOUT_MJML } from './layout.mjml.js';

export interface MailItem {
  title: string;
  url: string;
  meta?: string;
}

export interface MailSection {
  heading: string;
  items?: MailItem[];
  /** Plain sentences (the digest's reach figures). */
  lines?: string[];
}

/** Everything one mail shows, already in the reader's language. */
export interface MailView {
  lang: 'nl' | 'en';
  brand: string;
  subject: string;
  preheader: string;
  title: string;
  intro: string;
  sections: MailSection[];
  more?: string;
  cta: { label: string; url: string };
  footerWhy: string;
  settingsLabel: string;
  settingsUrl: string;
  unsubscribeLabel: string;
  unsubscribeUrl: string;
}

/**
 * The layout's MJML turned into HTML (about 40 ms, and MJML costs about 20 MB of heap once loaded):
 * done once by `npm run mail:layout`, which writes layout.html.ts; test/mail-layout.test.ts checks
 * that file is what this function makes now. Runs of whitespace with a line break mean the same to
 * HTML as one line break, and a third less to encode and send per mail: MJML indents generously.
 */
export async function compileLayout(): Promise<string> {
  const { default: mjml2html } = await import('mjml');
  const out = await mjml2html(LAYOUT_MJML, { validationLevel: 'strict', keepComments: true });
  if (out.errors?.length) throw new Error(`mail layout: ${out.errors.map((e) => e.formattedMessage).join('; ')}`);
  return out.html.replace(/[ \t]*\n\s*/g, '\n');
}

let compiled: Promise<Handlebars.TemplateDelegate<MailView>> | undefined;

/** The precompiled layout as a Handlebars template, made on the first mail (every mail after that is a fill). */
function template(): Promise<Handlebars.TemplateDelegate<MailView>> {
  compiled ??= import('handlebars').then(({ default: handlebars }) => handlebars.create().compile<MailView>(LAYOUT_HTML, { strict: false, noEscape: false }));
  return compiled;
}

export async function renderHtml(view: MailView): Promise<string> {
  return (await template())(view);
}

/** The plain-text part: the same content, for clients and people who read text. */
export function renderText(view: MailView): string {
  const out: string[] = [view.title, '', view.intro, ''];
  for (const s of view.sections) {
    out.push(s.heading.toUpperCase());
    for (const i of s.items ?? []) {
      out.push(`- ${i.title}${i.meta ? ` (${i.meta})` : ''}`, `  ${i.url}`);
    }
    for (const l of s.lines ?? []) out.push(l);
    out.push('');
  }
  if (view.more) out.push(view.more, '');
  out.push(`${view.cta.label}: ${view.cta.url}`, '', '-- ', view.footerWhy, `${view.settingsLabel}: ${view.settingsUrl}`, `${view.unsubscribeLabel}: ${view.unsubscribeUrl}`);
  return out.join('\n');
}
