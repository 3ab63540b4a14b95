import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { errorText } from '../../lib/errors.js';
import { useClient, useMutation } from 'urql';
import { Composer } from '../../components/Composer.js';
import { GroupAdmin, PinButton, type AdminGroup } from '../../components/GroupAdmin.js';
import { MessageCard } from '../../components/MessageCard.js';
import { ErrorState, Loading } from '../../components/States.js';
import { ReportButton } from '../../components/ReportDialog.js';
import { useAuth } from '../../lib/auth.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { MESSAGE_FRAGMENT, type FeedPage, type MessageData } from '../../lib/messages.js';
import { Link, navigate } from '../../lib/router.js';
import { useLive } from '../../lib/socket.js';

const GROUP_FIELDS = 'id name description kind payrollOnly memberCount archived audience';
const LIST = `query Groups($query: String) { groups(query: $query, first: 30, sort: POPULAR) { edges { node { ${GROUP_FIELDS} } } }
  myGroups(first: 50) { edges { node { ${GROUP_FIELDS} } } } }`;
const CREATE = `mutation Create($input: CreateGroupInput!) { createGroup(input: $input) { id } }`;

interface GroupData {
  id: string;
  name: string;
  description: string;
  kind: string;
  payrollOnly: boolean;
  memberCount: number;
  archived: boolean;
  audience: string;
}

function GroupCard({ g }: { g: GroupData }) {
  const { t } = useI18n();
  return (
    <li>
      <Link href={`/groups/${g.id}`} className="group-card">
        <span className="author">{g.name}</span>
        <span className="muted small">
          {t(`groups.kindShort.${g.kind}` as MessageKey)} · {t('groups.members', { count: g.memberCount })}
          {g.payrollOnly ? ` · ${t('groups.payrollOnly')}` : ''}
        </span>
        {g.description && <span className="small">{g.description.slice(0, 140)}</span>}
      </Link>
    </li>
  );
}

/** Discover groups, see mine, start one. */
export function GroupsPage() {
  const { t } = useI18n();
  const { person } = useAuth();
  const client = useClient();
  const [query, setQuery] = useState('');
  const [data, setData] = useState<{ groups: GroupData[]; mine: GroupData[] } | null>(null);
  const [failed, setFailed] = useState(false);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState('OPEN');
  const [payrollOnly, setPayrollOnly] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [, create] = useMutation<{ createGroup: { id: string } }>(CREATE);

  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(async () => {
      const res = await client.query<{ groups: { edges: { node: GroupData }[] }; myGroups: { edges: { node: GroupData }[] } }>(LIST, { query: query.trim() || null }, { requestPolicy: 'network-only' }).toPromise();
      if (!current) return;
      if (res.error || !res.data) return setFailed(true);
      setFailed(false);
      setData({ groups: res.data.groups.edges.map((e) => e.node), mine: res.data.myGroups.edges.map((e) => e.node) });
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [client, query]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await create({ input: { name, description, kind, payrollOnly } });
    if (res.error || !res.data) return setError(errorText(t, res.error));
    navigate(`/groups/${res.data.createGroup.id}`);
  }

  return (
    <>
      <section className="card" aria-labelledby="groups-title">
        <div className="row-between">
          <h1 id="groups-title">{t('groups.title')}</h1>
          <button type="button" className="button-quiet" aria-expanded={creating} onClick={() => setCreating(!creating)}>
            {t('groups.create')}
          </button>
        </div>
        {creating && (
          <form className="editor" onSubmit={submit}>
            <label htmlFor="g-name">{t('groups.name')}</label>
            <input id="g-name" required minLength={3} maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
            <label htmlFor="g-description">{t('groups.description')}</label>
            <textarea id="g-description" rows={3} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
            <fieldset>
              <legend>{t('groups.kind')}</legend>
              {['OPEN', 'CLOSED', 'SECRET'].map((k) => (
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
            <button type="submit">{t('groups.create')}</button>
          </form>
        )}
        <label htmlFor="groups-q" className="sr-only">
          {t('groups.search')}
        </label>
        <input id="groups-q" type="search" placeholder={t('groups.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      </section>
      {failed && <ErrorState />}
      {!data && !failed && <Loading />}
      {data && data.mine.length > 0 && !query && (
        <section className="card" aria-labelledby="groups-mine">
          <h2 id="groups-mine">{t('groups.mine')}</h2>
          <ul className="plain group-list">{data.mine.map((g) => <GroupCard key={g.id} g={g} />)}</ul>
        </section>
      )}
      {data && (
        <section className="card" aria-labelledby="groups-discover">
          <h2 id="groups-discover">{t('groups.discover')}</h2>
          {data.groups.length === 0 ? (
            <div className="state">
              <p>{t('groups.none')}</p>
              {query && <button type="button" className="button-quiet" onClick={() => setQuery('')}>{t('groups.broaden')}</button>}
            </div>
          ) : <ul className="plain group-list">{data.groups.map((g) => <GroupCard key={g.id} g={g} />)}</ul>}
        </section>
      )}
    </>
  );
}

const GROUP = `${MESSAGE_FRAGMENT} query Group($id: ID!) { group(id: $id) {
  ${GROUP_FIELDS}
  category rules avatar { url } cover { url }
  myMembership { status role }
  viewerCan { read post join requestToJoin leave edit invite moderate archive delete transferOwnership }
  pinned { ...MessageCardFields }
} }`;
const FEED = `${MESSAGE_FRAGMENT} query GroupFeed($id: ID!, $after: String) { groupFeed(groupId: $id, first: 20, after: $after) { edges { node { ...MessageCardFields } } pageInfo { hasNextPage endCursor } } }`;
const JOIN = `mutation Join($id: ID!) { joinGroup(groupId: $id) { status } }`;
const LEAVE = `mutation Leave($id: ID!) { leaveGroup(groupId: $id) }`;

interface GroupPageData extends GroupData, AdminGroup {
  myMembership: { status: string; role: string } | null;
  viewerCan: AdminGroup['viewerCan'] & { read: boolean; post: boolean; join: boolean; requestToJoin: boolean; leave: boolean };
  pinned: MessageData[];
}

/** One group: who it is for, joining, and its feed. */
export function GroupPage({ id }: { id: string }) {
  const { t } = useI18n();
  const client = useClient();
  const [group, setGroup] = useState<GroupPageData | null>(null);
  const [items, setItems] = useState<MessageData[]>([]);
  const [page, setPage] = useState<FeedPage['pageInfo'] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [, join] = useMutation(JOIN);
  const [, leave] = useMutation(LEAVE);

  const load = useCallback(async () => {
    const res = await client.query<{ group: GroupPageData }>(GROUP, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setGroup(res.data.group);
    if (res.data.group.viewerCan.read) {
      const feed = await client.query<{ groupFeed: FeedPage }>(FEED, { id }, { requestPolicy: 'network-only' }).toPromise();
      if (feed.data) {
        setItems(feed.data.groupFeed.edges.map((e) => e.node));
        setPage(feed.data.groupFeed.pageInfo);
      }
    } else {
      setItems([]);
    }
  }, [client, id, t]);
  useEffect(() => void load(), [load]);
  useLive<{ audience: string; rootId: string | null }>(
    'message.created',
    useCallback((m) => {
      if (group && m.audience === group.audience && !m.rootId) void load();
    }, [group, load]),
  );

  // Admin changes made elsewhere (another admin, another tab) show at once.
  const refresh = useCallback((e: { groupId: string }) => {
    if (e.groupId === id) void load();
  }, [id, load]);
  useLive('group.updated', refresh);
  useLive('group.pins.changed', refresh);
  useLive('group.member.changed', refresh);

  async function more() {
    if (!page?.endCursor) return;
    const feed = await client.query<{ groupFeed: FeedPage }>(FEED, { id, after: page.endCursor }).toPromise();
    if (feed.data) {
      setItems((prev) => [...prev, ...feed.data!.groupFeed.edges.map((e) => e.node)]);
      setPage(feed.data.groupFeed.pageInfo);
    }
  }

  if (failed) return <ErrorState message={failed} onRetry={() => void load()} />;
  if (!group) return <Loading />;
  const status = group.myMembership?.status;
  const admin = group.viewerCan.moderate || group.viewerCan.edit || group.viewerCan.invite || group.viewerCan.archive || group.viewerCan.delete;
  const pinnedIds = new Set(group.pinned.map((m) => m.id));
  return (
    <>
      <section className="card" aria-labelledby="group-name">
        {group.cover && <img className="group-cover" src={group.cover.url} alt="" />}
        <div className="row-start">
          {group.avatar && <img className="group-avatar" src={group.avatar.url} alt="" width={64} height={64} />}
          <h1 id="group-name">{group.name}</h1>
        </div>
        <p className="muted small">
          {t(`groups.kind.${group.kind}` as MessageKey)} · {t('groups.members', { count: group.memberCount })}
          {group.payrollOnly ? ` · ${t('groups.payrollOnly')}` : ''}
        </p>
        {group.archived && <p className="badge">{t('groups.archived')}</p>}
        {group.description && <p className="message-text">{group.description}</p>}
        {group.rules && (
          <details>
            <summary>{t('groupAdmin.rulesTitle')}</summary>
            <p className="message-text">{group.rules}</p>
          </details>
        )}
        <div className="row-actions">
          {group.viewerCan.join && (
            <button type="button" onClick={() => void join({ id }).then(load)}>
              {t('groups.join')}
            </button>
          )}
          {group.viewerCan.requestToJoin && (
            <button type="button" onClick={() => void join({ id }).then(load)}>
              {t('groups.request')}
            </button>
          )}
          {status === 'REQUESTED' && <span className="badge">{t('groups.requested')}</span>}
          {status === 'ACTIVE' && <span className="badge">{t('groups.member')}</span>}
          {group.viewerCan.leave && (
            <button type="button" className="button-quiet" onClick={() => void leave({ id }).then(load)}>
              {t('groups.leave')}
            </button>
          )}
          <ReportButton itemType="GROUP" itemId={id} label="report.group" />
        </div>
      </section>
      {admin && <GroupAdmin group={group} onChanged={() => void load()} />}
      {group.pinned.length > 0 && (
        <section className="feed pinned" aria-labelledby="pinned-title">
          <h2 id="pinned-title">{t('groupAdmin.pinned')}</h2>
          {group.pinned.map((m) => (
            <div key={m.id}>
              <MessageCard message={m} showGroup={false} onDeleted={() => void load()} />
              {group.viewerCan.moderate && <PinButton groupId={group.id} messageId={m.id} pinned onChanged={() => void load()} />}
            </div>
          ))}
        </section>
      )}
      {group.viewerCan.post && <Composer fixedAudience={group.audience} label={t('groups.composer')} onPosted={(m) => setItems((prev) => [m, ...prev.filter((x) => x.id !== m.id)])} />}
      <section className="feed" aria-label={t('groups.feed')}>
        {!group.viewerCan.read && <p className="state">{t('groups.readOnly')}</p>}
        {group.viewerCan.read && items.length === 0 && <p className="state">{group.viewerCan.post ? t('groups.emptyFirst') : t('groups.emptyJoin')}</p>}
        {items.map((m) => (
          <div key={m.id}>
            <MessageCard message={m} showGroup={false} onDeleted={(mid) => setItems((prev) => prev.filter((x) => x.id !== mid))} />
            {group.viewerCan.moderate && <PinButton groupId={group.id} messageId={m.id} pinned={pinnedIds.has(m.id)} onChanged={() => void load()} />}
          </div>
        ))}
        {page?.hasNextPage && (
          <button type="button" className="button-quiet" onClick={() => void more()}>
            {t('feed.more')}
          </button>
        )}
      </section>
      <p>
        <Link href="/groups">{t('groups.title')}</Link>
      </p>
    </>
  );
}
