import { useRef, type SyntheticEvent } from 'react';

/**
 * Menus and dialogs render in a portal, but React still bubbles their events to the component that
 * opened them: a click on a menu item would also reach a clickable card (which opens its thread).
 * Their content stops clicks there.
 */
export const stop = (e: SyntheticEvent) => e.stopPropagation();

/**
 * Focus back where it was when a dialog opened, also for dialogs opened without a Radix Trigger
 * (from code, a menu item): Radix would otherwise leave focus on the page body. An opener that is
 * gone (a menu item) leaves focus where the browser puts it.
 */
export function useReturnFocus() {
  const opener = useRef<HTMLElement | null>(null);
  return {
    onOpenAutoFocus: () => {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    onCloseAutoFocus: (e: Event) => {
      e.preventDefault();
      if (opener.current?.isConnected) opener.current.focus();
    },
  };
}
