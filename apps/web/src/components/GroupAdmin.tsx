import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import { useAuth } from '../lib/auth.js';
import { useI18n, type MessageKey } from '../lib/i18n.js';
import { Link, navigate } from '../lib/router.js';
import { useLive } from '../lib/socket.js';
import { gqlError, uploadFile } from '../lib/upload.js';
import { useMentionSuggestions } from './MentionSuggestions.js';
import { Loading } from './States.js';

/** What the group page knows and the admin tools need. */
export interface AdminGroup {
  id: string;
  name: string;
  description: string;
  rules: string;
  category: string;
  kind: string;
  archived: boolean;
  avatar: { url: string } | null;
  cover: { url: string } | null;
  myMembership: { status: string; role: string } | null;
  viewerCan: { edit: boolean; invite: boolean; moderate: boolean; archive: boolean; delete: boolean; transferOwnership: boolean };
}

export const CATEGORIES = ['GENERAL', 'TEAM', 'PROJECT', 'INTEREST', 'KNOWLEDGE', 'LOCATION', 'SOCIAL', 'SUPPORT'] as const;

interface Member {
  person: { id: string; displayName: string; jobTitle: string | null };
  role: string;
  status: string;
}

const MEMBERS = `query GroupMembers($id: ID!, $status: GroupMemberStatus, $q: String) { group(id: $id) { id
  members(status: $status, query: $q, first: 100) { edges { node { role status person { id displayName jobTitle } } } } } }`;
const UPDATE = `mutation UpdateGroup($id: ID!, $input: UpdateGroupInput!) { updateGroup(id: $id, input: $input) { id } }`;
const APPROVE = `mutation Approve($g: ID!, $p: ID!) { approveJoinRequest(groupId: $g, personId: $p) { status } }`;
const REJECT = `mutation Reject($g: ID!, $p: ID!) { rejectJoinRequest(groupId: $g, personId: $p) }`;
const INVITE = `mutation Invite($g: ID!, $ids: [ID!]!) { inviteToGroup(groupId: $g, personIds: $ids) { status } }`;
const REMOVE = `mutation Remove($g: ID!, $p: ID!, $ban: Boolean) { removeGroupMember(groupId: $g, personId: $p, ban: $ban) }`;
const UNBAN = `mutation Unban($g: ID!, $p: ID!) { unbanGroupMember(groupId: $g, personId: $p) }`;
const ROLE = `mutation Role($g: ID!, $p: ID!, $role: GroupRole!) { setGroupMemberRole(groupId: $g, personId: $p, role: $role) { role } }`;
const TRANSFER = `mutation Transfer($g: ID!, $p: ID!) { transferGroupOwnership(groupId: $g, personId: $p) { role } }`;
const ARCHIVE = `mutation Archive($id: ID!, $archived: Boolean) { archiveGroup(id: $id, archived: $archived) { id archived } }`;
const DELETE = `mutation DeleteGroup($id: ID!) { deleteGroup(id: $id) }`;
const PIN = `mutation Pin($g: ID!, $m: ID!) { pinGroupMessage(groupId: $g, messageId: $m) }`;
const UNPIN = `mutation Unpin($g: ID!, $m: ID!) { unpinGroupMessage(groupId: $g, messageId: $m) }`;

type Result = { error?: Parameters<typeof gqlError>[0] };

/** Runs a mutation and keeps its server error (or a done message) for a status line. */
function useAction(onDone: () => void) {
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
        if (res.error) return setError(gqlError(res.error));
        if (doneText) setDone(doneText);
        onDone();
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
      } finally {
        setBusy(false);
      }
    },
    [onDone],
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

/** The group admin's tools: edit, join requests (live), invitations, members and roles, archive, delete. */
export function GroupAdmin({ group, onChanged }: { group: AdminGroup; onChanged: () => void }) {
  const { t } = useI18n();
  const moderate = group.viewerCan.moderate;
  return (
    <section className="card group-admin" aria-labelledby="group-admin-title">
      <h2 id="group-admin-title">{t('groupAdmin.title')}</h2>
      {moderate && <JoinRequests groupId={group.id} onChanged={onChanged} />}
      {group.viewerCan.invite && <Invite groupId={group.id} />}
      {moderate && <Members group={group} onChanged={onChanged} />}
      {group.viewerCan.edit && (
        <details>
          <summary>{t('groupAdmin.edit')}</summary>
          <EditGroup group={group} onChanged={onChanged} />
        </details>
      )}
      {(group.viewerCan.archive || group.viewerCan.delete) && <Lifecycle group={group} onChanged={onChanged} />}
    </section>
  );
}

function useMembers(groupId: string, status: string, query = '') {
  const client = useClient();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const res = await client.query<{ group: { members: { edges: { node: Member }[] } } }>(MEMBERS, { id: groupId, status, q: query.trim() || null }, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(gqlError(res.error) ?? 'error');
    setFailed(null);
    setMembers(res.data.group.members.edges.map((e) => e.node));
  }, [client, groupId, status, query]);
  useEffect(() => void reload(), [reload]);
  return { members, failed, reload };
}

function JoinRequests({ groupId, onChanged }: { groupId: string; onChanged: () => void }) {
  const { t } = useI18n();
  const { members, failed, reload } = useMembers(groupId, 'REQUESTED');
  const [, approve] = useMutation(APPROVE);
  const [, reject] = useMutation(REJECT);
  const after = useCallback(() => {
    void reload();
    onChanged();
  }, [reload, onChanged]);
  const { busy, error, done, run } = useAction(after);
  // A request made while this page is open shows up at once (the server tells group admins).
  useLive<{ groupId: string }>('group.joinRequested', useCallback((e) => e.groupId === groupId && void reload(), [groupId, reload]));
  useLive<{ groupId: string }>('group.member.changed', useCallback((e) => e.groupId === groupId && void reload(), [groupId, reload]));
  return (
    <section aria-labelledby="join-requests-title">
      <h3 id="join-requests-title">{t('groupAdmin.requests')}</h3>
      {failed && <p className="error" role="alert">{failed}</p>}
      {!members && !failed && <Loading />}
      {members?.length === 0 && <p className="state small">{t('groupAdmin.noRequests')}</p>}
      <ul className="plain admin-list" data-testid="join-requests">
        {members?.map((m) => (
          <li key={m.person.id}>
            <span>
              <strong>
                  <Link href={`/people/${m.person.id}`} className="author-link">{m.person.displayName}</Link>
                </strong> {m.person.jobTitle && <span className="muted small">{m.person.jobTitle}</span>}
            </span>
            <span className="row-actions">
              <button type="button" disabled={busy} onClick={() => void run(() => approve({ g: groupId, p: m.person.id }), t('groupAdmin.approved', { name: m.person.displayName }))}>
                {t('groupAdmin.approve')}
                <span className="sr-only"> {m.person.displayName}</span>
              </button>
              <button type="button" className="button-quiet" disabled={busy} onClick={() => void run(() => reject({ g: groupId, p: m.person.id }), t('groupAdmin.rejected', { name: m.person.displayName }))}>
                {t('groupAdmin.reject')}
                <span className="sr-only"> {m.person.displayName}</span>
              </button>
            </span>
          </li>
        ))}
      </ul>
      <Status error={error} done={done} />
    </section>
  );
}

function Invite({ groupId }: { groupId: string }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const suggestions = useMentionSuggestions(query.trim().length >= 2 ? query.trim() : null);
  const [, invite] = useMutation(INVITE);
  const { busy, error, done, run } = useAction(useCallback(() => setQuery(''), []));
  return (
    <section aria-labelledby="invite-title">
      <h3 id="invite-title">{t('groupAdmin.invite')}</h3>
      <label htmlFor="invite-q">{t('groupAdmin.inviteSearch')}</label>
      <input id="invite-q" type="search" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      {suggestions.length > 0 && query.trim().length >= 2 && (
        <ul className="plain admin-list" aria-label={t('groupAdmin.inviteResults')}>
          {suggestions.map((p) => (
            <li key={p.id}>
              <span>
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
    </section>
  );
}

function Members({ group, onChanged }: { group: AdminGroup; onChanged: () => void }) {
  const { t } = useI18n();
  const { person: me } = useAuth();
  const [query, setQuery] = useState('');
  const active = useMembers(group.id, 'ACTIVE', query);
  const banned = useMembers(group.id, 'BANNED');
  const [confirmTransfer, setConfirmTransfer] = useState<Member | null>(null);
  const [, remove] = useMutation(REMOVE);
  const [, unban] = useMutation(UNBAN);
  const [, setRole] = useMutation(ROLE);
  const [, transfer] = useMutation(TRANSFER);
  const after = useCallback(() => {
    void active.reload();
    void banned.reload();
    onChanged();
  }, [active, banned, onChanged]);
  const { busy, error, done, run } = useAction(after);
  useLive<{ groupId: string }>('group.member.changed', useCallback((e) => e.groupId === group.id && void active.reload(), [group.id, active]));

  return (
    <section aria-labelledby="members-title">
      <h3 id="members-title">{t('groupAdmin.members')}</h3>
      <label htmlFor="members-q" className="sr-only">
        {t('groupAdmin.memberSearch')}
      </label>
      <input id="members-q" type="search" placeholder={t('groupAdmin.memberSearch')} value={query} onChange={(e) => setQuery(e.target.value)} />
      {active.failed && <p className="error" role="alert">{active.failed}</p>}
      {!active.members && !active.failed && <Loading />}
      {active.members?.length === 0 && <p className="state small">{t('groupAdmin.noMembers')}</p>}
      <ul className="plain admin-list" data-testid="group-members">
        {active.members?.map((m) => {
          const self = m.person.id === me?.id;
          const owner = m.role === 'OWNER';
          return (
            <li key={m.person.id}>
              <span>
                <strong>
                  <Link href={`/people/${m.person.id}`} className="author-link">{m.person.displayName}</Link>
                </strong> <span className="badge">{t(`groupAdmin.role.${m.role}` as MessageKey)}</span>
              </span>
              {!owner && !self && (
                <span className="row-actions">
                  <label className="sr-only" htmlFor={`role-${m.person.id}`}>
                    {t('groupAdmin.roleOf', { name: m.person.displayName })}
                  </label>
                  <select id={`role-${m.person.id}`} value={m.role} disabled={busy} onChange={(e) => void run(() => setRole({ g: group.id, p: m.person.id, role: e.target.value }), t('groupAdmin.roleChanged', { name: m.person.displayName }))}>
                    <option value="MEMBER">{t('groupAdmin.role.MEMBER')}</option>
                    <option value="ADMIN">{t('groupAdmin.role.ADMIN')}</option>
                  </select>
                  <button type="button" className="button-quiet" disabled={busy} onClick={() => void run(() => remove({ g: group.id, p: m.person.id, ban: false }), t('groupAdmin.removed', { name: m.person.displayName }))}>
                    {t('groupAdmin.remove')}
                    <span className="sr-only"> {m.person.displayName}</span>
                  </button>
                  <button type="button" className="button-quiet" disabled={busy} onClick={() => void run(() => remove({ g: group.id, p: m.person.id, ban: true }), t('groupAdmin.banned', { name: m.person.displayName }))}>
                    {t('groupAdmin.ban')}
                    <span className="sr-only"> {m.person.displayName}</span>
                  </button>
                  {group.viewerCan.transferOwnership && (
                    <button type="button" className="button-quiet" disabled={busy} onClick={() => setConfirmTransfer(m)}>
                      {t('groupAdmin.transfer')}
                      <span className="sr-only"> {m.person.displayName}</span>
                    </button>
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {confirmTransfer && (
        <div className="confirm" role="group" aria-labelledby="transfer-q">
          <p id="transfer-q">{t('groupAdmin.transferConfirm', { name: confirmTransfer.person.displayName })}</p>
          <div className="row-actions">
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                const target = confirmTransfer;
                setConfirmTransfer(null);
                void run(() => transfer({ g: group.id, p: target.person.id }), t('groupAdmin.transferred', { name: target.person.displayName }));
              }}
            >
              {t('groupAdmin.transferYes')}
            </button>
            <button type="button" className="button-quiet" onClick={() => setConfirmTransfer(null)}>
              {t('person.cancel')}
            </button>
          </div>
        </div>
      )}
      {(banned.members?.length ?? 0) > 0 && (
        <>
          <h4>{t('groupAdmin.bannedList')}</h4>
          <ul className="plain admin-list">
            {banned.members!.map((m) => (
              <li key={m.person.id}>
                <strong>
                  <Link href={`/people/${m.person.id}`} className="author-link">{m.person.displayName}</Link>
                </strong>
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
    </section>
  );
}

function EditGroup({ group, onChanged }: { group: AdminGroup; onChanged: () => void }) {
  const { t } = useI18n();
  const auth = useAuth();
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const [rules, setRules] = useState(group.rules);
  const [category, setCategory] = useState(group.category);
  const [kind, setKind] = useState(group.kind);
  const [avatar, setAvatar] = useState<File | null>(null);
  const [cover, setCover] = useState<File | null>(null);
  const [removeAvatar, setRemoveAvatar] = useState(false);
  const [removeCover, setRemoveCover] = useState(false);
  const [, update] = useMutation(UPDATE);
  const { busy, error, done, run } = useAction(onChanged);

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const input: Record<string, unknown> = { name, description, rules, category, kind };
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
      <select id="ge-category" value={category} onChange={(e) => setCategory(e.target.value)}>
        {CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {t(`groupAdmin.category.${c}` as MessageKey)}
          </option>
        ))}
      </select>
      <label htmlFor="ge-kind">{t('groups.kind')}</label>
      <select id="ge-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
        {['OPEN', 'CLOSED', 'SECRET'].map((k) => (
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
      <button type="submit" disabled={busy}>
        {t('groupAdmin.save')}
      </button>
    </form>
  );
}

function Lifecycle({ group, onChanged }: { group: AdminGroup; onChanged: () => void }) {
  const { t } = useI18n();
  const [, archive] = useMutation(ARCHIVE);
  const [, remove] = useMutation(DELETE);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { busy, error, done, run } = useAction(onChanged);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  async function doDelete() {
    setDeleteError(null);
    const res = await remove({ id: group.id });
    if (res.error) return setDeleteError(gqlError(res.error));
    navigate('/groups');
  }

  return (
    <section aria-labelledby="lifecycle-title">
      <h3 id="lifecycle-title">{t('groupAdmin.lifecycle')}</h3>
      <div className="row-actions">
        {group.viewerCan.archive && (
          <button type="button" className="button-quiet" disabled={busy} onClick={() => void run(() => archive({ id: group.id, archived: !group.archived }), group.archived ? t('groupAdmin.unarchived') : t('groupAdmin.archivedDone'))}>
            {group.archived ? t('groupAdmin.unarchive') : t('groupAdmin.archive')}
          </button>
        )}
        {group.viewerCan.delete && !confirmDelete && (
          <button type="button" className="button-danger" onClick={() => setConfirmDelete(true)}>
            {t('groupAdmin.delete')}
          </button>
        )}
      </div>
      {confirmDelete && (
        <div className="confirm" role="group" aria-labelledby="delete-q">
          <p id="delete-q">{t('groupAdmin.deleteConfirm', { name: group.name })}</p>
          <div className="row-actions">
            <button type="button" className="button-danger" onClick={() => void doDelete()}>
              {t('groupAdmin.deleteYes')}
            </button>
            <button type="button" className="button-quiet" onClick={() => setConfirmDelete(false)}>
              {t('person.cancel')}
            </button>
          </div>
        </div>
      )}
      <Status error={error ?? deleteError} done={done} />
    </section>
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
