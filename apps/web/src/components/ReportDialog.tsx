import { lazy, Suspense, useState } from 'react';
import { useI18n, type MessageKey } from '../lib/i18n.js';
import type { ReportItemType } from './ReportFormDialog.js';

// The dialog (Radix, the form, its mutation) is fetched when someone reports: cards on the home screen import this file.
const ReportFormDialog = lazy(() => import('./ReportFormDialog.js').then((m) => ({ default: m.ReportFormDialog })));

/** The "report abuse" form, in a modal dialog; shown while mounted, `onClose` when it is closed. */
export function ReportForm({ itemType, itemId, onClose }: { itemType: ReportItemType; itemId: string; onClose: () => void }) {
  return (
    <Suspense fallback={null}>
      <ReportFormDialog itemType={itemType} itemId={itemId} onClose={onClose} />
    </Suspense>
  );
}

/** A "report" button that opens the report dialog (for groups, blog items). */
export function ReportButton({ itemType, itemId, label, className = 'button-quiet' }: { itemType: ReportItemType; itemId: string; label?: MessageKey; className?: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={className} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t(label ?? 'report.button')}
      </button>
      {open && <ReportForm itemType={itemType} itemId={itemId} onClose={() => setOpen(false)} />}
    </>
  );
}
