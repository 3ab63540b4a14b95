import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { errorText } from '../../lib/errors.js';
import { useClient, useMutation } from 'urql';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker.js';
import { ErrorState, Loading } from '../../components/States.js';
import { formError, type FormError } from '../../lib/forms.js';
import { useAuth } from '../../lib/auth.js';
import { useI18n } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { graphql, type ResultOf } from '../../lib/gql.js';

const LIST = graphql(`query Vacancies($filters: VacancyFiltersInput) { vacancies(first: 30, filters: $filters) { edges { node {
  id title location hoursPerWeek closesOn descriptionHtml savedByMe interestedByMe openToExternals department { name } contact { displayName }
  interests { createdAt note person { id displayName department { name } } } } } } }`);
const CAN_POST = graphql(`query CanPostVacancy { canPostVacancy }`);
const CLOSE = graphql(`mutation Close($id: ID!) { closeVacancy(id: $id) { id status } }`);
const SAVE = graphql(`mutation Save($id: ID!) { saveVacancy(id: $id) { id savedByMe } }`);
const UNSAVE = graphql(`mutation Unsave($id: ID!) { unsaveVacancy(id: $id) { id savedByMe } }`);
const REFER = graphql(`mutation Refer($vacancyId: ID!, $colleagueId: ID!, $note: String) { referColleague(vacancyId: $vacancyId, colleagueId: $colleagueId, note: $note) { id } }`);
const REFERRALS = graphql(`query Referrals { myVacancyReferrals { id note createdAt referrer { displayName } vacancy { id title status } } }`);
const INTEREST = graphql(`mutation Interest($id: ID!, $note: String) { expressInterest(vacancyId: $id, note: $note) { id interestedByMe } }`);
const WITHDRAW = graphql(`mutation Withdraw($id: ID!) { withdrawInterest(vacancyId: $id) { id interestedByMe } }`);
const SAVE_SEARCH = graphql(`mutation SaveSearch($filters: VacancyFiltersInput!) { saveVacancySearch(filters: $filters) { id } }`);

/** `interests` is only for the contact person and the poster; null for everyone else. */
type Vacancy = ResultOf<typeof LIST>['vacancies']['edges'][number]['node'];

/** Browse and search internal vacancies; save them, express interest, save a search. */
export function VacanciesPage() {
  const { t, formatDate } = useI18n();
  const client = useClient();
  const [query, setQuery] = useState('');
  const [location, setLocation] = useState('');
  const [maxHours, setMaxHours] = useState('');
  const [items, setItems] = useState<Vacancy[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [, save] = useMutation(SAVE);
  const [, unsave] = useMutation(UNSAVE);
  const [, interest] = useMutation(INTEREST);
  const [, withdraw] = useMutation(WITHDRAW);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [, saveSearch] = useMutation(SAVE_SEARCH);
  const [, close] = useMutation(CLOSE);
  const [canPost, setCanPost] = useState(false);
  const isAdmin = !!useAuth().person?.roles.includes('admin');
  useEffect(() => {
    // network-only: a role granted a moment ago counts (roles are read per request).
    void client
      .query(CAN_POST, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => setCanPost(!!res.data?.canPostVacancy));
  }, [client]);

  const filters = useCallback(
    () => ({ query: query.trim() || null, location: location.trim() || null, maxHours: maxHours ? Number(maxHours) : null }),
    [query, location, maxHours],
  );
  const load = useCallback(async () => {
    // network-only: reloaded after closing a vacancy and on a filter change; interests are added by others.
    const res = await client.query(LIST, { filters: filters() }, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setItems(res.data.vacancies.edges.map((e) => e.node));
  }, [client, filters, t]);
  useEffect(() => {
    const timer = window.setTimeout(() => void load(), 200);
    return () => window.clearTimeout(timer);
  }, [load]);

  return (
    <>
      <section className="card" aria-labelledby="vac-title">
        <div className="title-row">
          <h1 id="vac-title">{t('vacancies.title')}</h1>
          {canPost && (
            <Link href="/vacancies/new" className="button-like button-quiet">
              {t('vacancies.post.title')}
            </Link>
          )}
        </div>
        <label htmlFor="vac-q" className="sr-only">
          {t('vacancies.search')}
        </label>
        <input id="vac-q" type="search" placeholder={t('vacancies.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <div className="composer-row">
          <label htmlFor="vac-loc">{t('vacancies.location')}</label>
          <input id="vac-loc" value={location} onChange={(e) => setLocation(e.target.value)} />
          <label htmlFor="vac-hours">{t('vacancies.maxHours')}</label>
          <input id="vac-hours" type="number" min={1} max={40} value={maxHours} onChange={(e) => setMaxHours(e.target.value)} />
        </div>
        <button type="button" className="button-link" onClick={() => void saveSearch({ filters: filters() }).then((r) => setNotice(errorText(t, r.error) ?? t('vacancies.searchSaved')))}>
          {t('vacancies.saveSearch')}
        </button>
        {notice && (
          <p role="status" className="small">
            {notice}
          </p>
        )}
      </section>
      <Referrals />
      {failed && <ErrorState message={failed} onRetry={() => void load()} />}
      {!items && !failed && <Loading />}
      {items && items.length === 0 && <p className="card state">{t('vacancies.empty')}</p>}
      {items?.map((v) => (
        <article key={v.id} className="card vacancy" aria-labelledby={`v-${v.id}`}>
          <h2 id={`v-${v.id}`}>{v.title}</h2>
          <p className="muted small">
            {[v.department?.name, v.location, t('vacancies.hours', { hours: v.hoursPerWeek }), t('vacancies.closes', { date: formatDate(v.closesOn).split(',')[0] })].filter(Boolean).join(' · ')}
          </p>
          {/* Sanitised on the server with the blogs' allowlist. */}
          <div className="blog-body" dangerouslySetInnerHTML={{ __html: v.descriptionHtml }} />
          {v.contact && <p className="small">{t('vacancies.contact', { name: v.contact.displayName })}</p>}
          {v.openToExternals && <p className="small">{t('vacancies.openToExternals')}</p>}
          {v.interests && (
            <section className="interests" aria-label={t('vacancies.interests.title')} data-testid="vacancy-interests">
              <h3>{t('vacancies.interests.count', { count: v.interests.length })}</h3>
              {v.interests.length === 0 && <p className="muted small">{t('vacancies.interests.none')}</p>}
              <ul className="plain">
                {v.interests.map((i, n) => (
                  <li key={i.person?.id ?? n}>
                    {i.person ? <Link href={`/people/${i.person.id}`}>{i.person.displayName}</Link> : '—'}
                    {i.person?.department && <span className="muted small"> · {i.person.department.name}</span>}
                    <span className="muted small"> · {formatDate(i.createdAt)}</span>
                    {i.note && <p className="pre small">{i.note}</p>}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <div className="row-actions">
            <button type="button" className="button-quiet" aria-pressed={v.savedByMe} onClick={() => void (v.savedByMe ? unsave({ id: v.id }) : save({ id: v.id })).then(load)}>
              {v.savedByMe ? t('vacancies.saved') : t('vacancies.save')}
            </button>
            {(v.interests || isAdmin) && (
              <button
                type="button"
                className="button-quiet"
                onClick={() => {
                  if (window.confirm(t('vacancies.close.confirm', { title: v.title }))) void close({ id: v.id }).then((r) => (r.error ? setNotice(errorText(t, r.error)) : load()));
                }}
              >
                {t('vacancies.close')}
              </button>
            )}
            {v.interests ? null : v.interestedByMe ? (
              <>
                <span className="badge">{t('vacancies.interested')}</span>
                <button type="button" className="button-link" onClick={() => void withdraw({ id: v.id }).then(load)}>
                  {t('vacancies.withdraw')}
                </button>
              </>
            ) : (
              <button type="button" onClick={() => void interest({ id: v.id, note: notes[v.id]?.trim() || null }).then((r) => (r.error ? setNotice(errorText(t, r.error)) : load()))}>
                {t('vacancies.interest')}
              </button>
            )}
          </div>
          {!v.interests && !v.interestedByMe && (
            <details className="interest-note">
              <summary>{t('vacancies.note.add')}</summary>
              <label htmlFor={`note-${v.id}`}>{t('vacancies.note')}</label>
              <textarea id={`note-${v.id}`} rows={2} maxLength={500} value={notes[v.id] ?? ''} onChange={(e) => setNotes((n) => ({ ...n, [v.id]: e.target.value }))} />
            </details>
          )}
          <ReferForm vacancyId={v.id} />
        </article>
      ))}
    </>
  );
}

/** Tips colleagues gave you, with their personal note. Shown only when there are any. */
function Referrals() {
  const { t, formatDate } = useI18n();
  const client = useClient();
  const [items, setItems] = useState<{ id: string; note: string | null; createdAt: string; referrer: { displayName: string } | null; vacancy: { id: string; title: string; status: string } | null }[] | null>(null);
  useEffect(() => {
    // network-only: referrals arrive from colleagues while the page is open.
    void client
      .query(REFERRALS, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => setItems(res.data?.myVacancyReferrals ?? null));
  }, [client]);
  if (!items || items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="referrals-title" data-testid="vacancy-referrals">
      <h2 id="referrals-title">{t('vacancies.referrals.title')}</h2>
      <ul className="plain">
        {items.map((r) => (
          <li key={r.id}>
            {t('vacancies.referrals.item', { name: r.referrer?.displayName ?? t('notifications.someone'), title: r.vacancy?.title ?? '—' })}
            <span className="muted small"> · {formatDate(r.createdAt)}</span>
            {r.note && <p className="pre small">“{r.note}”</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Refer a colleague to a vacancy with a personal note; the colleague is notified. */
function ReferForm({ vacancyId }: { vacancyId: string }) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [colleague, setColleague] = useState<PickedPerson | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [, refer] = useMutation(REFER);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!colleague) return setError({ message: t('vacancies.refer.choose'), field: 'colleagueId' });
    const res = await refer({ vacancyId, colleagueId: colleague.id, note: note.trim() || null });
    setError(formError(res.error, t));
    if (!res.error) {
      setDone(t('vacancies.refer.done', { name: colleague.displayName }));
      setColleague(null);
      setNote('');
      setOpen(false);
    }
  }
  return (
    <div className="refer">
      {!open && (
        <button type="button" className="button-link" onClick={() => (setOpen(true), setDone(null))}>
          {t('vacancies.refer')}
        </button>
      )}
      {done && (
        <p role="status" className="small">
          {done}
        </p>
      )}
      {open && (
        <form onSubmit={submit} aria-label={t('vacancies.refer')}>
          <PersonPicker label={t('vacancies.refer.colleague')} value={colleague} onChange={setColleague} />
          <label htmlFor={`${id}-note`}>{t('vacancies.refer.note')}</label>
          <textarea id={`${id}-note`} rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
          {error && (
            <p className="error small" role="alert">
              {error.message}
            </p>
          )}
          <div className="row-actions">
            <button type="submit">{t('vacancies.refer.send')}</button>
            <button type="button" className="button-quiet" onClick={() => (setOpen(false), setError(null))}>
              {t('notices.form.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
