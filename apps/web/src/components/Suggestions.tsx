import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../lib/i18n.js';
import { Link } from '../lib/router.js';
import { errorText } from '../lib/errors.js';
import { Avatar } from './Avatar.js';
import { graphql, type ResultOf } from '../lib/gql.js';

/**
 * Who to follow and which groups to join: on the home page while someone follows few people, and
 * in the welcome. The server decides what may be suggested (never across an information barrier,
 * never a secret group, never a payroll-only group to a contractor); this only shows it.
 */
export const SUGGESTIONS = graphql(`query Suggestions($first: Int) { suggestions(first: $first) { show followingCount
  people { reason person { id displayName jobTitle photo { medium } department { name } } }
  groups { reason departmentMembers group { id name description memberCount kind } } } }`);
const FOLLOW = graphql(`mutation FollowSuggested($id: ID!) { follow(personId: $id) { id followedByMe followersCount } }`);
const UNFOLLOW = graphql(`mutation UnfollowSuggested($id: ID!) { unfollow(personId: $id) { id followedByMe followersCount } }`);
const JOIN = graphql(`mutation JoinSuggested($id: ID!) { joinGroup(groupId: $id) { status } }`);
const DISMISS = graphql(`mutation DismissSuggestion($kind: SuggestionKind!, $id: ID!) { dismissSuggestion(kind: $kind, id: $id) }`);

export type SuggestionsData = ResultOf<typeof SUGGESTIONS>;
export type PersonSuggestion = SuggestionsData['suggestions']['people'][number];
export type GroupSuggestion = SuggestionsData['suggestions']['groups'][number];

/** One person with a follow button (and, on the home page, a dismiss button). */
export function PersonSuggestionItem({ s, onDismiss }: { s: PersonSuggestion; onDismiss?: (id: string) => void }) {
  const { t } = useI18n();
  const [following, setFollowing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching: f1 }, follow] = useMutation(FOLLOW);
  const [{ fetching: f2 }, unfollow] = useMutation(UNFOLLOW);
  const toggle = async () => {
    const res = following ? await unfollow({ id: s.person.id }) : await follow({ id: s.person.id });
    setError(errorText(t, res.error));
    if (!res.error) setFollowing(!following);
  };
  return (
    <li className="suggestion">
      <Avatar name={s.person.displayName} url={s.person.photo?.medium} />
      <div className="grow suggestion-text">
        <Link href={`/people/${s.person.id}`} className="suggestion-name">{s.person.displayName}</Link>
        <span className="muted small">{[s.person.jobTitle, s.person.department?.name].filter(Boolean).join(' · ')}</span>
        <span className="muted small">{t(`suggest.reason.${s.reason}` as 'suggest.reason.MANAGER')}</span>
        {error && <span className="error small" role="alert">{error}</span>}
      </div>
      <div className="suggestion-actions">
        <button type="button" className={following ? 'button-quiet' : undefined} aria-pressed={following} disabled={f1 || f2} onClick={() => void toggle()}
          aria-label={following ? t('suggest.followingNamed', { name: s.person.displayName }) : t('suggest.followNamed', { name: s.person.displayName })}>
          {following ? t('suggest.following') : t('suggest.follow')}
        </button>
        {onDismiss && !following && (
          <button type="button" className="button-quiet suggestion-dismiss" aria-label={t('suggest.dismissNamed', { name: s.person.displayName })} title={t('suggest.dismiss')} onClick={() => onDismiss(s.person.id)}>
            ×
          </button>
        )}
      </div>
    </li>
  );
}

/** One group with a join button (closed groups: a request). */
export function GroupSuggestionItem({ s, onDismiss }: { s: GroupSuggestion; onDismiss?: (id: string) => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, join] = useMutation(JOIN);
  const doJoin = async () => {
    const res = await join({ id: s.group.id });
    setError(errorText(t, res.error));
    if (res.data) setStatus(res.data.joinGroup.status);
  };
  return (
    <li className="suggestion">
      <div className="group-badge" aria-hidden="true">{s.group.name.slice(0, 1).toUpperCase()}</div>
      <div className="grow suggestion-text">
        <Link href={`/groups/${s.group.id}`} className="suggestion-name">{s.group.name}</Link>
        <span className="muted small">
          {s.reason === 'POPULAR_IN_DEPARTMENT'
            ? t('suggest.group.POPULAR_IN_DEPARTMENT', { count: s.departmentMembers })
            : t('suggest.group.POPULAR', { count: s.group.memberCount })}
        </span>
        {error && <span className="error small" role="alert">{error}</span>}
      </div>
      <div className="suggestion-actions">
        {status ? (
          <span className="muted small" role="status">{status === 'ACTIVE' ? t('suggest.joined') : t('suggest.requested')}</span>
        ) : (
          <button type="button" disabled={fetching} onClick={() => void doJoin()} aria-label={s.group.kind === 'CLOSED' ? t('suggest.requestNamed', { name: s.group.name }) : t('suggest.joinNamed', { name: s.group.name })}>
            {s.group.kind === 'CLOSED' ? t('suggest.request') : t('suggest.join')}
          </button>
        )}
        {onDismiss && !status && (
          <button type="button" className="button-quiet suggestion-dismiss" aria-label={t('suggest.dismissNamed', { name: s.group.name })} title={t('suggest.dismiss')} onClick={() => onDismiss(s.group.id)}>
            ×
          </button>
        )}
      </div>
    </li>
  );
}

/**
 * The first answer, kept: a follow or join makes urql refetch the suggestions, and the person just
 * followed would vanish from under the pointer. The list stays put until the page is opened again.
 */
export function useSuggestions(first: number): SuggestionsData | null {
  // network-only: suggestions change with every follow and join anywhere: fresh each time the card is shown.
  const [{ data }] = useQuery({ query: SUGGESTIONS, variables: { first }, requestPolicy: 'network-only' });
  const [kept, setKept] = useState<SuggestionsData | null>(null);
  useEffect(() => {
    if (data && !kept) setKept(data);
  }, [data, kept]);
  return kept;
}

/** The home page's card: shown while someone follows few people; each suggestion can be dismissed. */
export function Suggestions() {
  const { t } = useI18n();
  const data = useSuggestions(3);
  const [, dismiss] = useMutation(DISMISS);
  const [gone, setGone] = useState<Set<string>>(new Set());
  if (!data?.suggestions.show) return null;
  const hide = (kind: 'PERSON' | 'GROUP') => (id: string) => {
    setGone((prev) => new Set(prev).add(id));
    void dismiss({ kind, id });
  };
  const people = data.suggestions.people.filter((s) => !gone.has(s.person.id));
  const groups = data.suggestions.groups.filter((s) => !gone.has(s.group.id));
  if (!people.length && !groups.length) return null;
  return (
    <section className="card follow-suggestions" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t('suggest.title')}</h2>
      <p className="muted small">{t('suggest.intro')}</p>
      {people.length > 0 && (
        <>
          <h3 className="small-heading">{t('suggest.people')}</h3>
          <ul className="suggestion-list">
            {people.map((s) => <PersonSuggestionItem key={s.person.id} s={s} onDismiss={hide('PERSON')} />)}
          </ul>
        </>
      )}
      {groups.length > 0 && (
        <>
          <h3 className="small-heading">{t('suggest.groups')}</h3>
          <ul className="suggestion-list">
            {groups.map((s) => <GroupSuggestionItem key={s.group.id} s={s} onDismiss={hide('GROUP')} />)}
          </ul>
        </>
      )}
    </section>
  );
}
