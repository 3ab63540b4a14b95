import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { errorText } from '../../lib/errors.js';
import { useClient, useMutation } from 'urql';
import { FieldError, FormAlert, useFocusInvalid } from '../../components/FieldError.js';
import { ErrorState, Loading } from '../../components/States.js';
import { useDepartments } from '../../lib/departments.js';
import { formError, isAbout, splitList, type FormError } from '../../lib/forms.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { Link, navigate } from '../../lib/router.js';
import { useLive } from '../../lib/socket.js';

const STATUSES = ['INVESTIGATING', 'IDENTIFIED', 'MONITORING', 'RESOLVED'] as const;
const SEVERITIES = ['MINOR', 'MAJOR', 'CRITICAL'] as const;
const AUDIENCES = ['COMPANY', 'EMPLOYEES', 'DEPARTMENTS'] as const;

const SUMMARY = `id title severity status services regions startsAt resolvedAt`;
const ACTIVE = `query ActiveNotices { activeNotices { ${SUMMARY} } }`;
const SEARCH = `query SearchNotices($query: String, $status: NoticeStatus, $after: String) {
  searchNotices(query: $query, status: $status, first: 20, after: $after) { edges { node { ${SUMMARY} } } pageInfo { hasNextPage endCursor } } }`;
const ROLES = `query MyRoles { me { id roles } }`;
const SERVICES = `query FollowedServices { followedServices }`;
const FOLLOW_SERVICE = `mutation FollowService($name: String!) { followService(name: $name) }`;
const UNFOLLOW_SERVICE = `mutation UnfollowService($name: String!) { unfollowService(name: $name) }`;
const DETAIL = `query Notice($id: ID!) { notice(id: $id) { ${SUMMARY} audience expectedEndAt createdAt followedByMe affectedByMe affectedCount
  author { id displayName } departments { id name }
  affectedByDepartment { count department { id name } }
  affectedPeople { comment createdAt person { id displayName department { name } } }
  updates { id status text createdAt author { displayName } } } }`;
const PUBLISH = `mutation Publish($input: PublishNoticeInput!) { publishNotice(input: $input) { id } }`;
const POST_UPDATE = `mutation PostUpdate($id: ID!, $status: NoticeStatus!, $text: String!) { postNoticeUpdate(noticeId: $id, status: $status, text: $text) { id } }`;
const FOLLOW = `mutation FollowNotice($id: ID!) { followNotice(noticeId: $id) { id followedByMe } }`;
const UNFOLLOW = `mutation UnfollowNotice($id: ID!) { unfollowNotice(noticeId: $id) { id followedByMe } }`;
const MARK = `mutation Mark($id: ID!, $comment: String) { markAffected(noticeId: $id, comment: $comment) { id affectedByMe affectedCount } }`;
const UNMARK = `mutation Unmark($id: ID!) { unmarkAffected(noticeId: $id) { id affectedByMe affectedCount } }`;

type Status = (typeof STATUSES)[number];

interface NoticeSummary {
  id: string;
  title: string;
  severity: string;
  status: Status;
  services: string[];
  regions: string[];
  startsAt: string;
  resolvedAt: string | null;
}

interface NoticeDetail extends NoticeSummary {
  audience: string;
  expectedEndAt: string | null;
  createdAt: string;
  followedByMe: boolean;
  affectedByMe: boolean;
  affectedCount: number;
  author: { id: string; displayName: string } | null;
  departments: { id: string; name: string }[];
  affectedByDepartment: { count: number; department: { id: string; name: string } | null }[];
  affectedPeople: { comment: string | null; createdAt: string; person: { id: string; displayName: string; department: { name: string } | null } | null }[] | null;
  updates: { id: string; status: Status; text: string; createdAt: string; author: { displayName: string } | null }[];
}

/** Whether the signed-in person may publish notices, read from the server (roles count per request). */
function useCanPublish(): boolean | null {
  const client = useClient();
  const [can, setCan] = useState<boolean | null>(null);
  useEffect(() => {
    void client
      .query<{ me: { roles: string[] } }>(ROLES, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => setCan(!!res.data?.me.roles.some((r) => r === 'NOTICE_PUBLISHER' || r === 'ADMIN')));
  }, [client]);
  return can;
}

function NoticeRow({ n }: { n: NoticeSummary }) {
  const { t, formatDate } = useI18n();
  return (
    <li className={`notice-row notice-row-${n.severity.toLowerCase()}`}>
      <Link href={`/notices/${n.id}`}>{n.title}</Link>
      <span className="muted small">
        {' · '}
        {[t(`notice.severity.${n.severity}` as MessageKey), t(`notice.status.${n.status}` as MessageKey), n.services.join(', '), formatDate(n.resolvedAt ?? n.startsAt)].filter(Boolean).join(' · ')}
      </span>
    </li>
  );
}

/** Active notices, a search over all of them (resolved ones too), and the services you follow. */
export function NoticesPage() {
  const { t } = useI18n();
  const client = useClient();
  const canPublish = useCanPublish();
  const [active, setActive] = useState<NoticeSummary[] | null>(null);
  const [activeFailed, setActiveFailed] = useState(false);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('');
  const [found, setFound] = useState<NoticeSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [searchFailed, setSearchFailed] = useState<string | null>(null);

  const loadActive = useCallback(async () => {
    const res = await client.query<{ activeNotices: NoticeSummary[] }>(ACTIVE, {}, { requestPolicy: 'network-only' }).toPromise();
    setActiveFailed(!res.data);
    if (res.data) setActive(res.data.activeNotices);
  }, [client]);
  const search = useCallback(
    async (after: string | null) => {
      const res = await client
        .query<{ searchNotices: { edges: { node: NoticeSummary }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(SEARCH, { query: query.trim() || null, status: status || null, after }, { requestPolicy: 'network-only' })
        .toPromise();
      if (res.error || !res.data) return setSearchFailed(errorText(t, res.error) ?? t('app.error'));
      setSearchFailed(null);
      const nodes = res.data.searchNotices.edges.map((e) => e.node);
      setFound((prev) => (after && prev ? [...prev, ...nodes] : nodes));
      setNext(res.data.searchNotices.pageInfo.hasNextPage ? res.data.searchNotices.pageInfo.endCursor : null);
    },
    [client, query, status, t],
  );
  useEffect(() => void loadActive(), [loadActive]);
  useEffect(() => {
    const timer = window.setTimeout(() => void search(null), 200);
    return () => window.clearTimeout(timer);
  }, [search]);
  const live = useCallback(() => {
    void loadActive();
    void search(null);
  }, [loadActive, search]);
  useLive('notice.published', live);
  useLive('notice.updated', live);

  return (
    <>
      <section className="card" aria-labelledby="notices-title">
        <div className="title-row">
          <h1 id="notices-title">{t('notices.title')}</h1>
          {canPublish && (
            <Link href="/notices/new" className="button-like button-quiet">
              {t('notices.publish')}
            </Link>
          )}
        </div>
        <h2>{t('notices.active')}</h2>
        {activeFailed && <ErrorState onRetry={() => void loadActive()} />}
        {!active && !activeFailed && <Loading />}
        {active && active.length === 0 && <p className="muted">{t('notices.noneActive')}</p>}
        {active && active.length > 0 && (
          <ul className="plain" data-testid="active-notices">
            {active.map((n) => (
              <NoticeRow key={n.id} n={n} />
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="notices-search">
        <h2 id="notices-search">{t('notices.search')}</h2>
        <label htmlFor="notice-q">{t('notices.searchLabel')}</label>
        <input id="notice-q" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <label htmlFor="notice-status">{t('notices.status')}</label>
        <select id="notice-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('notices.anyStatus')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`notice.status.${s}` as MessageKey)}
            </option>
          ))}
        </select>
        {searchFailed && <ErrorState message={searchFailed} onRetry={() => void search(null)} />}
        {!found && !searchFailed && <Loading />}
        {found && found.length === 0 && <p className="muted">{t('notices.noneFound')}</p>}
        {found && found.length > 0 && (
          <ul className="plain results" data-testid="notice-results">
            {found.map((n) => (
              <NoticeRow key={n.id} n={n} />
            ))}
          </ul>
        )}
        {next && (
          <button type="button" className="button-quiet" onClick={() => void search(next)}>
            {t('feed.more')}
          </button>
        )}
      </section>
      <FollowedServices />
    </>
  );
}

function FollowedServices() {
  const { t } = useI18n();
  const client = useClient();
  const [services, setServices] = useState<string[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [, follow] = useMutation<{ followService: string[] }>(FOLLOW_SERVICE);
  const [, unfollow] = useMutation<{ unfollowService: string[] }>(UNFOLLOW_SERVICE);
  const load = useCallback(async () => {
    const res = await client.query<{ followedServices: string[] }>(SERVICES, {}, { requestPolicy: 'network-only' }).toPromise();
    setFailed(!res.data);
    if (res.data) setServices(res.data.followedServices);
  }, [client]);
  useEffect(() => void load(), [load]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = await follow({ name });
    setError(formError(res.error, t));
    if (res.data) {
      setServices(res.data.followService);
      setName('');
    }
  }
  return (
    <section className="card" aria-labelledby="services-title">
      <h2 id="services-title">{t('notices.services.title')}</h2>
      <p className="muted small">{t('notices.services.intro')}</p>
      <form onSubmit={submit} className="inline-form">
        <label htmlFor="service-name">{t('notices.services.name')}</label>
        <input id="service-name" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} aria-invalid={!!error} aria-describedby={error ? 'service-error' : undefined} />
        <button type="submit" disabled={!name.trim()}>
          {t('notices.services.follow')}
        </button>
        {error && (
          <p id="service-error" className="error small" role="alert">
            {error.message}
          </p>
        )}
      </form>
      {failed && <ErrorState onRetry={() => void load()} />}
      {!services && !failed && <Loading />}
      {services && services.length === 0 && <p className="muted small">{t('notices.services.none')}</p>}
      {services && services.length > 0 && (
        <ul className="plain chips">
          {services.map((s) => (
            <li key={s}>
              {s}{' '}
              <button type="button" className="button-link" aria-label={t('notices.services.unfollowNamed', { name: s })} onClick={() => void unfollow({ name: s }).then((r) => r.data && setServices(r.data.unfollowService))}>
                {t('notices.services.unfollow')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** `<input type="datetime-local">` value for a moment, in the browser's time zone. */
function localInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const PUBLISH_FIELDS = ['title', 'text', 'services', 'regions', 'severity', 'startsAt', 'expectedEndAt', 'audience', 'departmentIds'];

/** Notice publishers and admins: publish a notice. The server validates; its messages show by the field. */
export function NoticePublishPage() {
  const { t } = useI18n();
  const canPublish = useCanPublish();
  const { departments, failed: departmentsFailed, reload } = useDepartments();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [services, setServices] = useState('');
  const [regions, setRegions] = useState('');
  const [severity, setSeverity] = useState<string>('MAJOR');
  const [startsAt, setStartsAt] = useState(() => localInput(new Date()));
  const [expectedEndAt, setExpectedEndAt] = useState('');
  const [audience, setAudience] = useState<string>('COMPANY');
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const [, publish] = useMutation<{ publishNotice: { id: string } }>(PUBLISH);
  const formRef = useFocusInvalid(error);

  if (canPublish === null) return <Loading />;
  if (!canPublish) return <p className="card">{t('notices.forbidden')}</p>;

  const when = (v: string) => (v ? new Date(v).toISOString() : null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const res = await publish({
      input: {
        title,
        text,
        services: splitList(services),
        regions: splitList(regions),
        severity,
        startsAt: when(startsAt),
        expectedEndAt: when(expectedEndAt),
        audience,
        departmentIds: audience === 'DEPARTMENTS' ? departmentIds : null,
      },
    });
    setBusy(false);
    setError(formError(res.error, t));
    if (res.data) navigate(`/notices/${res.data.publishNotice.id}`);
  }
  const described = (field: string) => (isAbout(error, field) ? `err-${field}` : undefined);
  const invalid = (field: string) => isAbout(error, field) || undefined;
  return (
    <section className="card" aria-labelledby="publish-title">
      <h1 id="publish-title">{t('notices.publish')}</h1>
      <form ref={formRef} onSubmit={submit} noValidate>
        <label htmlFor="n-title">{t('notices.form.title')}</label>
        <input id="n-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} aria-invalid={invalid('title')} aria-describedby={described('title')} />
        <FieldError id="err-title" error={error} field="title" />
        <label htmlFor="n-text">{t('notices.form.text')}</label>
        <textarea id="n-text" rows={4} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} aria-invalid={invalid('text')} aria-describedby={described('text')} />
        <FieldError id="err-text" error={error} field="text" />
        <label htmlFor="n-services">{t('notices.form.services')}</label>
        <input id="n-services" value={services} onChange={(e) => setServices(e.target.value)} aria-invalid={invalid('services')} aria-describedby={described('services') ?? 'n-services-help'} />
        <p id="n-services-help" className="muted small">
          {t('notices.form.listHelp')}
        </p>
        <FieldError id="err-services" error={error} field="services" />
        <label htmlFor="n-regions">{t('notices.form.regions')}</label>
        <input id="n-regions" value={regions} onChange={(e) => setRegions(e.target.value)} aria-invalid={invalid('regions')} aria-describedby={described('regions')} />
        <FieldError id="err-regions" error={error} field="regions" />
        <label htmlFor="n-severity">{t('notices.form.severity')}</label>
        <select id="n-severity" value={severity} onChange={(e) => setSeverity(e.target.value)}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`notice.severity.${s}` as MessageKey)}
            </option>
          ))}
        </select>
        <FieldError id="err-severity" error={error} field="severity" />
        <div className="two-col">
          <div>
            <label htmlFor="n-start">{t('notices.form.startsAt')}</label>
            <input id="n-start" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} aria-invalid={invalid('startsAt')} aria-describedby={described('startsAt')} />
            <FieldError id="err-startsAt" error={error} field="startsAt" />
          </div>
          <div>
            <label htmlFor="n-end">{t('notices.form.expectedEndAt')}</label>
            <input id="n-end" type="datetime-local" value={expectedEndAt} onChange={(e) => setExpectedEndAt(e.target.value)} aria-invalid={invalid('expectedEndAt')} aria-describedby={described('expectedEndAt')} />
            <FieldError id="err-expectedEndAt" error={error} field="expectedEndAt" />
          </div>
        </div>
        <fieldset>
          <legend>{t('notices.form.audience')}</legend>
          {AUDIENCES.map((a) => (
            <label key={a} className="check">
              <input type="radio" name="audience" value={a} checked={audience === a} onChange={() => setAudience(a)} /> {t(`notices.audience.${a}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        {audience === 'DEPARTMENTS' && (
          <fieldset aria-describedby={described('departmentIds')}>
            <legend>{t('notices.form.departments')}</legend>
            {departmentsFailed && <ErrorState onRetry={reload} />}
            {!departments && !departmentsFailed && <Loading />}
            <div className="check-grid">
              {departments?.map((d) => (
                <label key={d.id} className="check">
                  <input
                    type="checkbox"
                    checked={departmentIds.includes(d.id)}
                    onChange={(e) => setDepartmentIds((ids) => (e.target.checked ? [...ids, d.id] : ids.filter((x) => x !== d.id)))}
                  />{' '}
                  {d.name}
                </label>
              ))}
            </div>
            <FieldError id="err-departmentIds" error={error} field="departmentIds" />
          </fieldset>
        )}
        <FormAlert error={error} fields={PUBLISH_FIELDS} />
        <div className="row-actions">
          <button type="submit" disabled={busy}>
            {t('notices.form.submit')}
          </button>
          <Link href="/notices">{t('notices.form.cancel')}</Link>
        </div>
      </form>
    </section>
  );
}

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
    void client
      .query<{ followedServices: string[] }>(SERVICES, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => res.data && setServices(res.data.followedServices));
  }, [client]);
  const [, unmark] = useMutation(UNMARK);

  const load = useCallback(async () => {
    const res = await client.query<{ notice: NoticeDetail }>(DETAIL, { id }, { requestPolicy: 'network-only' }).toPromise();
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
