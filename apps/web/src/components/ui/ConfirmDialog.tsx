import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../lib/i18n.js';
import { stop, useReturnFocus } from './portal.js';

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  /** What happens and what cannot be undone. */
  description: ReactNode;
  /** The confirming button's words: the action itself ("Verwijderen"), not "OK". */
  confirmLabel: string;
  cancelLabel?: string;
  /** Red confirm button, for what cannot be undone. */
  danger?: boolean;
  onConfirm: () => void;
}

/**
 * Asks before a destructive action (Radix AlertDialog: role="alertdialog", focus starts on
 * "Annuleren", Escape cancels, a click outside does not confirm anything).
 */
export function ConfirmDialog({ open, onOpenChange, title, description, confirmLabel, cancelLabel, danger = true, onConfirm }: ConfirmDialogProps) {
  const { t } = useI18n();
  const focus = useReturnFocus();
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="ui-overlay" onClick={stop} />
        <AlertDialog.Content className="ui-dialog ui-confirm" onClick={stop} {...focus}>
          <AlertDialog.Title className="ui-dialog-title">{title}</AlertDialog.Title>
          <AlertDialog.Description className="ui-confirm-text">{description}</AlertDialog.Description>
          <div className="ui-dialog-actions">
            <AlertDialog.Cancel asChild>
              <button type="button" className="button-quiet">
                {cancelLabel ?? t('ui.cancel')}
              </button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button type="button" className={danger ? 'button-danger' : undefined} onClick={onConfirm}>
                {confirmLabel}
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/**
 * A button that asks first: `children` is the button's content; the dialog says `title`,
 * `description` and offers `confirmLabel`. Focus returns to the button when it closes.
 */
export function ConfirmButton({ children, className, disabled, ...confirm }: Omit<ConfirmDialogProps, 'open' | 'onOpenChange'> & { children: ReactNode; className?: string; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={className} disabled={disabled} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {children}
      </button>
      <ConfirmDialog open={open} onOpenChange={setOpen} {...confirm} />
    </>
  );
}
