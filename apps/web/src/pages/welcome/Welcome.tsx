import { useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Avatar } from '../../components/Avatar.js';
import { PhotoCropper } from '../../components/PhotoCropper.js';
import { ErrorState, Loading } from '../../components/States.js';
import { GroupSuggestionItem, PersonSuggestionItem, useSuggestions } from '../../components/Suggestions.js';
import { useAuth } from '../../lib/auth.js';
import { useI18n } from '../../lib/i18n.js';
import { uploadFile } from '../../lib/upload.js';
import { errorText } from '../../lib/errors.js';
import { graphql } from '../../lib/gql.js';

const ME = graphql(`query WelcomeMe { me { id displayName photo { medium large } profile { headline } } }`);
const PHOTO = graphql(`mutation WelcomePhoto($id: ID!) { setMyPhoto(uploadId: $id) { id photo { medium large } } }`);
const UPDATE = graphql(`mutation WelcomeHeadline($input: UpdateProfileInput!) { updateMyProfile(input: $input) { id profile { headline } } }`);
const FINISH = graphql(`mutation FinishWelcome { finishWelcome }`);

const STEPS = ['photo', 'headline', 'people', 'groups'] as const;

/**
 * The first-login welcome: a photo (or keep HR's), a headline, colleagues to follow, groups to join.
 * Every step can be skipped, and so can the whole; finishing or skipping stores it on the person
 * (finishWelcome), so it never comes back.
 */
export function WelcomePage({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const auth = useAuth();
  const [step, setStep] = useState(0);
  // network-only: the welcome shows what HR and the directory hold now (a photo set a moment ago).
  const [{ data, fetching, error }, refetch] = useQuery({ query: ME, requestPolicy: 'network-only' });
  const suggestions = useSuggestions(8);
  const [, setPhoto] = useMutation(PHOTO);
  const [, update] = useMutation(UPDATE);
  const [{ fetching: finishing }, finish] = useMutation(FINISH);
  const [headline, setHeadline] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cropping, setCropping] = useState<File | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  if (fetching && !data) return <Loading />;
  // network-only: a retry after an error asks the server.
  if (error || !data) return <ErrorState message={errorText(t, error) ?? undefined} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  const me = data.me;
  const current = STEPS[step];

  const done = async () => {
    await finish({});
    onDone();
  };
  const next = () => {
    setNotice(null);
    if (step < STEPS.length - 1) setStep(step + 1);
    else void done();
  };

  async function changePhoto(file: File) {
    setBusy(true);
    setNotice(null);
    try {
      const res = await setPhoto({ id: await uploadFile(file, auth.token()) });
      setNotice(errorText(t, res.error) ?? t('welcome.saved'));
      if (!res.error) {
        setCropping(null);
        // network-only: the new photo's sizes come from the server.
        refetch({ requestPolicy: 'network-only' });
      }
    } catch (err) {
      setNotice(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  async function saveHeadline() {
    const value = (headline ?? me.profile?.headline ?? '').trim();
    if (!value) return next();
    setBusy(true);
    const res = await update({ input: { headline: value } });
    setBusy(false);
    if (res.error) setNotice(errorText(t, res.error));
    else next();
  }

  const people = suggestions?.suggestions.people ?? [];
  const groups = suggestions?.suggestions.groups ?? [];

  return (
    <section className="card welcome" aria-labelledby="welcome-title">
      <div className="row-between">
        <p className="muted small" aria-live="polite">{t('welcome.step', { step: step + 1, total: STEPS.length })}</p>
        <button type="button" className="button-link" disabled={finishing} onClick={() => void done()}>
          {t('welcome.skipAll')}
        </button>
      </div>
      <ol className="welcome-progress" aria-hidden="true">
        {STEPS.map((s, i) => <li key={s} className={i <= step ? 'done' : undefined} />)}
      </ol>
      {step === 0 && (
        <>
          <h1 id="welcome-title">{t('welcome.title', { name: me.displayName.split(' ')[0] })}</h1>
          <p>{t('welcome.intro')}</p>
        </>
      )}
      {current === 'photo' && (
        <div className="welcome-step">
          <h2>{t('welcome.photo.title')}</h2>
          <p className="muted">{me.photo ? t('welcome.photo.introHr') : t('welcome.photo.intro')}</p>
          <div className="row-start">
            <Avatar name={me.displayName} url={me.photo?.large} size="large" />
            <label className={`button-like button-quiet${busy ? ' disabled' : ''}`}>
              {t('welcome.photo.choose')}
              <input ref={fileInput} type="file" accept="image/*" className="sr-only" onChange={(e) => e.target.files?.[0] && setCropping(e.target.files[0])} />
            </label>
          </div>
          {cropping && <PhotoCropper key={`${cropping.name}-${cropping.size}`} file={cropping} busy={busy} onCancel={() => setCropping(null)} onConfirm={(f) => void changePhoto(f)} />}
        </div>
      )}
      {current === 'headline' && (
        <div className="welcome-step">
          <h2>{t('welcome.headline.title')}</h2>
          <p className="muted">{t('welcome.headline.intro')}</p>
          <label htmlFor="welcome-headline">{t('welcome.headline.label')}</label>
          <input id="welcome-headline" maxLength={220} value={headline ?? me.profile?.headline ?? ''} placeholder={t('welcome.headline.placeholder')} onChange={(e) => setHeadline(e.target.value)} />
        </div>
      )}
      {current === 'people' && (
        <div className="welcome-step">
          <h2>{t('welcome.people.title')}</h2>
          <p className="muted">{t('welcome.people.intro')}</p>
          {people.length ? (
            <ul className="suggestion-list">{people.map((s) => <PersonSuggestionItem key={s.person.id} s={s} />)}</ul>
          ) : (
            <p className="state">{t('welcome.people.empty')}</p>
          )}
        </div>
      )}
      {current === 'groups' && (
        <div className="welcome-step">
          <h2>{t('welcome.groups.title')}</h2>
          <p className="muted">{t('welcome.groups.intro')}</p>
          {groups.length ? (
            <ul className="suggestion-list">{groups.map((s) => <GroupSuggestionItem key={s.group.id} s={s} />)}</ul>
          ) : (
            <p className="state">{t('welcome.groups.empty')}</p>
          )}
        </div>
      )}
      {notice && <p className="small" role="status">{notice}</p>}
      <div className="row-between welcome-nav">
        {step > 0 ? (
          <button type="button" className="button-quiet" onClick={() => setStep(step - 1)}>{t('welcome.back')}</button>
        ) : <span />}
        <div className="row-start">
          {current !== 'people' && current !== 'groups' && (
            <button type="button" className="button-quiet" onClick={next}>{t('welcome.skip')}</button>
          )}
          <button type="button" disabled={busy || finishing} onClick={() => (current === 'headline' ? void saveHeadline() : next())}>
            {step === STEPS.length - 1 ? t('welcome.done') : t('welcome.next')}
          </button>
        </div>
      </div>
    </section>
  );
}
