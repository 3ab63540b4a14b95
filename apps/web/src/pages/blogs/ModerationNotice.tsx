import { useI18n } from '../../lib/i18n.js';

/** What the author of a hidden or removed post or comment sees (nobody else gets it at all). */
export function ModerationNotice({ state, reason }: { state: string; reason: string | null }) {
  const { t } = useI18n();
  if (state === 'visible') return null;
  return (
    <p className="notice small" role="note">
      {t(state === 'removed' ? 'blogs.moderation.removed' : 'blogs.moderation.hidden')}
      {reason ? ` ${t('blogs.moderation.reason', { reason })}` : ''}
    </p>
  );
}
