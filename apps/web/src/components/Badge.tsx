import { useI18n, type MessageKey } from '../lib/i18n.js';

/** The employment-type badge shown next to every person: staff asked for clarity. */
export function EmploymentBadge({ type }: { type: string }) {
  const { t } = useI18n();
  const key = `badge.${type}` as MessageKey;
  return (
    <span className={`badge badge-${type.toLowerCase()}`} title={t(`badge.help.${type}` as MessageKey)} data-testid="employment-badge">
      {t(key)}
    </span>
  );
}

/** Given by community managers to people who help others use Plein. */
export function AmbassadorBadge() {
  const { t } = useI18n();
  return (
    <span className="badge badge-ambassador" title={t('badge.help.ambassador')} data-testid="ambassador-badge">
      {t('badge.ambassador')}
    </span>
  );
}
