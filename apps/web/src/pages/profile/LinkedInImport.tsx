import { useState, type FormEvent } from 'react';
import { errorText } from '../../lib/errors.js';
import { useClient, useMutation } from 'urql';
import { useAuth } from '../../lib/auth.js';
import { useI18n } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { uploadFile } from '../../lib/upload.js';
import { graphql, type ResultOf } from '../../lib/gql.js';

const PREVIEW = graphql(`query PreviewLinkedInImport($ids: [ID!]!) { previewLinkedInImport(uploadIds: $ids) {
  headline about skills ignoredFiles files
  experience { index company title startedOn finishedOn }
  education { index school degree }
  languages { index name proficiency }
  certifications { index name authority }
} }`);
const APPLY = graphql(`mutation ApplyLinkedInImport($input: ApplyLinkedInImportInput!) { applyLinkedInImport(input: $input) { id } }`);

type Preview = ResultOf<typeof PREVIEW>['previewLinkedInImport'];

/** Upload → preview → choose → confirm. Nothing is stored before the last step. */
export function LinkedInImportPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const [step, setStep] = useState<'upload' | 'choose' | 'done'>('upload');
  const [files, setFiles] = useState<File[]>([]);
  const [uploadIds, setUploadIds] = useState<string[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [picked, setPicked] = useState<Record<string, boolean>>({});
  const [mode, setMode] = useState<'MERGE' | 'REPLACE'>('MERGE');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const client = useClient();
  const [, runApply] = useMutation(APPLY);

  async function read(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const ids = await Promise.all(files.map((f) => uploadFile(f, auth.token())));
      const res = await client.query(PREVIEW, { ids }).toPromise();
      if (res.error || !res.data) throw res.error ?? new Error('no preview');
      const p = res.data.previewLinkedInImport;
      setUploadIds(ids);
      setPreview(p);
      // Everything found is ticked; people untick what they do not want.
      const all: Record<string, boolean> = { headline: Boolean(p.headline), about: Boolean(p.about) };
      for (const x of p.experience) all[`experience:${x.index}`] = true;
      for (const x of p.education) all[`education:${x.index}`] = true;
      for (const x of p.languages) all[`languages:${x.index}`] = true;
      for (const x of p.certifications) all[`certifications:${x.index}`] = true;
      for (const s of p.skills) all[`skill:${s}`] = true;
      setPicked(all);
      setStep('choose');
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  async function apply(e: FormEvent) {
    e.preventDefault();
    if (!preview) return;
    setBusy(true);
    const chosen = (prefix: string) => Object.entries(picked).filter(([k, v]) => v && k.startsWith(prefix)).map(([k]) => Number(k.slice(prefix.length)));
    const res = await runApply({
      input: {
        uploadIds,
        mode,
        headline: picked.headline ?? false,
        about: picked.about ?? false,
        experience: chosen('experience:'),
        education: chosen('education:'),
        languages: chosen('languages:'),
        certifications: chosen('certifications:'),
        skills: Object.entries(picked).filter(([k, v]) => v && k.startsWith('skill:')).map(([k]) => k.slice(6)),
      },
    });
    setBusy(false);
    if (res.error) setError(errorText(t, res.error));
    else setStep('done');
  }

  const box = (key: string, label: string) => (
    <li key={key}>
      <label className="check">
        <input type="checkbox" checked={picked[key] ?? false} onChange={(e) => setPicked({ ...picked, [key]: e.target.checked })} /> {label}
      </label>
    </li>
  );

  return (
    <section className="card" aria-labelledby="li-title">
      <h1 id="li-title">{t('linkedin.title')}</h1>
      {step === 'upload' && (
        <form onSubmit={read}>
          <p>{t('linkedin.intro')}</p>
          <label htmlFor="li-files">{t('linkedin.files')}</label>
          <input id="li-files" type="file" multiple accept=".zip,.csv,application/zip,text/csv" onChange={(e) => setFiles([...(e.target.files ?? [])])} />
          <button type="submit" disabled={busy || files.length === 0}>
            {busy ? t('linkedin.reading') : t('linkedin.read')}
          </button>
        </form>
      )}
      {step === 'choose' && preview && (
        <form onSubmit={apply}>
          <p>{t('linkedin.preview')}</p>
          <ul className="plain checks">
            {preview.headline && box('headline', `${t('linkedin.headline')}: ${preview.headline}`)}
            {preview.about && box('about', `${t('linkedin.about')}: ${preview.about.slice(0, 120)}${preview.about.length > 120 ? '…' : ''}`)}
            {preview.experience.map((x) => box(`experience:${x.index}`, `${x.title}, ${x.company} (${x.startedOn ?? ''}–${x.finishedOn ?? t('person.current')})`))}
            {preview.education.map((x) => box(`education:${x.index}`, [x.school, x.degree].filter(Boolean).join(', ')))}
            {preview.languages.map((x) => box(`languages:${x.index}`, [x.name, x.proficiency].filter(Boolean).join(', ')))}
            {preview.certifications.map((x) => box(`certifications:${x.index}`, [x.name, x.authority].filter(Boolean).join(', ')))}
            {preview.skills.map((s) => box(`skill:${s}`, s))}
          </ul>
          {preview.ignoredFiles.length > 0 && <p className="small muted">{t('linkedin.ignored', { files: preview.ignoredFiles.join(', ') })}</p>}
          <fieldset>
            <legend>{t('linkedin.mode')}</legend>
            <label className="check">
              <input type="radio" name="mode" checked={mode === 'MERGE'} onChange={() => setMode('MERGE')} /> {t('linkedin.merge')}
            </label>
            <label className="check">
              <input type="radio" name="mode" checked={mode === 'REPLACE'} onChange={() => setMode('REPLACE')} /> {t('linkedin.replace')}
            </label>
          </fieldset>
          <button type="submit" disabled={busy}>
            {t('linkedin.apply')}
          </button>
        </form>
      )}
      {step === 'done' && (
        <p role="status">
          {t('linkedin.done')} <Link href="/profile">{t('nav.profile')}</Link>
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
