import * as RadixDialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';
import { useI18n } from '../../lib/i18n.js';
import { stop, useReturnFocus } from './portal.js';

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  /** A sentence under the title, read out when the dialog opens. */
  description?: ReactNode;
  children: ReactNode;
  /** Optional element to open it (rendered as is through `asChild`). */
  trigger?: ReactNode;
}

/**
 * A modal dialog (Radix Dialog: focus trapped and returned, Escape and the backdrop close it,
 * the page behind is inert for screen readers). A sheet from the bottom on a phone, a centred
 * card on a desk. The title names it; a close button is always there.
 */
export function Dialog({ open, onOpenChange, title, description, children, trigger }: DialogProps) {
  const { t } = useI18n();
  const focus = useReturnFocus();
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger>}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="ui-overlay" onClick={stop} />
        <RadixDialog.Content className="ui-dialog" onClick={stop} {...focus} {...(description ? {} : { 'aria-describedby': undefined })}>
          <div className="ui-dialog-head">
            <RadixDialog.Title className="ui-dialog-title">{title}</RadixDialog.Title>
            <RadixDialog.Close asChild>
              <button type="button" className="button-quiet icon-button ui-dialog-close" aria-label={t('ui.close')} title={t('ui.close')}>
                <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                  <path d="M6 6l12 12M18 6 6 18" />
                </svg>
              </button>
            </RadixDialog.Close>
          </div>
          {description && <RadixDialog.Description className="muted">{description}</RadixDialog.Description>}
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Closes the dialog it is in (for a form's "Annuleren"). */
export function DialogClose({ children }: { children: ReactNode }) {
  return <RadixDialog.Close asChild>{children}</RadixDialog.Close>;
}
