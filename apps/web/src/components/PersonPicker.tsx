import { useEffect, useId, useState } from 'react';
import { useClient } from 'urql';
import { useI18n } from '../lib/i18n.js';
import { graphql, type ResultOf } from '../lib/gql.js';

const SEARCH = graphql(`query Pick($query: String) { searchPeople(query: $query, first: 6) { edges { node { id displayName jobTitle department { name } } } } }`);

export interface PickedPerson {
  id: string;
  displayName: string;
}

type Found = ResultOf<typeof SEARCH>['searchPeople']['edges'][number]['node'];

/**
 * Search a colleague by name and pick one. The matches are buttons, so the picker works with a
 * keyboard and a screen reader without a custom listbox.
 */
export function PersonPicker({ label, value, onChange, describedBy }: { label: string; value: PickedPerson | null; onChange(p: PickedPerson | null): void; describedBy?: string }) {
  const { t } = useI18n();
  const client = useClient();
  const id = useId();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return setFound(null);
    let current = true;
    const timer = window.setTimeout(async () => {
      const res = await client.query(SEARCH, { query: q }).toPromise();
      if (!current) return;
      setFailed(!!res.error);
      setFound(res.data?.searchPeople.edges.map((e) => e.node) ?? []);
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [client, query]);

  if (value) {
    return (
      <div className="picker">
        <p className="picked" aria-describedby={describedBy}>
          <span className="label-like">{label}:</span> <strong data-testid="picked-person">{value.displayName}</strong>{' '}
          <button type="button" className="button-link" onClick={() => onChange(null)}>
            {t('picker.change')}
          </button>
        </p>
      </div>
    );
  }
  return (
    <div className="picker">
      <label htmlFor={`${id}-q`}>{label}</label>
      <input id={`${id}-q`} type="search" autoComplete="off" placeholder={t('picker.placeholder')} value={query} onChange={(e) => setQuery(e.target.value)} aria-describedby={describedBy} />
      {failed && <p className="error small">{t('app.error')}</p>}
      {found && found.length === 0 && <p className="muted small">{t('picker.none')}</p>}
      {found && found.length > 0 && (
        <ul className="plain picker-results" aria-label={t('picker.results')}>
          {found.map((p) => (
            <li key={p.id}>
              <button type="button" className="button-quiet" onClick={() => onChange({ id: p.id, displayName: p.displayName })}>
                {p.displayName}
                <span className="muted small"> {[p.jobTitle, p.department?.name].filter(Boolean).join(' · ')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
