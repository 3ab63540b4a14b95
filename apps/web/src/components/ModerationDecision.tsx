import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { errorText } from '../lib/errors.js';
import { graphql, type ResultOf } from '../lib/gql.js';
import { useI18n, type MessageKey } from '../lib/i18n.js';
import { Link } from '../lib/router.js';
import './moderation.css';

/** The fields of a moderation decision the author sees (on the item itself and in their record). */
export const MODERATION_DECISION = graphql(`fragment ModerationDecisionFields on ModerationAction { id kind reason appealStatus canAppeal createdAt }`);
export type Decision = ResultOf<typeof MODERATION_DECISION>;

const APPEAL = graphql(`mutation AppealModeration($actionId: ID!, $text: String!) { appealModeration(actionId: $actionId, text: $text) { id status actionId } }`);

/**
 * In place of hidden or removed content. Its author sees why (the moderator's reason), the appeal
 * status and, for a removal not yet appealed, "Bezwaar maken"; everyone else (moderators, readers
 * of a reshare) a neutral placeholder. `decision` is null for everyone but the author.
 */
export function ModeratedContent({ state, decision, reason, mine }: { state: string; decision: Decision | null | undefined; reason?: string | null; mine: boolean }) {
  const { t } = useI18n();
  if (state === 'visible') return null;
  if (!mine) {
    return (
      <p className="moderated moderated-neutral" data-testid="moderated-placeholder">
        {t(state === 'removed' ? 'moderation.removedContent' : 'moderation.hiddenContent')}
      </p>
    );
  }
  const why = decision?.reason ?? reason;
  return (
    <div className="moderated" role="note" data-testid="moderation-decision">
      <p className="moderated-title">{t(state === 'removed' ? 'moderation.decision.removed' : 'moderation.decision.hidden')}</p>
      {why && <p className="moderated-reason">{t('moderation.decision.reason', { reason: why })}</p>}
      {decision && <AppealAction decision={decision} />}
    </div>
  );
}

/** The appeal status in words, or the "Bezwaar maken" button and its form while an appeal is possible. */
export function AppealAction({ decision, onAppealed, recordLink = true }: { decision: Decision; onAppealed?: () => void; recordLink?: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [{ fetching }, appeal] = useMutation(APPEAL);
  const fieldId = `appeal-${decision.id}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await appeal({ actionId: decision.id, text: text.trim() });
    if (res.error) return setError(errorText(t, res.error));
    setSent(true);
    setOpen(false);
    onAppealed?.();
  }

  const status = sent ? 'open' : decision.appealStatus;
  if (status) {
    return (
      <p className="small" role="status" data-testid="appeal-status">
        <strong>{t(`moderation.appealStatus.${status}` as MessageKey)}</strong>
        {sent && <> {t('moderation.appeal.sent')}</>}
        {recordLink && (
          <>
            {' '}
            <Link href="/my/moderation">{t('moderation.record.link')}</Link>
          </>
        )}
      </p>
    );
  }
  if (!decision.canAppeal) return null;
  if (!open) {
    return (
      <div className="row-actions">
        <button type="button" className="button-quiet" onClick={() => setOpen(true)}>
          {t('moderation.appeal.button')}
        </button>
      </div>
    );
  }
  return (
    <form className="appeal-form" onSubmit={(e) => void submit(e)} aria-label={t('moderation.appeal.button')}>
      <label htmlFor={fieldId}>{t('moderation.appeal.label')}</label>
      <p className="small muted" id={`${fieldId}-hint`}>
        {t('moderation.appeal.hint')}
      </p>
      <textarea id={fieldId} aria-describedby={`${fieldId}-hint`} rows={3} maxLength={1000} required value={text} onChange={(e) => setText(e.target.value)} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row-actions">
        <button type="submit" disabled={fetching || !text.trim()}>
          {t('moderation.appeal.send')}
        </button>
        <button type="button" className="button-quiet" onClick={() => setOpen(false)}>
          {t('message.cancel')}
        </button>
      </div>
    </form>
  );
}
