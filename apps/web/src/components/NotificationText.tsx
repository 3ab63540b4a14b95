import { useI18n, type MessageKey } from '../lib/i18n.js';

/** Every kind the server sends (NotificationKind in schema.gql); each has a sentence in every catalog. */
export const NOTIFICATION_KINDS = [
  'MENTION',
  'REPLY',
  'LIKE',
  'RESHARE',
  'FOLLOW',
  'MODERATION',
  'REPORT_OUTCOME',
  'BLOG_POST',
  'BLOG_COMMENT',
  'BLOG_MENTION',
  'NOTICE_UPDATE',
  'VACANCY_MATCH',
  'VACANCY_REFERRAL',
  'VACANCY_INTEREST',
  'POLL_CLOSED',
  'GROUP_APPROVED',
] as const;

export interface NotificationTextProps {
  kind: string;
  actorCount: number;
  actors: { displayName: string }[];
}

/**
 * A notification's sentence in the reader's language, from its kind and actors (the server sends codes;
 * its English `summary` is for API clients only). "Sanne de Vries en 4 anderen vonden je bericht leuk".
 */
export function NotificationText({ kind, actorCount, actors }: NotificationTextProps) {
  const { t } = useI18n();
  const first = actors[0]?.displayName ?? t('notifications.someone');
  const who =
    actorCount <= 1 ? first : actorCount === 2 && actors[1] ? t('notifications.two', { name: first, other: actors[1].displayName }) : t('notifications.others', { name: first, count: actorCount - 1 });
  const known = (NOTIFICATION_KINDS as readonly string[]).includes(kind);
  return <>{known ? t(`notifications.${kind}` as MessageKey, { who, count: actorCount }) : t('notifications.unknown')}</>;
}
