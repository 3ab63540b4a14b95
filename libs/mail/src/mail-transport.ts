import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';

/** One composed mail, ready to hand over. */
export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Deterministic per person and occasion (`<digest-2026-12-07-<personId>@plein>`): a resend is recognisably the same mail. */
  messageId: string;
  /** RFC 8058 one-click unsubscribe (HTTPS POST, no session). */
  unsubscribeUrl: string;
  language: 'nl' | 'en';
}

/**
 * Why a send failed: `transient` (relay down, 4xx, timeout: try again later), `bad_address`
 * (5xx refusing the recipient: mark the address and stop), `permanent` (5xx refusing this mail).
 */
export class MailSendError extends Error {
  constructor(
    readonly kind: 'transient' | 'bad_address' | 'permanent',
    message: string,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

interface NodemailerError {
  code?: string;
  responseCode?: number;
  command?: string;
  message?: string;
}

export function classifySendError(err: unknown): MailSendError {
  if (err instanceof MailSendError) return err;
  const e = (err ?? {}) as NodemailerError;
  const message = (e.message ?? String(err)).slice(0, 500);
  const code = e.responseCode;
  if (typeof code === 'number' && code >= 500 && code < 600) {
    // Refused at RCPT TO (or an envelope check): the address is bad; anywhere else: this mail is.
    const addressProblem = e.code === 'EENVELOPE' || /^RCPT/i.test(e.command ?? '') || [550, 551, 553].includes(code);
    return new MailSendError(addressProblem ? 'bad_address' : 'permanent', message, code);
  }
  return new MailSendError('transient', message, code);
}

/**
 * Hands mail to SMTP_URL through a Nodemailer connection pool, or, in the embedded default (no
 * SMTP_URL), writes each mail as `<PLEIN_DATA_DIR>/mail/<id>.eml`, named by its Message-ID, so a
 * resend after a crash overwrites instead of adding a copy. Both build the same RFC 5322 message.
 */
export class MailTransport {
  /** Made on the first send: Nodemailer (about 5 MB of heap) is imported then, not at boot. */
  private transporter: Promise<Transporter> | undefined;
  readonly mailDir: string;

  constructor(
    private readonly options: { smtpUrl: string | undefined; from: string; dataDir: string; maxConnections?: number },
  ) {
    this.mailDir = path.resolve(options.dataDir, 'mail');
  }

  get embedded(): boolean {
    return !this.options.smtpUrl;
  }

  private transport(): Promise<Transporter> {
    this.transporter ??= import('nodemailer').then(({ default: nodemailer }) => {
      const { smtpUrl, maxConnections } = this.options;
      if (!smtpUrl) return nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      return nodemailer.createTransport({
        url: smtpUrl,
        pool: true,
        maxConnections: maxConnections ?? 4,
        maxMessages: 1000,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as unknown as string);
    });
    return this.transporter;
  }

  private message(mail: OutgoingMail) {
    return {
      from: this.options.from,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: mail.messageId,
      headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated' },
      list: {
        // RFC 2369 + RFC 8058: mail clients show an "Unsubscribe" button that POSTs List-Unsubscribe=One-Click.
        unsubscribe: { url: mail.unsubscribeUrl, comment: mail.language === 'en' ? 'Unsubscribe' : 'Afmelden' },
      },
    };
  }

  /** Resolves when the relay accepted the mail (or the file is written); throws MailSendError. */
  async send(mail: OutgoingMail): Promise<void> {
    const base = this.message(mail);
    const message = { ...base, headers: { ...base.headers, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
    const transport = await this.transport();
    if (!this.embedded) {
      try {
        await transport.sendMail(message);
      } catch (err) {
        throw classifySendError(err);
      }
      return;
    }
    const info = (await transport.sendMail(message)) as { message: Buffer };
    await mkdir(this.mailDir, { recursive: true });
    const file = path.join(this.mailDir, `${fileNameOf(mail.messageId)}.eml`);
    // Write then rename: the sent-mail page never reads half a file.
    await writeFile(`${file}.tmp`, info.message);
    await rename(`${file}.tmp`, file);
  }

  close(): void {
    // Also a pool still being made when the process stops.
    void this.transporter?.then((t) => t.close(), () => undefined);
  }
}

export function fileNameOf(messageId: string): string {
  return messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 180);
}
