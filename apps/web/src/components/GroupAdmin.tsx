import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useClient, useMutation } from 'urql';
import { useAuth } from '../lib/auth.js';
import { errorText } from '../lib/errors.js';
import { graphql, type VariablesOf } from '../lib/gql.js';
import { useI18n, type MessageKey } from '../lib/i18n.js';
import { Link, navigate } from '../lib/router.js';
import { useLive } from '../lib/socket.js';
import { uploadFile } from '../lib/upload.js';
import { GROUP_MEMBERS, type GroupMember, type GroupPageData, type MemberStatus } from '../pages/groups/documents.js';
import { useMentionSuggestions } from './MentionSuggestions.js';
import { Loading } from './States.js';
import { ConfirmButton } from './ui/ConfirmDialog.js';

const UPDATE_GROUP = graphql(`mutation UpdateGroup($id: ID!, $input: UpdateGroupInput!) { updateGroup(id: $id, input: $input) { id } }`);
const APPROVE_REQUEST = graphql(`mutation ApproveJoinRequest($g: ID!, $p: ID!) { approveJoinRequest(groupId: $g, personId: $p) { status } }`);
const REJECT_REQUEST = graphql(`mutation RejectJoinRequest($g: ID!, $p: ID!) { rejectJoinRequest(groupId: $g, personId: $p) }`);
const INVITE = graphql(`mutation InviteToGroup($g: ID!, $ids: [ID!]!) { inviteToGroup(groupId: $g, personIds: $ids) { status } }`);
const REMOVE_MEMBER = graphql(`mutation RemoveGroupMember($g: ID!, $p: ID!, $ban: Boolean) { removeGroupMember(groupId: $g, personId: $p, ban: $ban) }`);
const UNBAN = graphql(`mutation UnbanGroupMember($g: ID!, $p: ID!) { unbanGroupMember(groupId: $g, personId: $p) }`);
const SET_ROLE = graphql(`mutation SetGroupMemberRole($g: ID!, $p: ID!, $role: GroupRole!) { setGroupMemberRole(groupId: $g, personId: $p, role: $role) { role } }`);
const TRANSFER = graphql(`mutation TransferGroupOwnership($g: ID!, $p: ID!) { transferGroupOwnership(groupId: $g, personId: $p) { role } }`);
const ARCHIVE = graphql(`mutation ArchiveGroup($id: ID!, $archived: Boolean) { archiveGroup(id: $id, archived: $archived) { id archived } }`);
const DELETE_GROUP = graphql(`mutation DeleteGroup($id: ID!) { deleteGroup(id: $id) }`);
const PIN = graphql(`mutation PinGroupMessage($g: ID!, $m: ID!) { pinGroupMessage(groupId: $g, messageId: $m) }`);
const UNPIN = graphql(`mutation UnpinGroupMessage($g: ID!, $m: ID!) { unpinGroupMessage(groupId: $g, messageId: $m) }`);

type GroupInput = VariablesOf<typeof UPDATE_GROUP>['input'];
type Category = NonNullable<GroupInput['category']>;
type Kind = NonNullable<GroupInput['kind']>;
type Role = VariablesOf<typeof SET_ROLE>['role'];
export const CATEGORIES: readonly Category[] = ['GENERAL', 'TEAM', 'PROJECT', 'INTEREST', 'KNOWLEDGE', 'LOCATION', 'SOCIAL', 'SUPPORT'];
const KINDS: readonly Kind[] = ['OPEN', 'CLOSED', 'SECRET'];

/**
 * Whether the server lets the viewer manage this group (policy decides; this only reads its answer).
 * Inviting is not managing: in an open group every member may invite (on the Leden tab).
 */
export function isGroupAdmin(group: Pick<GroupPageData, 'viewerCan'>): boolean {
  const c = group.viewerCan;
  return c.moderate || c.edit || c.archive || c.delete || c.transferOwnership;
}

type Result = { error?: unknown };

/** Runs a mutation and keeps its server error (or a done message) for a status line. */
function useAction(onDone: () => void) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(
    async (fn: () => Promise<Result>, doneText?: string) => {
      setBusy(true);
      setError(null);
      setDone(null);
      try {
        const res = await fn();
        if (res.error) return setError(errorText(t, res.error));
        if (doneText) setDone(doneText);
        onDone();
      } catch (err) {
        setError(errorText(t, err));
      } finally {
        setBusy(false);
      }
    },
    [onDone, t],
  );
  return { busy, error, done, run };
}

function Status({ error, done }: { error: string | null; done: string | null }) {
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  return done ? (
    <p role="status" className="small">
      {done}
    </p>
  ) : null;
}

function AdminSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card admin-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * The "Beheer" tab: join requests (live), members and roles, bans, editing, archive
 * and delete. Each part shows only when the server says the viewer may do it; what cannot be undone
 * (removing, banning, rejecting, handing over, archiving, deleting) asks first.
 */
export function GroupAdmin({ group, onChanged }: { group: GroupPageData; onChanged: () => void }) {
  const { t } = useI18n();
  const can = group.viewerCan;
  return (
    <div className="group-admin" data-testid="group-admin">
      <h2 className="sr-only">{t('groupAdmin.title')}</h2>
      {can.moderate && <JoinRequests groupId={group.id} onChanged={onChanged} />}
      {can.moderate && <Members group={group} onChanged={onChanged} />}
      {can.edit && (
        <AdminSection id="edit-title" title={t('groupAdmin.edit')}>
          <EditGroup group={group} onChanged={onChanged} />
        </AdminSection>
      )}
      {(can.archive || can.delete) && <Lifecycle group={group} onChanged={onChanged} />}
    </div>
  );
}

function useMembers(groupId: string, status: MemberStatus, query = '') {
  const { t } = useI18n();
  const client = useClient();
  const [members, setMembers] = useState<GroupMember[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const res = await client.query(GROUP_MEMBERS, { id: groupId, status, q: query.trim() || null }, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setMembers(res.data.group.members.edges.map((e) => e.node));
  }, [client, groupId, status, query, t]);
  useEffect(() => void reload(), [reload]);
  return { members, failed, reload };
}

function PersonName({ person }: { person: GroupMember['person'] }) {
  return (
    <span className="member-text">
      <Link href={`/people/${person.id}`} className="author-link">
        {person.displayName}
      </Link>
      {person.jobTitle && <span className="muted small">{person.jobTitle}</span>}
    </span>
  );
}

function JoinRequests({ groupId, onChanged }: { groupId: string; onChanged: () => void }) {
  const { t } = useI18n();
  const { members, failed, reload } = useMembers(groupId, 'REQUESTED');
  const [, approve] = useMutation(APPROVE_REQUEST);
  const [, reject] = useMutation(REJECT_REQUEST);
  const after = useCallback(() => {
    void reload();
    onChanged();
  }, [reload, onChanged]);
  const { busy, error, done, run } = useAction(after);
  // A request made while this page is open shows up at once (the server tells group admins).
  useLive<{ groupId: string }>('group.joinRequested', useCallback((e) => e.groupId === groupId && void reload(), [groupId, reload]));
  useLive<{ groupId: string }>('group.member.changed', useCallback((e) => e.groupId === groupId && void reload(), [groupId, reload]));
  return (
    <AdminSection id="join-requests-title" title={t('groupAdmin.requests')}>
      {failed && (
        <p className="error" role="alert">
          {failed}
        </p>
      )}
      {!members && !failed && <Loading />}
      {members?.length === 0 && <p className="state small">{t('groupAdmin.noRequests')}</p>}
      <ul className="plain admin-list" data-testid="join-requests">
        {members?.map((m) => (
          <li key={m.person.id}>
            <PersonName person={m.person} />
            <span className="row-actions">
              <button type="button" disabled={busy} onClick={() => void run(() => approve({ g: groupId, p: m.person.id }), t('groupAdmin.approved', { name: m.person.displayName }))}>
                {t('groupAdmin.approve')}
                <span className="sr-only"> {m.person.displayName}</span>
              </button>
              <ConfirmButton
                className="button-quiet"
                disabled={busy}
                title={t('groupAdmin.rejectTitle', { name: m.person.displayName })}
                description={t('groupAdmin.rejectConfirm', { name: m.person.displayName })}
                confirmLabel={t('groupAdmin.reject')}
                onConfirm={() => void run(() => reject({ g: groupId, p: m.person.id }), t('groupAdmin.rejected', { name: m.person.displayName }))}
              >
                {t('groupAdmin.reject')}
                <span className="sr-only"> {m.person.displayName}</span>
              </ConfirmButton>
            </span>
          </li>
        ))}
      </ul>
      <Status error={error} done={done} />
    </AdminSection>
  );
}

/** Invite colleagues (whoever the server lets: members of an open group, the admins of others). */
export function GroupInvite({ groupId }: { groupId: string }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const suggestions = useMentionSuggestions(query.trim().length >= 2 ? query.trim() : null);
  const [, invite] = useMutation(INVITE);
  const { busy, error, done, run } = useAction(useCallback(() => setQuery(''), []));
  return (
    <AdminSection id="invite-title" title={t('groupAdmin.invite')}>
      <label htmlFor="invite-q">{t('groupAdmin.inviteSearch')}</label>
      <input id="invite-q" type="search" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      {suggestions.length > 0 && query.trim().length >= 2 && (
        <ul className="plain admin-list" aria-label={t('groupAdmin.inviteResults')}>
          {suggestions.map((p) => (
            <li key={p.id}>
              <span className="member-text">
                <strong>{p.displayName}</strong> {p.jobTitle && <span className="muted small">{p.jobTitle}</span>}
              </span>
              <button type="button" disabled={busy} onClick={() => void run(() => invite({ g: groupId, ids: [p.id] }), t('groupAdmin.invited', { name: p.displayName }))}>
                {t('groupAdmin.inviteOne')}
                <span className="sr-only"> {p.displayName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <Status error={error} done={done} />
    </AdminSection>
  );
}

function Members({ group, onChanged }: { group: GroupPageData; onChanged: () => void }) {
  const { t } = useI18n();
  const { person: me } = useAuth();
  const [query, setQuery] = useState('');
  const active = useMembers(group.id, 'ACTIVE', query);
  const banned = useMembers(group.id, 'BANNED');
  const [, remove] = useMutation(REMOVE_MEMBER);
  const [, unban] = useMutation(UNBAN);
  const [, setRole] = useMutation(SET_ROLE);
  const [, transfer] = useMutation(TRANSFER);
  const reloadActive = active.reload;
  const reloadBanned = banned.reload;
  const after = useCallback(() => {
    void reloadActive();
    void reloadBanned();
    onChanged();
  }, [reloadActive, reloadBanned, onChanged]);
  const { busy, error, done, run } = useAction(after);
  useLive<{ groupId: string }>('group.member.changed', useCallback((e) => e.groupId === group.id && void reloadActive(), [group.id, reloadActive]));

  return (
    <AdminSection id="admin-members-title" title={t('groupAdmin.members')}>
      <label htmlFor="members-q" className="sr-only">
        {t('groupAdmin.memberSearch')}
      </label>
      <input id="members-q" type="search" placeholder={t('groupAdmin.memberSearch')} value={query} onChange={(e) => setQuery(e.target.value)} />
      {active.failed && (
        <p className="error" role="alert">
          {active.failed}
        </p>
      )}
      {!active.members && !active.failed && <Loading />}
      {active.members?.length === 0 && <p className="state small">{t('groupAdmin.noMembers')}</p>}
      <ul className="plain admin-list" data-testid="group-members">
        {active.members?.map((m) => {
          const self = m.person.id === me?.id;
          const owner = m.role === 'OWNER';
          const name = m.person.displayName;
          return (
            <li key={m.person.id}>
              <span className="member-text">
                <Link href={`/people/${m.person.id}`} className="author-link">
                  {name}
                </Link>
                <span className="badge">{t(`groupAdmin.role.${m.role}` as MessageKey)}</span>
              </span>
              {!owner && !self && (
                <span className="row-actions">
                  <label className="sr-only" htmlFor={`role-${m.person.id}`}>
                    {t('groupAdmin.roleOf', { name })}
                  </label>
                  <select id={`role-${m.person.id}`} value={m.role} disabled={busy} onChange={(e) => void run(() => setRole({ g: group.id, p: m.person.id, role: e.target.value as Role }), t('groupAdmin.roleChanged', { name }))}>
                    <option value="MEMBER">{t('groupAdmin.role.MEMBER')}</option>
                    <option value="ADMIN">{t('groupAdmin.role.ADMIN')}</option>
                  </select>
                  <ConfirmButton
                    className="button-quiet"
                    disabled={busy}
                    title={t('groupAdmin.removeTitle', { name })}
                    description={t('groupAdmin.removeConfirm', { name })}
                    confirmLabel={t('groupAdmin.remove')}
                    onConfirm={() => void run(() => remove({ g: group.id, p: m.person.id, ban: false }), t('groupAdmin.removed', { name }))}
                  >
                    {t('groupAdmin.remove')}
                    <span className="sr-only"> {name}</span>
                  </ConfirmButton>
                  <ConfirmButton
                    className="button-quiet"
                    disabled={busy}
                    title={t('groupAdmin.banTitle', { name })}
                    description={t('groupAdmin.banConfirm', { name })}
                    confirmLabel={t('groupAdmin.ban')}
                    onConfirm={() => void run(() => remove({ g: group.id, p: m.person.id, ban: true }), t('groupAdmin.banned', { name }))}
                  >
                    {t('groupAdmin.ban')}
                    <span className="sr-only"> {name}</span>
                  </ConfirmButton>
                  {group.viewerCan.transferOwnership && (
                    <ConfirmButton
                      className="button-quiet"
                      disabled={busy}
                      danger={false}
                      title={t('groupAdmin.transfer')}
                      description={t('groupAdmin.transferConfirm', { name })}
                      confirmLabel={t('groupAdmin.transferYes')}
                      onConfirm={() => void run(() => transfer({ g: group.id, p: m.person.id }), t('groupAdmin.transferred', { name }))}
                    >
                      {t('groupAdmin.transfer')}
                      <span className="sr-only"> {name}</span>
                    </ConfirmButton>
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {(banned.members?.length ?? 0) > 0 && (
        <>
          <h3>{t('groupAdmin.bannedList')}</h3>
          <ul className="plain admin-list" data-testid="group-banned">
            {banned.members!.map((m) => (
              <li key={m.person.id}>
                <PersonName person={m.person} />
                <button type="button" className="button-quiet" disabled={busy} onClick={() => void run(() => unban({ g: group.id, p: m.person.id }), t('groupAdmin.unbanned', { name: m.person.displayName }))}>
                  {t('groupAdmin.unban')}
                  <span className="sr-only"> {m.person.displayName}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <Status error={error} done={done} />
    </AdminSection>
  );
}

function EditGroup({ group, onChanged }: { group: GroupPageData; onChanged: () => void }) {
  const { t } = useI18n();
  const auth = useAuth();
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const [rules, setRules] = useState(group.rules);
  const [category, setCategory] = useState<Category>(group.category);
  const [kind, setKind] = useState<Kind>(group.kind);
  const [avatar, setAvatar] = useState<File | null>(null);
  const [cover, setCover] = useState<File | null>(null);
  const [removeAvatar, setRemoveAvatar] = useState(false);
  const [removeCover, setRemoveCover] = useState(false);
  const [, update] = useMutation(UPDATE_GROUP);
  const { busy, error, done, run } = useAction(onChanged);

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const input: GroupInput = { name, description, rules, category, kind };
      if (avatar) input.avatarUploadId = await uploadFile(avatar, auth.token());
      else if (removeAvatar) input.removeAvatar = true;
      if (cover) input.coverUploadId = await uploadFile(cover, auth.token());
      else if (removeCover) input.removeCover = true;
      return update({ id: group.id, input });
    }, t('groupAdmin.saved'));
  }

  return (
    <form className="editor" onSubmit={submit}>
      <label htmlFor="ge-name">{t('groups.name')}</label>
      <input id="ge-name" required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor="ge-description">{t('groups.description')}</label>
      <textarea id="ge-description" rows={3} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
      <label htmlFor="ge-category">{t('groupAdmin.category')}</label>
      <select id="ge-category" value={category} onChange={(e) => setCategory(e.target.value as Category)}>
        {CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {t(`groupAdmin.category.${c}` as MessageKey)}
          </option>
        ))}
      </select>
      <label htmlFor="ge-kind">{t('groups.kind')}</label>
      <select id="ge-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`groups.kind.${k}` as MessageKey)}
          </option>
        ))}
      </select>
      <label htmlFor="ge-rules">{t('groupAdmin.rules')}</label>
      <textarea id="ge-rules" rows={4} maxLength={5000} value={rules} onChange={(e) => setRules(e.target.value)} />
      <label htmlFor="ge-avatar">{t('groupAdmin.avatar')}</label>
      <input id="ge-avatar" type="file" accept="image/jpeg,image/png,image/webp,image/gif" onChange={(e) => setAvatar(e.target.files?.[0] ?? null)} />
      {group.avatar && (
        <label className="check">
          <input type="checkbox" checked={removeAvatar} onChange={(e) => setRemoveAvatar(e.target.checked)} /> {t('groupAdmin.removeAvatar')}
        </label>
      )}
      <label htmlFor="ge-cover">{t('groupAdmin.cover')}</label>
      <input id="ge-cover" type="file" accept="image/jpeg,image/png,image/webp,image/gif" onChange={(e) => setCover(e.target.files?.[0] ?? null)} />
      {group.cover && (
        <label className="check">
          <input type="checkbox" checked={removeCover} onChange={(e) => setRemoveCover(e.target.checked)} /> {t('groupAdmin.removeCover')}
        </label>
      )}
      <Status error={error} done={done} />
      <div className="row-actions">
        <button type="submit" disabled={busy}>
          {t('groupAdmin.save')}
        </button>
      </div>
    </form>
  );
}

function Lifecycle({ group, onChanged }: { group: GroupPageData; onChanged: () => void }) {
  const { t } = useI18n();
  const [, archive] = useMutation(ARCHIVE);
  const [, remove] = useMutation(DELETE_GROUP);
  const { busy, error, done, run } = useAction(onChanged);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  async function doDelete() {
    setDeleteError(null);
    const res = await remove({ id: group.id });
    if (res.error) return setDeleteError(errorText(t, res.error));
    navigate('/groups');
  }

  return (
    <AdminSection id="lifecycle-title" title={t('groupAdmin.lifecycle')}>
      <div className="row-actions">
        {group.viewerCan.archive &&
          (group.archived ? (
            <button type="button" className="button-quiet" disabled={busy} onClick={() => void run(() => archive({ id: group.id, archived: false }), t('groupAdmin.unarchived'))}>
              {t('groupAdmin.unarchive')}
            </button>
          ) : (
            <ConfirmButton
              className="button-quiet"
              disabled={busy}
              danger={false}
              title={t('groupAdmin.archiveTitle', { name: group.name })}
              description={t('groupAdmin.archiveConfirm')}
              confirmLabel={t('groupAdmin.archiveYes')}
              onConfirm={() => void run(() => archive({ id: group.id, archived: true }), t('groupAdmin.archivedDone'))}
            >
              {t('groupAdmin.archive')}
            </ConfirmButton>
          ))}
        {group.viewerCan.delete && (
          <ConfirmButton
            className="button-danger"
            title={t('groupAdmin.delete')}
            description={t('groupAdmin.deleteConfirm', { name: group.name })}
            confirmLabel={t('groupAdmin.deleteYes')}
            onConfirm={() => void doDelete()}
          >
            {t('groupAdmin.delete')}
          </ConfirmButton>
        )}
      </div>
      <Status error={error ?? deleteError} done={done} />
    </AdminSection>
  );
}

/** Pin or unpin a message of the group feed (group admins). */
export function PinButton({ groupId, messageId, pinned, onChanged }: { groupId: string; messageId: string; pinned: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [, pin] = useMutation(PIN);
  const [, unpin] = useMutation(UNPIN);
  const { busy, error, run } = useAction(onChanged);
  return (
    <div className="pin-row">
      <button type="button" className="button-quiet small" aria-pressed={pinned} disabled={busy} onClick={() => void run(() => (pinned ? unpin({ g: groupId, m: messageId }) : pin({ g: groupId, m: messageId })))}>
        {pinned ? t('groupAdmin.unpin') : t('groupAdmin.pin')}
      </button>
      {error && (
        <span className="error small" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
