import { useCallback, useEffect, useState } from 'react';
import { useClient } from 'urql';
import { useI18n, type MessageKey } from '../lib/i18n.js';
import { Link } from '../lib/router.js';
import { useLive } from '../lib/socket.js';
import { graphql, type ResultOf } from '../lib/gql.js';

const ACTIVE = graphql(`query NoticeBanner { activeNotices { id title severity status services regions } }`);

type Notice = ResultOf<typeof ACTIVE>['activeNotices'][number];

/** Active outage notices on every page, until resolved; updates arrive live. */
export function NoticeBanner() {
  const { t } = useI18n();
  const client = useClient();
  const [notices, setNotices] = useState<Notice[]>([]);
  const load = useCallback(async () => {
    // network-only: also run after a live notice event, which carries no notice: ask the server.
    const res = await client.query(ACTIVE, {}, { requestPolicy: 'network-only' }).toPromise();
    if (res.data) setNotices(res.data.activeNotices);
  }, [client]);
  useEffect(() => void load(), [load]);
  useLive('notice.published', useCallback(() => void load(), [load]));
  useLive('notice.updated', useCallback(() => void load(), [load]));
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label={t('notice.region')} data-testid="notice-banner">
      {notices.map((n) => (
        <p key={n.id} className={`notice notice-${n.severity.toLowerCase()}`}>
          <strong>{t(`notice.severity.${n.severity}` as MessageKey)}:</strong> <Link href={`/notices/${n.id}`}>{n.title}</Link>
          {n.services.length > 0 && <> ({n.services.join(', ')})</>} · {t(`notice.status.${n.status}` as MessageKey)}
        </p>
      ))}
    </section>
  );
}
