import type { Language } from '@plein/core';

/**
 * The moderation audit CSV in the reader's language: headers, the event in words (beside its code,
 * which stays for compliance tooling) and item types. The web app's audit page has its own words
 * (apps/web/src/locales); these are for the file that leaves Plein.
 */
const nl = {
  header: ['id', 'tijdstip', 'door (id)', 'gebeurtenis (code)', 'gebeurtenis', 'soort item', 'item (id)', 'betreft (id)', 'reden', 'voor', 'na'],
  events: {
    'report.created': 'Rapportage gedaan',
    'action.dismiss': 'Rapportages afgewezen',
    'action.hide': 'Verborgen',
    'action.remove': 'Verwijderd',
    'action.warn': 'Gewaarschuwd',
    'action.suspend': 'Geschorst',
    'action.escalate': 'Doorgezet naar beheerders',
    'action.auto_hide': 'Automatisch verborgen',
    'appeal.created': 'Bezwaar ingediend',
    'appeal.upheld': 'Bezwaar afgewezen',
    'appeal.overturned': 'Bezwaar toegewezen',
    'settings.auto_hide': 'Automatisch verbergen ingesteld',
  } as Record<string, string>,
  items: { MESSAGE: 'Bericht', BLOG_POST: 'Blogpost', BLOG_COMMENT: 'Blogreactie', PROFILE: 'Profiel', PHOTO: 'Profielfoto', GROUP: 'Groep', POLL: 'Peiling' } as Record<string, string>,
};

const en: typeof nl = {
  header: ['id', 'at', 'by (id)', 'event (code)', 'event', 'item type', 'item (id)', 'about (id)', 'reason', 'before', 'after'],
  events: {
    'report.created': 'Report made',
    'action.dismiss': 'Reports dismissed',
    'action.hide': 'Hidden',
    'action.remove': 'Removed',
    'action.warn': 'Warned',
    'action.suspend': 'Suspended',
    'action.escalate': 'Escalated to admins',
    'action.auto_hide': 'Hidden automatically',
    'appeal.created': 'Appeal made',
    'appeal.upheld': 'Appeal rejected',
    'appeal.overturned': 'Appeal granted',
    'settings.auto_hide': 'Automatic hiding set',
  },
  items: { MESSAGE: 'Message', BLOG_POST: 'Blog post', BLOG_COMMENT: 'Blog comment', PROFILE: 'Profile', PHOTO: 'Profile photo', GROUP: 'Group', POLL: 'Poll' },
};

export const AUDIT_CSV_STRINGS: Record<Language, typeof nl> = { nl, en };
