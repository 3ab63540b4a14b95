/**
 * What a person can switch on or off: each kind of notification mail, and the weekly digest.
 * Stored as the list of kinds switched off (`mail_people.disabled_kinds`), so a new kind starts on.
 */
export const MAIL_KINDS = ['mention', 'reply', 'blog_comment', 'join_request', 'moderation', 'notice', 'digest'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export function isMailKind(value: string): value is MailKind {
  return (MAIL_KINDS as readonly string[]).includes(value);
}

/** Which in-app notification kinds (libs/notifications) each mail kind covers. */
export const NOTIFICATION_KINDS_BY_MAIL_KIND: Record<Exclude<MailKind, 'digest' | 'join_request'>, string[]> = {
  mention: ['mention', 'blog_mention'],
  reply: ['reply'],
  // A comment on one's post or a direct answer to one's blog comment.
  blog_comment: ['blog_comment'],
  moderation: ['moderation', 'report_outcome'],
  notice: ['notice_update'],
};

export { isLanguage, LANGUAGES, type Language } from '@plein/core';
