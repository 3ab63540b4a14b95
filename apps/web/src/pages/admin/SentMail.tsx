import { useCallback, useEffect, useState } from 'react';
import { useClient } from 'urql';
import { ErrorState, Loading } from '../../components/States.js';
import { useAuth } from '../../lib/auth.js';
import { useI18n } from '../../lib/i18n.js';
import { graphql, type ResultOf } from '../../lib/gql.js';

const LIST = graphql(`query SentMail { sentMail(first: 50) { id to subject date } }`);
const ONE = graphql(`query SentMailMessage($id: String!) { sentMailMessage(id: $id) { id to subject date html text listUnsubscribe previewUrl } }`);

type Sent = ResultOf<typeof LIST>['sentMail'][number];
type SentMessage = NonNullable<ResultOf<typeof ONE>['sentMailMessage']>;

/**
 * /admin/sent-mail: what the embedded setup "sent" (the .eml files under PLEIN_DATA_DIR/mail),
 * read-only. The HTML is shown in a sandboxed frame without scripts.
 */
export function SentMailPage() {
  const { t, formatDate } = useI18n();
  const auth = useAuth();
  const client = useClient();
  const [list, setList] = useState<Sent[] | null>(null);
  const [open, setOpen] = useState<SentMessage | null>(null);
  const [failed, setFailed] = useState(false);

  const load = useCallback(async () => {
    // network-only: the mailbox grows while the app runs: the current list.
    const res = await client.query(LIST, {}, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(true);
    setFailed(false);
    setList(res.data.sentMail);
  }, [client]);
  useEffect(() => void load(), [load]);

  const show = async (id: string) => {
    const res = await client.query(ONE, { id }).toPromise();
    if (res.error || !res.data) return setFailed(true);
    setOpen(res.data.sentMailMessage);
  };

  if (!auth.person?.roles.includes('admin')) return <p className="card">{t('admin.forbidden')}</p>;
  return (
    <>
      <section className="card">
        <h1>{t('admin.sentMail.title')}</h1>
        <p>{t('admin.sentMail.intro')}</p>
        {failed && <ErrorState onRetry={() => void load()} />}
        {!list && !failed && <Loading />}
        {list && list.length === 0 && <p>{t('admin.sentMail.empty')}</p>}
        {list && list.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.sentMail.date')}</th>
                <th scope="col">{t('admin.sentMail.to')}</th>
                <th scope="col">{t('admin.sentMail.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <tr key={m.id}>
                  <td>{formatDate(m.date)}</td>
                  <td>{m.to}</td>
                  <td>
                    <button type="button" className="button-quiet" onClick={() => void show(m.id)}>
                      {m.subject}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {open && (
        <section className="card" aria-label={open.subject}>
          <h2>{open.subject}</h2>
          <p>
            {t('admin.sentMail.to')}: {open.to} · {formatDate(open.date)}
          </p>
          {open.listUnsubscribe && <p style={{ overflowWrap: 'anywhere' }}>List-Unsubscribe: {open.listUnsubscribe}</p>}
          <iframe title={open.subject} sandbox="" src={open.previewUrl} style={{ width: '100%', height: '70vh', border: '1px solid #ccc' }} />
          <details>
            <summary>{t('admin.sentMail.text')}</summary>
            <pre style={{ whiteSpace: 'pre-wrap' }}>{open.text}</pre>
          </details>
        </section>
      )}
    </>
  );
}
