import { badInput } from '@plein/core';

/** Longest message, or reshare note, in characters (Unicode code points, as a person counts them). */
export const MESSAGE_MAX_CHARS = 1000;
const HASHTAG_MAX_CHARS = 100;

export interface LinkEntity {
  url: string;
  /** UTF-16 offsets into the stored text, as JavaScript clients index strings. */
  start: number;
  end: number;
}
export interface MentionEntity {
  uid: string;
  start: number;
  end: number;
}
export interface HashtagEntity {
  tag: string;
  start: number;
  end: number;
}
export interface ParsedText {
  links: LinkEntity[];
  mentions: MentionEntity[];
  hashtags: HashtagEntity[];
}

/**
 * Validates a message text and returns it as stored: trimmed, otherwise exactly as given. It is
 * plain text, never markup: clients escape it and build links from the returned entities.
 */
export function validateMessageText(raw: unknown, opts: { field: string; allowEmpty?: boolean; what?: string }): string {
  const what = opts.what ?? 'A message';
  if (raw === undefined || raw === null) {
    if (opts.allowEmpty) return '';
    throw badInput(`${what} needs some text.`, { field: opts.field, messageKey: 'input.required' });
  }
  if (typeof raw !== 'string') throw badInput(`${what} must be text.`, { field: opts.field, messageKey: 'input.notText' });
  const text = raw.trim();
  if (text.includes('\u0000')) throw badInput(`${what} cannot contain NUL characters.`, { field: opts.field, messageKey: 'input.unstorableCharacter' });
  if (text.length === 0 && !opts.allowEmpty) {
    throw badInput(`${what} cannot be empty or only whitespace.`, { field: opts.field, messageKey: 'input.required' });
  }
  const chars = [...text].length;
  if (chars > MESSAGE_MAX_CHARS) {
    throw badInput(`${what} can be at most ${MESSAGE_MAX_CHARS} characters; this one has ${chars}.`, { field: opts.field, max: MESSAGE_MAX_CHARS, messageKey: 'input.tooLong' });
  }
  return text;
}

/** Lower-case, NFC, accents kept: "#Café" and "#cafe\u0301" are one tag, "#cafe" another. */
export function normaliseHashtag(tag: string): string {
  return tag.replace(/^#/, '').normalize('NFC').toLowerCase();
}

const LINK = /\bhttps?:\/\/[^\s<>"]+/giu;
const TRAILING = /[.,;:!?'")\]}]+$/u;
// Preceded by the start or by something that is not part of a word, an address or a URL.
const MENTION = /(^|[^\p{L}\p{N}_.@/])@([a-z0-9](?:[a-z0-9._-]{0,126}[a-z0-9])?)/giu;
const HASHTAG = /(^|[^\p{L}\p{N}_&/#])#([\p{L}\p{M}\p{N}_]+)/gu;

/** Finds links, @uid mentions and #hashtags. Mentions are candidates until resolved to people. */
export function parseMessageText(text: string): ParsedText {
  const links: LinkEntity[] = [];
  for (const m of text.matchAll(LINK)) {
    const url = m[0].replace(TRAILING, '');
    if (url.length > 'https://'.length) links.push({ url, start: m.index, end: m.index + url.length });
  }
  const inLink = (i: number) => links.some((l) => i >= l.start && i < l.end);

  const mentions: MentionEntity[] = [];
  for (const m of text.matchAll(MENTION)) {
    const start = m.index + m[1].length;
    if (inLink(start)) continue;
    mentions.push({ uid: m[2].toLowerCase(), start, end: start + 1 + m[2].length });
  }

  const hashtags: HashtagEntity[] = [];
  for (const m of text.matchAll(HASHTAG)) {
    const start = m.index + m[1].length;
    if (inLink(start)) continue;
    const tag = normaliseHashtag(m[2]);
    // "#1" is a number, not a topic; very long runs are noise.
    if (!/\p{L}/u.test(tag) || [...tag].length > HASHTAG_MAX_CHARS) continue;
    hashtags.push({ tag, start, end: start + 1 + m[2].length });
  }
  return { links, mentions, hashtags };
}
