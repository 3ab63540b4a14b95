import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useClient, useMutation } from 'urql';
import { RelativeTime } from '../components/RelativeTime.js';
import { ErrorState, Loading } from '../components/States.js';
import { useI18n, type MessageKey } from '../lib/i18n.js';
import { Link } from '../lib/router.js';
import { useLive } from '../lib/socket.js';
import { useUnread } from '../lib/unread.js';

const LIST = `query Notifications($after: String) { notifications(first: 30, after: $after) {
  edges { node { id kind read actorCount updatedAt subject summary url actors { id displayName } message { id text } } }
  pageInfo { hasNextPage endCursor } } }`;
const MARK_ALL = `mutation { markAllNotificationsRead }`;
const MARK = `mutation Mark($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;

interface Item {
  id: string;
  kind: string;
  read: boolean;
  actorCount: number;
  updatedAt: string;
  actors: { id: string; displayName: string }[];
  message: { id: string; text: string } | null;
  subject: string | null;
  summary: string;
  /** The page of what it is about (a thread, a profile, a post, a notice), from the server. */
  url: string | null;
}

// Kinds with a sentence in the dictionaries; any other kind shows the server's summary.
const TRANSLATED = new Set(['MENTION', 'REPLY', 'LIKE', 'RESHARE', 'FOLLOW', 'NOTICE_UPDATE', 'VACANCY_MATCH', 'VACANCY_INTEREST', 'VACANCY_REFERRAL']);

export function NotificationsPage() {
  const { t } = useI18n();
  const client = useClient();
  const unread = useUnread();
  const [items, setItems] = useState<Item[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [, markAll] = useMutation(MARK_ALL);
  const [, mark] = useMutation<{ markNotificationsRead: number }>(MARK);

  const load = useCallback(async () => {
    const res = await client.query<{ notifications: { edges: { node: Item }[] } }>(LIST, {}, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(true);
    setFailed(false);
    setItems(res.data.notifications.edges.map((e) => e.node));
  }, [client]);
  useEffect(() => void load(), [load]);
  // A new or updated notification (the count moved): show it.
  useLive('notification.count', useCallback(() => void load(), [load]));

  const who = (n: Item) => {
    const first = n.actors[0]?.displayName ?? t('notifications.someone');
    if (n.actorCount <= 1) return first;
    if (n.actorCount === 2 && n.actors[1]) return t('notifications.two', { name: first, other: n.actors[1].displayName });
    return t('notifications.others', { name: first, count: n.actorCount - 1 });
  };

  if (failed) return <ErrorState onRetry={() => void load()} />;
  if (!items) return <Loading />;
  return (
    <section className="card" aria-labelledby="n-title">
      <div className="row-between">
        <h1 id="n-title">{t('notifications.title')}</h1>
        {unread.unread > 0 && (
          <button type="button" className="button-quiet" onClick={() => void markAll({}).then(() => { unread.set(0); void load(); })}>
            {t('notifications.markAll')}
          </button>
        )}
      </div>
      {items.length === 0 ? (
        <p className="state">{t('notifications.empty')}</p>
      ) : (
        <ul className="plain notifications" data-testid="notifications">
          {items.map((n) => (
            <li key={n.id} className={n.read ? 'notification' : 'notification unread'}>
              <NotificationLink
                href={n.url}
                onOpen={() => {
                  if (!n.read) void mark({ ids: [n.id] }).then((r) => r.data && unread.set(r.data.markNotificationsRead));
                }}
              >
              <span>{TRANSLATED.has(n.kind) ? t(`notifications.${n.kind}` as MessageKey, { who: who(n) }) : n.summary}</span>
              {n.message && <span className="muted small quote">“{n.message.text.slice(0, 140)}”</span>}
              <RelativeTime className="muted small" value={n.updatedAt} />
              </NotificationLink>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The whole notification is one link to what it is about (a plain block when there is no page for it). */
function NotificationLink({ href, onOpen, children }: { href: string | null; onOpen: () => void; children: ReactNode }) {
  if (!href) return <div className="notification-body">{children}</div>;
  return (
    <Link href={href} className="notification-body notification-link" onClick={onOpen} data-testid="notification-link">
      {children}
    </Link>
  );
}
