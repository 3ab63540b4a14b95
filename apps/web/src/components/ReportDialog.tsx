import { useState, type FormEvent } from 'react';
import { errorText } from '../lib/errors.js';
import { useMutation } from 'urql';
import { useI18n, type MessageKey } from '../lib/i18n.js';

const REPORT = `mutation Report($input: ReportInput!) { reportContent(input: $input) { id status } }`;
const REASONS = ['HARASSMENT_OR_BULLYING', 'DISCRIMINATION', 'CONFIDENTIAL_OR_INSIDER_INFORMATION', 'PRIVACY_BREACH', 'SPAM_OR_ADVERTISING', 'OTHER'];

/** The "report abuse" form shown under an item. */
export function ReportForm({ itemType, itemId, onClose }: { itemType: string; itemId: string; onClose: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('HARASSMENT_OR_BULLYING');
  const [note, setNote] = useState('');
  const [state, setState] = useState<'editing' | 'sent'>('editing');
  const [error, setError] = useState<string | null>(null);
  const [, report] = useMutation(REPORT);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await report({ input: { itemType, itemId, reason, note: note.trim() || null } });
    if (res.error) setError(errorText(t, res.error));
    else setState('sent');
  }

  if (state === 'sent')
    return (
      <p role="status" className="small">
        {t('report.sent')}{' '}
        <button type="button" className="button-link" onClick={onClose}>
          OK
        </button>
      </p>
    );
  return (
    <form className="reshare-form" onSubmit={submit} aria-label={t('report.title')}>
      <strong>{t(itemType === 'MESSAGE' ? 'report.title' : (`report.title.${itemType}` as MessageKey))}</strong>
      <label htmlFor={`r-reason-${itemId}`}>{t('report.reason')}</label>
      <select id={`r-reason-${itemId}`} value={reason} onChange={(e) => setReason(e.target.value)}>
        {REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`report.reason.${r}` as MessageKey)}
          </option>
        ))}
      </select>
      <label htmlFor={`r-note-${itemId}`}>{t('report.note')}</label>
      <textarea id={`r-note-${itemId}`} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row-actions">
        <button type="submit">{t('report.send')}</button>
        <button type="button" className="button-quiet" onClick={onClose}>
          {t('message.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A "report" button that opens the report form in place (for profiles, photos, groups, blog items). */
export function ReportButton({ itemType, itemId, label }: { itemType: string; itemId: string; label?: MessageKey }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button-quiet" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t(label ?? 'report.button')}
      </button>
      {open && <ReportForm itemType={itemType} itemId={itemId} onClose={() => setOpen(false)} />}
    </>
  );
}
