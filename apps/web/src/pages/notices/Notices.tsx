import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { errorText } from '../../lib/errors.js';
import { useClient, useMutation } from 'urql';
import { ErrorState, Loading } from '../../components/States.js';
import { formError, type FormError } from '../../lib/forms.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { useLive } from '../../lib/socket.js';
import { graphql } from '../../lib/gql.js';
import { FOLLOW_SERVICE, SERVICES, UNFOLLOW_SERVICE, STATUSES, NoticeSummaryFields, useCanPublish, type Status, type NoticeSummary } from './notice-common.js';

const ACTIVE = graphql(`query ActiveNotices { activeNotices { ...NoticeSummaryFields } }`, [NoticeSummaryFields]);
const SEARCH = graphql(`query SearchNotices($query: String, $status: NoticeStatus, $after: String) {
  searchNotices(query: $query, status: $status, first: 20, after: $after) { edges { node { ...NoticeSummaryFields } } pageInfo { hasNextPage endCursor } } }`, [NoticeSummaryFields]);


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
  const [status, setStatus] = useState<Status | ''>('');
  const [found, setFound] = useState<NoticeSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [searchFailed, setSearchFailed] = useState<string | null>(null);

  const loadActive = useCallback(async () => {
    // network-only: also run after a live notice event, which carries no notice.
    const res = await client.query(ACTIVE, {}, { requestPolicy: 'network-only' }).toPromise();
    setActiveFailed(!res.data);
    if (res.data) setActive(res.data.activeNotices);
  }, [client]);
  const search = useCallback(
    async (after: string | null) => {
      // network-only: also run after a live notice event, which carries no notice.
      const res = await client
        .query(SEARCH, { query: query.trim() || null, status: status || null, after }, { requestPolicy: 'network-only' })
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
        <select id="notice-status" value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
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
  const [, follow] = useMutation(FOLLOW_SERVICE);
  const [, unfollow] = useMutation(UNFOLLOW_SERVICE);
  const load = useCallback(async () => {
    // network-only: also run after following or unfollowing a service (the mutation returns names, not entities).
    const res = await client.query(SERVICES, {}, { requestPolicy: 'network-only' }).toPromise();
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
