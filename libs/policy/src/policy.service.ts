import { Injectable } from '@nestjs/common';
import { forbidden, unauthenticated } from '@plein/core';
import type { Actor, Audience, RoleValue } from './actor.js';

/** Everything an actor may be asked about. Later domains add their actions here, in one place. */
export type Action =
  | 'person.read'
  | 'person.readContactDetails'
  | 'directory.administer'
  | 'moderation.access'
  | 'realtime.broadcast';

/**
 * The one place where "may this actor see/do this" is decided. Resolvers, services, list queries
 * and realtime emits all ask here; nothing decides on its own.
 *
 * Three shapes of answer, as ARCHITECTURE.md describes:
 * - `can` / `assert` for single items and actions;
 * - `audiencePredicate` for lists, as SQL, so filtering happens in the database;
 * - `roomsFor` for sockets, so realtime never reaches someone a list would hide from.
 */
@Injectable()
export class PolicyService {
  hasRole(actor: Actor, role: RoleValue): boolean {
    return actor.roles.includes(role);
  }

  isPayroll(actor: Actor): boolean {
    return actor.employmentType === 'employee';
  }

  can(actor: Actor | undefined, action: Action): boolean {
    if (!actor) return false;
    switch (action) {
      case 'person.read':
        return true;
      case 'person.readContactDetails':
        return true;
      case 'directory.administer':
        return this.hasRole(actor, 'admin');
      case 'moderation.access':
        return this.hasRole(actor, 'community_manager') || this.hasRole(actor, 'admin');
      case 'realtime.broadcast':
        return this.hasRole(actor, 'admin');
      default: {
        const exhaustive: never = action;
        return exhaustive;
      }
    }
  }

  /** Throws UNAUTHENTICATED without an actor and FORBIDDEN when the action is not allowed. */
  assert(actor: Actor | undefined, action: Action): asserts actor is Actor {
    if (!actor) throw unauthenticated();
    if (!this.can(actor, action)) throw forbidden();
  }

  /**
   * May the actor read content addressed to this audience? Group audiences need the membership
   * set, which the groups lib passes in (it owns membership); until then no group is readable.
   */
  canSeeAudience(actor: Actor, audience: Audience, groupIds: ReadonlySet<string> = new Set()): boolean {
    if (audience === 'company') return true;
    if (audience === 'employees') return this.isPayroll(actor);
    return groupIds.has(audience.slice('group:'.length));
  }

  /**
   * SQL predicate over an `audience` text column for lists: `WHERE ${sql}` with `params` appended.
   * `firstParam` is the index of the first placeholder to use ($n).
   */
  audiencePredicate(actor: Actor, column: string, firstParam: number, groupIds: readonly string[] = []): { sql: string; params: unknown[] } {
    const allowed: string[] = ['company'];
    if (this.isPayroll(actor)) allowed.push('employees');
    for (const g of groupIds) allowed.push(`group:${g}`);
    return { sql: `${column} = ANY($${firstParam}::text[])`, params: [allowed] };
  }

  /** The Socket.IO rooms a connected actor belongs to: its own room and the audiences it may read. */
  roomsFor(actor: Actor, groupIds: readonly string[] = []): string[] {
    const rooms = [userRoom(actor.personId), 'audience:company'];
    if (this.isPayroll(actor)) rooms.push('audience:employees');
    for (const g of groupIds) rooms.push(`audience:group:${g}`);
    return rooms;
  }

  /** The room an emit for content with this audience goes to. */
  roomForAudience(audience: Audience): string {
    return `audience:${audience}`;
  }
}

export function userRoom(personId: string): string {
  return `user:${personId}`;
}
