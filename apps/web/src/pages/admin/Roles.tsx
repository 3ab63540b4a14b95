import { useEffect, useState } from 'react';
import { errorText } from '../../lib/errors.js';
import { useClient, useMutation } from 'urql';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker.js';
import { ErrorState, Loading } from '../../components/States.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { graphql, type ResultOf } from '../../lib/gql.js';
import { AdminOnly } from './AdminOnly.js';

const GRANTABLE = ['NOTICE_PUBLISHER', 'VACANCY_POSTER'] as const;
const PERSON_ROLES = graphql(`query PersonRoles($id: ID!) { person(id: $id) { id displayName roles } }`);
const GRANT = graphql(`mutation GrantRole($personId: ID!, $role: GrantableRole!) { grantRole(personId: $personId, role: $role) { id displayName roles } }`);
const REVOKE = graphql(`mutation RevokeRole($personId: ID!, $role: GrantableRole!) { revokeRole(personId: $personId, role: $role) { id displayName roles } }`);

type RolesPerson = ResultOf<typeof PERSON_ROLES>['person'];

/** Grant or revoke the business roles (notice publisher, vacancy poster) for one person. */
export function AdminRolesPage() {
  const { t } = useI18n();
  const client = useClient();
  const [picked, setPicked] = useState<PickedPerson | null>(null);
  const [person, setPerson] = useState<RolesPerson | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [, grant] = useMutation(GRANT);
  const [, revoke] = useMutation(REVOKE);

  useEffect(() => {
    setPerson(null);
    setDone(null);
    if (!picked) return;
    // network-only: another admin may have changed the roles: grant or revoke on the current state.
    void client
      .query(PERSON_ROLES, { id: picked.id }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => {
        setFailed(res.error ? (errorText(t, res.error) ?? t('app.error')) : null);
        if (res.data) setPerson(res.data.person);
      });
  }, [client, picked, t]);

  async function toggle(role: (typeof GRANTABLE)[number], has: boolean) {
    if (!person) return;
    const res = has ? await revoke({ personId: person.id, role }) : await grant({ personId: person.id, role });
    const updated = res.data && ('grantRole' in res.data ? res.data.grantRole : res.data.revokeRole);
    setFailed(errorText(t, res.error));
    if (updated) {
      setPerson(updated);
      setDone(t(has ? 'admin.roles.revoked' : 'admin.roles.granted', { role: t(`admin.roles.${role}` as MessageKey), name: updated.displayName }));
    }
  }
  return (
    <AdminOnly>
      <section className="card" aria-labelledby="roles-title">
        <h1 id="roles-title">{t('admin.roles.title')}</h1>
        <p className="muted">{t('admin.roles.intro')}</p>
        <PersonPicker label={t('admin.roles.person')} value={picked} onChange={setPicked} />
        {picked && !person && !failed && <Loading />}
        {failed && <ErrorState message={failed} />}
        {person && (
          <table className="table" data-testid="roles-table">
            <caption className="sr-only">{t('admin.roles.caption', { name: person.displayName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.roles.role')}</th>
                <th scope="col">{t('admin.roles.has')}</th>
                <th scope="col">
                  <span className="sr-only">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {GRANTABLE.map((role) => {
                const has = person.roles.includes(role);
                const name = t(`admin.roles.${role}` as MessageKey);
                return (
                  <tr key={role}>
                    <th scope="row">{name}</th>
                    <td>{has ? t('admin.yes') : t('admin.no')}</td>
                    <td>
                      <button type="button" className={has ? 'button-quiet' : undefined} onClick={() => void toggle(role, has)}>
                        {has ? t('admin.roles.revoke', { role: name }) : t('admin.roles.grant', { role: name })}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {done && (
          <p role="status" className="small">
            {done}
          </p>
        )}
      </section>
    </AdminOnly>
  );
}
