import type { PersonModel } from './models/person.model.js';

const RESTRICTED = Symbol('barrierRestricted');

/**
 * A person behind an information barrier from the viewer: name only. HR details are blanked here,
 * and the field resolvers (profile, contacts, photo, custom fields) answer empty for the mark.
 */
export function redactForBarrier<T extends PersonModel>(person: T): T {
  return Object.assign(Object.create(Object.getPrototypeOf(person) as object) as T, person, {
    jobTitle: null,
    location: null,
    email: '',
    phone: null,
    departmentId: null,
    managerId: null,
    photoId: null,
    startDate: null,
    roles: [],
    [RESTRICTED]: true,
  });
}

export function isBarrierRestricted(person: PersonModel): boolean {
  return (person as unknown as Record<symbol, unknown>)[RESTRICTED] === true;
}
