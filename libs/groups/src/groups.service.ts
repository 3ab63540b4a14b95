import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, isUuid, parseCursor, forbidden, notFound, pageSize, ReadReplicas, statementName, toConnection, type Connection, Params } from '@plein/core';
import { MESSAGE_COLUMNS, type MessageRow } from '@plein/messages';
import { PolicyService, type Actor, type GroupAction, type GroupFacts, type GroupMembershipFacts } from '@plein/policy';
import { DataSource, type EntityManager } from 'typeorm';
import { GroupSort } from './models/group.model.js';

/** A group as read from SQL (the columns of GROUP_COLUMNS). */
export interface GroupRow {
  id: string;
  name: string;
  nameKey: string;
  description: string;
  rules: string;
  category: string;
  kind: GroupFacts['kind'];
  payrollOnly: boolean;
  avatarImageId: string | null;
  coverImageId: string | null;
  memberCount: number;
  archivedAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  /** visible, hidden or removed (moderation). */
  moderationState: 'visible' | 'hidden' | 'removed';
  moderationReason: string | null;
}

export interface MembershipRow extends GroupMembershipFacts {
  groupId: string;
  personId: string;
  since: Date;
  /** created_at with microseconds, for keyset cursors. */
  ts: string;
}

export const GROUP_COLUMNS = `g.id, g.name, g.name_key AS "nameKey", g.description, g.rules, g.category, g.kind,
  g.payroll_only AS "payrollOnly", g.avatar_image_id AS "avatarImageId", g.cover_image_id AS "coverImageId",
  g.member_count AS "memberCount", g.archived_at AS "archivedAt", g.deleted_at AS "deletedAt", g.created_at AS "createdAt",
  g.moderation_state AS "moderationState", g.moderation_reason AS "moderationReason"`;

const MEMBERSHIP_COLUMNS = `gm.group_id AS "groupId", gm.person_id AS "personId", gm.role, gm.status, gm.created_at AS since,
  to_char(gm.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ts`;

export const NO_SUCH_GROUP = 'That group does not exist, or you cannot see it.';
export const GROUP_MODERATED = 'This group was removed by moderation.';
/** How long one actor object may reuse its membership list (actors are built per request). */
const MEMBERSHIP_CACHE_MS = 2000;

/**
 * The groups whose content a person reads as a member, as a subquery with one `group_id` column over
 * SQL expressions for the person id and "is on the payroll"; PolicyService puts it in the actor's
 * statement (information-barrier suspensions are taken out there).
 */
export function membershipSql(person: string, payroll: string): string {
  return `SELECT gm.group_id FROM group_memberships gm JOIN groups g ON g.id = gm.group_id
     WHERE gm.person_id = ${person}::uuid AND gm.status = 'active' AND g.deleted_at IS NULL AND g.moderation_state = 'visible' AND (NOT g.payroll_only OR ${payroll})`;
}

export function factsOf(g: Pick<GroupRow, 'kind' | 'payrollOnly' | 'archivedAt' | 'deletedAt'> & { moderationState?: string }): GroupFacts {
  return { kind: g.kind, payrollOnly: g.payrollOnly, archived: !!g.archivedAt, deleted: !!g.deletedAt, moderated: !!g.moderationState && g.moderationState !== 'visible' };
}

/**
 * Reads of groups, always through policy: single groups with `canGroup`, lists with
 * `groupVisibilityPredicate`, so a secret group never appears for a non-member, in lists, search,
 * profile pages or by id.
 */
@Injectable()
export class GroupsService {
  private readonly membershipCache = new WeakMap<Actor, { at: number; ids: Promise<string[]> }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly reads: ReadReplicas,
  ) {}

  /**
   * The groups whose content the actor may read through audiences (feeds, sockets): those they are
   * an active member of, live, and not payroll-only for a contractor. Cached per actor object, which
   * the auth guard builds per request, so one request asks the database once.
   */
  readableGroupIds(actor: Actor): Promise<string[]> {
    const hit = this.membershipCache.get(actor);
    if (hit && Date.now() - hit.at < MEMBERSHIP_CACHE_MS) return hit.ids;
    const ids = this.db
      .query(`${membershipSql('$1', '$2')}`, [actor.personId, this.policy.isPayroll(actor)])
      .then((rows: { group_id: string }[]) => rows.map((r) => r.group_id));
    this.membershipCache.set(actor, { at: Date.now(), ids });
    ids.catch(() => this.membershipCache.delete(actor));
    return ids;
  }

  /** After the actor's own membership changed within a request. */
  forget(actor: Actor): void {
    this.membershipCache.delete(actor);
    this.policy.forgetReadableGroupIds(actor);
  }

  async findRow(id: string, em: EntityManager = this.db.manager, lock = false): Promise<GroupRow | null> {
    if (!isUuid(id)) return null;
    const [row]: GroupRow[] = await em.query(`SELECT ${GROUP_COLUMNS} FROM groups g WHERE g.id = $1 AND g.deleted_at IS NULL${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ?? null;
  }

  async membership(groupId: string, personId: string, em: EntityManager = this.db.manager, lock = false): Promise<MembershipRow | null> {
    const [row]: MembershipRow[] = await em.query(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM group_memberships gm WHERE gm.group_id = $1 AND gm.person_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [groupId, personId],
    );
    return row ?? null;
  }

  /** The policy facts of a group for an actor (registered with PolicyService.useGroupFacts). */
  async facts(actor: Actor, groupId: string): Promise<{ group: GroupFacts; membership: GroupMembershipFacts | null } | null> {
    const found = await this.withMembership(groupId, actor.personId);
    return found && { group: factsOf(found.group), membership: found.membership };
  }

  /** A live group and the person's row for it, in one round trip. */
  async withMembership(id: string, personId: string): Promise<{ group: GroupRow; membership: MembershipRow | null } | null> {
    if (!isUuid(id)) return null;
    const [row]: (GroupRow & { m: MembershipRow | null })[] = await this.db.query(
      `SELECT ${GROUP_COLUMNS},
              (SELECT json_build_object('groupId', gm.group_id, 'personId', gm.person_id, 'role', gm.role, 'status', gm.status, 'since', gm.created_at,
                 'ts', to_char(gm.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                 FROM group_memberships gm WHERE gm.group_id = g.id AND gm.person_id = $2) AS m
         FROM groups g WHERE g.id = $1 AND g.deleted_at IS NULL`,
      [id, personId],
    );
    if (!row) return null;
    const { m, ...group } = row;
    return { group, membership: m ? { ...m, since: new Date(m.since) } : null };
  }

  /** The group if the actor may see it; NOT_FOUND otherwise (never says whether it exists). */
  async getVisible(actor: Actor, id: string): Promise<{ group: GroupRow; membership: MembershipRow | null }> {
    const found = await this.withMembership(id, actor.personId);
    if (!found) throw notFound(NO_SUCH_GROUP);
    if (!this.policy.canGroup(actor, 'see', factsOf(found.group), found.membership)) {
      // Someone who could see the group before moderation took it down is told so; nobody else learns it exists.
      const moderatedOnly = found.group.moderationState !== 'visible' && this.policy.canGroup(actor, 'see', { ...factsOf(found.group), moderated: false }, found.membership);
      throw notFound(moderatedOnly ? GROUP_MODERATED : NO_SUCH_GROUP);
    }
    return found;
  }

  can(actor: Actor, action: GroupAction, group: GroupRow, membership: GroupMembershipFacts | null): boolean {
    return this.policy.canGroup(actor, action, factsOf(group), membership);
  }

  /** Memberships of one actor in many groups (for lists: myMembership, viewerCan). */
  async membershipsOf(personId: string, groupIds: readonly string[]): Promise<MembershipRow[]> {
    const ids = groupIds.filter(isUuid);
    if (!ids.length) return [];
    return this.db.query(`SELECT ${MEMBERSHIP_COLUMNS} FROM group_memberships gm WHERE gm.person_id = $1 AND gm.group_id = ANY($2::uuid[])`, [personId, ids]);
  }

  async rowsByIds(ids: readonly string[]): Promise<GroupRow[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    return this.db.query(`SELECT ${GROUP_COLUMNS} FROM groups g WHERE g.id = ANY($1::uuid[]) AND g.deleted_at IS NULL`, [valid]);
  }

  /**
   * Discover: groups the actor may see, filtered by words (trigram over name and description,
   * accents and case folded) and category, sorted by name, members, activity this week or match.
   * Keyset pagination on (sort value, id).
   */
  async list(actor: Actor, args: { query?: string | null; category?: string | null; sort?: GroupSort | null; first?: number; after?: string; mine?: boolean }): Promise<Connection<GroupRow & { sortValue: string }>> {
    const size = pageSize(args.first);
    const p = new Params();
    const vis = this.policy.groupVisibilityPredicate(actor, 'g', 1);
    p.values.push(...vis.params);
    const where = [vis.sql];
    const query = (args.query ?? '').trim();
    if (query.length > 100) throw badInput('A search can be at most 100 characters.', { field: 'query', max: 100, messageKey: 'input.tooLong' });
    if (args.category) where.push(`g.category = ${p.add(args.category)}`);
    if (args.mine) where.push(`EXISTS (SELECT 1 FROM group_memberships mm WHERE mm.group_id = g.id AND mm.person_id = ${p.add(actor.personId)} AND mm.status = 'active')`);
    let q: string | null = null;
    if (query) {
      q = `plein_fold(${p.add(query)})`;
      const doc = `plein_fold(g.name || ' ' || g.description)`;
      where.push(`(${q} <> '' AND (${doc} LIKE '%' || ${q} || '%' OR ${q} <% ${doc}))`);
    }
    const sort = args.sort ?? (q ? GroupSort.RELEVANCE : GroupSort.NAME);
    let expr: string;
    let cast: string;
    let asc = false;
    switch (sort) {
      case GroupSort.NAME:
        expr = 'g.name_key';
        cast = 'text';
        asc = true;
        break;
      case GroupSort.POPULAR:
        expr = 'g.member_count::numeric';
        cast = 'numeric';
        break;
      case GroupSort.ACTIVE:
        // Messages in the last 7 days: one index range scan per group on (audience, created_at).
        expr = `(SELECT count(*) FROM messages m WHERE m.audience = 'group:' || g.id::text AND m.created_at > now() - interval '7 days' AND m.deleted_at IS NULL)::numeric`;
        cast = 'numeric';
        break;
      case GroupSort.RELEVANCE:
        if (!q) throw badInput('Sorting by relevance needs a query.', { field: 'sort' });
        expr = `round((2 * word_similarity(${q}, plein_fold(g.name)) + word_similarity(${q}, plein_fold(g.name || ' ' || g.description)))::numeric, 6)`;
        cast = 'numeric';
        break;
      default:
        throw badInput('Unknown sort.', { field: 'sort', messageKey: 'input.unknownChoice' });
    }
    let keyset = '';
    if (args.after) {
      const [value, id] = parseCursor(args.after, ['string', 'uuid']);
      keyset = `WHERE (x."sortValue", x.id) ${asc ? '>' : '<'} (${p.add(value)}::${cast}, ${p.add(id)}::uuid)`;
    }
    const dir = asc ? 'ASC' : 'DESC';
    const rows: (GroupRow & { sortValue: string })[] = await this.db.query(
      `SELECT * FROM (SELECT ${GROUP_COLUMNS}, ${expr} AS "sortValue" FROM groups g WHERE ${where.join(' AND ')}) x
        ${keyset} ORDER BY x."sortValue" ${dir}, x.id ${dir} LIMIT ${size + 1}`,
      p.values,
    );
    return toConnection(rows, size, (r) => [String(r.sortValue), r.id]);
  }

  /** How many groups the actor can see per category (every category, zeros included). */
  async categoryCounts(actor: Actor): Promise<Map<string, number>> {
    const vis = this.policy.groupVisibilityPredicate(actor, 'g', 1);
    const rows: { category: string; n: string }[] = await this.db.query(
      `SELECT g.category, count(*) AS n FROM groups g WHERE ${vis.sql} GROUP BY g.category`,
      vis.params,
    );
    return new Map(rows.map((r) => [r.category, Number(r.n)]));
  }

  /** Groups people of my department are active in, that I may see and am not in, most colleagues first. */
  async colleagueGroups(actor: Actor, first = 10): Promise<{ group: GroupRow; colleagues: number }[]> {
    const size = pageSize(first, 50, 10);
    if (!actor.departmentId) return [];
    const vis = this.policy.groupVisibilityPredicate(actor, 'g', 1);
    const rows: (GroupRow & { colleagues: string })[] = await this.db.query(
      `SELECT ${GROUP_COLUMNS}, c.n AS colleagues
         FROM (SELECT gm.group_id, count(*) AS n FROM group_memberships gm JOIN people p ON p.id = gm.person_id
                WHERE gm.status = 'active' AND p.department_id = $2 AND p.active AND p.id <> $1
                GROUP BY gm.group_id) c
         JOIN groups g ON g.id = c.group_id
        WHERE ${vis.sql}
          AND NOT EXISTS (SELECT 1 FROM group_memberships mine WHERE mine.group_id = g.id AND mine.person_id = $1 AND mine.status IN ('active', 'banned'))
        ORDER BY c.n DESC, g.member_count DESC, g.id LIMIT ${size}`,
      [...vis.params, actor.departmentId],
    );
    return rows.map(({ colleagues, ...g }) => ({ group: g, colleagues: Number(colleagues) }));
  }

  /** The groups each person is an active member of, as far as the viewer may see them (profile pages), A-Z. */
  async groupsOfPeople(viewer: Actor, personIds: readonly string[]): Promise<Map<string, GroupRow[]>> {
    const ids = personIds.filter(isUuid);
    const out = new Map<string, GroupRow[]>();
    if (!ids.length) return out;
    const vis = this.policy.groupVisibilityPredicate(viewer, 'g', 1);
    const rows: (GroupRow & { memberId: string })[] = await this.db.query(
      `SELECT ${GROUP_COLUMNS}, gm.person_id AS "memberId" FROM group_memberships gm JOIN groups g ON g.id = gm.group_id
        WHERE gm.person_id = ANY($2::uuid[]) AND gm.status = 'active' AND ${vis.sql}
        ORDER BY g.name_key`,
      [...vis.params, ids],
    );
    for (const { memberId, ...g } of rows) out.set(memberId, [...(out.get(memberId) ?? []), g]);
    return out;
  }

  /** Invitations waiting for the actor, in groups that still exist. */
  async invitationsOf(actor: Actor): Promise<GroupRow[]> {
    return this.db.query(
      `SELECT ${GROUP_COLUMNS} FROM group_memberships gm JOIN groups g ON g.id = gm.group_id
        WHERE gm.person_id = $1 AND gm.status = 'invited' AND g.deleted_at IS NULL AND g.moderation_state = 'visible' AND (NOT g.payroll_only OR $2)
        ORDER BY gm.created_at DESC LIMIT 200`,
      [actor.personId, this.policy.isPayroll(actor)],
    );
  }

  /**
   * Members (or, for group admins, invitations, requests and bans), newest first, optionally
   * filtered by part of a name. Keyset on (created_at, person_id): a 20,000-member group pages as
   * fast as a small one.
   */
  async members(groupId: string, args: { status: string; query?: string | null; first?: number; after?: string }): Promise<Connection<MembershipRow>> {
    const size = pageSize(args.first);
    const p = new Params();
    const where = [`gm.group_id = ${p.add(groupId)}`, `gm.status = ${p.add(args.status)}`];
    let from = 'group_memberships gm';
    const query = (args.query ?? '').trim();
    if (query.length > 100) throw badInput('A search can be at most 100 characters.', { field: 'query', max: 100, messageKey: 'input.tooLong' });
    if (query) {
      from += ' JOIN people p ON p.id = gm.person_id';
      where.push(`plein_fold(p.display_name) LIKE '%' || plein_fold(${p.add(query)}) || '%'`);
    }
    if (args.after) {
      const [ts, id] = parseCursor(args.after, ['timestamp', 'uuid']);
      where.push(`(gm.created_at, gm.person_id) < (${p.add(ts)}::timestamptz, ${p.add(id)}::uuid)`);
    }
    const rows: MembershipRow[] = await this.db.query(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY gm.created_at DESC, gm.person_id DESC LIMIT ${size + 1}`,
      p.values,
    );
    return toConnection(rows, size, (r) => [r.ts, r.personId]);
  }

  /** Active admins and the owner (to tell them about join requests). */
  async adminIds(groupId: string, em: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { person_id: string }[] = await em.query(
      `SELECT person_id FROM group_memberships WHERE group_id = $1 AND status = 'active' AND role IN ('owner', 'admin')`,
      [groupId],
    );
    return rows.map((r) => r.person_id);
  }

  /**
   * The group's feed: its top-level messages, newest first, keyset on (created_at, id) over the
   * messages index (audience, created_at, id). The caller checked 'read'.
   */
  /**
   * A page of the group's messages, newest first. `wrap` may extend the page query (the resolver
   * brings authors and likes along: MessagesService.withAuthorsAndLikes); it is sent as a named
   * statement, planned once per connection.
   */
  async feed(
    groupId: string,
    args: { first?: number; after?: string },
    viewer?: Actor,
    wrap: (sql: string, p: Params) => string = (sql) => sql,
  ): Promise<Connection<MessageRow>> {
    const size = pageSize(args.first);
    const p = new Params();
    const where = [`m.audience = ${p.add(`group:${groupId}`)}`, 'm.deleted_at IS NULL', "m.moderation_state = 'visible'", 'm.root_id IS NULL'];
    if (args.after) {
      const [ts, id] = parseCursor(args.after, ['timestamp', 'uuid']);
      where.push(`(m.created_at, m.id) < (${p.add(ts)}::timestamptz, ${p.add(id)}::uuid)`);
    }
    // Information barriers: a suspended membership reads nothing; authors behind a barrier are left out.
    if (viewer) {
      if (await this.policy.suspendedFrom(viewer, groupId)) throw forbidden('An information barrier has suspended your membership of this group.');
      where.push(p.append(this.policy.barrierPredicate(viewer, 'm.author_id', p.next)));
    }
    const text = wrap(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE ${where.join(' AND ')} ORDER BY m.created_at DESC, m.id DESC LIMIT ${size + 1}`, p);
    // Served by a read replica when there is one (DATABASE_READ_URLS), like the other feeds.
    const rows = await this.reads.query<MessageRow>(viewer?.personId, text, p.values, statementName('group_feed', text));
    return toConnection(rows, size, (r) => [r.ts, r.id]);
  }

  /** Pinned messages, most recently pinned first. */
  async pinned(groupId: string): Promise<MessageRow[]> {
    return this.db.query(
      `SELECT ${MESSAGE_COLUMNS} FROM group_pins gp JOIN messages m ON m.id = gp.message_id
        WHERE gp.group_id = $1 AND m.deleted_at IS NULL AND m.moderation_state = 'visible' ORDER BY gp.pinned_at DESC LIMIT 20`,
      [groupId],
    );
  }

  /** Which of these messages are group announcements? */
  async announced(messageIds: readonly string[]): Promise<Set<string>> {
    const ids = messageIds.filter(isUuid);
    if (!ids.length) return new Set();
    const rows: { message_id: string }[] = await this.db.query('SELECT message_id FROM group_announcements WHERE message_id = ANY($1::uuid[])', [ids]);
    return new Set(rows.map((r) => r.message_id));
  }

  /** Messages posted to the group in the last 7 days. */
  async messagesThisWeek(groupId: string): Promise<number> {
    const [row]: { n: string }[] = await this.db.query(
      `SELECT count(*) AS n FROM messages m WHERE m.audience = $1 AND m.created_at > now() - interval '7 days' AND m.deleted_at IS NULL`,
      [`group:${groupId}`],
    );
    return Number(row.n);
  }
}
