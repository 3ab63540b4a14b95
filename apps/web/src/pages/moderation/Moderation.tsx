import { useCallback, useEffect, useState } from 'react';
import { useClient, useMutation } from 'urql';
import '../../components/moderation.css';
import { ErrorState, Loading } from '../../components/States.js';
import { useAuth } from '../../lib/auth.js';
import { errorText } from '../../lib/errors.js';
import { graphql, type ResultOf, type VariablesOf } from '../../lib/gql.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { useLive } from '../../lib/socket.js';

const QUEUE = graphql(`query ModerationQueue { moderationQueue(sort: OLDEST) { itemType itemId status reporters reasons firstReportedAt itemState originalText
  reports { id reason note createdAt }
  subject { id displayName } message { id text moderationState author { id displayName } } blogPost { id title } } }`);
const CLAIM = graphql(`mutation ClaimReportedItem($type: ReportItemType!, $id: ID!) { claimReportedItem(itemType: $type, itemId: $id) { itemId } }`);
const ACT = graphql(`mutation ModerateItem($input: ModerateItemInput!) { moderateItem(input: $input) { id kind } }`);

type Item = ResultOf<typeof QUEUE>['moderationQueue'][number];
type Decision = VariablesOf<typeof ACT>['input']['action'];

/**
 * Reason templates per decision, in the web catalogs (the server has no template settings): picking
 * one fills the reason field, which the moderator may still edit; the text in the field is what is stored.
 */
const TEMPLATES = {
  REMOVE: ['harassment', 'discrimination', 'confidential', 'privacy', 'spam'],
  HIDE: ['review'],
  DISMISS: ['withinRules', 'disagreement'],
} as const satisfies Partial<Record<Decision, readonly string[]>>;
type TemplateKey = { [D in keyof typeof TEMPLATES]: `moderation.template.${D}.${(typeof TEMPLATES)[D][number]}` }[keyof typeof TEMPLATES];
const templateKeys = (Object.keys(TEMPLATES) as (keyof typeof TEMPLATES)[]).map((d) => ({ decision: d, keys: TEMPLATES[d].map((k) => `moderation.template.${d}.${k}` as TemplateKey) }));

const keyOf = (item: Item) => `${item.itemType}:${item.itemId}`;

/** The community managers' queue: every reporter's reason and note, claim and decide with a reason (typed or from a template). Updates live. */
export function ModerationPage() {
  const { t, formatDate } = useI18n();
  const { person } = useAuth();
  const client = useClient();
  const [items, setItems] = useState<Item[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [templates, setTemplates] = useState<Record<string, TemplateKey | ''>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [, claim] = useMutation(CLAIM);
  const [, act] = useMutation(ACT);

  const load = useCallback(async () => {
    const res = await client.query(QUEUE, {}, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setItems(res.data.moderationQueue);
  }, [client, t]);
  useEffect(() => void load(), [load]);
  useLive('moderation.queue', useCallback(() => void load(), [load]));

  if (!person?.roles.some((r) => r === 'community_manager' || r === 'admin')) return <p className="card">{t('admin.forbidden')}</p>;
  if (failed) return <ErrorState message={failed} onRetry={() => void load()} />;
  if (!items) return <Loading />;

  async function decide(item: Item, action: Decision) {
    setNotice(null);
    const reason = reasons[keyOf(item)]?.trim() ?? '';
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
        {items.map((item) => {
          const key = keyOf(item);
          const id = `${item.itemType}-${item.itemId}`;
          return (
            <li key={key} className="card queue-item">
              <p className="small muted">
                <span className="badge">{t(`moderation.type.${item.itemType}`)}</span>{' '}
                {item.itemState && item.itemState !== 'visible' && <span className="badge">{t(`moderation.state.${item.itemState}` as MessageKey)}</span>}{' '}
                {t('moderation.reporters', { count: item.reporters })} · {item.reasons.map((r) => t(`report.reason.${r}`)).join(', ')} · {formatDate(item.firstReportedAt)}
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
              {item.reports.length > 0 && (
                <div>
                  <h2 className="small" id={`notes-${id}`}>
                    {t('moderation.notes')}
                  </h2>
                  <ul className="reporter-notes small" aria-labelledby={`notes-${id}`} data-testid="reporter-notes">
                    {item.reports.map((r) => (
                      <li key={r.id}>
                        <strong>{t(`report.reason.${r.reason}`)}</strong>: {r.note ?? <span className="muted">{t('moderation.noNote')}</span>}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <div className="decision-form">
                <label htmlFor={`mod-template-${id}`}>{t('moderation.template.label')}</label>
                <select
                  id={`mod-template-${id}`}
                  value={templates[key] ?? ''}
                  onChange={(e) => {
                    const chosen = e.target.value as TemplateKey | '';
                    setTemplates({ ...templates, [key]: chosen });
                    if (chosen) setReasons({ ...reasons, [key]: t(chosen) });
                  }}
                >
                  <option value="">{t('moderation.template.none')}</option>
                  {templateKeys.map((g) => (
                    <optgroup key={g.decision} label={t(`moderation.template.group.${g.decision}`)}>
                      {g.keys.map((k) => (
                        <option key={k} value={k}>
                          {t(k)}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
                <label htmlFor={`mod-reason-${id}`}>{t('moderation.reasonLabel')}</label>
                <textarea id={`mod-reason-${id}`} rows={3} maxLength={1000} value={reasons[key] ?? ''} onChange={(e) => setReasons({ ...reasons, [key]: e.target.value })} />
              </div>
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
          );
        })}
      </ul>
    </section>
  );
}
