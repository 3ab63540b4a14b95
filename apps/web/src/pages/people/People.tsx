import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { Avatar } from '../../components/Avatar.js';
import { EmploymentBadge } from '../../components/Badge.js';
import { ErrorState, Loading } from '../../components/States.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { graphql, type ResultOf } from '../../lib/gql.js';

const SEARCH = graphql(`query People($query: String, $departmentIds: [ID!], $employmentTypes: [EmploymentType!], $after: String) {
  searchPeople(query: $query, departmentIds: $departmentIds, employmentTypes: $employmentTypes, first: 24, after: $after) {
    totalCount
    edges { node { id displayName jobTitle employmentType department { name } photo { medium } } }
    pageInfo { hasNextPage endCursor }
    facets { departments { id name count } employmentTypes { employmentType count } }
  } }`);

type Result = ResultOf<typeof SEARCH>['searchPeople'];
type Hit = Result['edges'][number]['node'];
type EmploymentType = Hit['employmentType'];

/** The "smoelenboek": a grid of faces with search as you type and facets. */
export function PeoplePage() {
  const { t, formatNumber } = useI18n();
  const client = useClient();
  const [query, setQuery] = useState('');
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const [types, setTypes] = useState<EmploymentType[]>([]);
  const [result, setResult] = useState<Result | null>(null);
  const [people, setPeople] = useState<Hit[]>([]);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    // Search as you type, but not on every keystroke.
    const timer = window.setTimeout(async () => {
      const res = await client
        .query(SEARCH, { query: query.trim() || null, departmentIds: departmentIds.length ? departmentIds : null, employmentTypes: types.length ? types : null }, { requestPolicy: 'network-only' })
        .toPromise();
      if (!current) return;
      if (res.error || !res.data) return setFailed(true);
      setFailed(false);
      setResult(res.data.searchPeople);
      setPeople(res.data.searchPeople.edges.map((e) => e.node));
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [client, query, departmentIds, types]);

  async function more() {
    if (!result?.pageInfo.endCursor) return;
    const res = await client
      .query(SEARCH, { query: query.trim() || null, departmentIds: departmentIds.length ? departmentIds : null, employmentTypes: types.length ? types : null, after: result.pageInfo.endCursor })
      .toPromise();
    if (res.data) {
      setResult(res.data.searchPeople);
      setPeople((prev) => [...prev, ...res.data!.searchPeople.edges.map((e) => e.node)]);
    }
  }

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
          <li key={p.id}>
            <Link href={`/people/${p.id}`} className="face">
              <Avatar name={p.displayName} url={p.photo?.medium} size="large" />
              <span className="author">{p.displayName}</span>
              <span className="muted small">{p.jobTitle}</span>
              <span className="muted small">{p.department?.name}</span>
              <EmploymentBadge type={p.employmentType} />
            </Link>
          </li>
        ))}
      </ul>
      {result?.pageInfo.hasNextPage && (
        <button type="button" className="button-quiet" onClick={() => void more()}>
          {t('feed.more')}
        </button>
      )}
    </section>
  );
}
