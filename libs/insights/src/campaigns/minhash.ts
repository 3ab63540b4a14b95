/**
 * Near-duplicate detection by MinHash over word shingles, with LSH banding: two texts whose word
 * 3-shingle sets have Jaccard similarity s share at least one band key with probability
 * 1 - (1 - s^ROWS)^BANDS (8 bands × 4 rows: 50% at s ≈ 0.59, 98% at s = 0.8, 3% at s = 0.3).
 * Candidates come from an exact lookup of band keys, so the cost does not grow with history.
 */
export const HASHES = 32;
export const BANDS = 8;
export const ROWS = HASHES / BANDS;
export const SHINGLE = 3;
/** Shorter texts ("Gefeliciteerd allemaal!") are too common to call a campaign. */
export const MIN_WORDS = 6;

const SEEDS = Array.from({ length: HASHES }, (_, i) => fmix32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)));

/**
 * Lower-case, accents kept apart from letters (NFKD, marks dropped), links, @mentions and #hashtags
 * removed, punctuation and whitespace collapsed: what is left is the words someone wrote.
 */
export function normaliseText(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\b(?:https?:\/\/|www\.)\S+/g, ' ')
    .replace(/[@#][\p{L}\p{N}_.-]+/gu, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** The MinHash signature of the text's word shingles; null when the text is too short to judge. */
export function signatureOf(words: readonly string[]): number[] | null {
  if (words.length < MIN_WORDS) return null;
  const sig = new Array<number>(HASHES).fill(0x7fffffff);
  for (let i = 0; i + SHINGLE <= words.length; i++) {
    const h = fnv1a(words.slice(i, i + SHINGLE).join(' '));
    for (let k = 0; k < HASHES; k++) {
      // Kept in 31 bits so the signature fits Postgres integer[].
      const v = fmix32(h ^ SEEDS[k]) & 0x7fffffff;
      if (v < sig[k]) sig[k] = v;
    }
  }
  return sig;
}

/** One key per band, as a bigint-safe number: band index in the high bits, the band's hash below. */
export function bandKeys(sig: readonly number[]): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) h = fmix32(h ^ sig[b * ROWS + r]);
    keys.push(b * 2 ** 32 + (h >>> 0));
  }
  return keys;
}

/** The share of equal signature positions: an estimate of the Jaccard similarity. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
