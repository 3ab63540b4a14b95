import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import { badInput, notFound } from '@plein/core';
import { PolicyService, type Actor } from '@plein/policy';
import { simpleParser, type AddressObject } from 'mailparser';
import { MailContext } from './mail-context.js';

const SENT_MAIL_ID = /^[A-Za-z0-9._-]{1,180}$/;

const addressText = (a: AddressObject | AddressObject[] | undefined): string => (Array.isArray(a) ? a.map((x) => x.text).join(', ') : (a?.text ?? ''));

/**
 * The admins' read-only view of what the embedded setup "sent": the .eml files under
 * PLEIN_DATA_DIR/mail, newest first, parsed with mailparser. With SMTP_URL nothing is kept.
 */
@Injectable()
export class SentMailService {
  constructor(
    private readonly mail: MailContext,
    private readonly policy: PolicyService,
  ) {}

  async list(actor: Actor, first: number) {
    this.policy.assert(actor, 'mail.administer');
    if (!Number.isInteger(first) || first < 1 || first > 200) throw badInput('first is between 1 and 200.', { field: 'first' });
    const dir = this.mail.transport.mailDir;
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml'));
    const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(path.join(dir, n)).catch(() => null))?.mtimeMs ?? 0 })));
    dated.sort((a, b) => b.t - a.t || a.n.localeCompare(b.n));
    return Promise.all(
      dated.slice(0, first).map(async ({ n, t }) => {
        const parsed = await simpleParser(await readFile(path.join(dir, n)), { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
        return { id: n.slice(0, -4), to: addressText(parsed.to), subject: parsed.subject ?? '', date: parsed.date ?? new Date(t) };
      }),
    );
  }

  async get(actor: Actor, id: string) {
    this.policy.assert(actor, 'mail.administer');
    const parsed = await this.parse(id);
    const unsubscribe = parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line.replace(/^[^:]*:\s*/, '') ?? null;
    return {
      id,
      to: addressText(parsed.to),
      subject: parsed.subject ?? '',
      date: parsed.date ?? new Date(0),
      html: typeof parsed.html === 'string' ? parsed.html : '',
      text: parsed.text ?? '',
      listUnsubscribe: unsubscribe,
      previewUrl: this.mail.previews.url(id),
    };
  }

  /** The HTML of one sent mail for a signed preview link (see PreviewLinks), or null when the link is not valid. */
  async previewHtml(id: string, expires: unknown, mac: unknown): Promise<string | null> {
    if (!SENT_MAIL_ID.test(id) || !this.mail.previews.verify(id, expires, mac)) return null;
    const parsed = await this.parse(id).catch(() => null);
    return parsed && typeof parsed.html === 'string' ? parsed.html : null;
  }

  private async parse(id: string) {
    if (!SENT_MAIL_ID.test(id)) throw badInput('Not a sent mail id.', { field: 'id' });
    const raw = await readFile(path.join(this.mail.transport.mailDir, `${id}.eml`)).catch(() => null);
    if (!raw) throw notFound('No such mail.');
    return simpleParser(raw);
  }
}
