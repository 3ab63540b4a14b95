import { useCallback, useEffect, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { ErrorState, Loading } from '../components/States.js';
import { NotificationText } from '../components/NotificationText.js';
import { useI18n } from '../lib/i18n.js';
import { Link } from '../lib/router.js';
import { useLive } from '../lib/socket.js';
import { useUnread } from '../lib/unread.js';

const LIST = `query Notifications($after: String) { notifications(first: 30, after: $after) {
  edges { node { id kind read actorCount updatedAt subject actors { id displayName } message { id text moderationState } } }
  pageInfo { hasNextPage endCursor } } }`;
const MARK_ALL = `mutation { markAllNotificationsRead }`;

interface Item {
  id: string;
  kind: string;
  read: boolean;
  actorCount: number;
  updatedAt: string;
  actors: { id: string; displayName: string }[];
  message: { id: string; text: string; moderationState: string } | null;
  subject: string | null;
}

/** Where a notification about a notice or a vacancy leads. */
function subjectHref(subject: string | null): string | null {
  const notice = /^notice:([0-9a-f-]{36})$/.exec(subject ?? '');
  if (notice) return `/notices/${notice[1]}`;
  return subject?.startsWith('vacancy-') ? '/vacancies' : null;
}

export function NotificationsPage() {
  const { t, formatDate } = useI18n();
  const client = useClient();
  const unread = useUnread();
  const [items, setItems] = useState<Item[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [, markAll] = useMutation(MARK_ALL);

  const load = useCallback(async () => {
    const res = await client.query<{ notifications: { edges: { node: Item }[] } }>(LIST, {}, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(true);
    setFailed(false);
    setItems(res.data.notifications.edges.map((e) => e.node));
  }, [client]);
  useEffect(() => void load(), [load]);
  // A new or updated notification (the count moved): show it.
  useLive('notification.count', useCallback(() => void load(), [load]));

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
              <span>
                <NotificationText kind={n.kind} actorCount={n.actorCount} actors={n.actors} />
              </span>
              {subjectHref(n.subject) && <Link href={subjectHref(n.subject)!}>{t('notifications.open')}</Link>}
              {n.message && <span className="muted small quote">“{n.message.moderationState === 'removed' ? t('moderation.removedContent') : n.message.text.slice(0, 140)}”</span>}
              {n.kind === 'FOLLOW' && n.actors[0] && <Link href={`/people/${n.actors[0].id}`}>{n.actors[0].displayName}</Link>}
              <time className="muted small" dateTime={n.updatedAt}>
                {formatDate(n.updatedAt)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
