import { AppealAction, type Decision } from '../../components/ModerationDecision.js';
import { useI18n } from '../../lib/i18n.js';

/**
 * What the author of a hidden or removed post or comment sees (nobody else gets it at all): the
 * state, the moderator's reason and, for a decision the author may still contest, "Bezwaar maken"
 * (`decision` is null for everyone else).
 */
export function ModerationNotice({ state, reason, decision }: { state: string; reason: string | null; decision?: Decision | null }) {
  const { t } = useI18n();
  if (state === 'visible') return null;
  return (
    <>
      <p className="notice small" role="note">
        {t(state === 'removed' ? 'blogs.moderation.removed' : 'blogs.moderation.hidden')}
        {reason ? ` ${t('blogs.moderation.reason', { reason })}` : ''}
      </p>
      {decision && <AppealAction decision={decision} />}
    </>
  );
}
