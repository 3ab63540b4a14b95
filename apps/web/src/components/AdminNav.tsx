import { useEffect, useRef } from 'react';
import { useAuth } from '../lib/auth.js';
import { useI18n, type MessageKey } from '../lib/i18n.js';
import { Link, usePath } from '../lib/router.js';

type Role = 'admin' | 'community_manager';
/** Every admin and moderation screen, and who gets it: the "Beheer" entry's own menu. */
const SECTIONS: { href: string; key: MessageKey; roles: Role[] }[] = [
  { href: '/moderation', key: 'nav.moderation', roles: ['community_manager', 'admin'] },
  { href: '/insights', key: 'nav.insights', roles: ['community_manager', 'admin'] },
  { href: '/admin/barriers', key: 'nav.barriers', roles: ['admin'] },
  { href: '/admin/hr-import', key: 'admin.hr.title', roles: ['admin'] },
  { href: '/admin/roles', key: 'admin.roles.title', roles: ['admin'] },
  { href: '/admin/profile-fields', key: 'admin.fields.title', roles: ['admin'] },
  { href: '/admin/scim', key: 'admin.scim.title', roles: ['admin'] },
  { href: '/admin/audit', key: 'admin.audit.title', roles: ['admin'] },
  { href: '/admin/sent-mail', key: 'admin.sentMail.title', roles: ['admin'] },
];

export const isStaff = (roles: readonly string[]) => roles.includes('admin') || roles.includes('community_manager');

/**
 * The admin area's own menu, above each admin or moderation screen (only what the person may use):
 * one row that scrolls sideways within itself when it does not fit (never two rows, never the page),
 * with the current screen scrolled into view.
 */
export function AdminNav() {
  const { t } = useI18n();
  const { person } = useAuth();
  const path = usePath();
  const roles = person?.roles ?? [];
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    const current = nav.current?.querySelector<HTMLElement>('[aria-current="page"]');
    if (current && nav.current) nav.current.scrollLeft = current.offsetLeft - (nav.current.clientWidth - current.offsetWidth) / 2;
  }, [path]);
  return (
    <nav ref={nav} className="subnav" aria-label={t('admin.nav')}>
      {SECTIONS.filter((s) => s.roles.some((r) => roles.includes(r))).map((s) => (
        <Link key={s.href} href={s.href} className="nav-link" aria-current={path === s.href ? 'page' : undefined}>
          {t(s.key)}
        </Link>
      ))}
    </nav>
  );
}
