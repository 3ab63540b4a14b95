import { useCallback, useEffect, useState } from 'react';
import { useClient } from 'urql';
import { AppealAction, MODERATION_DECISION } from '../../components/ModerationDecision.js';
import '../../components/moderation.css';
import { RelativeTime } from '../../components/RelativeTime.js';
import { ErrorState, Loading } from '../../components/States.js';
import { errorText } from '../../lib/errors.js';
import { graphql, type ResultOf } from '../../lib/gql.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { useLive } from '../../lib/socket.js';

const MY_RECORD = graphql(
  `query MyModerationRecord { moderationRecord { ...ModerationDecisionFields itemType itemId until revokedAt } }`,
  [MODERATION_DECISION],
);

type Entry = ResultOf<typeof MY_RECORD>['moderationRecord'][number];

/** Where I can look at the item a decision was about (my own removed message stays readable to me). */
function hrefOf(e: Entry): string | null {
  if (!e.itemId) return null;
  switch (e.itemType) {
    case 'MESSAGE':
      return `/messages/${e.itemId}`;
    case 'BLOG_POST':
      return `/blogs/${e.itemId}`;
    case 'PROFILE':
    case 'PHOTO':
      return '/profile';
    case 'GROUP':
      return `/groups/${e.itemId}`;
    default:
      return null;
  }
}

/**
 * "Mijn moderatiedossier": every decision about my content or account, with the reason, the appeal
 * status and, while possible, "Bezwaar maken". The MODERATION notification links here.
 */
export function MyRecordPage() {
  const { t, formatDate } = useI18n();
  const client = useClient();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await client.query(MY_RECORD, {}, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setEntries(res.data.moderationRecord);
  }, [client, t]);
  useEffect(() => void load(), [load]);
  useLive('notification.count', useCallback(() => void load(), [load]));

  return (
    <section className="card" aria-labelledby="my-record-title">
      <h1 id="my-record-title">{t('moderation.myRecord.title')}</h1>
      <p className="muted">{t('moderation.myRecord.intro')}</p>
      {failed && <ErrorState message={failed} onRetry={() => void load()} />}
      {!entries && !failed && <Loading />}
      {entries && entries.length === 0 && <p className="state">{t('moderation.myRecord.empty')}</p>}
      {entries && entries.length > 0 && (
        <ul className="mod-list" data-testid="my-record">
          {entries.map((e) => {
            const href = hrefOf(e);
            return (
              <li key={e.id} className="mod-entry" data-testid="record-entry">
                <div className="mod-entry-head">
                  <strong>{t(`moderation.kind.${e.kind}` as MessageKey)}</strong>
                  <span className="badge">{e.itemType ? t(`moderation.type.${e.itemType}`) : t('moderation.myRecord.account')}</span>
                  {e.revokedAt && <span className="status-pill status-revoked">{t('moderation.myRecord.revoked')}</span>}
                </div>
                <p className="moderated-reason">{t('moderation.decision.reason', { reason: e.reason })}</p>
                <p className="small muted">
                  <RelativeTime value={e.createdAt} />
                  {e.until && <> · {t('moderation.myRecord.until', { date: formatDate(e.until) })}</>}
                  {href && (
                    <>
                      {' · '}
                      <Link href={href}>{t('moderation.myRecord.view')}</Link>
                    </>
                  )}
                </p>
                <AppealAction decision={e} recordLink={false} onAppealed={() => void load()} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
