import { useCallback, useEffect, useState } from 'react';
import { useClient } from 'urql';
import '../../components/moderation.css';
import { RelativeTime } from '../../components/RelativeTime.js';
import { ErrorState, Loading } from '../../components/States.js';
import { errorText } from '../../lib/errors.js';
import { graphql, type ResultOf } from '../../lib/gql.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { useLive } from '../../lib/socket.js';

const MY_REPORTS = graphql(`query MyReports { myReports(first: 100) { id itemType itemId reason note status createdAt resolvedAt message { id text } } }`);

type Report = ResultOf<typeof MY_REPORTS>['myReports'][number];

/** Where a reported item can still be opened by its reporter (a message only while they may read it). */
function hrefOf(r: Report): string | null {
  switch (r.itemType) {
    case 'MESSAGE':
      return r.message ? `/messages/${r.message.id}` : null;
    case 'PROFILE':
      return `/people/${r.itemId}`;
    case 'GROUP':
      return r.status === 'ACTIONED' ? null : `/groups/${r.itemId}`;
    case 'BLOG_POST':
      return r.status === 'ACTIONED' ? null : `/blogs/${r.itemId}`;
    case 'BLOG_COMMENT':
    case 'PHOTO':
      return null;
  }
}

/** "Mijn rapportages": what I reported and what came of it. The REPORT_OUTCOME notification links here. */
export function MyReportsPage() {
  const { t } = useI18n();
  const client = useClient();
  const [reports, setReports] = useState<Report[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await client.query(MY_REPORTS, {}, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setReports(res.data.myReports);
  }, [client, t]);
  useEffect(() => void load(), [load]);
  // A decision on one of my reports arrives as a notification: show the new outcome at once.
  useLive('notification.count', useCallback(() => void load(), [load]));

  return (
    <section className="card" aria-labelledby="my-reports-title">
      <h1 id="my-reports-title">{t('moderation.myReports.title')}</h1>
      <p className="muted">{t('moderation.myReports.intro')}</p>
      {failed && <ErrorState message={failed} onRetry={() => void load()} />}
      {!reports && !failed && <Loading />}
      {reports && reports.length === 0 && <p className="state">{t('moderation.myReports.empty')}</p>}
      {reports && reports.length > 0 && (
        <ul className="mod-list" data-testid="my-reports">
          {reports.map((r) => {
            const href = hrefOf(r);
            return (
              <li key={r.id} className="mod-entry" data-testid="my-report">
                <div className="mod-entry-head">
                  <span className="badge">{t(`moderation.type.${r.itemType}`)}</span>
                  <span className={`status-pill status-${r.status.toLowerCase()}`}>{t(`moderation.myReports.status.${r.status}`)}</span>
                </div>
                {r.message && <p className="mod-quote">{r.message.text.slice(0, 280)}</p>}
                {r.itemType === 'MESSAGE' && !r.message && <p className="mod-quote muted">{t('moderation.myReports.gone')}</p>}
                <p className="small">
                  <strong>{t(`report.reason.${r.reason}` as MessageKey)}</strong>
                  {r.note && <> · {t('moderation.myReports.note', { note: r.note })}</>}
                </p>
                <p className="small muted">
                  {t('moderation.myReports.reportedAt')} <RelativeTime value={r.createdAt} />
                  {r.resolvedAt && (
                    <>
                      {' · '}
                      {t('moderation.myReports.resolvedAt')} <RelativeTime value={r.resolvedAt} />
                    </>
                  )}
                  {href && (
                    <>
                      {' · '}
                      <Link href={href}>{t('moderation.myReports.view')}</Link>
                    </>
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
