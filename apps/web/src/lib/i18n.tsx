import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, createIntl, createIntlCache, type IntlShape } from 'react-intl';
import nl from '../locales/nl.json';

/**
 * The UI's language, through FormatJS (react-intl): ICU messages with plurals, one catalog per
 * language in `src/locales/`. Dutch is the default and ships in the first bundle; English is
 * loaded when someone picks it. `test/i18n-catalogs.test.ts` fails on a key missing in a language,
 * an unused key, or a message whose placeholders differ between languages.
 */
export type MessageKey = keyof typeof nl;
export type Language = 'nl' | 'en';
type Catalog = Record<MessageKey, string>;

const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };
const catalogs: Partial<Record<Language, Catalog>> = { nl };

async function loadCatalog(language: Language): Promise<Catalog> {
  const cached = catalogs[language];
  if (cached) return cached;
  const loaded = (await import('../locales/en.json')).default as Catalog;
  catalogs[language] = loaded;
  return loaded;
}

type Values = Record<string, string | number | Date>;

interface I18n {
  language: Language;
  setLanguage(l: Language): void;
  t(key: MessageKey, vars?: Values): string;
  formatDate(d: Date | string): string;
  formatNumber(n: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function savedLanguage(): Language {
  const saved = localStorage.getItem('plein.language');
  return saved === 'en' || saved === 'nl' ? saved : 'nl';
}

const cache = createIntlCache();

function makeIntl(language: Language, messages: Catalog): IntlShape {
  return createIntl({ locale: LOCALES[language], defaultLocale: 'nl-NL', messages }, cache);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const initial = savedLanguage();
  const [state, setState] = useState<{ language: Language; intl: IntlShape } | null>(() =>
    catalogs[initial] ? { language: initial, intl: makeIntl(initial, catalogs[initial]) } : null,
  );
  const switchTo = useCallback((l: Language) => {
    void loadCatalog(l).then((messages) => setState({ language: l, intl: makeIntl(l, messages) }));
  }, []);
  useEffect(() => {
    if (!state) switchTo(initial);
  }, [state, initial, switchTo]);
  useEffect(() => {
    if (state) document.documentElement.lang = state.language;
  }, [state]);
  const setLanguage = useCallback(
    (l: Language) => {
      localStorage.setItem('plein.language', l);
      switchTo(l);
    },
    [switchTo],
  );
  const value = useMemo<I18n | null>(() => {
    if (!state) return null;
    const { intl, language } = state;
    return {
      language,
      setLanguage,
      t: (key, vars) => intl.formatMessage({ id: key }, vars),
      formatDate: (d) => intl.formatDate(new Date(d), { dateStyle: 'medium', timeStyle: 'short' }),
      formatNumber: (n) => intl.formatNumber(n),
    };
  }, [state, setLanguage]);
  if (!state || !value) return null;
  return (
    <IntlProvider locale={state.intl.locale} defaultLocale="nl-NL" messages={state.intl.messages}>
      <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
    </IntlProvider>
  );
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
