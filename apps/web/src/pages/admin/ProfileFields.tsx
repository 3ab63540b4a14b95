import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { errorText } from '../../lib/errors.js';
import { useClient, useMutation } from 'urql';
import { FieldError, FormAlert, useFocusInvalid } from '../../components/FieldError.js';
import { ErrorState, Loading } from '../../components/States.js';
import { formError, isAbout, splitList, type FormError } from '../../lib/forms.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { graphql, type ResultOf } from '../../lib/gql.js';
import { AdminOnly } from './AdminOnly.js';

const FIELD_TYPES = ['TEXT', 'LINK', 'CHOICE', 'MULTI_CHOICE'] as const;
const FILLERS = ['PERSON', 'ADMIN', 'HR'] as const;
const VISIBILITIES = ['EVERYONE', 'EMPLOYEES', 'NOBODY'] as const;
const PROFILE_FIELDS = graphql(`query ProfileFields { profileFields { id key labelNl labelEn type filledBy visibility options position } }`);
const CREATE_FIELD = graphql(`mutation CreateField($input: CreateProfileFieldInput!) { createProfileField(input: $input) { id } }`);
const UPDATE_FIELD = graphql(`mutation UpdateField($id: ID!, $input: UpdateProfileFieldInput!) { updateProfileField(id: $id, input: $input) { id } }`);
const DELETE_FIELD = graphql(`mutation DeleteField($id: ID!) { deleteProfileField(id: $id) }`);
const FIELD_INPUTS = ['key', 'labelNl', 'labelEn', 'type', 'filledBy', 'visibility', 'options', 'position'];

type ProfileField = ResultOf<typeof PROFILE_FIELDS>['profileFields'][number];

/** Define the custom fields every profile shows (who fills them, who sees them). */
export function AdminProfileFieldsPage() {
  const { t, language } = useI18n();
  const client = useClient();
  const [fields, setFields] = useState<ProfileField[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [key, setKey] = useState('');
  const [labelNl, setLabelNl] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const [type, setType] = useState<ProfileField['type']>('TEXT');
  const [filledBy, setFilledBy] = useState<ProfileField['filledBy']>('PERSON');
  const [visibility, setVisibility] = useState<ProfileField['visibility']>('EVERYONE');
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
    // network-only: reloaded after every change made here (the list is ordered by the server).
    const res = await client.query(PROFILE_FIELDS, {}, { requestPolicy: 'network-only' }).toPromise();
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
            <select id="f-type" value={type} disabled={!!editing} onChange={(e) => setType(e.target.value as ProfileField['type'])}>
              {FIELD_TYPES.map((v) => (
                <option key={v} value={v}>
                  {t(`admin.fields.type.${v}` as MessageKey)}
                </option>
              ))}
            </select>
            <label htmlFor="f-filled">{t('admin.fields.filledBy')}</label>
            <select id="f-filled" value={filledBy} onChange={(e) => setFilledBy(e.target.value as ProfileField['filledBy'])}>
              {FILLERS.map((v) => (
                <option key={v} value={v}>
                  {t(`admin.fields.filledBy.${v}` as MessageKey)}
                </option>
              ))}
            </select>
            <label htmlFor="f-visibility">{t('admin.fields.visibility')}</label>
            <select id="f-visibility" value={visibility} onChange={(e) => setVisibility(e.target.value as ProfileField['visibility'])}>
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
