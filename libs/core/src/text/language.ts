/** The languages Plein speaks. A person's choice is stored on the person (`people.language`, default Dutch). */
export type Language = 'nl' | 'en';
export const LANGUAGES: readonly Language[] = ['nl', 'en'];

export function isLanguage(value: unknown): value is Language {
  return value === 'nl' || value === 'en';
}

/** The person's language, Dutch when unset or unknown. Any client with `query` (a DataSource or EntityManager). */
export async function languageOfPerson(db: { query(sql: string, params?: unknown[]): Promise<unknown> }, personId: string): Promise<Language> {
  const rows = (await db.query(`SELECT language FROM people WHERE id = $1`, [personId])) as { language: string | null }[];
  return isLanguage(rows[0]?.language) ? rows[0].language : 'nl';
}
