import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import { FieldError, FormAlert, useFocusInvalid } from '../../components/FieldError.js';
import { ErrorState, Loading } from '../../components/States.js';
import { formError, isAbout, type FormError } from '../../lib/forms.js';
import { useI18n } from '../../lib/i18n.js';
import { graphql, type ResultOf } from '../../lib/gql.js';
import { AdminOnly } from './AdminOnly.js';

const SCIM_TOKENS = graphql(`query ScimTokens { scimTokens { id name hint createdAt lastUsedAt revokedAt } }`);
const CREATE_TOKEN = graphql(`mutation CreateToken($name: String!) { createScimToken(name: $name) { secret token { id name } } }`);
const REVOKE_TOKEN = graphql(`mutation RevokeToken($id: ID!) { revokeScimToken(id: $id) { id revokedAt } }`);

type ScimToken = ResultOf<typeof SCIM_TOKENS>['scimTokens'][number];


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
  const [, create] = useMutation(CREATE_TOKEN);
  const [, revoke] = useMutation(REVOKE_TOKEN);
  const formRef = useFocusInvalid(error);

  const load = useCallback(async () => {
    // network-only: reloaded after every change made here (last use moves with every SCIM call).
    const res = await client.query(SCIM_TOKENS, {}, { requestPolicy: 'network-only' }).toPromise();
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
