import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PolicyService } from '@plein/policy';
import { DataSource } from 'typeorm';
import { digestBatchSql, type DigestRow } from './digest.sql.js';
import { MAIL_TUNING, MailContext, type MailTuning } from './mail-context.js';
import { isLanguage } from './mail-kinds.js';
import { eachLimited, RetryingSender } from './mail-sender.js';
import { renderHtml, renderText, type MailSection, type MailView } from './templates/mail-renderer.js';
import { fill, STRINGS } from './templates/strings.js';

export interface DigestRunOptions {
  /** The Monday of the week (YYYY-MM-DD): the ledger's key. */
  week: string;
  /** ISO weekday 1-7 whose readers this run serves. */
  day: number;
  /** The moment the digest is "as of" (default now); items are from the 7 days before it. */
  now?: Date;
  /** Resume a run under its id (the job id); a new id claims rows a crashed run left. */
  runId?: string;
  batchSize?: number;
  /** Take over rows another run left `sending` only when claimed this long ago (default 600 s). */
  leaseSeconds?: number;
  /** Test and chaos hook: called after each mail is recorded; throwing stops the run like a crash. */
  afterEach?: (personId: string) => void;
}

export interface DigestRunReport {
  runId: string;
  readers: number;
  sent: number;
  empty: number;
  failed: number;
  bounced: number;
  statements: number;
}

/** ISO weekday (1 = Monday) and that week's Monday, in UTC. */
export function weekOf(at: Date): { week: string; day: number } {
  const day = ((at.getUTCDay() + 6) % 7) + 1;
  const monday = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - (day - 1)));
  return { week: monday.toISOString().slice(0, 10), day };
}

/**
 * "Plein deze week": composes and sends the weekly digest for every reader whose digest day it is.
 * Per batch of readers one statement claims them in the ledger and picks all their items
 * (digest.sql.ts); per reader one statement records the outcome after the relay accepted the mail.
 * A run killed halfway resumes: the ledger says who already has this week's digest.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger('MailDigest');
  private sql: string | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly mail: MailContext,
    @Inject(MAIL_TUNING) private readonly tuning: MailTuning,
  ) {}

  async run(options: DigestRunOptions): Promise<DigestRunReport> {
    this.sql ??= digestBatchSql(this.policy);
    const runId = options.runId ?? randomUUID();
    const now = options.now ?? new Date();
    const since = new Date(now.getTime() - 7 * 86_400_000);
    const sender = new RetryingSender(this.mail.transport, this.tuning);
    const report: DigestRunReport = { runId, readers: 0, sent: 0, empty: 0, failed: 0, bounced: 0, statements: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: DigestRow[] = await this.db.query(this.sql, [options.week, runId, options.day, after, options.batchSize ?? 500, since, now, options.leaseSeconds ?? 600]);
      report.statements++;
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
      const mine = rows.filter((r) => r.claimed);
      report.readers += mine.length;
      const empty = mine.filter((r) => !hasContent(r));
      if (empty.length) {
        await this.db.query(`UPDATE mail_digest_ledger SET status = 'empty', sent_at = now() WHERE week = $1 AND person_id = ANY($2::uuid[]) AND run_id = $3`, [
          options.week,
          empty.map((r) => r.id),
          runId,
        ]);
        report.statements++;
        report.empty += empty.length;
      }
      await eachLimited(
        mine.filter(hasContent),
        this.tuning.concurrency,
        async (row) => {
          const messageId = `<digest-${options.week}-${row.id}@plein>`;
          const outcome = await sender.send(await this.compose(row, messageId));
          if (outcome.ok) {
            await this.db.query(`UPDATE mail_digest_ledger SET status = 'sent', sent_at = now(), message_id = $3 WHERE week = $1 AND person_id = $2`, [options.week, row.id, messageId]);
            report.sent++;
          } else if (outcome.kind === 'bad_address') {
            // The address is refused for good: stop mailing it (settings page shows it) until HR changes it.
            await this.db.query(
              `WITH l AS (UPDATE mail_digest_ledger SET status = 'bounced', error = $3 WHERE week = $1 AND person_id = $2)
               INSERT INTO mail_people (person_id, bounced_at, bounce_reason) VALUES ($2, now(), $3)
               ON CONFLICT (person_id) DO UPDATE SET bounced_at = now(), bounce_reason = EXCLUDED.bounce_reason`,
              [options.week, row.id, outcome.error],
            );
            report.bounced++;
          } else {
            await this.db.query(`UPDATE mail_digest_ledger SET status = 'failed', error = $3 WHERE week = $1 AND person_id = $2`, [options.week, row.id, outcome.error]);
            report.failed++;
            this.logger.warn({ msg: 'digest not delivered', personId: row.id, kind: outcome.kind, error: outcome.error });
          }
          report.statements++;
          options.afterEach?.(row.id);
        },
      );
    }
    this.logger.log({ msg: 'digest run done', ...report });
    return report;
  }

  async compose(row: DigestRow, messageId: string) {
    const lang = isLanguage(row.language) ? row.language : 'nl';
    const t = STRINGS[lang];
    const links = this.mail.links;
    const dateFormat = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', timeZone: 'UTC' });
    const sections: MailSection[] = [];
    if (row.featured.length) sections.push({ heading: t.featured, items: row.featured.map((f) => ({ title: f.title, url: links.blogPost(f.id), meta: f.author })) });
    if (row.conversations.length) {
      sections.push({
        heading: t.conversations,
        items: row.conversations.map((c) => ({
          title: snippet(c.body),
          url: links.message(c.id),
          meta: fill(c.replies === 1 ? t.conversationMetaOne : t.conversationMeta, { author: c.author, replies: c.replies }),
        })),
      });
    }
    if (row.notices.length) sections.push({ heading: t.notices, items: row.notices.map((n) => ({ title: n.title, url: links.notice(n.id), meta: t.noticeOpen })) });
    if (row.vacancies.length) {
      sections.push({
        heading: t.vacancies,
        items: row.vacancies.map((v) => ({ title: v.title, url: links.vacancies(), meta: fill(t.vacancyCloses, { date: dateFormat.format(new Date(`${v.closesOn}T00:00:00Z`)) }) })),
      });
    }
    if (row.colleagues.length) sections.push({ heading: t.colleagues, items: row.colleagues.map((c) => ({ title: c.name, url: links.person(c.id), meta: c.jobTitle ?? undefined })) });
    const lines: string[] = [];
    if (row.readers) lines.push(row.readers === 1 ? t.reachReadersOne : fill(t.reachReaders, { n: row.readers }));
    if (row.answerers) lines.push(row.answerers === 1 ? t.reachAnswersOne : fill(t.reachAnswers, { n: row.answerers }));
    if (lines.length) sections.push({ heading: t.yourReach, lines });
    const unsubscribeUrl = links.unsubscribe(row.id, 'digest');
    const view: MailView = {
      lang,
      brand: t.brand,
      subject: t.digestSubject,
      preheader: t.digestPreheader,
      title: t.digestTitle,
      intro: fill(t.digestIntro, { name: row.name }),
      sections,
      cta: { label: t.openPlein, url: links.home() },
      footerWhy: t.footerWhyDigest,
      settingsLabel: t.settings,
      settingsUrl: links.settings(),
      unsubscribeLabel: t.unsubscribe,
      unsubscribeUrl,
    };
    return { to: row.email, subject: view.subject, html: await renderHtml(view), text: renderText(view), messageId, unsubscribeUrl, language: lang };
  }
}

function hasContent(r: DigestRow): boolean {
  return r.featured.length + r.conversations.length + r.notices.length + r.vacancies.length + r.colleagues.length + r.readers + r.answerers > 0;
}

/** A message's first words for a headline: one line, at most 120 characters. */
export function snippet(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117).trimEnd()}…` : line;
}
