import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { errorText } from '../lib/errors.js';
import { graphql, type VariablesOf } from '../lib/gql.js';
import { useI18n, type MessageKey } from '../lib/i18n.js';
import { Dialog, DialogClose } from './ui/Dialog.js';

const REPORT = graphql(`mutation ReportContent($input: ReportInput!) { reportContent(input: $input) { id status } }`);

export type ReportItemType = VariablesOf<typeof REPORT>['input']['itemType'];
type Reason = VariablesOf<typeof REPORT>['input']['reason'];
const REASONS: Reason[] = ['HARASSMENT_OR_BULLYING', 'DISCRIMINATION', 'CONFIDENTIAL_OR_INSIDER_INFORMATION', 'PRIVACY_BREACH', 'SPAM_OR_ADVERTISING', 'OTHER'];

/** The report form in a modal dialog (its own chunk: see ReportDialog.tsx). Closing it, sent or not, calls `onClose`. */
export function ReportFormDialog({ itemType, itemId, onClose }: { itemType: ReportItemType; itemId: string; onClose: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState<Reason>('HARASSMENT_OR_BULLYING');
  const [note, setNote] = useState('');
  const [state, setState] = useState<'editing' | 'sent'>('editing');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [, report] = useMutation(REPORT);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    const res = await report({ input: { itemType, itemId, reason, note: note.trim() || null } });
    setBusy(false);
    if (res.error) setError(errorText(t, res.error));
    else setState('sent');
  }

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t(itemType === 'MESSAGE' ? 'report.title' : (`report.title.${itemType}` as MessageKey))}>
      {state === 'sent' ? (
        <>
          <p role="status">{t('report.sent')}</p>
          <div className="ui-dialog-actions">
            <DialogClose>
              <button type="button">{t('ui.close')}</button>
            </DialogClose>
          </div>
        </>
      ) : (
        <form className="reshare-form" onSubmit={(e) => void submit(e)}>
          <label htmlFor={`${id}-reason`}>{t('report.reason')}</label>
          <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value as Reason)}>
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`report.reason.${r}` as MessageKey)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-note`}>{t('report.note')}</label>
          <textarea id={`${id}-note`} rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="ui-dialog-actions">
            <DialogClose>
              <button type="button" className="button-quiet">
                {t('message.cancel')}
              </button>
            </DialogClose>
            <button type="submit" disabled={busy}>
              {t('report.send')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
