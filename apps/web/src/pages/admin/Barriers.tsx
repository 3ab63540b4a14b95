import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { errorText, type ErrorLike } from '../../lib/errors.js';
import { useClient, useMutation } from 'urql';
import { ErrorState, Loading } from '../../components/States.js';
import { useAuth } from '../../lib/auth.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { graphql, type ResultOf } from '../../lib/gql.js';

const LOAD = graphql(`query Barriers {
  barrierSegments { id name kind departmentId value memberCount }
  informationBarriers { id direction segmentA { id name } segmentB { id name } }
  barrierAudit(first: 50) { id action details createdAt actor { displayName } }
  departments(first: 1000) { id name }
}`);
const CREATE_SEGMENT = graphql(`mutation CreateSegment($input: CreateBarrierSegmentInput!) { createBarrierSegment(input: $input) { id } }`);
const DELETE_SEGMENT = graphql(`mutation DeleteSegment($id: ID!) { deleteBarrierSegment(id: $id) }`);
const CREATE_BARRIER = graphql(`mutation CreateBarrier($input: CreateInformationBarrierInput!) { createInformationBarrier(input: $input) {
  barrier { id }
  suspendedFollows { followerId followeeId follower { displayName } followee { displayName } }
  suspendedGroupMemberships { groupId groupName personId person { displayName } } } }`);
const DELETE_BARRIER = graphql(`mutation DeleteBarrier($id: ID!) { deleteInformationBarrier(id: $id) }`);

type Data = ResultOf<typeof LOAD>;
type Segment = Data['barrierSegments'][number];
type AuditEntry = Data['barrierAudit'][number];
type Report = ResultOf<typeof CREATE_BARRIER>['createInformationBarrier'];
type Kind = Segment['kind'];
type Direction = Data['informationBarriers'][number]['direction'];

const KINDS: Kind[] = ['DEPARTMENT', 'EMPLOYMENT_TYPE', 'LOCATION'];
const EMPLOYMENT_TYPES = ['employee', 'contractor', 'freelancer'] as const;

/** Admins: segments, barriers between them (two-way or one-way), what a new barrier suspended, and the audit log. */
export function AdminBarriersPage() {
  const { t, formatDate } = useI18n();
  const { person } = useAuth();
  const client = useClient();
  const [data, setData] = useState<Data | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('DEPARTMENT');
  const [departmentId, setDepartmentId] = useState('');
  const [employmentType, setEmploymentType] = useState<string>('contractor');
  const [location, setLocation] = useState('');
  const [segmentA, setSegmentA] = useState('');
  const [segmentB, setSegmentB] = useState('');
  const [direction, setDirection] = useState<Direction>('TWO_WAY');
  const [, createSegment] = useMutation(CREATE_SEGMENT);
  const [, deleteSegment] = useMutation(DELETE_SEGMENT);
  const [, createBarrier] = useMutation(CREATE_BARRIER);
  const [, deleteBarrier] = useMutation(DELETE_BARRIER);
  const admin = person?.roles.includes('admin') ?? false;

  const load = useCallback(async () => {
    // network-only: reloaded after every change made here, and barriers are changed by other admins.
    const res = await client.query(LOAD, {}, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setData(res.data);
  }, [client, t]);
  useEffect(() => {
    if (admin) void load();
  }, [admin, load]);

  if (!admin) return <p className="card">{t('admin.forbidden')}</p>;
  if (failed) return <ErrorState message={failed} onRetry={() => void load()} />;
  if (!data) return <Loading />;

  const segmentName = (id: unknown) => data.barrierSegments.find((s) => s.id === id)?.name ?? null;
  const departmentName = (id: string | null) => data.departments.find((d) => d.id === id)?.name ?? '';

  /** Runs a mutation, shows its error or the success text, and reloads. */
  async function run(fn: () => Promise<{ error?: ErrorLike }>, success: string): Promise<boolean> {
    setBusy(true);
    setError(null);
    setNotice(null);
    const res = await fn();
    setBusy(false);
    if (res.error) {
      setError(errorText(t, res.error));
      return false;
    }
    setNotice(success);
    await load();
    return true;
  }

  async function addSegment(e: FormEvent) {
    e.preventDefault();
    setReport(null);
    const input = { name, kind, departmentId: kind === 'DEPARTMENT' ? departmentId || null : null, value: kind === 'EMPLOYMENT_TYPE' ? employmentType : kind === 'LOCATION' ? location : null };
    if (await run(() => createSegment({ input }), t('barriers.segment.created'))) {
      setName('');
      setLocation('');
    }
  }

  async function addBarrier(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    setReport(null);
    const res = await createBarrier({ input: { segmentAId: segmentA, segmentBId: segmentB, direction } });
    setBusy(false);
    if (res.error || !res.data) return setError(errorText(t, res.error));
    setReport(res.data.createInformationBarrier);
    setSegmentA('');
    setSegmentB('');
    await load();
  }

  function segmentDetail(s: Segment): string {
    if (s.kind === 'DEPARTMENT') return departmentName(s.departmentId);
    return s.value ?? '';
  }

  function auditText(entry: AuditEntry): string {
    let details: Record<string, unknown> = {};
    try {
      details = JSON.parse(entry.details) as Record<string, unknown>;
    } catch {
      // shown without details
    }
    const label = t(`barriers.audit.${entry.action}` as MessageKey);
    if (entry.action.startsWith('segment.')) return `${label}: ${String(details.name ?? '')}`;
    const a = segmentName(details.segmentAId) ?? '?';
    const b = segmentName(details.segmentBId) ?? '?';
    return `${label}: ${a} ${details.direction === 'one_way' ? '→' : '⇄'} ${b}`;
  }

  return (
    <>
      <section className="card" aria-labelledby="barriers-title">
        <h1 id="barriers-title">{t('barriers.title')}</h1>
        <p className="muted">{t('barriers.intro')}</p>
        {notice && (
          <p role="status" className="small">
            {notice}
          </p>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {report && (
          <div role="status" className="import-status" data-testid="barrier-report">
            <p>
              <strong>{t('barriers.report', { follows: report.suspendedFollows.length, memberships: report.suspendedGroupMemberships.length })}</strong>
            </p>
            {(report.suspendedFollows.length > 0 || report.suspendedGroupMemberships.length > 0) && (
              <ul className="plain">
                {report.suspendedFollows.map((f) => (
                  <li key={`${f.followerId}:${f.followeeId}`}>{t('barriers.report.follow', { follower: f.follower?.displayName ?? f.followerId, followee: f.followee?.displayName ?? f.followeeId })}</li>
                ))}
                {report.suspendedGroupMemberships.map((m) => (
                  <li key={`${m.groupId}:${m.personId}`}>{t('barriers.report.membership', { person: m.person?.displayName ?? m.personId, group: m.groupName })}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="segments-title">
        <h2 id="segments-title">{t('barriers.segments')}</h2>
        {data.barrierSegments.length === 0 ? (
          <p className="state">{t('barriers.segments.empty')}</p>
        ) : (
          <ul className="plain" data-testid="segments">
            {data.barrierSegments.map((s) => (
              <li key={s.id} className="row-between">
                <span>
                  <strong>{s.name}</strong> <span className="muted small">· {t(`barriers.kind.${s.kind}` as MessageKey)}: {segmentDetail(s)} · {t('barriers.segment.members', { count: s.memberCount })}</span>
                </span>
                <button type="button" className="button-quiet" disabled={busy} aria-label={t('barriers.deleteNamed', { name: s.name })} onClick={() => void run(() => deleteSegment({ id: s.id }), t('barriers.deleted'))}>
                  {t('barriers.delete')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={addSegment} className="barrier-form">
          <label htmlFor="segment-name">{t('barriers.segment.name')}</label>
          <input id="segment-name" value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} />
          <label htmlFor="segment-kind">{t('barriers.segment.kind')}</label>
          <select id="segment-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`barriers.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
          {kind === 'DEPARTMENT' && (
            <>
              <label htmlFor="segment-department">{t('barriers.segment.department')}</label>
              <select id="segment-department" value={departmentId} required onChange={(e) => setDepartmentId(e.target.value)}>
                <option value="">{t('barriers.choose')}</option>
                {[...data.departments]
                  .sort((a, b) => a.name.localeCompare(b.name))
                  .map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
              </select>
            </>
          )}
          {kind === 'EMPLOYMENT_TYPE' && (
            <>
              <label htmlFor="segment-type">{t('barriers.segment.employmentType')}</label>
              <select id="segment-type" value={employmentType} onChange={(e) => setEmploymentType(e.target.value)}>
                {EMPLOYMENT_TYPES.map((e) => (
                  <option key={e} value={e}>
                    {t(`badge.${e.toUpperCase()}` as MessageKey)}
                  </option>
                ))}
              </select>
            </>
          )}
          {kind === 'LOCATION' && (
            <>
              <label htmlFor="segment-location">{t('barriers.segment.location')}</label>
              <input id="segment-location" value={location} maxLength={200} required onChange={(e) => setLocation(e.target.value)} />
            </>
          )}
          <div className="row-actions">
            <button type="submit" disabled={busy || name.trim().length < 2}>
              {t('barriers.segment.create')}
            </button>
          </div>
        </form>
      </section>

      <section className="card" aria-labelledby="barrier-list-title">
        <h2 id="barrier-list-title">{t('barriers.list')}</h2>
        {data.informationBarriers.length === 0 ? (
          <p className="state">{t('barriers.list.empty')}</p>
        ) : (
          <ul className="plain" data-testid="barriers">
            {data.informationBarriers.map((b) => {
              const text = t(b.direction === 'ONE_WAY' ? 'barriers.oneWay' : 'barriers.twoWay', { a: b.segmentA.name, b: b.segmentB.name });
              return (
                <li key={b.id} className="row-between">
                  <span>{text}</span>
                  <button type="button" className="button-quiet" disabled={busy} aria-label={t('barriers.deleteNamed', { name: `${b.segmentA.name} – ${b.segmentB.name}` })} onClick={() => void run(() => deleteBarrier({ id: b.id }), t('barriers.deleted'))}>
                    {t('barriers.delete')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <form onSubmit={addBarrier} className="barrier-form">
          <label htmlFor="barrier-a">{t('barriers.segmentA')}</label>
          <select id="barrier-a" value={segmentA} required onChange={(e) => setSegmentA(e.target.value)}>
            <option value="">{t('barriers.choose')}</option>
            {data.barrierSegments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <label htmlFor="barrier-b">{t('barriers.segmentB')}</label>
          <select id="barrier-b" value={segmentB} required onChange={(e) => setSegmentB(e.target.value)}>
            <option value="">{t('barriers.choose')}</option>
            {data.barrierSegments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <fieldset>
            <legend>{t('barriers.direction')}</legend>
            {(['TWO_WAY', 'ONE_WAY'] as const).map((d) => (
              <label key={d} className="check">
                <input type="radio" name="barrier-direction" value={d} checked={direction === d} onChange={() => setDirection(d)} /> {t(`barriers.direction.${d}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={busy || !segmentA || !segmentB}>
            {t('barriers.create')}
          </button>
        </form>
      </section>

      <section className="card" aria-labelledby="barrier-audit-title">
        <h2 id="barrier-audit-title">{t('barriers.audit')}</h2>
        {data.barrierAudit.length === 0 ? (
          <p className="state">{t('barriers.audit.empty')}</p>
        ) : (
          <ol className="plain" data-testid="barrier-audit">
            {data.barrierAudit.map((a) => (
              <li key={a.id}>
                <span className="muted small">
                  {formatDate(a.createdAt)} · {a.actor?.displayName ?? '—'}
                </span>
                <br />
                {auditText(a)}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
