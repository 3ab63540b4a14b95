import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorText } from '../../lib/errors.js';
import { useMutation, useQuery } from 'urql';
import { Avatar } from '../../components/Avatar.js';
import { AmbassadorBadge, EmploymentBadge } from '../../components/Badge.js';
import { PhotoCropper } from '../../components/PhotoCropper.js';
import { ErrorState, Loading } from '../../components/States.js';
import { MyModerationLinks } from '../../components/MyModerationLinks.js';
import { ReportForm } from '../../components/ReportDialog.js';
import { Menu, MenuItem } from '../../components/ui/Menu.js';
import { ProfileActivity } from '../../components/ProfileActivity.js';
import { useAuth } from '../../lib/auth.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { uploadFile } from '../../lib/upload.js';
import { graphql, type ResultOf } from '../../lib/gql.js';

const PERSON = graphql(`query Person($id: ID!) { person(id: $id) {
  id displayName jobTitle location employmentType active email phone followedByMe followersCount followingCount ambassador
  photo { id medium large }
  department { id name } manager { id displayName } directReports { id displayName employmentType }
  profile { headline about pronouns workingLocation skills experience { company title startedOn finishedOn } moderationState moderationReason }
  contacts { kind value visibility }
} }`);
const FOLLOW = graphql(`mutation FollowPerson($id: ID!) { follow(personId: $id) { id followedByMe followersCount } }`);
const UNFOLLOW = graphql(`mutation UnfollowPerson($id: ID!) { unfollow(personId: $id) { id followedByMe followersCount } }`);
const UPDATE = graphql(`mutation UpdateMyProfile($input: UpdateProfileInput!) { updateMyProfile(input: $input) { id profile { headline about pronouns workingLocation skills } } }`);
const PHOTO = graphql(`mutation SetMyPhoto($id: ID!) { setMyPhoto(uploadId: $id) { id photo { id medium large } } }`);

type PersonData = ResultOf<typeof PERSON>['person'];

/** Anyone's profile: /people/:id (editable when it is mine). */
export function PersonPage({ id }: { id: string }) {
  const { t } = useI18n();
  const auth = useAuth();
  const [{ data, fetching, error }, retry] = useQuery({ query: PERSON, variables: { id } });
  const [, follow] = useMutation(FOLLOW);
  const [, unfollow] = useMutation(UNFOLLOW);
  const [, setPhoto] = useMutation(PHOTO);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [photoBusy, setPhotoBusy] = useState(false);
  const [cropping, setCropping] = useState<File | null>(null);
  const [reporting, setReporting] = useState<'PROFILE' | 'PHOTO' | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  if (fetching && !data) return <Loading />;
  // network-only: a retry after an error asks the server.
  if (error || !data) return <ErrorState message={errorText(t, error) ?? undefined} onRetry={() => retry({ requestPolicy: 'network-only' })} />;
  const p = data.person;
  const mine = auth.person?.id === p.id;

  async function changePhoto(file: File) {
    setPhotoBusy(true);
    setNotice(null);
    try {
      const uploadId = await uploadFile(file, auth.token());
      const res = await setPhoto({ id: uploadId });
      setNotice(errorText(t, res.error) ?? t('person.saved'));
      if (!res.error) {
        setCropping(null);
        // network-only: the photo's new variants are the server's (the upload went through REST).
        retry({ requestPolicy: 'network-only' });
      }
    } catch (err) {
      setNotice(errorText(t, err));
    } finally {
      setPhotoBusy(false);
    }
  }

  return (
    <>
      <section className="card profile" aria-labelledby="profile-name">
        <div className="profile-head">
          <Avatar name={p.displayName} url={p.photo?.medium} size="large" />
          <div className="grow">
            <h1 id="profile-name">{p.displayName}</h1>
            <EmploymentBadge type={p.employmentType} /> {!p.active && <span className="badge">{t('person.inactive')}</span>}
            {p.ambassador && <AmbassadorBadge />}
            {p.profile?.headline && <p className="muted headline">{p.profile.headline}</p>}
            <p className="small muted">
              {t('person.followers', { count: p.followersCount })} · {t('person.following', { count: p.followingCount })}
            </p>
          </div>
          {!mine && (
            <div className="profile-actions">
              {p.active && (
                <button type="button" className={p.followedByMe ? 'button-quiet' : ''} onClick={() => void (p.followedByMe ? unfollow({ id: p.id }) : follow({ id: p.id }))}>
                  {p.followedByMe ? t('person.unfollow') : t('person.follow')}
                </button>
              )}
              <Menu label={t('profile.more')}>
                <MenuItem onSelect={() => setReporting('PROFILE')}>{t('report.profile')}</MenuItem>
                {p.photo && <MenuItem onSelect={() => setReporting('PHOTO')}>{t('report.photo')}</MenuItem>}
              </Menu>
            </div>
          )}
        </div>
        {!mine && reporting && <ReportForm itemType={reporting} itemId={reporting === 'PHOTO' && p.photo ? p.photo.id : p.id} onClose={() => setReporting(null)} />}
        {mine && p.profile?.moderationState && (
          // Only the owner gets the state: others simply see no profile text.
          <p className="notice" role="status" data-testid="profile-moderated">
            {t(p.profile.moderationState === 'removed' ? 'profile.moderatedRemoved' : 'profile.moderatedHidden', { reason: p.profile.moderationReason ?? '—' })}
          </p>
        )}
        {mine && (
          <div className="row-actions">
            <button type="button" className="button-quiet" onClick={() => setEditing(!editing)}>
              {t('person.edit')}
            </button>
            <label className="button-like button-quiet" htmlFor="photo-input">
              {photoBusy ? t('person.photoUploading') : t('person.photoChange')}
            </label>
            <input ref={fileInput} id="photo-input" className="sr-only" type="file" accept="image/jpeg,image/png,image/webp" onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) {
                  setNotice(null);
                  setCropping(f);
                }
              }} />
            <Link href="/profile/linkedin" className="button-like button-quiet">
              {t('person.linkedin')}
            </Link>
          </div>
        )}
        {mine && <MyModerationLinks />}
        {notice && (
          <p role="status" className="small">
            {notice}
          </p>
        )}
        <dl className="facts">
          <Fact label={t('profile.jobTitle')} value={p.jobTitle} />
          <Fact label={t('profile.department')} value={p.department?.name} />
          <div className="row">
            <dt>{t('profile.manager')}</dt>
            <dd>{p.manager ? <Link href={`/people/${p.manager.id}`}>{p.manager.displayName}</Link> : t('profile.none')}</dd>
          </div>
          <Fact label={t('profile.location')} value={p.profile?.workingLocation ?? p.location} />
          {p.email && <Fact label={t('person.email')} value={<a href={`mailto:${p.email}`}>{p.email}</a>} />}
          {p.phone && <Fact label={t('person.phone')} value={<a href={`tel:${p.phone.replace(/[^+\d]/g, '')}`}>{p.phone}</a>} />}
          {p.contacts.map((c, i) => (
            <Fact key={i} label={t(`contact.${c.kind}` as MessageKey)} value={contactLink(c.kind, c.value)} />
          ))}
        </dl>
      </section>
      {cropping && mine && (
        <PhotoCropper key={`${cropping.name}-${cropping.lastModified}-${cropping.size}`} file={cropping} busy={photoBusy} onCancel={() => setCropping(null)} onConfirm={(f) => void changePhoto(f)} />
      )}
      {/* network-only: the edit returns only the edited fields: the rest of the profile from the server. */}
      {editing && mine && <ProfileEditor person={p} onDone={() => { setEditing(false); retry({ requestPolicy: 'network-only' }); }} />}
      {p.profile?.about && (
        <section className="card">
          <h2>{t('person.about')}</h2>
          <p className="message-text">{p.profile.about}</p>
        </section>
      )}
      {(p.profile?.skills.length ?? 0) > 0 && (
        <section className="card">
          <h2>{t('person.skills')}</h2>
          <ul className="chips">
            {p.profile!.skills.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </section>
      )}
      {(p.profile?.experience.length ?? 0) > 0 && (
        <section className="card">
          <h2>{t('person.experience')}</h2>
          <ul className="plain">
            {p.profile!.experience.map((x, i) => (
              <li key={i}>
                <strong>{x.title}</strong>, {x.company} <span className="muted small">{x.startedOn ?? ''}–{x.finishedOn ?? t('person.current')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ProfileActivity key={p.id} personId={p.id} />
      {p.directReports.length > 0 && (
        <section className="card">
          <h2>{t('person.reports')}</h2>
          <ul className="plain">
            {p.directReports.map((r) => (
              <li key={r.id}>
                <Link href={`/people/${r.id}`}>{r.displayName}</Link> <EmploymentBadge type={r.employmentType} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** E-mail and phone numbers open the mail or phone app; a website opens in a new tab. */
function contactLink(kind: string, value: string): ReactNode {
  if (kind === 'EMAIL') return <a href={`mailto:${value}`}>{value}</a>;
  if (kind === 'PHONE' || kind === 'MOBILE') return <a href={`tel:${value.replace(/[^+\d]/g, '')}`}>{value}</a>;
  if (kind === 'WEBSITE' && /^https?:\/\//i.test(value)) return <a href={value} target="_blank" rel="noopener noreferrer">{value}</a>;
  return value;
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="row">
      <dt>{label}</dt>
      <dd>{value || t('profile.none')}</dd>
    </div>
  );
}

function ProfileEditor({ person, onDone }: { person: PersonData; onDone: () => void }) {
  const { t } = useI18n();
  const [, update] = useMutation(UPDATE);
  const [headline, setHeadline] = useState(person.profile?.headline ?? '');
  const [about, setAbout] = useState(person.profile?.about ?? '');
  const [pronouns, setPronouns] = useState(person.profile?.pronouns ?? '');
  const [workingLocation, setWorkingLocation] = useState(person.profile?.workingLocation ?? '');
  const [skills, setSkills] = useState((person.profile?.skills ?? []).join(', '));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const res = await update({
      input: {
        headline: headline.trim() || null,
        about: about.trim() || null,
        pronouns: pronouns.trim() || null,
        workingLocation: workingLocation.trim() || null,
        skills: skills.split(',').map((s) => s.trim()).filter(Boolean),
      },
    });
    setBusy(false);
    if (res.error) setError(errorText(t, res.error));
    else onDone();
  }

  return (
    <form className="card editor" onSubmit={save}>
      <h2>{t('person.edit')}</h2>
      <p className="small muted">{t('person.hrOwned')}</p>
      <label htmlFor="e-headline">{t('person.headline')}</label>
      <input id="e-headline" value={headline} maxLength={220} onChange={(e) => setHeadline(e.target.value)} />
      <label htmlFor="e-about">{t('person.about')}</label>
      <textarea id="e-about" rows={5} value={about} onChange={(e) => setAbout(e.target.value)} />
      <label htmlFor="e-pronouns">{t('person.pronouns')}</label>
      <input id="e-pronouns" value={pronouns} maxLength={40} onChange={(e) => setPronouns(e.target.value)} />
      <label htmlFor="e-location">{t('person.workingLocation')}</label>
      <input id="e-location" value={workingLocation} maxLength={200} onChange={(e) => setWorkingLocation(e.target.value)} />
      <label htmlFor="e-skills">{t('person.skills')}</label>
      <input id="e-skills" value={skills} aria-describedby="e-skills-hint" onChange={(e) => setSkills(e.target.value)} />
      <p id="e-skills-hint" className="small muted">
        {t('person.skillsHint')}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row-actions">
        <button type="submit" disabled={busy}>
          {t('person.save')}
        </button>
        <button type="button" className="button-quiet" onClick={onDone}>
          {t('person.cancel')}
        </button>
      </div>
    </form>
  );
}

export { initials } from '../../lib/names.js';
