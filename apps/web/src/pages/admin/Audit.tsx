import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../../lib/errors.js';
import { useClient } from 'urql';
import { ErrorState, Loading } from '../../components/States.js';
import { AuditEntryRow } from '../../components/AuditEntry.js';
import { useI18n } from '../../lib/i18n.js';
import { graphql, type ResultOf } from '../../lib/gql.js';
import { AdminOnly } from './AdminOnly.js';

const PAGE = 50;
const AUDIT = graphql(`query Audit($first: Int, $from: DateTime, $to: DateTime) { moderationAudit(first: $first, from: $from, to: $to) {
  id createdAt actorId event itemType itemId subjectId reason before after } }`);
const AUDIT_CSV = graphql(`query AuditCsv($from: DateTime, $to: DateTime) { moderationAuditCsv(from: $from, to: $to) }`);

const AUDIT_PERSON = graphql(`query AuditPerson($id: ID!) { person(id: $id) { id displayName } }`);
type AuditEntry = ResultOf<typeof AUDIT>['moderationAudit'][number];

/**
 * Display names for the people an audit page names: one typed query per person, answered from the
 * normalised cache when the person is already known (a few moderators act on most entries). A person
 * who cannot be read (gone, behind a barrier) keeps their id.
 */
async function namesOf(client: ReturnType<typeof useClient>, ids: string[]): Promise<Record<string, string>> {
  const unique = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const found = await Promise.all(unique.map((id) => client.query(AUDIT_PERSON, { id }).toPromise()));
  const out: Record<string, string> = {};
  for (const res of found) if (res.data) out[res.data.person.id] = res.data.person.displayName;
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
    // network-only: the audit log grows with every moderation action: always the current log.
    const res = await client.query(AUDIT, { first: limit, ...range() }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setEntries(res.data.moderationAudit);
    setNames(await namesOf(client, res.data.moderationAudit.flatMap((e) => [e.actorId, e.subjectId].filter((x): x is string => !!x))));
  }, [client, limit, range, t]);
  useEffect(() => void load(), [load]);

  async function exportCsv() {
    // network-only: an export is of this moment.
    const res = await client.query(AUDIT_CSV, range(), { requestPolicy: 'network-only' }).toPromise();
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
