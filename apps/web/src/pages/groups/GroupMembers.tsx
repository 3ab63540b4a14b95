import { useCallback, useEffect, useState } from 'react';
import { useClient } from 'urql';
import { Avatar } from '../../components/Avatar.js';
import { GroupInvite } from '../../components/GroupAdmin.js';
import { Loading } from '../../components/States.js';
import { errorText } from '../../lib/errors.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { useLive } from '../../lib/socket.js';
import { GROUP_MEMBERS, type GroupMember, type GroupPageData } from './documents.js';

/** Who is in the group (members and everyone who may read it); searchable, live. Managing them is under Beheer. */
export function GroupMembers({ group }: { group: GroupPageData }) {
  const { t } = useI18n();
  const client = useClient();
  const [query, setQuery] = useState('');
  const [members, setMembers] = useState<GroupMember[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const canRead = group.viewerCan.read;
  const id = group.id;

  const load = useCallback(async () => {
    const res = await client.query(GROUP_MEMBERS, { id, status: 'ACTIVE', q: query.trim() || null }, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setMembers(res.data.group.members.edges.map((e) => e.node));
  }, [client, id, query, t]);
  useEffect(() => {
    if (!canRead) return;
    const timer = window.setTimeout(() => void load(), 150);
    return () => window.clearTimeout(timer);
  }, [canRead, load]);
  useLive<{ groupId: string }>('group.member.changed', useCallback((e) => e.groupId === id && canRead && void load(), [id, canRead, load]));

  return (
    <>
      <section className="card" aria-labelledby="members-title">
        <div className="row-between">
          <h2 id="members-title">{t('groups.tab.members')}</h2>
          <span className="muted small">{t('groups.members', { count: group.memberCount })}</span>
        </div>
        {!canRead ? (
          <p className="state">{t('groups.membersHidden')}</p>
        ) : (
          <>
            <label htmlFor="group-members-q" className="sr-only">
              {t('groupAdmin.memberSearch')}
            </label>
            <input id="group-members-q" type="search" placeholder={t('groupAdmin.memberSearch')} value={query} onChange={(e) => setQuery(e.target.value)} />
            {failed && (
              <p className="error" role="alert">
                {failed}
              </p>
            )}
            {!members && !failed && <Loading />}
            {members?.length === 0 && <p className="state">{t('groupAdmin.noMembers')}</p>}
            <ul className="plain member-list" data-testid="member-list">
              {members?.map((m) => (
                <li key={m.person.id} className="member-row">
                  <Link href={`/people/${m.person.id}`} className="avatar-link" tabIndex={-1} aria-hidden="true">
                    <Avatar name={m.person.displayName} url={m.person.photo?.small} />
                  </Link>
                  <span className="member-text">
                    <Link href={`/people/${m.person.id}`} className="author-link">
                      {m.person.displayName}
                    </Link>
                    {m.person.jobTitle && <span className="muted small">{m.person.jobTitle}</span>}
                  </span>
                  {m.role !== 'MEMBER' && <span className="badge">{t(`groupAdmin.role.${m.role}` as MessageKey)}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {group.viewerCan.invite && <GroupInvite groupId={id} />}
    </>
  );
}
