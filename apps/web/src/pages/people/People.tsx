import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { Avatar } from '../../components/Avatar.js';
import { EmploymentBadge } from '../../components/Badge.js';
import { ErrorState, Loading } from '../../components/States.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { graphql, type ResultOf, type VariablesOf } from '../../lib/gql.js';

const SEARCH = graphql(`query People($query: String, $departmentIds: [ID!], $employmentTypes: [EmploymentType!], $after: String) {
  searchPeople(query: $query, departmentIds: $departmentIds, employmentTypes: $employmentTypes, first: 24, after: $after) {
    totalCount
    edges { node { id displayName jobTitle employmentType followedByMe department { id name } photo { id medium } } }
    pageInfo { hasNextPage endCursor }
    facets { departments { id name count } employmentTypes { employmentType count } }
  } }`);

type Result = ResultOf<typeof SEARCH>['searchPeople'];
type Hit = Result['edges'][number]['node'];
type EmploymentType = Hit['employmentType'];
type Variables = Omit<VariablesOf<typeof SEARCH>, 'after'>;

/** The "smoelenboek": a grid of faces with search as you type and facets. */
export function PeoplePage() {
  const { t, formatNumber } = useI18n();
  const [query, setQuery] = useState('');
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const [types, setTypes] = useState<EmploymentType[]>([]);
  // Search as you type, but not on every keystroke: the variables follow the inputs after 200 ms.
  const [variables, setVariables] = useState<Variables>({ query: null, departmentIds: null, employmentTypes: null });
  useEffect(() => {
    const timer = window.setTimeout(
      () => setVariables({ query: query.trim() || null, departmentIds: departmentIds.length ? departmentIds : null, employmentTypes: types.length ? types : null }),
      200,
    );
    return () => window.clearTimeout(timer);
  }, [query, departmentIds, types]);
  // From the normalised cache, so a follow on a profile shows here when you come back.
  const [{ data, error }] = useQuery({ query: SEARCH, variables });
  const result = data?.searchPeople ?? null;
  const failed = !!error && !result;
  // "More" adds pages after the first, each read from the cache like the first.
  const [cursors, setCursors] = useState<string[]>([]);
  const [lastPage, setLastPage] = useState<Result['pageInfo'] | null>(null);
  useEffect(() => {
    setCursors([]);
    setLastPage(null);
  }, [variables]);
  const pageInfo = cursors.length ? lastPage : (result?.pageInfo ?? null);
  const people = result?.edges.map((e) => e.node) ?? [];

  const toggle = <T extends string>(list: T[], set: (v: T[]) => void, value: T) => set(list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  return (
    <section className="card" aria-labelledby="people-title">
      <h1 id="people-title">{t('people.title')}</h1>
      <label htmlFor="people-q" className="sr-only">
        {t('people.search')}
      </label>
      <input id="people-q" type="search" placeholder={t('people.search')} value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      {result && (
        <div className="facets">
          <fieldset>
            <legend>{t('people.types')}</legend>
            {result.facets.employmentTypes.map((f) => (
              <label key={f.employmentType} className="check">
                <input type="checkbox" checked={types.includes(f.employmentType)} onChange={() => toggle(types, setTypes, f.employmentType)} />
                {t(`badge.${f.employmentType}` as MessageKey)} ({formatNumber(f.count)})
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('people.departments')}</legend>
            {result.facets.departments.slice(0, 8).map((f) => (
              <label key={f.id} className="check">
                <input type="checkbox" checked={departmentIds.includes(f.id)} onChange={() => toggle(departmentIds, setDepartmentIds, f.id)} />
                {f.name} ({formatNumber(f.count)})
              </label>
            ))}
          </fieldset>
          {(types.length > 0 || departmentIds.length > 0) && (
            <button type="button" className="button-link" onClick={() => { setTypes([]); setDepartmentIds([]); }}>
              {t('people.clear')}
            </button>
          )}
        </div>
      )}
      {failed && <ErrorState />}
      {!result && !failed && <Loading />}
      {result && (
        <p className="muted small" role="status" aria-live="polite">
          {t('people.results', { count: result.totalCount })}
        </p>
      )}
      {result && people.length === 0 && (
        <div className="state">
          <p>{t('people.none')}</p>
          {(query || types.length > 0 || departmentIds.length > 0) && (
            <button type="button" className="button-quiet" onClick={() => { setQuery(''); setTypes([]); setDepartmentIds([]); }}>
              {t('people.broaden')}
            </button>
          )}
        </div>
      )}
      <ul className="faces" data-testid="people-grid">
        {people.map((p) => (
          <Face key={p.id} p={p} />
        ))}
        {cursors.map((after, i) => (
          <MorePeople key={after} variables={variables} after={after} onPage={i === cursors.length - 1 ? setLastPage : undefined} />
        ))}
      </ul>
      {pageInfo?.hasNextPage && pageInfo.endCursor && (
        <button type="button" className="button-quiet" onClick={() => setCursors((c) => [...c, pageInfo.endCursor!])}>
          {t('feed.more')}
        </button>
      )}
    </section>
  );
}

function Face({ p }: { p: Hit }) {
  const { t } = useI18n();
  return (
    <li>
      <Link href={`/people/${p.id}`} className="face">
        <Avatar name={p.displayName} url={p.photo?.medium} size="large" />
        <span className="author">{p.displayName}</span>
        <span className="muted small">{p.jobTitle}</span>
        <span className="muted small">{p.department?.name}</span>
        <EmploymentBadge type={p.employmentType} />
        {p.followedByMe && (
          <span className="badge" data-testid="following">
            {t('people.following')}
          </span>
        )}
      </Link>
    </li>
  );
}

/** A page of results after the first; tells the grid its page info when it is the last one. */
function MorePeople({ variables, after, onPage }: { variables: Variables; after: string; onPage?: (info: Result['pageInfo']) => void }) {
  const [{ data }] = useQuery({ query: SEARCH, variables: { ...variables, after } });
  const info = data?.searchPeople.pageInfo;
  useEffect(() => {
    if (info && onPage) onPage(info);
  }, [info, onPage]);
  return <>{data?.searchPeople.edges.map((e) => <Face key={e.node.id} p={e.node} />)}</>;
}
