import type { SyntheticEvent } from 'react';

/**
 * Menus and dialogs render in a portal, but React still bubbles their events to the component that
 * opened them: a click on a menu item would also reach a clickable card (which opens its thread).
 * Their content stops clicks there.
 */
export const stop = (e: SyntheticEvent) => e.stopPropagation();
