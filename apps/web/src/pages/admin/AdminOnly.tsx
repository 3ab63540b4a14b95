import { type ReactNode } from 'react';
import { useAuth } from '../../lib/auth.js';
import { useI18n } from '../../lib/i18n.js';

/** Admins only; the server enforces it too, this only spares others a screen of errors. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const auth = useAuth();
  if (!auth.person?.roles.includes('admin')) return <p className="card">{t('admin.forbidden')}</p>;
  return <>{children}</>;
}
