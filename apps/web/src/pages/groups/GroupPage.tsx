import { useCallback, useEffect, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { GroupAdmin, isGroupAdmin } from '../../components/GroupAdmin.js';
import { RelativeTime } from '../../components/RelativeTime.js';
import { ReportForm } from '../../components/ReportDialog.js';
import { ErrorState, Loading } from '../../components/States.js';
import { Menu, MenuItem } from '../../components/ui/Menu.js';
import { Tab, TabList, TabPanel, Tabs, useTabParam } from '../../components/ui/Tabs.js';
import { errorText } from '../../lib/errors.js';
import { graphql } from '../../lib/gql.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { Link, navigate } from '../../lib/router.js';
import { useLive } from '../../lib/socket.js';
import { GROUP_PAGE, type GroupPageData, type Membership } from './documents.js';
import { GroupConversation } from './GroupConversation.js';
import { GroupMembers } from './GroupMembers.js';
import { MembershipPill } from './MembershipPill.js';

const JOIN_GROUP = graphql(`mutation JoinGroup($id: ID!) { joinGroup(groupId: $id) { status role } }`);
const LEAVE_GROUP = graphql(`mutation LeaveGroup($id: ID!) { leaveGroup(groupId: $id) }`);
const WITHDRAW_REQUEST = graphql(`mutation WithdrawJoinRequest($id: ID!) { withdrawJoinRequest(groupId: $id) }`);
const DECLINE_INVITATION = graphql(`mutation DeclineGroupInvitation($id: ID!) { respondToGroupInvitation(groupId: $id, accept: false) { status } }`);

// The tabs, in the address as ?tab=… (Dutch words, like the app's other paths); "beheer" only for group admins.
const TABS = ['gesprek', 'leden', 'over'] as const;
const ADMIN_TABS = ['gesprek', 'leden', 'over', 'beheer'] as const;

/** One group: who it is for and your place in it, then tabs for the conversation, the members, about, and (admins) Beheer. */
export function GroupPage({ id }: { id: string }) {
  const { t } = useI18n();
  const client = useClient();
  const [group, setGroup] = useState<GroupPageData | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await client.query(GROUP_PAGE, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setGroup(res.data.group);
  }, [client, id, t]);
  useEffect(() => void load(), [load]);

  // Changes made elsewhere (an admin approved me, another tab, another admin) show at once.
  const refresh = useCallback((e: { groupId: string }) => e.groupId === id && void load(), [id, load]);
  useLive('group.updated', refresh);
  useLive('group.pins.changed', refresh);
  useLive('group.member.changed', refresh);

  if (failed) return <ErrorState message={failed} onRetry={() => void load()} />;
  if (!group) return <Loading />;
  return <GroupView group={group} reload={load} setMembership={(m) => setGroup({ ...group, myMembership: m })} />;
}

function GroupView({ group, reload, setMembership }: { group: GroupPageData; reload: () => Promise<void>; setMembership: (m: Membership) => void }) {
  const { t } = useI18n();
  const admin = isGroupAdmin(group);
  const [tab, setTab] = useTabParam<string>(admin ? ADMIN_TABS : TABS);
  const [reporting, setReporting] = useState(false);
  const onChanged = useCallback(() => void reload(), [reload]);
  return (
    <>
      <section className="card group-head" aria-labelledby="group-name">
        {group.cover && <img className="group-cover" src={group.cover.url} alt="" />}
        <div className="group-title">
          {group.avatar ? (
            <img className="group-avatar" src={group.avatar.url} alt="" width={56} height={56} />
          ) : (
            <span className="group-badge group-badge-large" aria-hidden="true">
              {group.name.slice(0, 1).toUpperCase()}
            </span>
          )}
          <div className="grow">
            <h1 id="group-name">{group.name}</h1>
            <p className="muted small group-meta">
              {t(`groups.kindShort.${group.kind}` as MessageKey)} · {t('groups.members', { count: group.memberCount })}
              {group.payrollOnly ? ` · ${t('groups.payrollOnly')}` : ''}
            </p>
          </div>
          <Menu label={t('groups.more')}>
            <MenuItem onSelect={() => setReporting(true)}>{t('report.group')}</MenuItem>
          </Menu>
        </div>
        {group.archived && <p className="notice-inline">{t('groups.archived')}</p>}
        <MembershipBar group={group} reload={reload} setMembership={setMembership} />
        {reporting && <ReportForm itemType="GROUP" itemId={group.id} onClose={() => setReporting(false)} />}
      </section>
      <Tabs value={tab} onValueChange={setTab}>
        <TabList label={t('groups.tabs')}>
          <Tab value="gesprek">{t('groups.tab.conversation')}</Tab>
          <Tab value="leden">{t('groups.tab.members')}</Tab>
          <Tab value="over">{t('groups.tab.about')}</Tab>
          {admin && <Tab value="beheer">{t('groups.tab.admin')}</Tab>}
        </TabList>
        {/* The conversation stays mounted: its live feed keeps up while another tab is open. */}
        <TabPanel value="gesprek" keepMounted>
          <GroupConversation group={group} onChanged={onChanged} />
        </TabPanel>
        <TabPanel value="leden">
          <GroupMembers group={group} />
        </TabPanel>
        <TabPanel value="over">
          <GroupAbout group={group} />
        </TabPanel>
        {admin && (
          <TabPanel value="beheer">
            <GroupAdmin group={group} onChanged={onChanged} />
          </TabPanel>
        )}
      </Tabs>
      <p className="back-link">
        <Link href="/groups">{t('groups.back')}</Link>
      </p>
    </>
  );
}

/**
 * The membership pill and what the viewer can do about it (join, ask, accept, withdraw, leave).
 * The pill changes as soon as the server answers, before the group is read again.
 */
function MembershipBar({ group, reload, setMembership }: { group: GroupPageData; reload: () => Promise<void>; setMembership: (m: Membership) => void }) {
  const { t } = useI18n();
  const [, join] = useMutation(JOIN_GROUP);
  const [, leave] = useMutation(LEAVE_GROUP);
  const [, withdraw] = useMutation(WITHDRAW_REQUEST);
  const [, decline] = useMutation(DECLINE_INVITATION);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = group.myMembership?.status;
  const can = group.viewerCan;

  /** Runs one membership change; the pill shows its result at once, then the group is read again (buttons, counts). */
  async function act(run: () => Promise<Membership>) {
    setBusy(true);
    setError(null);
    try {
      setMembership(await run());
      await reload();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }
  const ok = <T,>(res: { error?: unknown; data?: T }): T => {
    if (res.error || !res.data) throw res.error ?? new Error('no data');
    return res.data;
  };
  const id = group.id;
  const doJoin = async () => ok(await join({ id })).joinGroup;
  const gone = (fn: () => Promise<{ error?: unknown; data?: unknown }>) => async () => (ok(await fn()), null);
  // Out of a secret group, the group is no longer there to show: back to the list.
  const doLeave = async () => {
    ok(await leave({ id }));
    if (group.kind === 'SECRET') navigate('/groups');
    return null;
  };
  return (
    <div className="membership-bar">
      <MembershipPill membership={group.myMembership} />
      {!busy && (
        <div className="row-actions">
          {can.join && status === 'INVITED' && (
            <>
              <button type="button" onClick={() => void act(doJoin)}>
                {t('groups.acceptInvitation')}
              </button>
              <button type="button" className="button-quiet" onClick={() => void act(gone(() => decline({ id })))}>
                {t('groups.declineInvitation')}
              </button>
            </>
          )}
          {can.join && status !== 'INVITED' && (
            <button type="button" onClick={() => void act(doJoin)}>
              {t('groups.join')}
            </button>
          )}
          {can.requestToJoin && (
            <button type="button" onClick={() => void act(doJoin)}>
              {t('groups.request')}
            </button>
          )}
          {status === 'REQUESTED' && (
            <button type="button" className="button-quiet" onClick={() => void act(gone(() => withdraw({ id })))}>
              {t('groups.withdraw')}
            </button>
          )}
          {can.leave && (
            <button type="button" className="button-quiet" onClick={() => void act(doLeave)}>
              {t('groups.leave')}
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function GroupAbout({ group }: { group: GroupPageData }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="about-title">
      <h2 id="about-title">{t('groups.aboutTitle')}</h2>
      {group.description ? <p className="message-text">{group.description}</p> : <p className="muted">{t('groups.noDescription')}</p>}
      <dl className="facts">
        <dt>{t('groups.kind')}</dt>
        <dd>{t(`groups.kind.${group.kind}` as MessageKey)}</dd>
        <dt>{t('groupAdmin.category')}</dt>
        <dd>{t(`groupAdmin.category.${group.category}` as MessageKey)}</dd>
        <dt>{t('groups.started')}</dt>
        <dd>
          <RelativeTime value={group.createdAt} />
        </dd>
        {group.payrollOnly && (
          <>
            <dt>{t('groups.who')}</dt>
            <dd>{t('groups.payrollOnly')}</dd>
          </>
        )}
      </dl>
      {group.rules && (
        <>
          <h3>{t('groupAdmin.rulesTitle')}</h3>
          <p className="message-text">{group.rules}</p>
        </>
      )}
    </section>
  );
}
