import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PolicyService } from '@plein/policy';
import { DataSource } from 'typeorm';
import { MAIL_TUNING, MailContext, type MailTuning } from './mail-context.js';
import { isLanguage } from './mail-kinds.js';
import { eachLimited, RetryingSender } from './mail-sender.js';
import { MAILED_NOTIFICATION_KINDS, notificationMailSql, type NotificationMailItem, type NotificationMailRow } from './notification-mail.sql.js';
import { snippet } from './digest.service.js';
import { renderHtml, renderText, type MailItem, type MailView } from './templates/mail-renderer.js';
import { fill, STRINGS, type MailStrings } from './templates/strings.js';

/** At most one notification mail per person per this many seconds. */
export const BATCH_WINDOW_SECONDS = 15 * 60;
/** Seen online (a socket connected) this recently: active now, no mail. The heartbeat runs every 30 s. */
export const PRESENCE_WINDOW_SECONDS = 120;
/** A notification waits this long before it can mail: read at once in the app, it never does. */
export const SETTLE_SECONDS = 120;
/** Items listed in one mail; the rest are counted ("and 4 more"). */
const ITEMS_SHOWN = 8;

export interface NotificationMailReport {
  people: number;
  sent: number;
  failed: number;
  bounced: number;
}

/**
 * Notification mail for people who are away: every minute (a pg-boss schedule on the worker), one
 * statement per batch finds who is due and what to tell them (notification-mail.sql.ts), one mail
 * per person lists it, and one statement per person records it (mailed_until, last_mailed_at).
 */
@Injectable()
export class NotificationMailService {
  private readonly logger = new Logger('MailNotifications');
  private sql: string | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly mail: MailContext,
    @Inject(MAIL_TUNING) private readonly tuning: MailTuning,
  ) {}

  async tick(now = new Date(), windows = { batch: BATCH_WINDOW_SECONDS, presence: PRESENCE_WINDOW_SECONDS, settle: SETTLE_SECONDS }): Promise<NotificationMailReport> {
    this.sql ??= notificationMailSql(this.policy);
    const sender = new RetryingSender(this.mail.transport, this.tuning);
    const report: NotificationMailReport = { people: 0, sent: 0, failed: 0, bounced: 0 };
    const cutoff = new Date(now.getTime() - windows.settle * 1000);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: NotificationMailRow[] = await this.db.query(this.sql, [now, windows.batch, windows.presence, windows.settle, after, 200, MAILED_NOTIFICATION_KINDS]);
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
      report.people += rows.length;
      const nothing = rows.filter((r) => !r.items.length);
      if (nothing.length) {
        // Everything new was switched off or is no longer visible: remember it was considered.
        await this.db.query(
          `INSERT INTO mail_people (person_id, mailed_until) SELECT unnest($1::uuid[]), $2
           ON CONFLICT (person_id) DO UPDATE SET mailed_until = greatest(mail_people.mailed_until, EXCLUDED.mailed_until)`,
          [nothing.map((r) => r.id), cutoff],
        );
      }
      await eachLimited(
        rows.filter((r) => r.items.length),
        this.tuning.concurrency,
        async (row) => {
          const messageId = `<notify-${row.id}-${cutoff.getTime()}@plein>`;
          const outcome = await sender.send(await this.compose(row, messageId));
          if (outcome.ok || outcome.kind === 'permanent') {
            // Sent, or refused for good (that mail only): either way these items are done.
            await this.db.query(
              `INSERT INTO mail_people (person_id, last_mailed_at, mailed_until) VALUES ($1, $2, $3)
               ON CONFLICT (person_id) DO UPDATE SET last_mailed_at = EXCLUDED.last_mailed_at, mailed_until = greatest(mail_people.mailed_until, EXCLUDED.mailed_until)`,
              [row.id, now, cutoff],
            );
            if (outcome.ok) report.sent++;
            else report.failed++;
          } else if (outcome.kind === 'bad_address') {
            await this.db.query(
              `INSERT INTO mail_people (person_id, bounced_at, bounce_reason) VALUES ($1, now(), $2)
               ON CONFLICT (person_id) DO UPDATE SET bounced_at = now(), bounce_reason = EXCLUDED.bounce_reason`,
              [row.id, outcome.error],
            );
            report.bounced++;
          } else {
            // Relay trouble: nothing recorded, so the next tick tries again.
            report.failed++;
            this.logger.warn({ msg: 'notification mail not delivered', personId: row.id, error: outcome.error });
          }
        },
      );
    }
    return report;
  }

  async compose(row: NotificationMailRow, messageId: string) {
    const lang = isLanguage(row.language) ? row.language : 'nl';
    const t = STRINGS[lang];
    const items = row.items.slice(0, ITEMS_SHOWN).map((i) => this.item(i, t));
    const subject = row.items.length === 1 ? fill(t.notifySubjectOne, { summary: items[0].title }) : fill(t.notifySubjectMany, { n: row.items.length });
    // One click switches off every kind of mail this batch carries (a mention and a reply: both).
    const unsubscribeUrl = this.mail.links.unsubscribe(row.id, row.items.map((i) => i.kind));
    const view: MailView = {
      lang,
      brand: t.brand,
      subject,
      preheader: t.notifyPreheader,
      title: t.notifyTitle,
      intro: t.notifyPreheader,
      sections: [{ heading: t.notifyTitle, items }],
      more: row.items.length > ITEMS_SHOWN ? fill(t.notifyMore, { n: row.items.length - ITEMS_SHOWN }) : undefined,
      cta: { label: t.openPlein, url: this.mail.links.notifications() },
      footerWhy: t.footerWhyNotify,
      settingsLabel: t.settings,
      settingsUrl: this.mail.links.settings(),
      unsubscribeLabel: t.unsubscribe,
      unsubscribeUrl,
    };
    return { to: row.email, subject, html: await renderHtml(view), text: renderText(view), messageId, unsubscribeUrl, language: lang };
  }

  private item(i: NotificationMailItem, t: MailStrings): MailItem {
    const links = this.mail.links;
    const actor = i.actor ?? t.someone;
    const meta = i.body ? snippet(i.body) : undefined;
    switch (i.kind) {
      case 'mention':
        return { title: fill(t.notifyMention, { actor }), url: i.postId ? links.blogPost(i.postId) : i.messageId ? links.message(i.messageId) : links.notifications(), meta };
      case 'reply':
        return { title: fill(t.notifyReply, { actor }), url: i.messageId ? links.message(i.messageId) : links.notifications(), meta };
      case 'blog_comment':
        return { title: fill(t.notifyBlogComment, { actor }), url: i.postId ? links.blogPost(i.postId) : links.notifications(), meta };
      case 'join_request':
        return { title: fill(t.notifyJoinRequest, { actor, group: i.groupName ?? '' }), url: i.groupId ? links.group(i.groupId) : links.notifications() };
      case 'moderation':
        return { title: t.notifyModeration, url: links.notifications() };
      case 'notice':
        return { title: t.notifyNotice, url: i.groupKey?.startsWith('notice:') ? links.notice(i.groupKey.slice('notice:'.length)) : links.notifications() };
      default: {
        const unknown: never = i.kind;
        return { title: String(unknown), url: links.notifications() };
      }
    }
  }
}
