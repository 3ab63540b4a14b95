import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useClient, useMutation } from 'urql';
import { RelativeTime } from '../../components/RelativeTime.js';
import { ErrorState, Loading } from '../../components/States.js';
import { NotificationText } from '../../components/NotificationText.js';
import { graphql, type ResultOf } from '../../lib/gql.js';
import { useI18n } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { useLive } from '../../lib/socket.js';
import { useUnread } from '../../lib/unread.js';

const LIST = graphql(`query Notifications($after: String) { notifications(first: 30, after: $after) {
  edges { node { id kind read actorCount updatedAt subject url actors { id displayName } message { id text moderationState } } }
  pageInfo { hasNextPage endCursor } } }`);
const MARK_ALL = graphql(`mutation MarkAllNotifications { markAllNotificationsRead }`);
const MARK = graphql(`mutation MarkNotifications($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`);

/** One notification; `url` is the page of what it is about (a thread, a profile, a post, a notice), from the server. */
type Item = ResultOf<typeof LIST>['notifications']['edges'][number]['node'];

export function NotificationsPage() {
  const { t } = useI18n();
  const client = useClient();
  const unread = useUnread();
  const [items, setItems] = useState<Item[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [, markAll] = useMutation(MARK_ALL);
  const [, mark] = useMutation(MARK);

  const load = useCallback(async () => {
    // network-only: also run when the live count moves, an event that carries no notification.
    const res = await client.query(LIST, {}, { requestPolicy: 'network-only' }).toPromise();
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
              <NotificationLink
                href={n.url}
                onOpen={() => {
                  if (!n.read) void mark({ ids: [n.id] }).then((r) => r.data && unread.set(r.data.markNotificationsRead));
                }}
              >
              <span>
                <NotificationText kind={n.kind} actorCount={n.actorCount} actors={n.actors} />
              </span>
              {n.message && <span className="muted small quote">“{n.message.moderationState === 'removed' ? t('moderation.removedContent') : n.message.text.slice(0, 140)}”</span>}
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
