import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Icon } from '../Icons.js';
import { MenuItemContext, type MenuItemProps, type MenuProps } from './Menu.js';
import { stop } from './portal.js';

function renderItem({ onSelect, children, danger, disabled }: MenuItemProps) {
  return (
    <DropdownMenu.Item className={danger ? 'ui-menu-item ui-menu-item-danger' : 'ui-menu-item'} disabled={disabled} onSelect={onSelect}>
      {children}
    </DropdownMenu.Item>
  );
}

/** The Radix half of Menu (its own chunk, see Menu.tsx). */
export function MenuImpl({ label, children, side = 'bottom', align = 'end', defaultOpen }: MenuProps & { defaultOpen: boolean }) {
  return (
    <DropdownMenu.Root defaultOpen={defaultOpen} modal={false}>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="button-quiet icon-button" aria-label={label} title={label}>
          <Icon name="more" />
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="ui-menu" side={side} align={align} sideOffset={4} collisionPadding={8} loop onClick={stop}>
          <MenuItemContext.Provider value={renderItem}>{children}</MenuItemContext.Provider>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
