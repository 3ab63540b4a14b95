/** "Jan van der Berg" → "JB": the capitalised parts, so tussenvoegsels are skipped. */
export function initials(name: string): string {
  const parts = name.split(/\s+/).filter((p) => /^[\p{Lu}]/u.test(p));
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}
