import { useEffect, useState, type FormEvent } from 'react';
import { ImportReason } from '../../components/ImportReason.js';
import { errorText } from '../../lib/errors.js';
import { useClient, useMutation } from 'urql';
import { useAuth } from '../../lib/auth.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { uploadFile } from '../../lib/upload.js';
import { graphql, type ResultOf } from '../../lib/gql.js';

const START = graphql(`mutation StartHrImport($input: StartHrImportInput!) { startHrImport(input: $input) { id } }`);
const STATUS = graphql(`query HrImportStatus($id: ID!) { hrImport(id: $id) { id status total done dryRun error
  report { dryRun counts { created updated unchanged deactivated rejected } rejected { ...Problem } warnings { ...Problem } photosRejected { ...Problem } } } }
  fragment Problem on HrImportProblem { line employeeNumber code params { name value } }`);

type ImportStatus = ResultOf<typeof STATUS>['hrImport'];

/** Admins: upload the HR file, see progress while the worker runs it, then the report. */
export function AdminHrImportPage() {
  const { t, formatNumber } = useI18n();
  const auth = useAuth();
  const client = useClient();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [deactivateMissing, setDeactivateMissing] = useState(false);
  const [job, setJob] = useState<ImportStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, start] = useMutation(START);

  // Poll progress until the job is finished.
  useEffect(() => {
    if (!job || job.status === 'SUCCEEDED' || job.status === 'FAILED') return;
    const timer = window.setTimeout(async () => {
      // network-only: polls the worker's progress.
      const res = await client.query(STATUS, { id: job.id }, { requestPolicy: 'network-only' }).toPromise();
      if (res.data) setJob(res.data.hrImport);
    }, 500);
    return () => window.clearTimeout(timer);
  }, [client, job]);

  if (!auth.person?.roles.includes('admin')) return <p className="card">{t('admin.forbidden')}</p>;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const uploadId = await uploadFile(file, auth.token());
      const res = await start({ input: { uploadId, dryRun, deactivateMissing } });
      if (res.error || !res.data) throw res.error ?? new Error('no data');
      setJob({ id: res.data.startHrImport.id, status: 'QUEUED', total: 0, done: 0, dryRun, error: null, report: null });
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  const counts = job?.report?.counts;
  return (
    <>
    <section className="card" aria-labelledby="hr-title">
      <h1 id="hr-title">{t('admin.hr.title')}</h1>
      <p>{t('admin.hr.intro')}</p>
      <form onSubmit={submit}>
        <label htmlFor="hr-file">{t('admin.hr.file')}</label>
        <input id="hr-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <label className="check">
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> {t('admin.hr.dryRun')}
        </label>
        <label className="check">
          <input type="checkbox" checked={deactivateMissing} onChange={(e) => setDeactivateMissing(e.target.checked)} /> {t('admin.hr.deactivateMissing')}
        </label>
        <button type="submit" disabled={!file || busy}>
          {t('admin.hr.start')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {job && (
        <div className="import-status" role="status" aria-live="polite" data-testid="hr-status">
          <p>
            <strong>{t(`admin.hr.status.${job.status}` as MessageKey)}</strong>{' '}
            {job.total > 0 && t('admin.hr.progress', { done: formatNumber(job.done), total: formatNumber(job.total) })}
          </p>
          {job.total > 0 && <progress max={job.total} value={job.done} aria-label={t('admin.hr.title')} />}
          {/* The server's failure text is English (for API clients and the CLI): say it here in the reader's language. */}
          {job.error && <p className="error">{t('admin.hr.failed')}</p>}
          {counts && <p>{t('admin.hr.counts', { created: counts.created, updated: counts.updated, unchanged: counts.unchanged, deactivated: counts.deactivated, rejected: counts.rejected })}</p>}
          {job.report?.dryRun && <p className="muted">{t('admin.hr.wouldBe')}</p>}
          {job.report && <Problems title={t('admin.hr.rejected')} items={job.report.rejected} />}
          {job.report && <Problems title={t('admin.hr.warnings')} items={job.report.warnings} />}
          {job.report && <Problems title={t('admin.hr.photosRejected')} items={job.report.photosRejected} />}
        </div>
      )}
    </section>
    </>
  );
}

type Problem = NonNullable<ImportStatus['report']>['rejected'][number];

function Problems({ title, items }: { title: string; items: Problem[] }) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <>
      <h2>{title}</h2>
      <ul className="plain" data-testid="import-problems">
        {items.map((r, i) => (
          <li key={`${r.line}-${i}`}>
            <strong>{t('admin.hr.line', { line: r.line })}</strong> {r.employeeNumber ? `(${r.employeeNumber}) ` : ''}
            <ImportReason reason={r} />
          </li>
        ))}
      </ul>
    </>
  );
}
