import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { errorText } from '../../lib/errors.js';
import { useClient, useMutation } from 'urql';
import { FieldError, FormAlert, useFocusInvalid } from '../../components/FieldError.js';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker.js';
import { ErrorState, Loading } from '../../components/States.js';
import { AuditEntryRow } from '../../components/AuditEntry.js';
import { useAuth } from '../../lib/auth.js';
import { formError, isAbout, splitList, type FormError } from '../../lib/forms.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';

/** Admins only; the server enforces it too, this only spares others a screen of errors. */
function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const auth = useAuth();
  if (!auth.person?.roles.includes('admin')) return <p className="card">{t('admin.forbidden')}</p>;
  return <>{children}</>;
}

// ---- Roles -------------------------------------------------------------------------------------

const GRANTABLE = ['NOTICE_PUBLISHER', 'VACANCY_POSTER'] as const;
const PERSON_ROLES = `query PersonRoles($id: ID!) { person(id: $id) { id displayName roles } }`;
const GRANT = `mutation Grant($personId: ID!, $role: GrantableRole!) { grantRole(personId: $personId, role: $role) { id displayName roles } }`;
const REVOKE = `mutation Revoke($personId: ID!, $role: GrantableRole!) { revokeRole(personId: $personId, role: $role) { id displayName roles } }`;

interface RolesPerson {
  id: string;
  displayName: string;
  roles: string[];
}

/** Grant or revoke the business roles (notice publisher, vacancy poster) for one person. */
export function AdminRolesPage() {
  const { t } = useI18n();
  const client = useClient();
  const [picked, setPicked] = useState<PickedPerson | null>(null);
  const [person, setPerson] = useState<RolesPerson | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [, grant] = useMutation<{ grantRole?: RolesPerson; revokeRole?: RolesPerson }>(GRANT);
  const [, revoke] = useMutation<{ grantRole?: RolesPerson; revokeRole?: RolesPerson }>(REVOKE);

  useEffect(() => {
    setPerson(null);
    setDone(null);
    if (!picked) return;
    void client
      .query<{ person: RolesPerson }>(PERSON_ROLES, { id: picked.id }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => {
        setFailed(res.error ? (errorText(t, res.error) ?? t('app.error')) : null);
        if (res.data) setPerson(res.data.person);
      });
  }, [client, picked, t]);

  async function toggle(role: (typeof GRANTABLE)[number], has: boolean) {
    if (!person) return;
    const res = has ? await revoke({ personId: person.id, role }) : await grant({ personId: person.id, role });
    const updated = res.data?.grantRole ?? res.data?.revokeRole;
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

// ---- Custom profile fields -----------------------------------------------------------------------

const FIELD_TYPES = ['TEXT', 'LINK', 'CHOICE', 'MULTI_CHOICE'] as const;
const FILLERS = ['PERSON', 'ADMIN', 'HR'] as const;
const VISIBILITIES = ['EVERYONE', 'EMPLOYEES', 'NOBODY'] as const;
const PROFILE_FIELDS = `query ProfileFields { profileFields { id key labelNl labelEn type filledBy visibility options position } }`;
const CREATE_FIELD = `mutation CreateField($input: CreateProfileFieldInput!) { createProfileField(input: $input) { id } }`;
const UPDATE_FIELD = `mutation UpdateField($id: ID!, $input: UpdateProfileFieldInput!) { updateProfileField(id: $id, input: $input) { id } }`;
const DELETE_FIELD = `mutation DeleteField($id: ID!) { deleteProfileField(id: $id) }`;
const FIELD_INPUTS = ['key', 'labelNl', 'labelEn', 'type', 'filledBy', 'visibility', 'options', 'position'];

interface ProfileField {
  id: string;
  key: string;
  labelNl: string;
  labelEn: string;
  type: string;
  filledBy: string;
  visibility: string;
  options: string[];
  position: number;
}

/** Define the custom fields every profile shows (who fills them, who sees them). */
export function AdminProfileFieldsPage() {
  const { t, language } = useI18n();
  const client = useClient();
  const [fields, setFields] = useState<ProfileField[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [key, setKey] = useState('');
  const [labelNl, setLabelNl] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const [type, setType] = useState<string>('TEXT');
  const [filledBy, setFilledBy] = useState<string>('PERSON');
  const [visibility, setVisibility] = useState<string>('EVERYONE');
  const [options, setOptions] = useState('');
  const [position, setPosition] = useState('0');
  const [error, setError] = useState<FormError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [editing, setEditing] = useState<ProfileField | null>(null);
  const [, create] = useMutation(CREATE_FIELD);
  const [, update] = useMutation(UPDATE_FIELD);
  const [, remove] = useMutation(DELETE_FIELD);
  const formRef = useFocusInvalid(error);

  const load = useCallback(async () => {
    const res = await client.query<{ profileFields: ProfileField[] }>(PROFILE_FIELDS, {}, { requestPolicy: 'network-only' }).toPromise();
    setFailed(!res.data);
    if (res.data) setFields(res.data.profileFields);
  }, [client]);
  useEffect(() => void load(), [load]);

  const choice = type === 'CHOICE' || type === 'MULTI_CHOICE';
  function reset(field: ProfileField | null) {
    setEditing(field);
    setError(null);
    setKey(field?.key ?? '');
    setLabelNl(field?.labelNl ?? '');
    setLabelEn(field?.labelEn ?? '');
    setType(field?.type ?? 'TEXT');
    setFilledBy(field?.filledBy ?? 'PERSON');
    setVisibility(field?.visibility ?? 'EVERYONE');
    setOptions(field?.options.join(', ') ?? '');
    setPosition(String(field?.position ?? 0));
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    const common = { labelNl, labelEn, filledBy, visibility, options: choice ? splitList(options) : undefined, position: Number(position) || 0 };
    const res = editing ? await update({ id: editing.id, input: common }) : await create({ input: { ...common, key, type, options: common.options ?? null } });
    setError(formError(res.error, t));
    if (!res.error) {
      setStatus(t(editing ? 'admin.fields.updated' : 'admin.fields.created', { key }));
      reset(null);
      await load();
    }
  }
  async function del(f: ProfileField) {
    if (!window.confirm(t('admin.fields.confirmDelete', { key: f.key }))) return;
    const res = await remove({ id: f.id });
    setStatus(errorText(t, res.error) ?? t('admin.fields.deleted', { key: f.key }));
    await load();
  }
  const described = (field: string) => (isAbout(error, field) ? `err-${field}` : undefined);
  const invalid = (field: string) => isAbout(error, field) || undefined;
  return (
    <AdminOnly>
      <section className="card" aria-labelledby="fields-title">
        <h1 id="fields-title">{t('admin.fields.title')}</h1>
        <p className="muted">{t('admin.fields.intro')}</p>
        {failed && <ErrorState onRetry={() => void load()} />}
        {!fields && !failed && <Loading />}
        {fields && fields.length === 0 && <p className="muted">{t('admin.fields.empty')}</p>}
        {fields && fields.length > 0 && (
          <div className="table-wrap" role="region" aria-labelledby="fields-title" tabIndex={0}>
            <table className="table" data-testid="fields-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.fields.key')}</th>
                  <th scope="col">{t('admin.fields.label')}</th>
                  <th scope="col">{t('admin.fields.type')}</th>
                  <th scope="col">{t('admin.fields.filledBy')}</th>
                  <th scope="col">{t('admin.fields.visibility')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('admin.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {fields.map((f) => (
                  <tr key={f.id}>
                    <th scope="row">
                      <code>{f.key}</code>
                    </th>
                    <td>
                      {language === 'nl' ? f.labelNl : f.labelEn}
                      {f.options.length > 0 && <span className="muted small"> ({f.options.join(', ')})</span>}
                    </td>
                    <td>{t(`admin.fields.type.${f.type}` as MessageKey)}</td>
                    <td>{t(`admin.fields.filledBy.${f.filledBy}` as MessageKey)}</td>
                    <td>{t(`admin.fields.visibility.${f.visibility}` as MessageKey)}</td>
                    <td>
                      <div className="row-actions">
                        <button type="button" className="button-quiet" aria-label={t('admin.fields.editNamed', { key: f.key })} onClick={() => reset(f)}>
                          {t('admin.fields.edit')}
                        </button>
                        <button type="button" className="button-quiet" aria-label={t('admin.fields.deleteNamed', { key: f.key })} onClick={() => void del(f)}>
                          {t('admin.fields.delete')}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {status && (
          <p role="status" className="small">
            {status}
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="field-new">
        <h2 id="field-new">{editing ? t('admin.fields.editing', { key: editing.key }) : t('admin.fields.new')}</h2>
        <form ref={formRef} onSubmit={submit} noValidate>
          <label htmlFor="f-key">{t('admin.fields.key')}</label>
          <input id="f-key" value={key} maxLength={50} readOnly={!!editing} onChange={(e) => setKey(e.target.value)} aria-invalid={invalid('key')} aria-describedby={described('key') ?? 'f-key-help'} />
          <p id="f-key-help" className="muted small">
            {t('admin.fields.keyHelp')}
          </p>
          <FieldError id="err-key" error={error} field="key" />
          <div className="two-col">
            <div>
              <label htmlFor="f-nl">{t('admin.fields.labelNl')}</label>
              <input id="f-nl" value={labelNl} maxLength={100} onChange={(e) => setLabelNl(e.target.value)} aria-invalid={invalid('labelNl')} aria-describedby={described('labelNl')} />
              <FieldError id="err-labelNl" error={error} field="labelNl" />
            </div>
            <div>
              <label htmlFor="f-en">{t('admin.fields.labelEn')}</label>
              <input id="f-en" value={labelEn} maxLength={100} onChange={(e) => setLabelEn(e.target.value)} aria-invalid={invalid('labelEn')} aria-describedby={described('labelEn')} />
              <FieldError id="err-labelEn" error={error} field="labelEn" />
            </div>
          </div>
          <div className="composer-row">
            <label htmlFor="f-type">{t('admin.fields.type')}</label>
            <select id="f-type" value={type} disabled={!!editing} onChange={(e) => setType(e.target.value)}>
              {FIELD_TYPES.map((v) => (
                <option key={v} value={v}>
                  {t(`admin.fields.type.${v}` as MessageKey)}
                </option>
              ))}
            </select>
            <label htmlFor="f-filled">{t('admin.fields.filledBy')}</label>
            <select id="f-filled" value={filledBy} onChange={(e) => setFilledBy(e.target.value)}>
              {FILLERS.map((v) => (
                <option key={v} value={v}>
                  {t(`admin.fields.filledBy.${v}` as MessageKey)}
                </option>
              ))}
            </select>
            <label htmlFor="f-visibility">{t('admin.fields.visibility')}</label>
            <select id="f-visibility" value={visibility} onChange={(e) => setVisibility(e.target.value)}>
              {VISIBILITIES.map((v) => (
                <option key={v} value={v}>
                  {t(`admin.fields.visibility.${v}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          {choice && (
            <>
              <label htmlFor="f-options">{t('admin.fields.options')}</label>
              <textarea id="f-options" rows={3} value={options} onChange={(e) => setOptions(e.target.value)} aria-invalid={invalid('options')} aria-describedby={described('options') ?? 'f-options-help'} />
              <p id="f-options-help" className="muted small">
                {t('notices.form.listHelp')}
              </p>
              {editing && <p className="muted small">{t('admin.fields.optionsDrop')}</p>}
              <FieldError id="err-options" error={error} field="options" />
            </>
          )}
          <label htmlFor="f-position">{t('admin.fields.position')}</label>
          <input id="f-position" type="number" min={0} max={10000} value={position} onChange={(e) => setPosition(e.target.value)} aria-invalid={invalid('position')} aria-describedby={described('position')} />
          <FieldError id="err-position" error={error} field="position" />
          <FormAlert error={error} fields={FIELD_INPUTS} />
          <div className="row-actions">
            <button type="submit">{editing ? t('admin.fields.save') : t('admin.fields.create')}</button>
            {editing && (
              <button type="button" className="button-quiet" onClick={() => reset(null)}>
                {t('notices.form.cancel')}
              </button>
            )}
          </div>
        </form>
      </section>
    </AdminOnly>
  );
}

// ---- SCIM tokens -------------------------------------------------------------------------------

const SCIM_TOKENS = `query ScimTokens { scimTokens { id name hint createdAt lastUsedAt revokedAt } }`;
const CREATE_TOKEN = `mutation CreateToken($name: String!) { createScimToken(name: $name) { secret token { id name } } }`;
const REVOKE_TOKEN = `mutation RevokeToken($id: ID!) { revokeScimToken(id: $id) { id revokedAt } }`;

interface ScimToken {
  id: string;
  name: string;
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Bearer tokens for SCIM provisioning clients; a new token's secret is shown once. */
export function AdminScimPage() {
  const { t, formatDate } = useI18n();
  const client = useClient();
  const [tokens, setTokens] = useState<ScimToken[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [, create] = useMutation<{ createScimToken: { secret: string; token: { id: string; name: string } } }>(CREATE_TOKEN);
  const [, revoke] = useMutation(REVOKE_TOKEN);
  const formRef = useFocusInvalid(error);

  const load = useCallback(async () => {
    const res = await client.query<{ scimTokens: ScimToken[] }>(SCIM_TOKENS, {}, { requestPolicy: 'network-only' }).toPromise();
    setFailed(!res.data);
    if (res.data) setTokens(res.data.scimTokens);
  }, [client]);
  useEffect(() => void load(), [load]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = await create({ name });
    setError(formError(res.error, t));
    if (res.data) {
      setSecret({ name: res.data.createScimToken.token.name, secret: res.data.createScimToken.secret });
      setCopied(false);
      setName('');
      await load();
    }
  }
  async function revokeToken(tk: ScimToken) {
    if (!window.confirm(t('admin.scim.confirmRevoke', { name: tk.name }))) return;
    const res = await revoke({ id: tk.id });
    setError(formError(res.error, t));
    await load();
  }
  return (
    <AdminOnly>
      <section className="card" aria-labelledby="scim-title">
        <h1 id="scim-title">{t('admin.scim.title')}</h1>
        <p className="muted">{t('admin.scim.intro')}</p>
        <form ref={formRef} onSubmit={submit} noValidate>
          <label htmlFor="scim-name">{t('admin.scim.name')}</label>
          <input id="scim-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} aria-invalid={isAbout(error, 'name') || undefined} aria-describedby={isAbout(error, 'name') ? 'err-name' : undefined} />
          <FieldError id="err-name" error={error} field="name" />
          <FormAlert error={error} fields={['name']} />
          <button type="submit">{t('admin.scim.create')}</button>
        </form>
        {secret && (
          <div className="secret" role="status" data-testid="scim-secret">
            <p>
              <strong>{t('admin.scim.secretFor', { name: secret.name })}</strong> {t('admin.scim.secretOnce')}
            </p>
            <label htmlFor="scim-secret">{t('admin.scim.secret')}</label>
            <input id="scim-secret" readOnly value={secret.secret} onFocus={(e) => e.target.select()} />
            <div className="row-actions">
              <button
                type="button"
                className="button-quiet"
                onClick={() =>
                  void navigator.clipboard
                    ?.writeText(secret.secret)
                    .then(() => setCopied(true))
                    .catch(() => setCopied(false))
                }
              >
                {copied ? t('admin.scim.copied') : t('admin.scim.copy')}
              </button>
              <button type="button" onClick={() => setSecret(null)}>
                {t('admin.scim.stored')}
              </button>
            </div>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="scim-list">
        <h2 id="scim-list">{t('admin.scim.list')}</h2>
        {failed && <ErrorState onRetry={() => void load()} />}
        {!tokens && !failed && <Loading />}
        {tokens && tokens.length === 0 && <p className="muted">{t('admin.scim.empty')}</p>}
        {tokens && tokens.length > 0 && (
          <div className="table-wrap" role="region" aria-labelledby="scim-list" tabIndex={0}>
            <table className="table" data-testid="scim-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.scim.name')}</th>
                  <th scope="col">{t('admin.scim.hint')}</th>
                  <th scope="col">{t('admin.scim.created')}</th>
                  <th scope="col">{t('admin.scim.lastUsed')}</th>
                  <th scope="col">{t('admin.scim.state')}</th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((tk) => (
                  <tr key={tk.id}>
                    <th scope="row">{tk.name}</th>
                    <td>
                      <code>…{tk.hint}</code>
                    </td>
                    <td>{formatDate(tk.createdAt)}</td>
                    <td>{tk.lastUsedAt ? formatDate(tk.lastUsedAt) : t('admin.scim.never')}</td>
                    <td>
                      {tk.revokedAt ? (
                        t('admin.scim.revokedAt', { date: formatDate(tk.revokedAt) })
                      ) : (
                        <button type="button" className="button-quiet" aria-label={t('admin.scim.revokeNamed', { name: tk.name })} onClick={() => void revokeToken(tk)}>
                          {t('admin.scim.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </AdminOnly>
  );
}

// ---- Moderation audit log ------------------------------------------------------------------------

const PAGE = 50;
const AUDIT = `query Audit($first: Int, $from: DateTime, $to: DateTime) { moderationAudit(first: $first, from: $from, to: $to) {
  id createdAt actorId event itemType itemId subjectId reason before after } }`;
const AUDIT_CSV = `query AuditCsv($from: DateTime, $to: DateTime) { moderationAuditCsv(from: $from, to: $to) }`;

interface AuditEntry {
  id: string;
  createdAt: string;
  actorId: string | null;
  event: string;
  itemType: string | null;
  itemId: string | null;
  subjectId: string | null;
  reason: string | null;
  before: string | null;
  after: string | null;
}

/** Display names for the people an audit page names, in one request (aliases, one per id). */
async function namesOf(client: ReturnType<typeof useClient>, ids: string[]): Promise<Record<string, string>> {
  const unique = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (unique.length === 0) return {};
  const query = `query AuditNames { ${unique.map((id, i) => `p${i}: person(id: "${id}") { id displayName }`).join(' ')} }`;
  const res = await client.query<Record<string, { id: string; displayName: string } | null>>(query, {}, { requestPolicy: 'network-only' }).toPromise();
  const out: Record<string, string> = {};
  for (const p of Object.values(res.data ?? {})) if (p) out[p.id] = p.displayName;
  return out;
}

/**
 * The moderation audit log, read-only, newest first. "Older entries" asks for a longer list (the
 * API pages by count and time range, not by cursor), so no entry is skipped between pages.
 */
export function AdminAuditPage() {
  const { t } = useI18n();
  const client = useClient();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Dates are whole days in the browser's time zone; "to" includes its day.
  const range = useCallback(
    () => ({ from: from ? new Date(`${from}T00:00`).toISOString() : null, to: to ? new Date(new Date(`${to}T00:00`).getTime() + 86_400_000).toISOString() : null }),
    [from, to],
  );
  const load = useCallback(async () => {
    setBusy(true);
    const res = await client.query<{ moderationAudit: AuditEntry[] }>(AUDIT, { first: limit, ...range() }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setEntries(res.data.moderationAudit);
    setNames(await namesOf(client, res.data.moderationAudit.flatMap((e) => [e.actorId, e.subjectId].filter((x): x is string => !!x))));
  }, [client, limit, range, t]);
  useEffect(() => void load(), [load]);

  async function exportCsv() {
    const res = await client.query<{ moderationAuditCsv: string }>(AUDIT_CSV, range(), { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    const url = URL.createObjectURL(new Blob([res.data.moderationAuditCsv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `moderation-audit-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  const who = (id: string | null) => (id ? (names[id] ?? id.slice(0, 8)) : t('admin.audit.system'));
  return (
    <AdminOnly>
      <section className="card" aria-labelledby="audit-title">
        <h1 id="audit-title">{t('admin.audit.title')}</h1>
        <p className="muted">{t('admin.audit.intro')}</p>
        <div className="composer-row">
          <label htmlFor="audit-from">{t('admin.audit.from')}</label>
          <input id="audit-from" type="date" value={from} onChange={(e) => (setFrom(e.target.value), setLimit(PAGE))} />
          <label htmlFor="audit-to">{t('admin.audit.to')}</label>
          <input id="audit-to" type="date" value={to} onChange={(e) => (setTo(e.target.value), setLimit(PAGE))} />
          <button type="button" className="button-quiet" onClick={() => void exportCsv()}>
            {t('admin.audit.csv')}
          </button>
        </div>
        {failed && <ErrorState message={failed} onRetry={() => void load()} />}
        {!entries && !failed && <Loading />}
        {entries && entries.length === 0 && <p className="muted">{t('admin.audit.empty')}</p>}
        {entries && entries.length > 0 && (
          <div className="table-wrap" role="region" aria-labelledby="audit-title" tabIndex={0}>
            <table className="table" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.audit.when')}</th>
                  <th scope="col">{t('admin.audit.event')}</th>
                  <th scope="col">{t('admin.audit.actor')}</th>
                  <th scope="col">{t('admin.audit.item')}</th>
                  <th scope="col">{t('admin.audit.subject')}</th>
                  <th scope="col">{t('admin.audit.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <AuditEntryRow key={e.id} entry={e} who={who} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {entries && entries.length >= limit && limit < 10_000 && (
          <button type="button" className="button-quiet" disabled={busy} onClick={() => setLimit((l) => Math.min(10_000, l + PAGE))}>
            {t('admin.audit.older')}
          </button>
        )}
      </section>
    </AdminOnly>
  );
}
