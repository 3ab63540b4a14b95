import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../../lib/errors.js';
import { useClient, useMutation } from 'urql';
import { ErrorState, Loading } from '../../components/States.js';
import { useAuth } from '../../lib/auth.js';
import { Link } from '../../lib/router.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { useLive } from '../../lib/socket.js';

const QUEUE = `query Queue { moderationQueue(sort: OLDEST) { itemType itemId status reporters reasons firstReportedAt itemState originalText
  subject { id displayName } message { id text moderationState author { id displayName } } blogPost { id title } } }`;
const CLAIM = `mutation Claim($type: ReportItemType!, $id: ID!) { claimReportedItem(itemType: $type, itemId: $id) { itemId } }`;
const ACT = `mutation Act($input: ModerateItemInput!) { moderateItem(input: $input) { id kind } }`;

interface Item {
  itemType: string;
  itemId: string;
  status: string;
  reporters: number;
  reasons: string[];
  firstReportedAt: string;
  itemState: string | null;
  originalText: string | null;
  subject: { id: string; displayName: string } | null;
  message: { id: string; text: string; moderationState: string; author: { id: string; displayName: string } } | null;
  blogPost: { id: string; title: string } | null;
}

/** The community managers' queue: claim an item, decide with a reason. Updates live. */
export function ModerationPage() {
  const { t, formatDate } = useI18n();
  const { person } = useAuth();
  const client = useClient();
  const [items, setItems] = useState<Item[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [, claim] = useMutation(CLAIM);
  const [, act] = useMutation(ACT);

  const load = useCallback(async () => {
    const res = await client.query<{ moderationQueue: Item[] }>(QUEUE, {}, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setItems(res.data.moderationQueue);
  }, [client, t]);
  useEffect(() => void load(), [load]);
  useLive('moderation.queue', useCallback(() => void load(), [load]));

  if (!person?.roles.some((r) => r === 'community_manager' || r === 'admin')) return <p className="card">{t('admin.forbidden')}</p>;
  if (failed) return <ErrorState message={failed} onRetry={() => void load()} />;
  if (!items) return <Loading />;

  async function decide(item: Item, action: string) {
    setNotice(null);
    const reason = reasons[item.itemId]?.trim() ?? '';
    const claimed = await claim({ type: item.itemType, id: item.itemId });
    if (claimed.error) return setNotice(errorText(t, claimed.error));
    const res = await act({ input: { itemType: item.itemType, itemId: item.itemId, action, reason } });
    if (res.error) return setNotice(errorText(t, res.error));
    setNotice(t('moderation.done'));
    await load();
  }

  return (
    <section className="card" aria-labelledby="mod-title">
      <h1 id="mod-title">{t('moderation.title')}</h1>
      {notice && (
        <p role="status" className="small">
          {notice}
        </p>
      )}
      {items.length === 0 && <p className="state">{t('moderation.empty')}</p>}
      <ul className="plain" data-testid="moderation-queue">
        {items.map((item) => (
          <li key={`${item.itemType}:${item.itemId}`} className="card queue-item">
            <p className="small muted">
              <span className="badge">{t(`moderation.type.${item.itemType}` as MessageKey)}</span>{' '}
              {item.itemState && item.itemState !== 'visible' && <span className="badge">{t(`moderation.state.${item.itemState}` as MessageKey)}</span>}{' '}
              {t('moderation.reporters', { count: item.reporters })} · {item.reasons.map((r) => t(`report.reason.${r}` as MessageKey)).join(', ')} · {formatDate(item.firstReportedAt)}
            </p>
            {item.message ? (
              <blockquote className="original">
                <Link href={`/people/${item.message.author.id}`} className="author author-link">{item.message.author.displayName}</Link>
                <p className="message-text">{item.message.moderationState === 'removed' ? (item.originalText ?? t('moderation.removedContent')) : item.message.text}</p>
              </blockquote>
            ) : (
              <blockquote className="original">
                {item.subject && <Link href={`/people/${item.subject.id}`} className="author author-link">{item.subject.displayName}</Link>}
                {item.itemType === 'BLOG_COMMENT' && item.blogPost && <p className="small muted">{t('moderation.onPost', { title: item.blogPost.title })}</p>}
                {item.itemType === 'PHOTO' ? (
                  item.itemState === 'visible' ? <img className="report-photo" src={`/photos/${item.itemId}/medium`} alt={t('moderation.photo')} width={128} height={128} /> : <p className="small muted">{t('moderation.photo')}</p>
                ) : (
                  item.originalText && <p className="message-text">{item.originalText}</p>
                )}
              </blockquote>
            )}
            <label htmlFor={`mod-reason-${item.itemId}`}>{t('moderation.reasonLabel')}</label>
            <input id={`mod-reason-${item.itemId}`} value={reasons[item.itemId] ?? ''} onChange={(e) => setReasons({ ...reasons, [item.itemId]: e.target.value })} />
            <div className="row-actions">
              <button type="button" onClick={() => void decide(item, 'REMOVE')}>
                {t('moderation.remove')}
              </button>
              <button type="button" className="button-quiet" onClick={() => void decide(item, 'HIDE')}>
                {t('moderation.hide')}
              </button>
              <button type="button" className="button-quiet" onClick={() => void decide(item, 'DISMISS')}>
                {t('moderation.dismiss')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
