import { useQuery } from 'urql';
import { EmploymentBadge } from '../components/Badge.js';
import { ErrorState, Loading } from '../components/States.js';
import { useI18n } from '../lib/i18n.js';

const ME = `query Me { me { id displayName jobTitle location employmentType department { id name } manager { id displayName } } }`;

interface MeData {
  me: { id: string; displayName: string; jobTitle: string | null; location: string | null; employmentType: string; department: { name: string } | null; manager: { displayName: string } | null };
}

export function ProfilePage() {
  const { t } = useI18n();
  const [{ data, fetching, error }, retry] = useQuery<MeData>({ query: ME });
  if (fetching && !data) return <Loading />;
  if (error || !data) return <ErrorState onRetry={() => retry({ requestPolicy: 'network-only' })} />;
  const me = data.me;
  const row = (label: string, value: string | null | undefined) => (
    <div className="row">
      <dt>{label}</dt>
      <dd>{value || t('profile.none')}</dd>
    </div>
  );
  return (
    <section className="card profile" aria-labelledby="profile-name">
      <div className="profile-head">
        <div className="avatar avatar-large" aria-hidden="true">
          {initials(me.displayName)}
        </div>
        <div>
          <h1 id="profile-name">{me.displayName}</h1>
          <EmploymentBadge type={me.employmentType} />
        </div>
      </div>
      <dl className="facts">
        {row(t('profile.jobTitle'), me.jobTitle)}
        {row(t('profile.department'), me.department?.name)}
        {row(t('profile.manager'), me.manager?.displayName)}
        {row(t('profile.location'), me.location)}
      </dl>
    </section>
  );
}

export function initials(name: string): string {
  const parts = name.split(/\s+/).filter((p) => /^[\p{Lu}]/u.test(p));
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}
