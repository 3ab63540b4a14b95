import { Injectable } from '@nestjs/common';
import { forbidden, unauthenticated } from '@plein/core';
import type { Actor, Audience, RoleValue } from './actor.js';

/** Everything an actor may be asked about. Later domains add their actions here, in one place. */
export type Action =
  | 'person.read'
  | 'person.readContactDetails'
  | 'directory.administer'
  | 'directory.import'
  | 'directory.scim.administer'
  | 'moderation.access'
  | 'moderation.report'
  | 'moderation.appeal'
  | 'moderation.audit'
  | 'moderation.settings'
  | 'realtime.broadcast'
  | 'profile.edit'
  | 'profileField.administer'
  | 'person.follow'
  | 'barrier.administer'
  | 'insights.read'
  | 'insights.recompute'
  | 'campaign.read'
  | 'profile.photo.edit'
  | 'profile.import'
  | 'message.read'
  | 'message.post'
  | 'message.like'
  | 'message.reshare'
  | 'message.edit'
  | 'message.delete'
  | 'notification.read'
  | 'group.create'
  | 'blog.read'
  | 'blog.write'
  | 'blog.administer'
  | 'blog.feature'
  | 'role.grant'
  | 'notice.read'
  | 'notice.publish'
  | 'notice.follow'
  | 'notice.markAffected'
  | 'vacancy.read'
  | 'vacancy.administer'
  | 'mail.settings'
  | 'mail.administer';

/** Group kinds: open (anyone joins and reads), closed (visible, joining needs approval), secret (members only, invitation only). */
export type GroupKindValue = 'open' | 'closed' | 'secret';
export type GroupRoleValue = 'owner' | 'admin' | 'member';
/** One row per person and group: a pending invitation or join request, a membership, or a ban. */
export type GroupMemberStatusValue = 'invited' | 'requested' | 'active' | 'banned';

/**
 * What policy needs to know about information barriers (libs/barriers registers it at
 * start). Without a source there are no barriers. Lists use the SQL functions the barriers
 * migration creates (`plein_barrier_can_read`, `plein_barrier_can_interact`), so they hold either way.
 */
export interface BarrierSource {
  /** The segments a person belongs to (their sockets join `segment:<id>`). */
  segmentIdsOf(personId: string): Promise<string[]>;
  /** May reader see author's content and profile details? */
  canRead(readerId: string, authorId: string): Promise<boolean>;
  /** May these two interact (follow, mention, reply, like, share, be in one closed or secret group)? */
  canInteract(a: string, b: string): Promise<boolean>;
  /** The segments whose members may not read this author's content (the rooms an emit leaves out). */
  segmentsBlockedFrom(authorId: string): Promise<string[]>;
  /** Groups whose membership a barrier suspended for this person. */
  suspendedGroupIds(personId: string): Promise<string[]>;
  /** The same as a SQL subquery over a person id expression (one `group_id` column), for the actor's statement. */
  suspendedGroupIdsSql?(person: string): string;
  /** Would this person share a closed or secret group with someone across a barrier? */
  groupConflict(personId: string, groupId: string): Promise<boolean>;
}

const NO_BARRIERS: BarrierSource = {
  segmentIdsOf: async () => [],
  canRead: async () => true,
  canInteract: async () => true,
  segmentsBlockedFrom: async () => [],
  suspendedGroupIds: async () => [],
  groupConflict: async () => false,
};

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

/** How long readable groups primed from the actor's statement are trusted (a socket's actor lives longer than a request). */
const PRIMED_GROUPS_MS = 2000;

/** How long after posting the author may still edit a message. */
export const MESSAGE_EDIT_WINDOW_MS = 15 * 60_000;

/** Who may see a profile detail (a contact, a custom field): see `canSeeDetail`. */
export type DetailVisibility = 'everyone' | 'employees' | 'nobody';

/** Who fills a custom profile field: the HR import, the person themselves, or admins. */
export type FieldFiller = 'hr' | 'person' | 'admin';

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
  /**
   * Which groups' content an actor may read. The groups lib owns membership and registers its
   * source at start (`useGroupMembership`); without it nobody reads any group. Lists, single
   * items and socket rooms all ask here, so they agree.
   */
  private groupSource: (actor: Actor) => Promise<string[]> = async () => [];

  useGroupMembership(source: (actor: Actor) => Promise<string[]>, sql?: (person: string, payroll: string) => string): void {
    this.groupSource = source;
    this.groupSql = sql ?? null;
  }

  /** The membership source as a SQL subquery (one `group_id` column), when the groups lib gives one. */
  private groupSql: ((person: string, payroll: string) => string) | null = null;

  /**
   * The actor's groups as SQL expressions (text[]) over a person id and a payroll boolean expression,
   * so the request's actor statement brings them along (`primeReadableGroupIds`): `readable` by the
   * same rule as `readableGroupIds`, `suspended` as `suspendedFrom`. Null when a source has no SQL form.
   */
  actorGroupsSql(person: string, payroll: string): { readable: string; suspended: string } | null {
    if (!this.groupSql) return null;
    const suspended = this.barriers === NO_BARRIERS ? null : this.barriers.suspendedGroupIdsSql?.(person);
    if (suspended === undefined) return null;
    const groups = this.groupSql(person, payroll);
    return suspended
      ? { readable: `ARRAY(${groups} EXCEPT ${suspended})::text[]`, suspended: `ARRAY(${suspended})::text[]` }
      : { readable: `ARRAY(${groups})::text[]`, suspended: `'{}'::text[]` };
  }

  /** Readable (and barrier-suspended) groups known for an actor object, and when: the actor statement's, at most 2 s old. */
  private readonly primed = new WeakMap<Actor, { at: number; ids: string[]; suspended: string[] | null }>();

  primeReadableGroupIds(actor: Actor, ids: string[], suspended: string[] | null = null): void {
    this.primed.set(actor, { at: Date.now(), ids, suspended });
  }

  /** After the actor's own membership changed: ask the sources again. */
  forgetReadableGroupIds(actor: Actor): void {
    this.primed.delete(actor);
  }

  async readableGroupIds(actor: Actor): Promise<string[]> {
    const hit = this.primed.get(actor);
    if (hit && Date.now() - hit.at < PRIMED_GROUPS_MS) return hit.ids;
    const [groups, suspended] = await Promise.all([this.groupSource(actor), this.barriers.suspendedGroupIds(actor.personId)]);
    if (!suspended.length) return groups;
    const out = new Set(suspended);
    return groups.filter((g) => !out.has(g));
  }

  private barriers: BarrierSource = NO_BARRIERS;

  /** Is the actor's membership of this group suspended by an information barrier? */
  async suspendedFrom(actor: Actor, groupId: string): Promise<boolean> {
    const hit = this.primed.get(actor);
    if (hit?.suspended && Date.now() - hit.at < PRIMED_GROUPS_MS) return hit.suspended.includes(groupId);
    return (await this.barriers.suspendedGroupIds(actor.personId)).includes(groupId);
  }

  useBarriers(source: BarrierSource): void {
    this.barriers = source;
  }

  /** May the actor see this person's content and profile details (information barriers)? */
  canReadPerson(actor: Actor, personId: string): Promise<boolean> {
    return personId === actor.personId ? Promise.resolve(true) : this.barriers.canRead(actor.personId, personId);
  }

  /** May the actor interact with this person at all: follow, mention, reply, like, share? */
  canInteractWith(actor: Actor, personId: string): Promise<boolean> {
    return this.canInteractPeople(actor.personId, personId);
  }

  canInteractPeople(a: string, b: string): Promise<boolean> {
    return a === b ? Promise.resolve(true) : this.barriers.canInteract(a, b);
  }

  /** May this person be in this (closed or secret) group without sharing it across a barrier? */
  async canShareGroup(personId: string, groupId: string): Promise<boolean> {
    return !(await this.barriers.groupConflict(personId, groupId));
  }

  segmentIdsOf(actor: Actor): Promise<string[]> {
    return this.barriers.segmentIdsOf(actor.personId);
  }

  /** The segment rooms an emit of this author's content must leave out (`to(room).except(these)`). */
  async roomsShutOutFrom(authorId: string): Promise<string[]> {
    return (await this.barriers.segmentsBlockedFrom(authorId)).map(segmentRoom);
  }

  /**
   * SQL predicate for lists: the row's author (`authorColumn`) is not behind a barrier for the actor.
   * Appends one parameter at `firstParam`.
   */
  barrierPredicate(actor: Pick<Actor, 'personId'>, authorColumn: string, firstParam: number): { sql: string; params: unknown[] } {
    return { sql: barrierReadSql(`$${firstParam}::uuid`, authorColumn), params: [actor.personId] };
  }

  /** SQL predicate: the two people (SQL expressions) may interact across every barrier. */
  interactionSql(a: string, b: string): string {
    return `plein_barrier_can_interact(${a}, ${b})`;
  }

  /** The group and the actor's membership row, for single-item group decisions (the groups lib registers it). */
  private groupFactsSource: (actor: Actor, groupId: string) => Promise<{ group: GroupFacts; membership: GroupMembershipFacts | null } | null> = async () => null;

  useGroupFacts(source: (actor: Actor, groupId: string) => Promise<{ group: GroupFacts; membership: GroupMembershipFacts | null } | null>): void {
    this.groupFactsSource = source;
  }

  /**
   * The rules of groups, in one place. Secret groups do not exist for anyone but their members and
   * invitees (platform admins included: they moderate what they can see). A payroll-only group
   * refuses contractors and freelancers everything but knowing that a non-secret one exists.
   * Archived groups are read-only. Group admins (and the owner) moderate; only the owner transfers.
   */
  canGroup(actor: Actor, action: GroupAction, group: GroupFacts, membership: GroupMembershipFacts | null): boolean {
    if (group.deleted) return false;
    if (group.moderated && !this.can(actor, 'moderation.access')) return false;
    const status = membership?.status ?? null;
    const active = status === 'active';
    const groupAdmin = active && (membership!.role === 'owner' || membership!.role === 'admin');
    const payrollBlocked = group.payrollOnly && !this.isPayroll(actor);
    const see = group.kind === 'secret' ? (status === 'active' || status === 'invited') && !payrollBlocked : true;
    if (!see) return false;
    const siteModerator = this.can(actor, 'moderation.access');
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
  canBelongToGroup(person: { employmentType: Actor['employmentType'] }, group: Pick<GroupFacts, 'payrollOnly'>): boolean {
    return !group.payrollOnly || person.employmentType === 'employee';
  }

  /** Async form of canGroup for callers that have only the id (NOT_FOUND-like false when it does not exist). */
  async canGroupById(actor: Actor, action: GroupAction, groupId: string): Promise<boolean> {
    const facts = await this.groupFactsSource(actor, groupId);
    return !!facts && this.canGroup(actor, action, facts.group, facts.membership);
  }

  /**
   * May the actor read one item (a message, a thread) with this audience? canSeeAudience with the
   * actor's groups, plus groups one reads without being a member (open ones). Lists and sockets stay
   * with membership: an open group's messages do not flood everyone's company feed.
   */
  async canReadAudience(actor: Actor, audience: Audience): Promise<boolean> {
    if (this.canSeeAudience(actor, audience, new Set(await this.readableGroupIds(actor)))) return true;
    if (!audience.startsWith('group:') || (await this.suspendedFrom(actor, audience.slice('group:'.length)))) return false;
    return this.canGroupById(actor, 'read', audience.slice('group:'.length));
  }

  /**
   * May the actor post to this audience? company: everyone; employees: payroll staff; a group: an
   * active member (not banned) of a group that is not archived, deleted, or payroll-only for a
   * contractor. The messages lib asks this one question before it writes.
   */
  async canPostToAudience(actor: Actor, audience: Audience): Promise<boolean> {
    if (audience === 'company') return true;
    if (audience === 'employees') return this.isPayroll(actor);
    if (await this.suspendedFrom(actor, audience.slice('group:'.length))) return false;
    return this.canGroupById(actor, 'post', audience.slice('group:'.length));
  }

  /**
   * SQL predicate over the `groups` table aliased `alias`: the groups the actor may see in lists
   * and search (the list form of canGroup 'see'). Needs columns kind, payroll_only, deleted_at and
   * a `group_memberships` table (group_id, person_id, status).
   */
  groupVisibilityPredicate(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
    const me = `$${firstParam}`;
    const payroll = this.isPayroll(actor);
    const secretOk = `EXISTS (SELECT 1 FROM group_memberships vm WHERE vm.group_id = ${alias}.id AND vm.person_id = ${me} AND vm.status IN ('active', 'invited'))`;
    const secret = payroll ? secretOk : `(NOT ${alias}.payroll_only AND ${secretOk})`;
    // Groups hidden or removed by moderation leave lists and search (moderators still find them).
    const moderated = this.can(actor, 'moderation.access') ? '' : ` AND ${alias}.moderation_state = 'visible'`;
    return { sql: `(${alias}.deleted_at IS NULL${moderated} AND (${alias}.kind <> 'secret' OR ${secret}))`, params: [actor.personId] };
  }

  /**
   * SQL predicate over a `people` row aliased `alias`: someone Plein may suggest the actor follows.
   * Active, not the actor, and on the same side of every information barrier (readable and free to
   * interact with, the rule `follow` itself applies). Appends one parameter at `firstParam`.
   */
  personSuggestionPredicate(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
    const me = `$${firstParam}::uuid`;
    return {
      sql: `(${alias}.active AND ${alias}.id <> ${me} AND ${barrierReadSql(me, `${alias}.id`)} AND plein_barrier_can_interact(${me}, ${alias}.id))`,
      params: [actor.personId],
    };
  }

  /**
   * SQL predicate over a `groups` row aliased `alias`: a group Plein may suggest the actor joins.
   * Stricter than seeing it in lists: never a secret group (its existence is for members only),
   * never a payroll-only group to a contractor or freelancer (they could not join), nothing archived,
   * and no closed group whose members sit across an information barrier (joining would be refused).
   * Appends one parameter at `firstParam`.
   */
  groupSuggestionPredicate(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
    const vis = this.groupVisibilityPredicate(actor, alias, firstParam);
    const me = `$${firstParam}::uuid`;
    const payroll = this.isPayroll(actor) ? '' : ` AND NOT ${alias}.payroll_only`;
    const barrier = `NOT EXISTS (SELECT 1 FROM group_memberships bm WHERE bm.group_id = ${alias}.id AND ${alias}.kind <> 'open'
        AND bm.person_id <> ${me} AND bm.status IN ('active', 'invited', 'requested') AND NOT plein_barrier_can_interact(${me}, bm.person_id))`;
    return {
      sql: `(${vis.sql} AND ${alias}.kind <> 'secret' AND ${alias}.archived_at IS NULL${payroll} AND ${barrier})`,
      params: vis.params,
    };
  }

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
      case 'directory.scim.administer':
      case 'directory.administer':
        return this.hasRole(actor, 'admin');
      case 'directory.import':
        // HR staff imports: start one, follow it, read its reports.
        return this.hasRole(actor, 'admin');
      case 'moderation.access':
        return this.hasRole(actor, 'community_manager') || this.hasRole(actor, 'admin');
      case 'moderation.report':
      case 'moderation.appeal':
        // Everyone may report and appeal; what (visible items, own sanctions) the moderation lib checks.
        return true;
      case 'moderation.audit':
      case 'moderation.settings':
        return this.hasRole(actor, 'admin');
      case 'realtime.broadcast':
        return this.hasRole(actor, 'admin');
      case 'profile.edit':
        // Only ever one's own profile: the service applies it to actor.personId.
        return true;
      case 'profileField.administer':
        return this.hasRole(actor, 'admin');
      case 'person.follow':
        return true;
      case 'barrier.administer':
        return this.hasRole(actor, 'admin');
      case 'insights.recompute':
        // Recomputing is a heavy job on demand: platform admins only.
        return this.hasRole(actor, 'admin');
      case 'insights.read':
      case 'campaign.read':
        // Aggregates only (groups under 5 people never shown apart): community managers and admins.
        return this.hasRole(actor, 'community_manager') || this.hasRole(actor, 'admin');
      case 'profile.photo.edit':
      case 'profile.import':
        // Like profile.edit: only ever one's own photo/profile (the mutations act on actor.personId);
        // HR sets other people's photos through the HR import, not through this action.
        return true;
      case 'message.read':
      case 'message.post':
      case 'message.like':
      case 'message.reshare':
      case 'notification.read':
        // Every member; which messages and audiences is canSeeAudience / audiencePredicate.
        return true;
      case 'message.edit':
      case 'message.delete':
        // The item-level rule (own message, edit window, moderators) is canChangeMessage.
        return true;
      case 'group.create':
        // Every member may start a group; what happens inside one is canGroup.
        return true;
      case 'blog.read':
      case 'blog.write':
        // Every member reads and writes a blog; which posts and blogs is canSeeAudience and the blog's authors.
        return true;
      case 'blog.administer':
        // Company blogs and their authors.
        return this.hasRole(actor, 'admin');
      case 'blog.feature':
        return this.hasRole(actor, 'community_manager') || this.hasRole(actor, 'admin');
      case 'role.grant':
        // Only the grantable roles (notice_publisher, vacancy_poster); the business lib limits which.
        return this.hasRole(actor, 'admin');
      case 'notice.read':
      case 'notice.follow':
      case 'notice.markAffected':
        // Every member; which notices is canSeeNotice / noticePredicate.
        return true;
      case 'notice.publish':
        return this.hasRole(actor, 'notice_publisher') || this.hasRole(actor, 'admin');
      case 'vacancy.read':
        // Every member; which vacancies is canSeeVacancy / vacancyPredicate.
        return true;
      case 'vacancy.administer':
        // Close or manage anyone's vacancy.
        return this.hasRole(actor, 'admin');
      case 'mail.settings':
        // Only ever one's own mail settings and language.
        return true;
      case 'mail.administer':
        // The read-only sent-mail page (embedded mail files).
        return this.hasRole(actor, 'admin');
      default: {
        const exhaustive: never = action;
        return exhaustive;
      }
    }
  }

  /**
   * May `viewer` see a detail of `ownerId`'s profile shown with this visibility? The owner always
   * sees their own; `employees` means payroll colleagues only (contractors and freelancers not);
   * `nobody` hides it from everyone else, admins included (HR has its own records).
   */
  canSeeDetail(viewer: Actor, visibility: DetailVisibility, ownerId: string): boolean {
    if (viewer.personId === ownerId) return true;
    switch (visibility) {
      case 'everyone':
        return true;
      case 'employees':
        return this.isPayroll(viewer);
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
  canSeeProfileField(viewer: Actor, visibility: DetailVisibility, ownerId: string): boolean {
    return this.hasRole(viewer, 'admin') || this.canSeeDetail(viewer, visibility, ownerId);
  }

  /**
   * May `actor` set `personId`'s value of a custom field filled by `filledBy`? Person-filled: the
   * person on themselves; admin-filled: admins; HR-filled: nobody (only the HR import writes them).
   */
  canSetProfileFieldValue(actor: Actor, filledBy: FieldFiller, personId: string): boolean {
    switch (filledBy) {
      case 'person':
        return actor.personId === personId;
      case 'admin':
        return this.hasRole(actor, 'admin');
      case 'hr':
        return false;
      default: {
        const exhaustive: never = filledBy;
        return exhaustive;
      }
    }
  }

  /**
   * May the actor act on a reported item? Never on their own content or a report about themselves.
   * Community managers and admins: anything open; escalated items: admins only. A group's admins:
   * dismiss, hide or remove content in their group, unless the report is about a group admin
   * (then it goes to community managers only). `groupRole` is the actor's role in the item's group.
   */
  canModerateItem(
    actor: Actor,
    action: 'view' | 'claim' | 'dismiss' | 'hide' | 'remove' | 'warn' | 'suspend' | 'escalate',
    item: { subjectId: string | null; escalated: boolean; actorGroupAdmin: boolean; subjectGroupAdmin: boolean },
  ): boolean {
    if (item.subjectId === actor.personId) return false;
    if (this.can(actor, 'moderation.access')) return !item.escalated || this.hasRole(actor, 'admin');
    if (!item.actorGroupAdmin || item.subjectGroupAdmin || item.escalated) return false;
    return action === 'view' || action === 'claim' || action === 'dismiss' || action === 'hide' || action === 'remove';
  }

  /** Throws UNAUTHENTICATED without an actor and FORBIDDEN when the action is not allowed. */
  assert(actor: Actor | undefined, action: Action): asserts actor is Actor {
    if (!actor) throw unauthenticated();
    if (!this.can(actor, action)) throw forbidden();
  }

  /**
   * May the actor edit or delete this message? Edit: its author, within MESSAGE_EDIT_WINDOW_MS of
   * posting. Delete: its author, or a community manager or admin (moderation), at any time.
   */
  canChangeMessage(
    actor: Actor,
    action: 'message.edit' | 'message.delete',
    message: { authorId: string; createdAt: Date; deletedAt: Date | null },
    now = new Date(),
  ): boolean {
    if (!this.can(actor, action) || message.deletedAt) return false;
    if (action === 'message.delete') return message.authorId === actor.personId || this.can(actor, 'moderation.access');
    return message.authorId === actor.personId && now.getTime() - message.createdAt.getTime() <= MESSAGE_EDIT_WINDOW_MS;
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

  /**
   * SQL predicate for staff search over the `people_search` table aliased `alias` (columns person_id,
   * active, department_id, employment_type): which people the actor may find. For now everyone
   * active, minus people an information barrier hides from the actor.
   * `firstParam` is the index of the first placeholder to use ($n).
   */
  peopleSearchPredicate(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
    return { sql: `(${alias}.active AND ${barrierReadSql(`$${firstParam}::uuid`, `${alias}.person_id`)})`, params: [actor.personId] };
  }

  /** The Socket.IO rooms a connected actor belongs to: its own room and the audiences it may read. */
  roomsFor(actor: Actor, groupIds: readonly string[] = [], segmentIds: readonly string[] = []): string[] {
    const rooms = [userRoom(actor.personId), 'audience:company'];
    if (this.isPayroll(actor)) rooms.push('audience:employees');
    for (const g of groupIds) rooms.push(`audience:group:${g}`);
    // Segment rooms: emits leave out the segments a barrier shuts out (`except`).
    for (const s of segmentIds) rooms.push(segmentRoom(s));
    return rooms;
  }

  /**
   * May the actor see this outage notice? A notice for departments reaches those departments and
   * their sub-departments: the actor sees it when a chosen department is on the actor's department
   * chain (own department and its ancestors, which the caller resolves with a recursive CTE).
   * Publishers and admins see every notice (they run the incident); the author always sees theirs.
   */
  canSeeNotice(actor: Actor, notice: NoticeFacts, departmentChain: readonly string[]): boolean {
    if (notice.authorId === actor.personId || this.can(actor, 'notice.publish')) return true;
    switch (notice.audience) {
      case 'company':
        return true;
      case 'employees':
        return this.isPayroll(actor);
      case 'departments':
        return notice.departmentIds.some((d) => departmentChain.includes(d));
      default:
        return false;
    }
  }

  /**
   * The list form of canSeeNotice over the `notices` table aliased `alias` (columns audience,
   * department_ids, author_id). `departmentChain`: the actor's department and its ancestors.
   */
  noticePredicate(actor: Actor, alias: string, firstParam: number, departmentChain: readonly string[]): { sql: string; params: unknown[] } {
    if (this.can(actor, 'notice.publish')) return { sql: 'TRUE', params: [] };
    const audiences = this.isPayroll(actor) ? ['company', 'employees'] : ['company'];
    return {
      sql: `(${alias}.audience = ANY($${firstParam}::text[]) OR (${alias}.audience = 'departments' AND ${alias}.department_ids && $${firstParam + 1}::uuid[]) OR ${alias}.author_id = $${firstParam + 2})`,
      params: [audiences, [...departmentChain], actor.personId],
    };
  }

  /** Names (and comments) of the people who marked themselves affected: notice publishers and admins only; others see counts. */
  canSeeAffectedNames(actor: Actor): boolean {
    return this.can(actor, 'notice.publish');
  }

  /**
   * Who may post a vacancy: admins, people granted `vacancy_poster`, and payroll managers (anyone
   * with direct reports; the caller looks that up).
   */
  canPostVacancy(actor: Actor, hasDirectReports: boolean): boolean {
    return this.hasRole(actor, 'admin') || this.hasRole(actor, 'vacancy_poster') || (hasDirectReports && this.isPayroll(actor));
  }

  /**
   * Vacancies are internal: payroll staff see every one; contractors and freelancers only those the
   * poster opened to externals. The poster and the contact person always see theirs.
   */
  canSeeVacancy(actor: Actor, vacancy: VacancyFacts): boolean {
    return this.isPayroll(actor) || vacancy.openToExternals || vacancy.posterId === actor.personId || vacancy.contactId === actor.personId;
  }

  /** The list form of canSeeVacancy over `vacancies` aliased `alias` (columns open_to_externals, poster_id, contact_id). */
  vacancyPredicate(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
    if (this.isPayroll(actor)) return { sql: 'TRUE', params: [] };
    return { sql: `(${alias}.open_to_externals OR ${alias}.poster_id = $${firstParam} OR ${alias}.contact_id = $${firstParam})`, params: [actor.personId] };
  }

  /** Interest shown in a vacancy is for its contact person and its poster only (not admins: it is personal). */
  canSeeVacancyInterest(actor: Actor, vacancy: VacancyFacts): boolean {
    return vacancy.posterId === actor.personId || vacancy.contactId === actor.personId;
  }

  /** Close a vacancy early: its poster, its contact person, or an admin. */
  canCloseVacancy(actor: Actor, vacancy: VacancyFacts): boolean {
    return vacancy.posterId === actor.personId || vacancy.contactId === actor.personId || this.can(actor, 'vacancy.administer');
  }

  /** The room an emit for content with this audience goes to. */
  roomForAudience(audience: Audience): string {
    return `audience:${audience}`;
  }
}

/** What policy needs to know about an outage notice. `departmentIds`: the chosen departments (audience 'departments'). */
export interface NoticeFacts {
  audience: 'company' | 'employees' | 'departments';
  departmentIds: readonly string[];
  authorId: string;
}

/** What policy needs to know about a vacancy. */
export interface VacancyFacts {
  openToExternals: boolean;
  posterId: string;
  contactId: string;
}

/**
 * The list form of `plein_barrier_can_read(reader, author)`, written out as NOT EXISTS so Postgres
 * plans it as one anti-join (the authors hidden from the reader, hashed once) instead of a call per
 * row; with no barriers the inner side is empty and costs nothing.
 */
export function barrierReadSql(reader: string, author: string): string {
  return `NOT EXISTS (SELECT 1 FROM barrier_read_blocks bk
      JOIN barrier_segment_members br ON br.segment_id = bk.reader_segment_id AND br.person_id = ${reader}
      JOIN barrier_segment_members ba ON ba.segment_id = bk.author_segment_id
     WHERE ba.person_id = ${author} AND ba.person_id <> ${reader})`;
}

export function segmentRoom(segmentId: string): string {
  return `segment:${segmentId}`;
}

export function userRoom(personId: string): string {
  return `user:${personId}`;
}
