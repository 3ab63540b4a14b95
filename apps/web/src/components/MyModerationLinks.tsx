import { useI18n } from '../lib/i18n.js';
import { Link } from '../lib/router.js';
import './moderation.css';

/** "Mijn rapportages" and "Mijn moderatiedossier", on my own profile (the phone's "Meer" sheet links them too). */
export function MyModerationLinks() {
  const { t } = useI18n();
  return (
    <nav className="mod-links" aria-label={t('moderation.myLinks')}>
      <Link href="/my/reports">{t('nav.myReports')}</Link>
      <Link href="/my/moderation">{t('nav.myRecord')}</Link>
    </nav>
  );
}
