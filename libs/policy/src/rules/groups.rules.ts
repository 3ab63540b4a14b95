import type { Actor } from '../actor.js';
import { actionAllowed, isPayroll } from './actions.rules.js';

/** Group kinds: open (anyone joins and reads), closed (visible, joining needs approval), secret (members only, invitation only). */
export type GroupKindValue = 'open' | 'closed' | 'secret';
export type GroupRoleValue = 'owner' | 'admin' | 'member';
/** One row per person and group: a pending invitation or join request, a membership, or a ban. */
export type GroupMemberStatusValue = 'invited' | 'requested' | 'active' | 'banned';

/** What policy needs to know about a group (the groups lib owns the rows). */
export interface GroupFacts {
  kind: GroupKindValue;
  payrollOnly: boolean;
  archived: boolean;
  deleted: boolean;
  /** Hidden or removed by moderation: gone for everyone but community managers and admins. */
  moderated?: boolean;
}

/** The actor's row for that group, if any. */
export interface GroupMembershipFacts {
  role: GroupRoleValue;
  status: GroupMemberStatusValue;
}

/**
 * What one may do with a group. see/list/search: know it exists; read: its feed and members; post;
 * join (open: at once; an invitation: accept it); request (closed: ask to join); invite;
 * moderate (requests, remove, ban, roles, pins, announcements); edit; archive; delete; transfer.
 */
export type GroupAction =
  | 'see'
  | 'list'
  | 'search'
  | 'read'
  | 'post'
  | 'join'
  | 'request'
  | 'invite'
  | 'moderate'
  | 'edit'
  | 'archive'
  | 'delete'
  | 'transfer'
  | 'leave';

/** An active owner or admin of the group: moderates it (requests, removals, bans, roles, pins, announcements; its reported content). */
export function isGroupAdmin(membership: GroupMembershipFacts | null | undefined): boolean {
  return membership?.status === 'active' && (membership.role === 'owner' || membership.role === 'admin');
}

/**
 * The rules of groups, in one place. Secret groups do not exist for anyone but their members and
 * invitees (platform admins included: they moderate what they can see). A payroll-only group
 * refuses contractors and freelancers everything but knowing that a non-secret one exists.
 * Archived groups are read-only. Group admins (and the owner) moderate; only the owner transfers.
 */
export function groupRule(actor: Actor, action: GroupAction, group: GroupFacts, membership: GroupMembershipFacts | null): boolean {
  if (group.deleted) return false;
  if (group.moderated && !actionAllowed(actor, 'moderation.access')) return false;
  const status = membership?.status ?? null;
  const active = status === 'active';
  const groupAdmin = isGroupAdmin(membership);
  const payrollBlocked = group.payrollOnly && !isPayroll(actor);
  const see = group.kind === 'secret' ? (status === 'active' || status === 'invited') && !payrollBlocked : true;
  if (!see) return false;
  const siteModerator = actionAllowed(actor, 'moderation.access');
  switch (action) {
    case 'see':
    case 'list':
    case 'search':
      return true;
    case 'read':
      return !payrollBlocked && status !== 'banned' && (group.kind === 'open' || active);
    case 'post':
      return !payrollBlocked && active && !group.archived;
    case 'join':
      // Open groups: anyone (not banned); any kind: accepting an invitation.
      return !payrollBlocked && !group.archived && (status === 'invited' || (status === null && group.kind === 'open'));
    case 'request':
      return !payrollBlocked && !group.archived && status === null && group.kind === 'closed';
    case 'invite':
      return !payrollBlocked && !group.archived && (group.kind === 'open' ? active : groupAdmin);
    case 'moderate':
    case 'edit':
      return !group.archived && (groupAdmin || siteModerator);
    case 'archive':
    case 'delete':
      return groupAdmin || siteModerator;
    case 'transfer':
      return active && membership!.role === 'owner';
    case 'leave':
      return active;
    default: {
      const exhaustive: never = action;
      return exhaustive;
    }
  }
}

/** May this person be a member (be invited, be approved, stay when the group turns payroll-only)? */
export function canBelongToGroup(person: { employmentType: Actor['employmentType'] }, group: Pick<GroupFacts, 'payrollOnly'>): boolean {
  return !group.payrollOnly || person.employmentType === 'employee';
}

/**
 * SQL predicate over the `groups` table aliased `alias`: the groups the actor may see in lists
 * and search (the list form of canGroup 'see'). Needs columns kind, payroll_only, deleted_at and
 * a `group_memberships` table (group_id, person_id, status).
 */
export function groupVisibilitySql(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
  const me = `$${firstParam}`;
  const payroll = isPayroll(actor);
  const secretOk = `EXISTS (SELECT 1 FROM group_memberships vm WHERE vm.group_id = ${alias}.id AND vm.person_id = ${me} AND vm.status IN ('active', 'invited'))`;
  const secret = payroll ? secretOk : `(NOT ${alias}.payroll_only AND ${secretOk})`;
  // Groups hidden or removed by moderation leave lists and search (moderators still find them).
  const moderated = actionAllowed(actor, 'moderation.access') ? '' : ` AND ${alias}.moderation_state = 'visible'`;
  return { sql: `(${alias}.deleted_at IS NULL${moderated} AND (${alias}.kind <> 'secret' OR ${secret}))`, params: [actor.personId] };
}

/**
 * SQL predicate over a `groups` row aliased `alias`: a group Plein may suggest the actor joins.
 * Stricter than seeing it in lists: never a secret group (its existence is for members only),
 * never a payroll-only group to a contractor or freelancer (they could not join), nothing archived,
 * and no closed group whose members sit across an information barrier (joining would be refused).
 * Appends one parameter at `firstParam`.
 */
export function groupSuggestionSql(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
  const vis = groupVisibilitySql(actor, alias, firstParam);
  const me = `$${firstParam}::uuid`;
  const payroll = isPayroll(actor) ? '' : ` AND NOT ${alias}.payroll_only`;
  const barrier = `NOT EXISTS (SELECT 1 FROM group_memberships bm WHERE bm.group_id = ${alias}.id AND ${alias}.kind <> 'open'
      AND bm.person_id <> ${me} AND bm.status IN ('active', 'invited', 'requested') AND NOT plein_barrier_can_interact(${me}, bm.person_id))`;
  return {
    sql: `(${vis.sql} AND ${alias}.kind <> 'secret' AND ${alias}.archived_at IS NULL${payroll} AND ${barrier})`,
    params: vis.params,
  };
}
