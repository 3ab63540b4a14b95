const PREFIXES = ["van der", "van den", "van de", "van 't", "van het", "in 't", "op de", "ter", "ten", "van", "de", "den", "der", "het", "'t", "te"];

/**
 * Splits "van der Berg" into the tussenvoegsel and the family name. The directory owns how a name
 * is stored, so every source (LDAP at first login, SCIM, the HR file) splits the same way.
 */
export function splitFamilyName(sn: string): { prefix: string | null; family: string } {
  const trimmed = sn.trim();
  const lower = trimmed.toLowerCase();
  for (const p of PREFIXES) {
    if (lower.startsWith(p + ' ') && trimmed.length > p.length + 1) {
      return { prefix: trimmed.slice(0, p.length), family: trimmed.slice(p.length + 1).trim() };
    }
  }
  return { prefix: null, family: trimmed };
}
