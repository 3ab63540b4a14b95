import { badInput } from '@plein/core';
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** Largest body kept, in bytes of sanitised HTML. */
export const BLOG_BODY_MAX_BYTES = 200 * 1024;
/** Largest body accepted before sanitising: beyond this nobody is writing an article. */
const BLOG_RAW_MAX_BYTES = 1024 * 1024;

export interface SanitizeReport {
  /** Tag names that were removed (with their content for script/style and the like), once each. */
  removedTags: string[];
  /** `tag[attribute]` pairs removed, or whose value (a URL) was refused, once each. */
  removedAttributes: string[];
}

export interface SanitizedBody {
  html: string;
  /** Plain text of the body, for search and previews. */
  text: string;
  report: SanitizeReport;
}

const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'a', 'img',
  'table', 'thead', 'tbody', 'tr', 'th', 'td',
];
// Dropped with everything inside: their content is code or chrome, never prose.
const DROP_WITH_CONTENT = ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'textarea', 'select', 'option', 'title', 'head', 'math', 'svg', 'xmp', 'noembed', 'noframes', 'frameset', 'frame', 'applet'];

const SAFE_HREF = /^(https?:|mailto:)/i;
const SAFE_SRC = /^(https:\/\/|\/photos\/)/i;

/** The markdown renderer: GitHub-flavoured, no raw HTML passes without the sanitiser after it. */
const markdown = new Marked({ gfm: true, async: false });

/**
 * Turns what an author wrote (Markdown, or HTML from a rich-text editor) into the HTML we store:
 * a strict allowlist, so scripts, styles, event handlers, frames and javascript:/data: URLs never
 * survive. Nothing is refused silently: the report lists what was removed, for the author to see.
 */
export function sanitizeBody(input: { bodyMarkdown?: string | null; bodyHtml?: string | null }): SanitizedBody {
  const hasMd = typeof input.bodyMarkdown === 'string';
  const hasHtml = typeof input.bodyHtml === 'string';
  if (hasMd && hasHtml) throw badInput('Give the body as Markdown or as HTML, not both.', { field: 'bodyHtml', messageKey: 'input.notBoth' });
  if (!hasMd && !hasHtml) throw badInput('A post needs a body: bodyMarkdown or bodyHtml.', { field: 'bodyMarkdown', messageKey: 'input.required' });
  const field = hasMd ? 'bodyMarkdown' : 'bodyHtml';
  const raw = (hasMd ? input.bodyMarkdown : input.bodyHtml) as string;
  if (Buffer.byteLength(raw, 'utf8') > BLOG_RAW_MAX_BYTES) {
    throw badInput(`The body is too long: at most ${BLOG_BODY_MAX_BYTES / 1024} KB of text.`, { field, maxBytes: BLOG_BODY_MAX_BYTES });
  }
  if (raw.includes('\u0000')) throw badInput('The body cannot contain NUL characters.', { field, messageKey: 'input.unstorableCharacter' });
  const source = hasMd ? (markdown.parse(raw) as string) : raw;
  const removedTags = new Set<string>();
  const removedAttributes = new Set<string>();
  const html = sanitizeHtml(source, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title', 'width', 'height'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'], code: ['class'] },
    allowedClasses: { code: [/^language-[a-z0-9+#-]{1,30}$/] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROP_WITH_CONTENT,
    parseStyleAttributes: false,
    exclusiveFilter: (frame) => {
      // An image without a usable source is noise: drop it.
      return frame.tag === 'img' && !frame.attribs.src;
    },
    transformTags: {
      a: (tagName, attribs) => {
        const out: Record<string, string> = {};
        const href = (attribs.href ?? '').trim();
        if (href && SAFE_HREF.test(href)) out.href = href;
        else if (attribs.href !== undefined) removedAttributes.add('a[href]');
        if (attribs.title) out.title = attribs.title;
        out.rel = 'noopener noreferrer nofollow';
        for (const k of Object.keys(attribs)) if (!['href', 'title', 'rel', 'target'].includes(k)) removedAttributes.add(`a[${k}]`);
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        const out: Record<string, string> = {};
        const src = (attribs.src ?? '').trim();
        if (src && SAFE_SRC.test(src) && !src.startsWith('//')) out.src = src;
        else removedAttributes.add('img[src]');
        for (const k of ['alt', 'title', 'width', 'height']) if (attribs[k]) out[k] = attribs[k];
        for (const k of Object.keys(attribs)) if (!['src', 'alt', 'title', 'width', 'height'].includes(k)) removedAttributes.add(`img[${k}]`);
        return { tagName, attribs: out };
      },
    },
  });
  // sanitize-html has no removal callback: find what went by comparing the input's tags and attributes with the allowlist.
  collectRemovals(source, removedTags, removedAttributes);
  if (Buffer.byteLength(html, 'utf8') > BLOG_BODY_MAX_BYTES) {
    throw badInput(`The body is too long: at most ${BLOG_BODY_MAX_BYTES / 1024} KB after cleaning.`, { field, maxBytes: BLOG_BODY_MAX_BYTES });
  }
  const text = sanitizeHtml(html.replace(/<\/(p|h[2-4]|li|blockquote|pre|tr|td|th)>|<br\s*\/?>/gi, ' $&'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ').trim();
  if (!text && !/<img\s/i.test(html)) throw badInput('The body is empty once cleaned: write some text.', { field, messageKey: 'input.required' });
  return { html, text, report: { removedTags: [...removedTags].sort(), removedAttributes: [...removedAttributes].sort() } };
}

const ATTRS_OK: Record<string, string[]> = {
  a: ['href', 'title', 'rel', 'target'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  th: ['colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
  code: ['class'],
};

/** Lists the tags and attributes of the input that the allowlist does not keep. */
function collectRemovals(source: string, tags: Set<string>, attributes: Set<string>): void {
  // Parse with sanitize-html's own parser (htmlparser2), keeping everything, and watch what it sees.
  sanitizeHtml(source, {
    allowedTags: false,
    allowedAttributes: false,
    // Its output is thrown away: this pass only looks, so "vulnerable" tags are fine here.
    allowVulnerableTags: true,
    exclusiveFilter: () => false,
    transformTags: {
      '*': (tagName: string, attribs: Record<string, string>) => {
        const tag = tagName.toLowerCase();
        if (!ALLOWED_TAGS.includes(tag)) tags.add(tag);
        else for (const k of Object.keys(attribs)) if (!(ATTRS_OK[tag] ?? []).includes(k.toLowerCase())) attributes.add(`${tag}[${k.toLowerCase()}]`);
        return { tagName, attribs };
      },
    },
  });
}

/**
 * Tags: normalised (normaliseTag), unique, at most 10 of at most 50 characters. A tag written with
 * spaces or punctuation becomes one tag ("cao onderhandelingen" is "cao-onderhandelingen"); only a
 * tag with nothing left (only symbols) is refused.
 */
export function normaliseTags(raw: readonly string[] | null | undefined): string[] {
  if (!raw) return [];
  const tags: string[] = [];
  for (const t of raw) {
    if (typeof t !== 'string') throw badInput('Tags must be text.', { field: 'tags', messageKey: 'input.notText' });
    if (!t.trim()) continue;
    const tag = normaliseTag(t);
    if (!/^[\p{L}\p{M}\p{N}_-]{1,50}$/u.test(tag)) {
      throw badInput(`"${t.slice(0, 60)}" is not a tag: use letters, digits, _ or -, at most 50 characters.`, { field: 'tags', max: 50, messageKey: 'input.invalidTag' });
    }
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > 10) throw badInput(`A post can have at most 10 tags; this one has ${tags.length}.`, { field: 'tags', max: 10, messageKey: 'input.tooMany' });
  return tags;
}

/**
 * One tag as it is stored: without #, NFC, lower-case, and every run of spaces or punctuation (other
 * than _) one hyphen, none at the ends. The web editor shows tags through the same rule
 * (apps/web/src/lib/tags.ts) before saving.
 */
export function normaliseTag(tag: string): string {
  return tag
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}_]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

export function validateTitle(raw: unknown): string {
  if (typeof raw !== 'string') throw badInput('A post needs a title.', { field: 'title', messageKey: 'input.required' });
  const title = raw.replace(/\s+/g, ' ').trim();
  if (!title) throw badInput('The title cannot be empty.', { field: 'title', messageKey: 'input.required' });
  if ([...title].length > 200) throw badInput(`The title can be at most 200 characters; this one has ${[...title].length}.`, { field: 'title', max: 200, messageKey: 'input.tooLong' });
  return title;
}

export type DiffOp = 'EQUAL' | 'ADDED' | 'REMOVED';
export interface DiffHunk {
  op: DiffOp;
  lines: string[];
}

/** Splits stored HTML into one line per block, so a diff shows paragraphs, not one giant line. */
export function linesOf(html: string): string[] {
  return html
    .replace(/(<\/(p|h[2-4]|li|blockquote|pre|tr|table|ul|ol)>|<br\s*\/?>|<hr\s*\/?>)/gi, '$1\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * A line diff (longest common subsequence), as hunks of equal, added and removed lines in order.
 * Bodies are at most 200 KB, so a few thousand lines: the O(n·m) table is fine; beyond 4,000 lines
 * each side we fall back to "all removed, all added" rather than spend seconds.
 */
export function diffLines(before: readonly string[], after: readonly string[]): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  const push = (op: DiffOp, line: string) => {
    const last = hunks[hunks.length - 1];
    if (last && last.op === op) last.lines.push(line);
    else hunks.push({ op, lines: [line] });
  };
  // Common prefix and suffix first: most edits touch a few lines.
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endA = before.length;
  let endB = after.length;
  while (endA > start && endB > start && before[endA - 1] === after[endB - 1]) {
    endA--;
    endB--;
  }
  for (let i = 0; i < start; i++) push('EQUAL', before[i]);
  const a = before.slice(start, endA);
  const b = after.slice(start, endB);
  if (a.length > 4000 || b.length > 4000) {
    for (const l of a) push('REMOVED', l);
    for (const l of b) push('ADDED', l);
  } else {
    const n = a.length;
    const m = b.length;
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[i] === b[j]) {
        push('EQUAL', a[i]);
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) push('REMOVED', a[i++]);
      else push('ADDED', b[j++]);
    }
    while (i < n) push('REMOVED', a[i++]);
    while (j < m) push('ADDED', b[j++]);
  }
  for (let i = endA; i < before.length; i++) push('EQUAL', before[i]);
  return hunks;
}
