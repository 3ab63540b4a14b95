/**
 * Blog tags as the server stores them (libs/blogs/src/blog-html.ts normaliseTag, the same rule):
 * without #, lower-case, every run of spaces or punctuation (other than _) one hyphen, none at the
 * ends. "Cao onderhandelingen" is the tag "cao-onderhandelingen". The editor shows this before saving.
 */
export function normaliseTag(tag: string): string {
  return tag
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}_]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** The tags of a comma-separated field, normalised and unique, in order. */
export function tagsOf(field: string): string[] {
  const tags: string[] = [];
  for (const part of field.split(',')) {
    const tag = normaliseTag(part);
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}
