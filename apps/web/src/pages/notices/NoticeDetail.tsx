import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { errorText } from '../../lib/errors.js';
import { useClient, useMutation } from 'urql';
import { FieldError, FormAlert, useFocusInvalid } from '../../components/FieldError.js';
import { ErrorState, Loading } from '../../components/States.js';
import { formError, isAbout, type FormError } from '../../lib/forms.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { useLive } from '../../lib/socket.js';
import { graphql, type ResultOf } from '../../lib/gql.js';
import { FOLLOW_SERVICE, SERVICES, UNFOLLOW_SERVICE, STATUSES, NoticeSummaryFields, useCanPublish, type Status } from './notice-common.js';

const DETAIL = graphql(`query Notice($id: ID!) { notice(id: $id) { ...NoticeSummaryFields audience expectedEndAt createdAt followedByMe affectedByMe affectedCount
  author { id displayName } departments { id name }
  affectedByDepartment { count department { id name } }
  affectedPeople { comment createdAt person { id displayName department { name } } }
  updates { id status text createdAt author { displayName } } } }`, [NoticeSummaryFields]);
const POST_UPDATE = graphql(`mutation PostUpdate($id: ID!, $status: NoticeStatus!, $text: String!) { postNoticeUpdate(noticeId: $id, status: $status, text: $text) { id } }`);
const FOLLOW = graphql(`mutation FollowNotice($id: ID!) { followNotice(noticeId: $id) { id followedByMe } }`);
const UNFOLLOW = graphql(`mutation UnfollowNotice($id: ID!) { unfollowNotice(noticeId: $id) { id followedByMe } }`);
const MARK = graphql(`mutation MarkAffected($id: ID!, $comment: String) { markAffected(noticeId: $id, comment: $comment) { id affectedByMe affectedCount } }`);
const UNMARK = graphql(`mutation UnmarkAffected($id: ID!) { unmarkAffected(noticeId: $id) { id affectedByMe affectedCount } }`);

type NoticeDetail = ResultOf<typeof DETAIL>['notice'];

/** One notice: its timeline, follow, "I am affected too"; publishers post the next update here. */
export function NoticeDetailPage({ id }: { id: string }) {
  const { t, formatDate, formatNumber } = useI18n();
  const client = useClient();
  const canPublish = useCanPublish();
  const [notice, setNotice] = useState<NoticeDetail | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [actionError, setActionError] = useState<FormError | null>(null);
  const [, follow] = useMutation(FOLLOW);
  const [, unfollow] = useMutation(UNFOLLOW);
  const [, mark] = useMutation(MARK);
  const [, followService] = useMutation(FOLLOW_SERVICE);
  const [, unfollowService] = useMutation(UNFOLLOW_SERVICE);
  const [services, setServices] = useState<string[]>([]);
  useEffect(() => {
    // network-only: also run after following or unfollowing a service (the mutation returns names, not entities).
    void client
      .query(SERVICES, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => res.data && setServices(res.data.followedServices));
  }, [client]);
  const [, unmark] = useMutation(UNMARK);

  const load = useCallback(async () => {
    // network-only: also run after a live notice update, an event that carries no notice.
    const res = await client.query(DETAIL, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setNotice(res.data.notice);
  }, [client, id, t]);
  useEffect(() => void load(), [load]);
  const onLive = useCallback(
    (payload: { notice?: { id: string }; id?: string }) => {
      if ((payload.notice?.id ?? payload.id) === id) void load();
    },
    [id, load],
  );
  useLive('notice.updated', onLive);
  useLive('notice.affected', onLive);

  if (failed) return <ErrorState message={failed} onRetry={() => void load()} />;
  if (!notice) return <Loading />;

  const act = async (run: () => Promise<{ error?: Parameters<typeof formError>[0] }>) => {
    const res = await run();
    setActionError(formError(res.error, t));
    if (!res.error) await load();
  };
  const resolved = notice.status === 'RESOLVED';
  return (
    <>
      <article className={`card notice-detail notice-detail-${notice.severity.toLowerCase()}`} aria-labelledby="notice-title">
        <p className="small">
          <Link href="/notices">{t('notices.back')}</Link>
        </p>
        <h1 id="notice-title">{notice.title}</h1>
        <p>
          <span className={`badge severity-${notice.severity.toLowerCase()}`}>{t(`notice.severity.${notice.severity}` as MessageKey)}</span>{' '}
          <strong data-testid="notice-status">{t(`notice.status.${notice.status}` as MessageKey)}</strong>
        </p>
        <dl className="facts">
          {notice.services.length > 0 && (
            <>
              <dt>{t('notices.form.services')}</dt>
              <dd>
                <ul className="plain chips">
                  {notice.services.map((s) => {
                    const following = services.includes(s.toLowerCase());
                    return (
                      <li key={s}>
                        {s}{' '}
                        <button
                          type="button"
                          className="button-link small"
                          aria-pressed={following}
                          aria-label={following ? t('notices.services.followingNamed', { name: s }) : t('notices.services.followNamed', { name: s })}
                          onClick={() =>
                            void (following ? unfollowService({ name: s }) : followService({ name: s })).then((r) => {
                              const d = r.data as { followService?: string[]; unfollowService?: string[] } | undefined;
                              const next = d?.followService ?? d?.unfollowService;
                              if (next) setServices(next);
                              setActionError(formError(r.error, t));
                            })
                          }
                        >
                          {following ? t('notices.services.followingShort') : t('notices.services.followShort')}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </dd>
            </>
          )}
          {notice.regions.length > 0 && (
            <>
              <dt>{t('notices.form.regions')}</dt>
              <dd>{notice.regions.join(', ')}</dd>
            </>
          )}
          <dt>{t('notices.form.startsAt')}</dt>
          <dd>{formatDate(notice.startsAt)}</dd>
          {notice.expectedEndAt && (
            <>
              <dt>{t('notices.form.expectedEndAt')}</dt>
              <dd>{formatDate(notice.expectedEndAt)}</dd>
            </>
          )}
          {notice.resolvedAt && (
            <>
              <dt>{t('notices.resolvedAt')}</dt>
              <dd>{formatDate(notice.resolvedAt)}</dd>
            </>
          )}
          <dt>{t('notices.form.audience')}</dt>
          <dd>
            {t(`notices.audience.${notice.audience}` as MessageKey)}
            {notice.departments.length > 0 && `: ${notice.departments.map((d) => d.name).join(', ')}`}
          </dd>
          {notice.author && (
            <>
              <dt>{t('notices.author')}</dt>
              <dd>
                <Link href={`/people/${notice.author.id}`}>{notice.author.displayName}</Link>
              </dd>
            </>
          )}
        </dl>
        <div className="row-actions">
          <button type="button" className="button-quiet" aria-pressed={notice.followedByMe} onClick={() => void act(() => (notice.followedByMe ? unfollow({ id }) : follow({ id })))}>
            {notice.followedByMe ? t('notices.following') : t('notices.follow')}
          </button>
        </div>
        {actionError && (
          <p className="error" role="alert">
            {actionError.message}
          </p>
        )}
      </article>

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('notices.timeline')}</h2>
        <ol className="timeline" data-testid="notice-timeline">
          {notice.updates.map((u) => (
            <li key={u.id}>
              <p className="small">
                <strong>{t(`notice.status.${u.status}` as MessageKey)}</strong> · <time dateTime={u.createdAt}>{formatDate(u.createdAt)}</time>
                {u.author && ` · ${u.author.displayName}`}
              </p>
              <p className="pre">{u.text}</p>
            </li>
          ))}
        </ol>
        {canPublish && !resolved && <PostUpdateForm notice={notice} onPosted={() => void load()} />}
      </section>

      <section className="card" aria-labelledby="affected-title">
        <h2 id="affected-title">{t('notices.affected.title')}</h2>
        <p data-testid="affected-count">{t('notices.affected.count', { count: notice.affectedCount })}</p>
        {notice.affectedByDepartment.length > 0 && (
          <ul className="plain small">
            {notice.affectedByDepartment.map((d) => (
              <li key={d.department?.id ?? 'none'}>
                {d.department?.name ?? t('notices.affected.noDepartment')}: {formatNumber(d.count)}
              </li>
            ))}
          </ul>
        )}
        {notice.affectedByMe ? (
          <p>
            <span className="badge">{t('notices.affected.you')}</span>{' '}
            <button type="button" className="button-link" onClick={() => void act(() => unmark({ id }))}>
              {t('notices.affected.undo')}
            </button>
          </p>
        ) : (
          !resolved && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void act(() => mark({ id, comment: comment.trim() || null })).then(() => setComment(''));
              }}
            >
              <label htmlFor="affected-comment">{t('notices.affected.comment')}</label>
              <textarea id="affected-comment" rows={2} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
              <button type="submit">{t('notices.affected.mark')}</button>
            </form>
          )
        )}
        {notice.affectedPeople && (
          <>
            <h3>{t('notices.affected.who')}</h3>
            {notice.affectedPeople.length === 0 && <p className="muted small">{t('notices.affected.nobody')}</p>}
            <ul className="plain" data-testid="affected-people">
              {notice.affectedPeople.map((p, i) => (
                <li key={p.person?.id ?? i}>
                  <strong>{p.person?.displayName ?? '—'}</strong>
                  {p.person?.department && <span className="muted small"> · {p.person.department.name}</span>}
                  {p.comment && <p className="pre small">{p.comment}</p>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

function PostUpdateForm({ notice, onPosted }: { notice: NoticeDetail; onPosted(): void }) {
  const { t } = useI18n();
  const allowed = STATUSES.slice(STATUSES.indexOf(notice.status));
  const [status, setStatus] = useState<Status>(allowed[1] ?? notice.status);
  const [text, setText] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const [, post] = useMutation(POST_UPDATE);
  const formRef = useFocusInvalid(error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const res = await post({ id: notice.id, status, text });
    setBusy(false);
    setError(formError(res.error, t));
    if (!res.error) {
      setText('');
      onPosted();
    }
  }
  return (
    <form ref={formRef} onSubmit={submit} className="post-update" noValidate>
      <h3>{t('notices.update.title')}</h3>
      <label htmlFor="u-status">{t('notices.status')}</label>
      <select id="u-status" value={status} onChange={(e) => setStatus(e.target.value as Status)} aria-invalid={isAbout(error, 'status') || undefined} aria-describedby={isAbout(error, 'status') ? 'err-status' : undefined}>
        {allowed.map((s) => (
          <option key={s} value={s}>
            {t(`notice.status.${s}` as MessageKey)}
          </option>
        ))}
      </select>
      <FieldError id="err-status" error={error} field="status" />
      <label htmlFor="u-text">{t('notices.update.text')}</label>
      <textarea id="u-text" rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={isAbout(error, 'text') || undefined} aria-describedby={isAbout(error, 'text') ? 'err-utext' : undefined} />
      <FieldError id="err-utext" error={error} field="text" />
      <FormAlert error={error} fields={['status', 'text']} />
      <button type="submit" disabled={busy}>
        {t('notices.update.submit')}
      </button>
    </form>
  );
}
