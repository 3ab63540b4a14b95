import type { Actor } from '../actor.js';
import { hasRole, isPayroll } from './actions.rules.js';

/** Who may see a profile detail (a contact, a custom field): see `canSeeDetail`. */
export type DetailVisibility = 'everyone' | 'employees' | 'nobody';

/** Who fills a custom profile field: the HR import, the person themselves, or admins. */
export type FieldFiller = 'hr' | 'person' | 'admin';

/**
 * May `viewer` see a detail of `ownerId`'s profile shown with this visibility? The owner always
 * sees their own; `employees` means payroll colleagues only (contractors and freelancers not);
 * `nobody` hides it from everyone else, admins included (HR has its own records).
 */
export function canSeeDetail(viewer: Actor, visibility: DetailVisibility, ownerId: string): boolean {
  if (viewer.personId === ownerId) return true;
  switch (visibility) {
    case 'everyone':
      return true;
    case 'employees':
      return isPayroll(viewer);
    case 'nobody':
      return false;
    default: {
      const exhaustive: never = visibility;
      return exhaustive;
    }
  }
}

/**
 * Custom profile fields are company data that admins administer: admins see every value, others
 * as for any profile detail.
 */
export function canSeeProfileField(viewer: Actor, visibility: DetailVisibility, ownerId: string): boolean {
  return hasRole(viewer, 'admin') || canSeeDetail(viewer, visibility, ownerId);
}

/**
 * May `actor` set `personId`'s value of a custom field filled by `filledBy`? Person-filled: the
 * person on themselves; admin-filled: admins; HR-filled: nobody (only the HR import writes them).
 */
export function canSetProfileFieldValue(actor: Actor, filledBy: FieldFiller, personId: string): boolean {
  switch (filledBy) {
    case 'person':
      return actor.personId === personId;
    case 'admin':
      return hasRole(actor, 'admin');
    case 'hr':
      return false;
    default: {
      const exhaustive: never = filledBy;
      return exhaustive;
    }
  }
}
