import type { EntityManager } from 'typeorm';
import type { ProfileFieldType } from '../entities/profile-field.entity.js';
import { HR_FIELDS } from './hr-mapping.js';

/** A custom profile field filled by HR: the import reads a column named after its key (or mapped). */
export interface HrCustomField {
  id: string;
  key: string;
  type: ProfileFieldType;
  options: string[];
}

/** Multi-choice custom fields take their options in one cell, separated by this. */
export const MULTI_SEPARATOR = '|';

/** Loads the custom profile fields HR fills (keys that clash with a Plein field are left to the Plein field). */
export async function hrCustomFields(em: EntityManager): Promise<HrCustomField[]> {
  const rows: HrCustomField[] = await em.query(`SELECT id, key, type, options FROM profile_fields WHERE filled_by = 'hr' ORDER BY key`);
  return rows.filter((f) => !(HR_FIELDS as readonly string[]).includes(f.key));
}
