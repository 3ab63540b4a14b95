import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

/** Every string the UI shows, in Dutch (the default) and English. Keys are grouped by screen. */
const nl = {
  'app.name': 'Plein',
  'app.tagline': 'Het plein van ons bedrijf',
  'app.loading': 'Bezig met laden…',
  'app.error': 'Er ging iets mis. Probeer het opnieuw.',
  'app.retry': 'Opnieuw proberen',
  'app.skip': 'Naar de inhoud',
  'nav.home': 'Start',
  'nav.people': 'Collega’s',
  'nav.profile': 'Mijn profiel',
  'nav.logout': 'Uitloggen',
  'nav.language': 'Taal',
  'nav.main': 'Hoofdmenu',
  'login.title': 'Inloggen bij Plein',
  'login.intro': 'Log in met je gebruikersnaam en wachtwoord van het bedrijfsnetwerk.',
  'login.username': 'Gebruikersnaam',
  'login.password': 'Wachtwoord',
  'login.submit': 'Inloggen',
  'login.busy': 'Bezig met inloggen…',
  'login.failed': 'Onjuiste gebruikersnaam of wachtwoord.',
  'login.locked': 'Te veel pogingen. Probeer het over {seconds} seconden opnieuw.',
  'login.unavailable': 'De bedrijfsdirectory is even niet bereikbaar. Probeer het zo opnieuw.',
  'login.deactivated': 'Dit account is gedeactiveerd. Neem contact op met HR als dit niet klopt.',
  'login.demo': 'Demo: demo.employee, demo.contractor, demo.moderator … met wachtwoord plein-demo.',
  'home.welcome': 'Welkom, {name}',
  'home.intro': 'Hier verschijnen berichten van collega’s die je volgt, je groepen en bedrijfsnieuws.',
  'home.empty': 'Nog geen berichten. Volg collega’s of plaats zelf iets.',
  'profile.title': 'Profiel',
  'profile.department': 'Afdeling',
  'profile.manager': 'Leidinggevende',
  'profile.jobTitle': 'Functie',
  'profile.location': 'Locatie',
  'profile.none': '—',
  'badge.EMPLOYEE': 'Medewerker',
  'badge.CONTRACTOR': 'Gedetacheerd',
  'badge.FREELANCER': 'Freelancer',
  'badge.help.EMPLOYEE': 'In loondienst',
  'badge.help.CONTRACTOR': 'Gedetacheerd via een ander bedrijf',
  'badge.help.FREELANCER': 'Zelfstandige',
  'feed.following': 'Volgend',
  'feed.everyone': 'Iedereen',
  'feed.tabs': 'Kies een tijdlijn',
  'feed.more': 'Meer laden',
  'feed.end': 'Je bent helemaal bij.',
  'feed.new': '{count} nieuwe berichten: bekijk ze',
  'feed.new.one': '1 nieuw bericht: bekijk het',
  'composer.label': 'Wat wil je delen?',
  'composer.placeholder': 'Deel iets met je collega’s… gebruik @naam en #onderwerp',
  'composer.audience': 'Wie mag het zien?',
  'composer.audience.company': 'Iedereen (ook gedetacheerden en freelancers)',
  'composer.audience.employees': 'Alleen medewerkers in loondienst',
  'composer.post': 'Plaatsen',
  'composer.posting': 'Bezig met plaatsen…',
  'composer.left': '{count} tekens over',
  'composer.tooLong': '{count} tekens te veel',
  'message.like': 'Vind ik leuk',
  'message.unlike': 'Vind ik niet meer leuk',
  'message.likes': '{count} vind-ik-leuks',
  'message.replies': '{count} reacties',
  'message.reply': 'Reageren',
  'message.replyPlaceholder': 'Schrijf een reactie…',
  'message.send': 'Versturen',
  'message.reshare': 'Delen',
  'message.reshareTitle': 'Delen met je eigen woorden',
  'message.reshareHint': 'Een persoonlijke noot maakt het verschil: waarom deel je dit?',
  'message.reshareNote': 'Jouw noot',
  'message.reshareConfirm': 'Delen',
  'message.cancel': 'Annuleren',
  'message.delete': 'Verwijderen',
  'message.deleteConfirm': 'Dit bericht verwijderen?',
  'message.edit': 'Bewerken',
  'message.save': 'Opslaan',
  'message.edited': 'bewerkt',
  'message.employeesOnly': 'Alleen medewerkers',
  'message.reshared': '{name} deelde',
  'message.unavailable': 'Dit bericht is niet (meer) beschikbaar.',
  'message.actions': 'Acties voor dit bericht',
  'notfound.title': 'Pagina niet gevonden',
  'notfound.back': 'Terug naar start',
} as const;

export type MessageKey = keyof typeof nl;

const en: Record<MessageKey, string> = {
  'app.name': 'Plein',
  'app.tagline': 'Our company’s square',
  'app.loading': 'Loading…',
  'app.error': 'Something went wrong. Please try again.',
  'app.retry': 'Try again',
  'app.skip': 'Skip to content',
  'nav.home': 'Home',
  'nav.people': 'Colleagues',
  'nav.profile': 'My profile',
  'nav.logout': 'Log out',
  'nav.language': 'Language',
  'nav.main': 'Main menu',
  'login.title': 'Log in to Plein',
  'login.intro': 'Log in with your company network username and password.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.busy': 'Logging in…',
  'login.failed': 'Wrong username or password.',
  'login.locked': 'Too many attempts. Try again in {seconds} seconds.',
  'login.unavailable': 'The company directory is unavailable right now. Please try again shortly.',
  'login.deactivated': 'This account has been deactivated. Contact HR if this is a mistake.',
  'login.demo': 'Demo: demo.employee, demo.contractor, demo.moderator … with password plein-demo.',
  'home.welcome': 'Welcome, {name}',
  'home.intro': 'Messages from colleagues you follow, your groups and company news appear here.',
  'home.empty': 'No messages yet. Follow colleagues or post something yourself.',
  'profile.title': 'Profile',
  'profile.department': 'Department',
  'profile.manager': 'Manager',
  'profile.jobTitle': 'Job title',
  'profile.location': 'Location',
  'profile.none': '—',
  'badge.EMPLOYEE': 'Employee',
  'badge.CONTRACTOR': 'Contractor',
  'badge.FREELANCER': 'Freelancer',
  'badge.help.EMPLOYEE': 'On the payroll',
  'badge.help.CONTRACTOR': 'Seconded through another company',
  'badge.help.FREELANCER': 'Self-employed',
  'feed.following': 'Following',
  'feed.everyone': 'Everyone',
  'feed.tabs': 'Choose a timeline',
  'feed.more': 'Load more',
  'feed.end': 'You are all caught up.',
  'feed.new': '{count} new messages: show them',
  'feed.new.one': '1 new message: show it',
  'composer.label': 'What do you want to share?',
  'composer.placeholder': 'Share something with your colleagues… use @name and #topic',
  'composer.audience': 'Who may see it?',
  'composer.audience.company': 'Everyone (contractors and freelancers too)',
  'composer.audience.employees': 'Payroll employees only',
  'composer.post': 'Post',
  'composer.posting': 'Posting…',
  'composer.left': '{count} characters left',
  'composer.tooLong': '{count} characters too many',
  'message.like': 'Like',
  'message.unlike': 'Unlike',
  'message.likes': '{count} likes',
  'message.replies': '{count} replies',
  'message.reply': 'Reply',
  'message.replyPlaceholder': 'Write a reply…',
  'message.send': 'Send',
  'message.reshare': 'Share',
  'message.reshareTitle': 'Share in your own words',
  'message.reshareHint': 'A personal note makes the difference: why are you sharing this?',
  'message.reshareNote': 'Your note',
  'message.reshareConfirm': 'Share',
  'message.cancel': 'Cancel',
  'message.delete': 'Delete',
  'message.deleteConfirm': 'Delete this message?',
  'message.edit': 'Edit',
  'message.save': 'Save',
  'message.edited': 'edited',
  'message.employeesOnly': 'Employees only',
  'message.reshared': '{name} shared',
  'message.unavailable': 'This message is not available (any more).',
  'message.actions': 'Actions for this message',
  'notfound.title': 'Page not found',
  'notfound.back': 'Back to home',
};

export type Language = 'nl' | 'en';
const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { nl, en };

interface I18n {
  language: Language;
  setLanguage(l: Language): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  formatDate(d: Date | string): string;
  formatNumber(n: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const saved = localStorage.getItem('plein.language');
  return saved === 'en' || saved === 'nl' ? saved : 'nl';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((l: Language) => {
    localStorage.setItem('plein.language', l);
    setLanguageState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = DICTIONARIES[language];
    const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
    return {
      language,
      setLanguage,
      t: (key, vars) => dict[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`)),
      formatDate: (d) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(d)),
      formatNumber: (n) => new Intl.NumberFormat(locale).format(n),
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
