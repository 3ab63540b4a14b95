import { useEffect, useState, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../lib/auth.js';
import { useI18n, type MessageKey } from '../lib/i18n.js';
import { Link, usePath } from '../lib/router.js';
import { useUnread } from '../lib/unread.js';
import { AdminNav, isStaff } from './AdminNav.js';
import { Icon, type IconName } from './Icons.js';
import { NoticeBanner } from './NoticeBanner.js';
import { graphql } from '../lib/gql.js';

const SET_LANGUAGE = graphql(`mutation SetMyLanguage($language: String!) { setMyLanguage(language: $language) { id } }`);
const MY_LANGUAGE = graphql(`query MyLanguage { me { id language } }`);

interface Destination {
  href: string;
  label: MessageKey;
  icon: IconName;
  /** Also current for these paths (a group page belongs to Groepen). */
  prefix?: string;
}

const MAIN: Destination[] = [
  { href: '/', label: 'nav.home', icon: 'home' },
  { href: '/people', label: 'nav.people', icon: 'people', prefix: '/people/' },
  { href: '/groups', label: 'nav.groups', icon: 'groups', prefix: '/groups/' },
  { href: '/blogs', label: 'nav.blogs', icon: 'blog', prefix: '/blogs/' },
  { href: '/vacancies', label: 'nav.vacancies', icon: 'briefcase', prefix: '/vacancies/' },
  { href: '/notices', label: 'nav.notices', icon: 'alert', prefix: '/notices/' },
  { href: '/settings/mail', label: 'nav.mailSettings', icon: 'mail' },
];

const PHONE_QUERY = '(max-width: 799px)';

/** Phone or desk, following the window: only one of the two menus is in the page at a time. */
function usePhone(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia(PHONE_QUERY).matches);
  useEffect(() => {
    const mq = window.matchMedia(PHONE_QUERY);
    const on = () => setPhone(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return phone;
}

/** The admin and moderation screens: one "Beheer" entry leads there, their own menu lists them. */
const inAdminArea = (path: string) => path === '/moderation' || path === '/insights' || path.startsWith('/admin');

/**
 * The frame of every page. On a desk: a side bar with every destination (it never wraps). On a phone:
 * a bottom tab bar (Start, Collega's, Groepen, Meldingen, Meer) with the rest under "Meer", and my
 * avatar at the top for my profile. Nothing is wider than the screen.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const { person, logout } = useAuth();
  const path = usePath();
  const { unread } = useUnread();
  // The server keeps the person's language too: mail and exports follow it.
  const [, saveLanguage] = useMutation(SET_LANGUAGE);
  const chooseLanguage = (l: 'nl' | 'en') => {
    setLanguage(l);
    void saveLanguage({ language: l });
  };
  // On a device where nobody chose a language yet, the person's stored language wins.
  const [{ data: stored }] = useQuery({ query: MY_LANGUAGE });
  const storedLanguage = stored?.me?.language;
  useEffect(() => {
    if ((storedLanguage === 'nl' || storedLanguage === 'en') && storedLanguage !== language && localStorage.getItem('plein.language') === null) setLanguage(storedLanguage);
  }, [storedLanguage, language, setLanguage]);
  const [more, setMore] = useState(false);
  // Escape closes the "Meer" sheet, as it closes any dialog.
  useEffect(() => {
    if (!more) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setMore(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [more]);
  const phone = usePhone();
  useEffect(() => setMore(false), [path]);
  const staff = isStaff(person?.roles ?? []);
  const adminHref = person?.roles.includes('admin') ? '/admin/hr-import' : '/moderation';
  const current = (d: Pick<Destination, 'href' | 'prefix'>) => path === d.href || (d.prefix !== undefined && path.startsWith(d.prefix));

  // `short`: the tab bar's label where the full one does not fit a fifth of a 360 px phone (English "Notifications").
  const link = (d: Destination, extra?: ReactNode, short?: MessageKey) => (
    <Link key={d.href} href={d.href} className="nav-link" aria-current={current(d) ? 'page' : undefined}>
      <Icon name={d.icon} />
      <span className="nav-label">{t(short ?? d.label)}</span>
      {extra}
    </Link>
  );
  const badge = unread > 0 && (
    <span className="count" data-testid="unread-count" aria-label={t('notifications.unread', { count: unread })}>
      {unread}
    </span>
  );
  const notifications: Destination = { href: '/notifications', label: 'nav.notifications', icon: 'bell' };
  const profile: Destination = { href: '/profile', label: 'nav.profile', icon: 'user', prefix: '/profile/' };
  const admin = staff && (
    <Link href={adminHref} className="nav-link" aria-current={inAdminArea(path) ? 'page' : undefined}>
      <Icon name="shield" />
      <span className="nav-label">{t('nav.admin')}</span>
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
        <div className="topbar-actions">
          <label className="sr-only" htmlFor="language">
            {t('nav.language')}
          </label>
          <select id="language" className="desk-only" value={language} onChange={(e) => chooseLanguage(e.target.value as 'nl' | 'en')}>
            <option value="nl">NL</option>
            <option value="en">EN</option>
          </select>
          <span className="me desk-only" data-testid="me-name">
            {person?.displayName}
          </span>
          <button type="button" className="button-quiet desk-only" onClick={() => void logout()}>
            {t('nav.logout')}
          </button>
          {person && (
            <Link href="/profile" className="phone-only me-avatar" aria-label={t('nav.profile')} aria-current={current(profile) ? 'page' : undefined}>
              <span className="avatar">
                <Icon name="user" />
              </span>
            </Link>
          )}
        </div>
      </header>
      <NoticeBanner />
      <div className="frame">
        {!phone && (
          <nav aria-label={t('nav.main')} className="sidenav">
            {MAIN.map((d) => link(d))}
            {link(notifications, badge)}
            {link(profile)}
            {admin}
          </nav>
        )}
        <main id="main" tabIndex={-1}>
          {staff && inAdminArea(path) && <AdminNav />}
          {children}
        </main>
      </div>
      {phone && (
        <nav aria-label={t('nav.main')} className="tabbar">
          {MAIN.slice(0, 3).map((d) => link(d))}
          {link(notifications, badge, 'nav.notifications.tab')}
          <button type="button" className="nav-link" aria-expanded={more} aria-controls="more-sheet" onClick={() => setMore(!more)}>
            <Icon name="menu" />
            <span className="nav-label">{t('nav.more')}</span>
          </button>
        </nav>
      )}
      {phone && more && (
        // A tap beside the sheet closes it, as on every phone; keyboard users close it with Escape or the button that opened it.
        // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
        <div className="sheet-backdrop" onClick={() => setMore(false)}>
          {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- keeps taps inside the sheet from closing it */}
          <div id="more-sheet" className="sheet" role="dialog" aria-modal="false" aria-label={t('nav.more')} onClick={(e) => e.stopPropagation()}>
            <nav aria-label={t('nav.moreMenu')} className="sheet-links">
              {MAIN.slice(3).map((d) => link(d))}
              {link({ href: '/my/reports', label: 'nav.myReports', icon: 'flag' })}
              {link({ href: '/my/moderation', label: 'nav.myRecord', icon: 'shield' })}
              {admin}
            </nav>
            <div className="sheet-row">
              <label htmlFor="language-more">{t('nav.language')}</label>
              <select id="language-more" value={language} onChange={(e) => chooseLanguage(e.target.value as 'nl' | 'en')}>
                <option value="nl">Nederlands</option>
                <option value="en">English</option>
              </select>
            </div>
            <button type="button" className="button-quiet" onClick={() => void logout()}>
              {t('nav.logout')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
