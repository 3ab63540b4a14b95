import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../../lib/i18n.js';

/**
 * A confirmation before something that is hard to undo, as a native modal <dialog>: the browser
 * keeps focus inside, Escape cancels, and the page behind is inert. Focus starts on "cancel".
 */
export function ConfirmDialog({ open, title, text, confirm, onConfirm, onCancel }: { open: boolean; title: string; text: string; confirm: string; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement | null>(null);
  const cancelRef = useRef<HTMLButtonElement | null>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-text`}>{text}</p>
      <div className="row-actions confirm-actions">
        <button type="button" className="button-quiet" ref={cancelRef} onClick={onCancel}>
          {t('blogs.confirm.cancel')}
        </button>
        <button type="button" className="button-danger" onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </dialog>
  );
}
