import type { ReactNode } from 'react';
import { useMutation } from 'urql';
import { useAuth } from '../lib/auth.js';
import { useI18n } from '../lib/i18n.js';
import { Link, usePath } from '../lib/router.js';
import { useUnread } from '../lib/unread.js';
import { NoticeBanner } from './NoticeBanner.js';

export function Layout({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const { person, logout } = useAuth();
  const path = usePath();
  const { unread } = useUnread();
  // The server keeps the person's language too: mail and exports follow it.
  const [, saveLanguage] = useMutation(`mutation($language: String!) { setMyLanguage(language: $language) { id } }`);
  const item = (href: string, label: string) => (
    <Link href={href} className="nav-link" aria-current={path === href ? 'page' : undefined}>
      {label}
    </Link>
  );
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <Link href="/" className="brand" aria-label={t('app.name')}>
          <img src="/icon.svg" alt="" width={28} height={28} />
          <span>{t('app.name')}</span>
        </Link>
        <nav aria-label={t('nav.main')} className="nav">
          {item('/', t('nav.home'))}
          {item('/people', t('nav.people'))}
          {item('/groups', t('nav.groups'))}
          {item('/blogs', t('nav.blogs'))}
          {item('/vacancies', t('nav.vacancies'))}
          {item('/notices', t('nav.notices'))}
          {item('/profile', t('nav.profile'))}
          {item('/settings/mail', t('nav.mailSettings'))}
          {person?.roles.some((r) => r === 'community_manager' || r === 'admin') && item('/moderation', t('nav.moderation'))}
          {person?.roles.some((r) => r === 'community_manager' || r === 'admin') && item('/insights', t('nav.insights'))}
          {person?.roles.includes('admin') && (
            <Link href="/admin/hr-import" className="nav-link" aria-current={path.startsWith('/admin/') && path !== '/admin/barriers' ? 'page' : undefined}>
              {t('nav.admin')}
            </Link>
          )}
          {person?.roles.includes('admin') && item('/admin/barriers', t('nav.barriers'))}
          <Link href="/notifications" className="nav-link" aria-current={path === '/notifications' ? 'page' : undefined}>
            {t('nav.notifications')}
            {unread > 0 && (
              <span className="count" data-testid="unread-count" aria-label={t('notifications.unread', { count: unread })}>
                {unread}
              </span>
            )}
          </Link>
        </nav>
        <div className="topbar-actions">
          <label className="sr-only" htmlFor="language">
            {t('nav.language')}
          </label>
          <select id="language" value={language} onChange={(e) => {
              const l = e.target.value as 'nl' | 'en';
              setLanguage(l);
              void saveLanguage({ language: l });
            }}>
            <option value="nl">NL</option>
            <option value="en">EN</option>
          </select>
          <span className="me" data-testid="me-name">
            {person?.displayName}
          </span>
          <button type="button" className="button-quiet" onClick={() => void logout()}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <NoticeBanner />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
