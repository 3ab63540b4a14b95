import { Injectable } from '@nestjs/common';
import { forbidden, unauthenticated } from '@plein/core';
import type { Actor, Audience, RoleValue } from './actor.js';
import { actionAllowed, hasRole, isPayroll, type Action } from './rules/actions.rules.js';
import { canCloseVacancy, canPostVacancy, canSeeAffectedNames, canSeeNotice, canSeeVacancy, canSeeVacancyInterest, noticePredicate, vacancyPredicate } from './rules/business.rules.js';
import { canChangeMessage, canModerateItem } from './rules/content.rules.js';
import { canBelongToGroup, groupRule, groupSuggestionSql, groupVisibilitySql, type GroupAction, type GroupFacts, type GroupMembershipFacts } from './rules/groups.rules.js';
import { canSeeDetail, canSeeProfileField, canSetProfileFieldValue, type DetailVisibility, type FieldFiller } from './rules/profile.rules.js';

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

/** How long readable groups primed from the actor's statement are trusted (a socket's actor lives longer than a request). */
const PRIMED_GROUPS_MS = 2000;

/**
 * The one place where "may this actor see/do this" is decided. Resolvers, services, list queries
 * and realtime emits all ask here; nothing decides on its own.
 *
 * Three shapes of answer, as ARCHITECTURE.md describes:
 * - `can` / `assert` for single items and actions;
 * - `audiencePredicate` for lists, as SQL, so filtering happens in the database;
 * - `roomsFor` for sockets, so realtime never reaches someone a list would hide from.
 *
 * The rules themselves are pure functions in `rules/`, a file per area: which roles may do what
 * (actions), groups (with group-admin rights), content (editing messages, acting on reported items,
 * writing on blogs), profile details, notices and vacancies. This class keeps what needs state: the
 * membership and barrier sources the groups and barrier libs register, and the async forms.
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

  /** The rules of groups: rules/groups.rules.ts (groupRule). */
  canGroup(actor: Actor, action: GroupAction, group: GroupFacts, membership: GroupMembershipFacts | null): boolean {
    return groupRule(actor, action, group, membership);
  }

  /** May this person be a member (rules/groups.rules.ts)? */
  canBelongToGroup(person: { employmentType: Actor['employmentType'] }, group: Pick<GroupFacts, 'payrollOnly'>): boolean {
    return canBelongToGroup(person, group);
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

  /** The groups the actor may see in lists and search, as SQL (rules/groups.rules.ts). */
  groupVisibilityPredicate(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
    return groupVisibilitySql(actor, alias, firstParam);
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

  /** Groups Plein may suggest the actor joins, as SQL (rules/groups.rules.ts). */
  groupSuggestionPredicate(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
    return groupSuggestionSql(actor, alias, firstParam);
  }

  hasRole(actor: Actor, role: RoleValue): boolean {
    return hasRole(actor, role);
  }

  isPayroll(actor: Actor): boolean {
    return isPayroll(actor);
  }

  /** Which roles may do what: rules/actions.rules.ts. */
  can(actor: Actor | undefined, action: Action): boolean {
    return !!actor && actionAllowed(actor, action);
  }

  /** Profile details: rules/profile.rules.ts. */
  canSeeDetail(viewer: Actor, visibility: DetailVisibility, ownerId: string): boolean {
    return canSeeDetail(viewer, visibility, ownerId);
  }

  canSeeProfileField(viewer: Actor, visibility: DetailVisibility, ownerId: string): boolean {
    return canSeeProfileField(viewer, visibility, ownerId);
  }

  canSetProfileFieldValue(actor: Actor, filledBy: FieldFiller, personId: string): boolean {
    return canSetProfileFieldValue(actor, filledBy, personId);
  }

  /** Who acts on a reported item: rules/content.rules.ts. */
  canModerateItem(...args: Parameters<typeof canModerateItem>): boolean {
    return canModerateItem(...args);
  }

  /** Throws UNAUTHENTICATED without an actor and FORBIDDEN when the action is not allowed. */
  assert(actor: Actor | undefined, action: Action): asserts actor is Actor {
    if (!actor) throw unauthenticated();
    if (!this.can(actor, action)) throw forbidden();
  }

  /** Editing and deleting a message: rules/content.rules.ts. */
  canChangeMessage(...args: Parameters<typeof canChangeMessage>): boolean {
    return canChangeMessage(...args);
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

  /** Notices and vacancies: rules/business.rules.ts. */
  canSeeNotice(...args: Parameters<typeof canSeeNotice>): ReturnType<typeof canSeeNotice> {
    return canSeeNotice(...args);
  }

  noticePredicate(...args: Parameters<typeof noticePredicate>): ReturnType<typeof noticePredicate> {
    return noticePredicate(...args);
  }

  canSeeAffectedNames(...args: Parameters<typeof canSeeAffectedNames>): ReturnType<typeof canSeeAffectedNames> {
    return canSeeAffectedNames(...args);
  }

  canPostVacancy(...args: Parameters<typeof canPostVacancy>): ReturnType<typeof canPostVacancy> {
    return canPostVacancy(...args);
  }

  canSeeVacancy(...args: Parameters<typeof canSeeVacancy>): ReturnType<typeof canSeeVacancy> {
    return canSeeVacancy(...args);
  }

  vacancyPredicate(...args: Parameters<typeof vacancyPredicate>): ReturnType<typeof vacancyPredicate> {
    return vacancyPredicate(...args);
  }

  canSeeVacancyInterest(...args: Parameters<typeof canSeeVacancyInterest>): ReturnType<typeof canSeeVacancyInterest> {
    return canSeeVacancyInterest(...args);
  }

  canCloseVacancy(...args: Parameters<typeof canCloseVacancy>): ReturnType<typeof canCloseVacancy> {
    return canCloseVacancy(...args);
  }

  /** The room an emit for content with this audience goes to. */
  roomForAudience(audience: Audience): string {
    return `audience:${audience}`;
  }
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
