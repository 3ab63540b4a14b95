import { useEffect, useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import { ErrorState, Loading } from '../../components/States.js';
import { useAuth } from '../../lib/auth.js';
import { errorText } from '../../lib/errors.js';
import { graphql, type VariablesOf } from '../../lib/gql.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { Link, navigate } from '../../lib/router.js';
import { GroupCardFields, type GroupCardData } from './documents.js';
import { MembershipPill } from './MembershipPill.js';

const GROUPS_LIST = graphql(
  `
  query GroupsList($query: String) {
    groups(query: $query, first: 50, sort: POPULAR) { edges { node { ...GroupCardFields } } }
    myGroups(first: 100) { edges { node { ...GroupCardFields } } }
  }
`,
  [GroupCardFields],
);
const CREATE_GROUP = graphql(`mutation CreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id } }`);

type Kind = VariablesOf<typeof CREATE_GROUP>['input']['kind'] & string;
const KINDS: Kind[] = ['OPEN', 'CLOSED', 'SECRET'];

function GroupCard({ g }: { g: GroupCardData }) {
  const { t } = useI18n();
  return (
    <li>
      <Link href={`/groups/${g.id}`} className="group-card">
        <span className="group-card-head">
          <span className="author">{g.name}</span>
          <MembershipPill membership={g.myMembership} />
        </span>
        <span className="muted small">
          {t(`groups.kindShort.${g.kind}` as MessageKey)} · {t('groups.members', { count: g.memberCount })}
          {g.payrollOnly ? ` · ${t('groups.payrollOnly')}` : ''}
        </span>
        {g.description && <span className="small group-card-text">{g.description.slice(0, 140)}</span>}
      </Link>
    </li>
  );
}

/**
 * Groups: "Mijn groepen" (where I am a member) and, apart, the other groups I can find and join.
 * A search filters both lists.
 */
export function GroupsPage() {
  const { t } = useI18n();
  const client = useClient();
  const [query, setQuery] = useState('');
  const [data, setData] = useState<{ mine: GroupCardData[]; others: GroupCardData[] } | null>(null);
  const [failed, setFailed] = useState(false);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(async () => {
      const q = query.trim();
      const res = await client.query(GROUPS_LIST, { query: q || null }, { requestPolicy: 'network-only' }).toPromise();
      if (!current) return;
      if (res.error || !res.data) return setFailed(true);
      setFailed(false);
      const myGroups = res.data.myGroups.edges.map((e) => e.node);
      const mineIds = new Set(myGroups.map((g) => g.id));
      const found = res.data.groups.edges.map((e) => e.node);
      setData({
        // Searching: my groups among the results; otherwise all of them (A-Z, from the server).
        mine: q ? found.filter((g) => mineIds.has(g.id)) : myGroups,
        others: found.filter((g) => !mineIds.has(g.id)),
      });
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [client, query]);

  return (
    <>
      <section className="card" aria-labelledby="groups-title">
        <div className="row-between">
          <h1 id="groups-title">{t('groups.title')}</h1>
          <button type="button" className="button-quiet" aria-expanded={creating} onClick={() => setCreating(!creating)}>
            {t('groups.create')}
          </button>
        </div>
        {creating && <CreateGroupForm />}
        <label htmlFor="groups-q" className="sr-only">
          {t('groups.search')}
        </label>
        <input id="groups-q" type="search" placeholder={t('groups.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      </section>
      {failed && <ErrorState />}
      {!data && !failed && <Loading />}
      {data && (
        <section className="card" aria-labelledby="groups-mine" data-testid="groups-mine">
          <h2 id="groups-mine">{t('groups.mine')}</h2>
          {data.mine.length === 0 ? (
            <p className="state">{query.trim() ? t('groups.noneMine') : t('groups.mineEmpty')}</p>
          ) : (
            <ul className="plain group-list">
              {data.mine.map((g) => (
                <GroupCard key={g.id} g={g} />
              ))}
            </ul>
          )}
        </section>
      )}
      {data && (
        <section className="card" aria-labelledby="groups-others" data-testid="groups-others">
          <h2 id="groups-others">{t('groups.others')}</h2>
          {data.others.length === 0 ? (
            <div className="state">
              <p>{t('groups.none')}</p>
              {query && (
                <button type="button" className="button-quiet" onClick={() => setQuery('')}>
                  {t('groups.broaden')}
                </button>
              )}
            </div>
          ) : (
            <ul className="plain group-list">
              {data.others.map((g) => (
                <GroupCard key={g.id} g={g} />
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

function CreateGroupForm() {
  const { t } = useI18n();
  const { person } = useAuth();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<Kind>('OPEN');
  const [payrollOnly, setPayrollOnly] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, create] = useMutation(CREATE_GROUP);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await create({ input: { name, description, kind, payrollOnly } });
    if (res.error || !res.data) return setError(errorText(t, res.error));
    navigate(`/groups/${res.data.createGroup.id}`);
  }

  return (
    <form className="editor" onSubmit={(e) => void submit(e)}>
      <label htmlFor="g-name">{t('groups.name')}</label>
      <input id="g-name" required minLength={3} maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor="g-description">{t('groups.description')}</label>
      <textarea id="g-description" rows={3} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
      <fieldset>
        <legend>{t('groups.kind')}</legend>
        {KINDS.map((k) => (
          <label key={k} className="check">
            <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} /> {t(`groups.kind.${k}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      {person?.employmentType === 'employee' && (
        <label className="check">
          <input type="checkbox" checked={payrollOnly} onChange={(e) => setPayrollOnly(e.target.checked)} /> {t('groups.payrollOnly')}
        </label>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={fetching}>
        {t('groups.create')}
      </button>
    </form>
  );
}
