import * as RadixTabs from '@radix-ui/react-tabs';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

const Current = createContext<string | null>(null);

/**
 * Tabs (Radix Tabs: role="tablist"/"tab"/"tabpanel", arrow keys move between tabs, Home/End).
 * Only the chosen panel is rendered. Pair with `useTabParam` to put the tab in the address.
 */
export function Tabs({ value, onValueChange, children, className }: { value: string; onValueChange: (value: string) => void; children: ReactNode; className?: string }) {
  return (
    <RadixTabs.Root value={value} onValueChange={onValueChange} className={['ui-tabs', className].filter(Boolean).join(' ')}>
      <Current.Provider value={value}>{children}</Current.Provider>
    </RadixTabs.Root>
  );
}

/** The row of tabs; `label` names it for screen readers. Scrolls sideways on its own if it must, never the page. */
export function TabList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <RadixTabs.List className="ui-tablist" aria-label={label}>
      {children}
    </RadixTabs.List>
  );
}

export function Tab({ value, children }: { value: string; children: ReactNode }) {
  return (
    <RadixTabs.Trigger className="ui-tab" value={value}>
      {children}
    </RadixTabs.Trigger>
  );
}

/** One tab's content. `keepMounted` keeps it (and its state, say a live feed) while another tab is shown, hidden. */
export function TabPanel({ value, children, className, keepMounted = false }: { value: string; children: ReactNode; className?: string; keepMounted?: boolean }) {
  const current = useContext(Current);
  const classes = ['ui-tabpanel', className].filter(Boolean).join(' ');
  if (keepMounted)
    return (
      <RadixTabs.Content className={classes} value={value} forceMount hidden={current !== value}>
        {children}
      </RadixTabs.Content>
    );
  return (
    <RadixTabs.Content className={classes} value={value}>
      {children}
    </RadixTabs.Content>
  );
}

/**
 * The chosen tab, kept in the address as `?tab=…` (replaceState: switching tabs adds no history
 * entries, a link or a reload opens the same tab). A value not in `allowed` falls back to the first.
 */
export function useTabParam<T extends string>(allowed: readonly T[], param = 'tab'): [T, (value: string) => void] {
  const read = useCallback((): T => {
    const v = new URLSearchParams(window.location.search).get(param);
    return allowed.includes(v as T) ? (v as T) : allowed[0]!;
  }, [allowed, param]);
  const [value, setValue] = useState<T>(read);
  useEffect(() => {
    const onPop = () => setValue(read());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [read]);
  // A tab that went away (admin rights lost) falls back to the first.
  const current = allowed.includes(value) ? value : allowed[0]!;
  const choose = useCallback(
    (next: string) => {
      if (!allowed.includes(next as T)) return;
      setValue(next as T);
      const url = new URL(window.location.href);
      if (next === allowed[0]) url.searchParams.delete(param);
      else url.searchParams.set(param, next);
      window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    },
    [allowed, param],
  );
  return [current, choose];
}
