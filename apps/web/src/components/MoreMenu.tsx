import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Icon } from './Icons.js';

/**
 * A "⋯" button that opens a short list of less-used actions (edit, delete, report) below it.
 * Plain buttons in a list, not an ARIA menu: Tab and Enter work as everywhere else. Escape or a
 * click elsewhere closes it. `children` gets a `close` function for actions that open something.
 */
export function MoreMenu({ label, children, className }: { label: string; children: (close: () => void) => ReactNode; className?: string }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className={`more-menu ${className ?? ''}`} ref={box}>
      <button type="button" className="button-quiet icon-button" aria-label={label} title={label} aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <Icon name="more" />
      </button>
      <div id={id} className="more-menu-list" hidden={!open}>
        {open && children(() => setOpen(false))}
      </div>
    </div>
  );
}
