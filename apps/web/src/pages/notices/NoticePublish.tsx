import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { FieldError, FormAlert, useFocusInvalid } from '../../components/FieldError.js';
import { ErrorState, Loading } from '../../components/States.js';
import { useDepartments } from '../../lib/departments.js';
import { formError, isAbout, splitList, type FormError } from '../../lib/forms.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { Link, navigate } from '../../lib/router.js';
import { graphql } from '../../lib/gql.js';
import { useCanPublish } from './notice-common.js';

const SEVERITIES = ['MINOR', 'MAJOR', 'CRITICAL'] as const;
const AUDIENCES = ['COMPANY', 'EMPLOYEES', 'DEPARTMENTS'] as const;
const PUBLISH = graphql(`mutation PublishNotice($input: PublishNoticeInput!) { publishNotice(input: $input) { id } }`);

/** `<input type="datetime-local">` value for a moment, in the browser's time zone. */
function localInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const PUBLISH_FIELDS = ['title', 'text', 'services', 'regions', 'severity', 'startsAt', 'expectedEndAt', 'audience', 'departmentIds'];

/** Notice publishers and admins: publish a notice. The server validates; its messages show by the field. */
export function NoticePublishPage() {
  const { t } = useI18n();
  const canPublish = useCanPublish();
  const { departments, failed: departmentsFailed, reload } = useDepartments();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [services, setServices] = useState('');
  const [regions, setRegions] = useState('');
  const [severity, setSeverity] = useState<(typeof SEVERITIES)[number]>('MAJOR');
  const [startsAt, setStartsAt] = useState(() => localInput(new Date()));
  const [expectedEndAt, setExpectedEndAt] = useState('');
  const [audience, setAudience] = useState<(typeof AUDIENCES)[number]>('COMPANY');
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const [, publish] = useMutation(PUBLISH);
  const formRef = useFocusInvalid(error);

  if (canPublish === null) return <Loading />;
  if (!canPublish) return <p className="card">{t('notices.forbidden')}</p>;

  const when = (v: string) => (v ? new Date(v).toISOString() : null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const res = await publish({
      input: {
        title,
        text,
        services: splitList(services),
        regions: splitList(regions),
        severity,
        // Left empty, it goes as null and the server names the field.
        startsAt: when(startsAt) as string,
        expectedEndAt: when(expectedEndAt),
        audience,
        departmentIds: audience === 'DEPARTMENTS' ? departmentIds : null,
      },
    });
    setBusy(false);
    setError(formError(res.error, t));
    if (res.data) navigate(`/notices/${res.data.publishNotice.id}`);
  }
  const described = (field: string) => (isAbout(error, field) ? `err-${field}` : undefined);
  const invalid = (field: string) => isAbout(error, field) || undefined;
  return (
    <section className="card" aria-labelledby="publish-title">
      <h1 id="publish-title">{t('notices.publish')}</h1>
      <form ref={formRef} onSubmit={submit} noValidate>
        <label htmlFor="n-title">{t('notices.form.title')}</label>
        <input id="n-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} aria-invalid={invalid('title')} aria-describedby={described('title')} />
        <FieldError id="err-title" error={error} field="title" />
        <label htmlFor="n-text">{t('notices.form.text')}</label>
        <textarea id="n-text" rows={4} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} aria-invalid={invalid('text')} aria-describedby={described('text')} />
        <FieldError id="err-text" error={error} field="text" />
        <label htmlFor="n-services">{t('notices.form.services')}</label>
        <input id="n-services" value={services} onChange={(e) => setServices(e.target.value)} aria-invalid={invalid('services')} aria-describedby={described('services') ?? 'n-services-help'} />
        <p id="n-services-help" className="muted small">
          {t('notices.form.listHelp')}
        </p>
        <FieldError id="err-services" error={error} field="services" />
        <label htmlFor="n-regions">{t('notices.form.regions')}</label>
        <input id="n-regions" value={regions} onChange={(e) => setRegions(e.target.value)} aria-invalid={invalid('regions')} aria-describedby={described('regions')} />
        <FieldError id="err-regions" error={error} field="regions" />
        <label htmlFor="n-severity">{t('notices.form.severity')}</label>
        <select id="n-severity" value={severity} onChange={(e) => setSeverity(e.target.value as (typeof SEVERITIES)[number])}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`notice.severity.${s}` as MessageKey)}
            </option>
          ))}
        </select>
        <FieldError id="err-severity" error={error} field="severity" />
        <div className="two-col">
          <div>
            <label htmlFor="n-start">{t('notices.form.startsAt')}</label>
            <input id="n-start" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} aria-invalid={invalid('startsAt')} aria-describedby={described('startsAt')} />
            <FieldError id="err-startsAt" error={error} field="startsAt" />
          </div>
          <div>
            <label htmlFor="n-end">{t('notices.form.expectedEndAt')}</label>
            <input id="n-end" type="datetime-local" value={expectedEndAt} onChange={(e) => setExpectedEndAt(e.target.value)} aria-invalid={invalid('expectedEndAt')} aria-describedby={described('expectedEndAt')} />
            <FieldError id="err-expectedEndAt" error={error} field="expectedEndAt" />
          </div>
        </div>
        <fieldset>
          <legend>{t('notices.form.audience')}</legend>
          {AUDIENCES.map((a) => (
            <label key={a} className="check">
              <input type="radio" name="audience" value={a} checked={audience === a} onChange={() => setAudience(a)} /> {t(`notices.audience.${a}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        {audience === 'DEPARTMENTS' && (
          <fieldset aria-describedby={described('departmentIds')}>
            <legend>{t('notices.form.departments')}</legend>
            {departmentsFailed && <ErrorState onRetry={reload} />}
            {!departments && !departmentsFailed && <Loading />}
            <div className="check-grid">
              {departments?.map((d) => (
                <label key={d.id} className="check">
                  <input
                    type="checkbox"
                    checked={departmentIds.includes(d.id)}
                    onChange={(e) => setDepartmentIds((ids) => (e.target.checked ? [...ids, d.id] : ids.filter((x) => x !== d.id)))}
                  />{' '}
                  {d.name}
                </label>
              ))}
            </div>
            <FieldError id="err-departmentIds" error={error} field="departmentIds" />
          </fieldset>
        )}
        <FormAlert error={error} fields={PUBLISH_FIELDS} />
        <div className="row-actions">
          <button type="submit" disabled={busy}>
            {t('notices.form.submit')}
          </button>
          <Link href="/notices">{t('notices.form.cancel')}</Link>
        </div>
      </form>
    </section>
  );
}
