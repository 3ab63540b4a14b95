import type { Language } from '../mail-kinds.js';
import { EN } from './strings.en.js';
import { NL } from './strings.nl.js';

/** Every string a mail shows; one file per language (strings.nl.ts, strings.en.ts), typed alike. */
export interface MailStrings {
  brand: string;
  digestSubject: string;
  digestPreheader: string;
  digestTitle: string;
  digestIntro: string;
  featured: string;
  conversations: string;
  conversationMeta: string;
  conversationMetaOne: string;
  notices: string;
  noticeOpen: string;
  vacancies: string;
  vacancyCloses: string;
  colleagues: string;
  yourReach: string;
  reachReaders: string;
  reachReadersOne: string;
  reachAnswers: string;
  reachAnswersOne: string;
  open: string;
  openPlein: string;
  notifySubjectOne: string;
  notifySubjectMany: string;
  notifyPreheader: string;
  notifyTitle: string;
  notifyMore: string;
  notifyMention: string;
  notifyReply: string;
  notifyBlogComment: string;
  notifyJoinRequest: string;
  notifyModeration: string;
  notifyNotice: string;
  footerWhyDigest: string;
  footerWhyNotify: string;
  settings: string;
  unsubscribe: string;
  someone: string;
}

export const STRINGS: Record<Language, MailStrings> = { nl: NL, en: EN };

/** Fills {placeholders}; values are plain text (the HTML templates escape them). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}
