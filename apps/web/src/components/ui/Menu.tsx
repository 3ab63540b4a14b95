import { createContext, lazy, Suspense, useContext, useState, type ReactNode } from 'react';
import { Icon } from '../Icons.js';

/**
 * A "⋯" menu of less-used actions (edit, delete, report): a Radix DropdownMenu (ARIA menu: arrow
 * keys, typeahead, Escape, focus returned to the button) styled by our tokens.
 *
 * Message cards show one on the home screen, so the Radix code is not part of the first screen:
 * the button renders on its own and fetches the menu chunk when pointed at, focused or pressed
 * (a press opens the menu as soon as the chunk is in). Once fetched, menus render it directly.
 */
export interface MenuProps {
  /** The button's accessible name (it shows only the "⋯" icon). */
  label: string;
  children: ReactNode;
  /** Where the list opens; "top" suits a card's footer, "bottom" a header. */
  side?: 'top' | 'bottom';
  align?: 'start' | 'end';
  className?: string;
}

export interface MenuItemProps {
  onSelect: () => void;
  children: ReactNode;
  danger?: boolean;
  disabled?: boolean;
}

/** Provided by the loaded menu: renders a MenuItem as a Radix item. */
export const MenuItemContext = createContext<((props: MenuItemProps) => ReactNode) | null>(null);

let loaded = false;
const load = () =>
  import('./MenuImpl.js').then((m) => {
    loaded = true;
    return { default: m.MenuImpl };
  });
const MenuImpl = lazy(load);
const preload = () => void load();

export function Menu(props: MenuProps) {
  const [active, setActive] = useState(loaded);
  const [openAtOnce, setOpenAtOnce] = useState(false);
  const trigger = (
    <button
      type="button"
      className="button-quiet icon-button"
      aria-label={props.label}
      title={props.label}
      aria-haspopup="menu"
      aria-expanded={false}
      onPointerEnter={preload}
      onFocus={preload}
      onClick={() => {
        setOpenAtOnce(true);
        setActive(true);
      }}
    >
      <Icon name="more" />
    </button>
  );
  return (
    <div className={['more-menu', props.className].filter(Boolean).join(' ')}>
      {active ? (
        <Suspense fallback={trigger}>
          <MenuImpl {...props} defaultOpen={openAtOnce} />
        </Suspense>
      ) : (
        trigger
      )}
    </div>
  );
}

/** One action in a Menu; `onSelect` runs after the menu has closed. */
export function MenuItem(props: MenuItemProps) {
  const render = useContext(MenuItemContext);
  return render ? render(props) : null;
}
