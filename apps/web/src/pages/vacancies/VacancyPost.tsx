import { useEffect, useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import { FieldError, FormAlert, useFocusInvalid } from '../../components/FieldError.js';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker.js';
import { ErrorState, Loading } from '../../components/States.js';
import { useDepartments } from '../../lib/departments.js';
import { formError, isAbout, type FormError } from '../../lib/forms.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { Link, navigate } from '../../lib/router.js';
import { graphql, type VariablesOf } from '../../lib/gql.js';

const CAN_POST = graphql(`query CanPost { canPostVacancy me { id displayName } }`);
const PREVIEW = graphql(`query PreviewVacancy($input: BlogBodyInput!) { previewBlogPost(input: $input) { html } }`);
const POST = graphql(`mutation PostVacancy($input: PostVacancyInput!) { postVacancy(input: $input) { id } }`);
const TYPES = ['EMPLOYEE', 'CONTRACTOR', 'FREELANCER'] as const;
type EmploymentType = VariablesOf<typeof POST>['input']['employmentType'];
const FIELDS = ['title', 'departmentId', 'location', 'hoursPerWeek', 'employmentType', 'description', 'closesOn', 'contactId', 'openToExternals'];

/** YYYY-MM-DD a number of days from today, in the browser's calendar. */
function daysFromNow(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Post a vacancy (admins, vacancy posters, managers: the server decides, `canPostVacancy` tells the
 * UI). The description is written in Markdown, rendered by the server's blog renderer and sent as
 * HTML, which the server sanitises again when it stores it.
 */
export function VacancyPostPage() {
  const { t } = useI18n();
  const client = useClient();
  const { departments, failed: departmentsFailed, reload } = useDepartments();
  const [allowed, setAllowed] = useState<boolean | null>(null);
  const [failed, setFailed] = useState(false);
  const [title, setTitle] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [location, setLocation] = useState('');
  const [hours, setHours] = useState('36');
  const [employmentType, setEmploymentType] = useState<EmploymentType>('EMPLOYEE');
  const [description, setDescription] = useState('');
  const [closesOn, setClosesOn] = useState(() => daysFromNow(28));
  const [contact, setContact] = useState<PickedPerson | null>(null);
  const [openToExternals, setOpenToExternals] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const [, post] = useMutation(POST);
  const formRef = useFocusInvalid(error);

  useEffect(() => {
    // network-only: a role granted a moment ago counts (roles are read per request).
    void client
      .query(CAN_POST, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => {
        if (!res.data) return setFailed(true);
        setAllowed(res.data.canPostVacancy);
        setContact((c) => c ?? { id: res.data!.me.id, displayName: res.data!.me.displayName });
      });
  }, [client]);

  if (failed) return <ErrorState />;
  if (allowed === null) return <Loading />;
  if (!allowed) return <p className="card">{t('vacancies.post.forbidden')}</p>;

  async function render(): Promise<string | null> {
    const res = await client.query(PREVIEW, { input: { bodyMarkdown: description } }).toPromise();
    if (res.error || !res.data) {
      setError({ message: formError(res.error, t)?.message ?? t('app.error'), field: 'description' });
      return null;
    }
    return res.data.previewBlogPost.html;
  }
  async function showPreview() {
    const html = await render();
    if (html !== null) setPreview(html);
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!departmentId) return setError({ message: t('vacancies.post.chooseDepartment'), field: 'departmentId' });
    if (!contact) return setError({ message: t('vacancies.post.chooseContact'), field: 'contactId' });
    if (!description.trim()) return setError({ message: t('vacancies.post.needDescription'), field: 'description' });
    setBusy(true);
    try {
      const html = await render();
      if (html === null) return;
      const res = await post({
        input: { title, departmentId, location, hoursPerWeek: Number(hours), employmentType, description: html, closesOn, contactId: contact.id, openToExternals },
      });
      setError(formError(res.error, t));
      if (res.data) navigate('/vacancies');
    } finally {
      setBusy(false);
    }
  }
  const described = (field: string) => (isAbout(error, field) ? `err-${field}` : undefined);
  const invalid = (field: string) => isAbout(error, field) || undefined;
  return (
    <section className="card" aria-labelledby="vpost-title">
      <h1 id="vpost-title">{t('vacancies.post.title')}</h1>
      <form ref={formRef} onSubmit={submit} noValidate>
        <label htmlFor="v-title">{t('vacancies.post.jobTitle')}</label>
        <input id="v-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} aria-invalid={invalid('title')} aria-describedby={described('title')} />
        <FieldError id="err-title" error={error} field="title" />
        <label htmlFor="v-department">{t('vacancies.post.department')}</label>
        {departmentsFailed && <ErrorState onRetry={reload} />}
        <select id="v-department" value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} aria-invalid={invalid('departmentId')} aria-describedby={described('departmentId')}>
          <option value="">{t('vacancies.post.chooseDepartment')}</option>
          {departments?.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <FieldError id="err-departmentId" error={error} field="departmentId" />
        <div className="two-col">
          <div>
            <label htmlFor="v-location">{t('vacancies.location')}</label>
            <input id="v-location" value={location} maxLength={100} onChange={(e) => setLocation(e.target.value)} aria-invalid={invalid('location')} aria-describedby={described('location')} />
            <FieldError id="err-location" error={error} field="location" />
          </div>
          <div>
            <label htmlFor="v-hours">{t('vacancies.post.hours')}</label>
            <input id="v-hours" type="number" min={1} max={40} value={hours} onChange={(e) => setHours(e.target.value)} aria-invalid={invalid('hoursPerWeek')} aria-describedby={described('hoursPerWeek')} />
            <FieldError id="err-hoursPerWeek" error={error} field="hoursPerWeek" />
          </div>
        </div>
        <label htmlFor="v-type">{t('vacancies.post.employmentType')}</label>
        <select id="v-type" value={employmentType} onChange={(e) => setEmploymentType(e.target.value as EmploymentType)}>
          {TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`badge.${type}` as MessageKey)}
            </option>
          ))}
        </select>
        <FieldError id="err-employmentType" error={error} field="employmentType" />
        <label htmlFor="v-description">{t('vacancies.post.description')}</label>
        <textarea id="v-description" rows={8} value={description} onChange={(e) => setDescription(e.target.value)} aria-invalid={invalid('description')} aria-describedby={described('description') ?? 'v-description-help'} />
        <p id="v-description-help" className="muted small">
          {t('vacancies.post.markdown')}
        </p>
        <FieldError id="err-description" error={error} field="description" />
        <button type="button" className="button-quiet" onClick={() => void showPreview()}>
          {t('blogs.preview')}
        </button>
        {preview !== null && (
          <section className="preview" aria-label={t('blogs.preview')}>
            {/* Sanitised by the server's blog renderer. */}
            <div className="blog-body" dangerouslySetInnerHTML={{ __html: preview }} />
          </section>
        )}
        <label htmlFor="v-closes">{t('vacancies.post.closesOn')}</label>
        <input id="v-closes" type="date" value={closesOn} onChange={(e) => setClosesOn(e.target.value)} aria-invalid={invalid('closesOn')} aria-describedby={described('closesOn')} />
        <FieldError id="err-closesOn" error={error} field="closesOn" />
        <PersonPicker label={t('vacancies.post.contact')} value={contact} onChange={setContact} describedBy={described('contactId')} />
        <FieldError id="err-contactId" error={error} field="contactId" />
        <label className="check">
          <input type="checkbox" checked={openToExternals} onChange={(e) => setOpenToExternals(e.target.checked)} /> {t('vacancies.post.openToExternals')}
        </label>
        <FormAlert error={error} fields={FIELDS} />
        <div className="row-actions">
          <button type="submit" disabled={busy}>
            {t('vacancies.post.submit')}
          </button>
          <Link href="/vacancies">{t('notices.form.cancel')}</Link>
        </div>
      </form>
    </section>
  );
}
