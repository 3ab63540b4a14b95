import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueueService, badInput, conflict, isUuid, parseCursor, notFound, pageSize, toConnection, type Connection, Params } from '@plein/core';
import { DepartmentTree, PeopleService, actorOf } from '@plein/directory';
import { NotificationKind, NotificationsService } from '@plein/notifications';
import { PolicyService, userRoom, type Actor } from '@plein/policy';
import { appendLiveEvents, type LiveEvent } from '@plein/realtime';
import { DataSource, type EntityManager } from 'typeorm';
import { date, labels, requiredText, text, uuid } from './business-input.js';
import { NOTICE_STATUS_ORDER, NoticeAudience, NoticeSeverity, NoticeStatus } from './entities/business.entity.js';

export interface NoticeRow {
  id: string;
  title: string;
  services: string[];
  regions: string[];
  severity: NoticeSeverity;
  status: NoticeStatus;
  audience: NoticeAudience;
  departmentIds: string[];
  startsAt: Date;
  expectedEndAt: Date | null;
  authorId: string;
  affectedCount: number;
  resolvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  ts: string;
  rank?: number;
}

export interface NoticeUpdateRow {
  id: string;
  noticeId: string;
  status: NoticeStatus;
  text: string;
  authorId: string;
  createdAt: Date;
}

export interface PublishNoticeCommand {
  title: unknown;
  text: unknown;
  services?: unknown;
  regions?: unknown;
  severity: unknown;
  startsAt: unknown;
  expectedEndAt?: unknown;
  audience: unknown;
  departmentIds?: unknown;
}

const COLUMNS = `n.id, n.title, n.services, n.regions, n.severity, n.status, n.audience, n.department_ids AS "departmentIds",
  n.starts_at AS "startsAt", n.expected_end_at AS "expectedEndAt", n.author_id AS "authorId", n.affected_count AS "affectedCount",
  n.resolved_at AS "resolvedAt", n.created_at AS "createdAt", n.updated_at AS "updatedAt",
  to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ts`;

const UPDATE_COLUMNS = `u.id, u.notice_id AS "noticeId", u.status, u.text, u.author_id AS "authorId", u.created_at AS "createdAt"`;

export const NOTICE_FAN_OUT_JOB = 'business.notice-fan-out';
export interface NoticeFanOutJob {
  noticeId: string;
  actorId: string;
}

const SEVERITIES = Object.values(NoticeSeverity) as string[];
const STATUSES = Object.values(NoticeStatus) as string[];
const AUDIENCES = Object.values(NoticeAudience) as string[];

/** The live payload of a notice: what a banner needs to show or refresh it. */
export function noticePayload(n: NoticeRow): Record<string, unknown> {
  return {
    id: n.id,
    title: n.title,
    services: n.services,
    regions: n.regions,
    severity: n.severity,
    status: n.status,
    startsAt: n.startsAt,
    expectedEndAt: n.expectedEndAt,
    resolvedAt: n.resolvedAt,
    affectedCount: n.affectedCount,
  };
}

/**
 * Outage and incident notices. Reads go through policy (canSeeNotice / noticePredicate, with the
 * reader's department chain from a recursive CTE); writes validate, then one transaction writes the
 * rows and the live events; notifications for followers go out on the worker after commit.
 *
 * Realtime: company and employees notices go to the audience rooms every socket already joins; a
 * notice for departments goes to the user room of each person under those departments (plus
 * publishers and admins). We chose per-person emits over `department:<id>` rooms because sockets
 * would have to join every ancestor department's room at connect and move when HR moves someone,
 * which touches the gateway and policy.roomsFor for a rare kind of emit; per-person events cost one
 * row each, and a department notice reaches hundreds, not tens of thousands.
 */
@Injectable()
export class NoticesService {
  private readonly logger = new Logger('Notices');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly tree: DepartmentTree,
    private readonly people: PeopleService,
    private readonly notifications: NotificationsService,
    private readonly queue: QueueService,
  ) {}

  // ---- reads ----

  private async visibleSql(actor: Actor, p: Params, em?: EntityManager): Promise<string> {
    return p.append(this.policy.noticePredicate(actor, 'n', p.next, await this.tree.chainOf(actor.personId, em)));
  }

  async findByIds(ids: readonly string[], em: EntityManager = this.db.manager): Promise<NoticeRow[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    return em.query(`SELECT ${COLUMNS} FROM notices n WHERE n.id = ANY($1::uuid[])`, [valid]);
  }

  /** The notice if the actor may see it; NOT_FOUND otherwise (never reveal that a hidden one exists). */
  async get(actor: Actor, id: string, em?: EntityManager, lock = false): Promise<NoticeRow> {
    this.policy.assert(actor, 'notice.read');
    if (!isUuid(id)) throw notFound('No notice with this id.');
    const rows: NoticeRow[] = await (em ?? this.db.manager).query(`SELECT ${COLUMNS} FROM notices n WHERE n.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    const row = rows[0];
    if (!row || !this.policy.canSeeNotice(actor, row, await this.tree.chainOf(actor.personId, em))) throw notFound('No notice with this id.');
    return row;
  }

  /** What the banner shows on every page: unresolved notices, most severe first, then latest start. */
  async active(actor: Actor): Promise<NoticeRow[]> {
    this.policy.assert(actor, 'notice.read');
    const p = new Params();
    const where = [`n.status <> 'resolved'`, await this.visibleSql(actor, p)];
    return this.db.query(
      `SELECT ${COLUMNS} FROM notices n WHERE ${where.join(' AND ')}
        ORDER BY CASE n.severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 ELSE 2 END, n.starts_at DESC, n.id LIMIT 50`,
      p.values,
    );
  }

  /**
   * Every notice the actor may see, resolved ones included, newest first (keyset on created_at, id);
   * with a query, Dutch full text over title, services, regions and every update of the timeline.
   */
  async search(actor: Actor, f: { query?: string | null; status?: NoticeStatus | null; service?: string | null }, args: { first?: number; after?: string }): Promise<Connection<NoticeRow>> {
    this.policy.assert(actor, 'notice.read');
    const size = pageSize(args.first);
    const p = new Params();
    const where = [await this.visibleSql(actor, p)];
    const query = text(f.query, 'query', 'The search', 0, 200);
    if (query) where.push(`to_tsvector('dutch', n.search_text) @@ websearch_to_tsquery('dutch', ${p.add(query)})`);
    if (f.status) {
      if (!STATUSES.includes(f.status)) throw badInput('Unknown status.', { field: 'status', messageKey: 'input.unknownChoice' });
      where.push(`n.status = ${p.add(f.status)}`);
    }
    const service = text(f.service, 'service', 'The service', 0, 60);
    if (service) where.push(`EXISTS (SELECT 1 FROM unnest(n.services) s WHERE lower(s) = ${p.add(service.toLowerCase())})`);
    if (args.after) {
      const [ts, id] = parseCursor(args.after, ['timestamp', 'uuid']);
      where.push(`(n.created_at, n.id) < (${p.add(ts)}::timestamptz, ${p.add(id)}::uuid)`);
    }
    const rows: NoticeRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM notices n WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT ${size + 1}`,
      p.values,
    );
    return toConnection(rows, size, (r) => [r.ts, r.id]);
  }

  /** Timelines of several notices (callers have checked visibility), oldest update first. */
  async updatesOf(noticeIds: readonly string[]): Promise<NoticeUpdateRow[]> {
    if (!noticeIds.length) return [];
    return this.db.query(`SELECT ${UPDATE_COLUMNS} FROM notice_updates u WHERE u.notice_id = ANY($1::uuid[]) ORDER BY u.created_at, u.id`, [noticeIds.filter(isUuid)]);
  }

  /** For each "personId|noticeId" key: does that person follow / mark themselves affected by that notice? */
  async flags(keys: readonly string[]): Promise<{ followed: boolean; affected: boolean }[]> {
    const pairs = keys.map((k) => k.split('|'));
    const rows: { key: string; followed: boolean; affected: boolean }[] = await this.db.query(
      `SELECT k.person_id || '|' || k.notice_id AS key,
              EXISTS (SELECT 1 FROM notice_follows f WHERE f.notice_id = k.notice_id AND f.person_id = k.person_id) AS followed,
              EXISTS (SELECT 1 FROM notice_affected a WHERE a.notice_id = k.notice_id AND a.person_id = k.person_id) AS affected
         FROM unnest($1::uuid[], $2::uuid[]) AS k(person_id, notice_id)`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    const map = new Map(rows.map((r) => [r.key, r]));
    return keys.map((k) => map.get(k) ?? { followed: false, affected: false });
  }

  /** Affected counts per department (the department the person was in when they marked it). */
  async affectedByDepartment(noticeId: string): Promise<{ departmentId: string | null; count: number }[]> {
    return this.db.query(
      `SELECT department_id AS "departmentId", count(*)::int AS count FROM notice_affected WHERE notice_id = $1
        GROUP BY department_id ORDER BY count(*) DESC, department_id NULLS LAST`,
      [noticeId],
    );
  }

  /** Who is affected, with their comments: notice publishers and admins only (null for others). */
  async affectedPeople(actor: Actor, noticeId: string): Promise<{ personId: string; comment: string | null; createdAt: Date }[] | null> {
    if (!this.policy.canSeeAffectedNames(actor)) return null;
    return this.db.query(
      `SELECT person_id AS "personId", comment, created_at AS "createdAt" FROM notice_affected WHERE notice_id = $1 ORDER BY created_at, person_id`,
      [noticeId],
    );
  }

  async followedServices(actor: Actor): Promise<string[]> {
    const rows: { service: string }[] = await this.db.query('SELECT service FROM service_follows WHERE person_id = $1 ORDER BY service', [actor.personId]);
    return rows.map((r) => r.service);
  }

  // ---- writes ----

  async publish(actor: Actor, cmd: PublishNoticeCommand): Promise<NoticeRow> {
    this.policy.assert(actor, 'notice.publish');
    const title = requiredText(cmd.title, 'title', 'The title', 200);
    const firstText = requiredText(cmd.text, 'text', 'The first update', 2000);
    const services = labels(cmd.services, 'services', 'Affected services', 20, 60);
    const regions = labels(cmd.regions, 'regions', 'Regions', 50, 60);
    if (typeof cmd.severity !== 'string' || !SEVERITIES.includes(cmd.severity)) throw badInput('Choose a severity: minor, major or critical.', { field: 'severity', messageKey: 'input.unknownChoice' });
    const startsAt = date(cmd.startsAt, 'startsAt', 'The start');
    const expectedEndAt = cmd.expectedEndAt === null || cmd.expectedEndAt === undefined ? null : date(cmd.expectedEndAt, 'expectedEndAt', 'The expected end');
    if (expectedEndAt && expectedEndAt <= startsAt) throw badInput('The expected end must be after the start.', { field: 'expectedEndAt', messageKey: 'input.order' });
    if (typeof cmd.audience !== 'string' || !AUDIENCES.includes(cmd.audience)) throw badInput('Choose an audience: company, employees or departments.', { field: 'audience', messageKey: 'input.unknownChoice' });
    const audience = cmd.audience as NoticeAudience;
    let departmentIds: string[] = [];
    if (audience === NoticeAudience.DEPARTMENTS) {
      if (!Array.isArray(cmd.departmentIds) || cmd.departmentIds.length === 0) throw badInput('Choose at least one department.', { field: 'departmentIds', messageKey: 'input.chooseAtLeastOne' });
      if (cmd.departmentIds.length > 50) throw badInput('Choose at most 50 departments.', { field: 'departmentIds', max: 50, messageKey: 'input.tooMany' });
      departmentIds = [...new Set(cmd.departmentIds.map((d, i) => uuid(d, `departmentIds[${i}]`, 'A department')))];
      const known = await this.tree.existing(departmentIds);
      const unknown = departmentIds.findIndex((d) => !known.has(d));
      if (unknown >= 0) throw badInput('Unknown department.', { field: `departmentIds[${unknown}]`, messageKey: 'input.unknownChoice' });
    } else if (Array.isArray(cmd.departmentIds) && cmd.departmentIds.length) {
      throw badInput('Departments are only for a notice with the departments audience.', { field: 'departmentIds' });
    }
    const notice = await this.db.transaction(async (em) => {
      const [row]: NoticeRow[] = await em.query(
        `INSERT INTO notices AS n (title, services, regions, severity, status, audience, department_ids, starts_at, expected_end_at, author_id, search_text)
         VALUES ($1, $2, $3, $4, 'investigating', $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
        [title, services, regions, cmd.severity, audience, departmentIds, startsAt, expectedEndAt, actor.personId, [title, ...services, ...regions, firstText].join('\n')],
      );
      const update = await this.insertUpdate(em, row.id, NoticeStatus.INVESTIGATING, firstText, actor.personId);
      await appendLiveEvents(em, await this.liveEvents(em, row, 'notice.published', { notice: noticePayload(row), update: updatePayload(update) }));
      await this.queueFanOut(em, { noticeId: row.id, actorId: actor.personId });
      return row;
    });
    return notice;
  }

  /**
   * A timed update. The status moves forward only (investigating → identified → monitoring →
   * resolved; skipping steps is fine) or stays where it is (a further update at the same step);
   * going back is refused, and resolved is final: no updates after it.
   */
  async postUpdate(actor: Actor, noticeId: string, rawStatus: unknown, rawText: unknown): Promise<NoticeRow> {
    this.policy.assert(actor, 'notice.publish');
    if (typeof rawStatus !== 'string' || !STATUSES.includes(rawStatus)) throw badInput('Choose a status: investigating, identified, monitoring or resolved.', { field: 'status', messageKey: 'input.unknownChoice' });
    const status = rawStatus as NoticeStatus;
    const body = requiredText(rawText, 'text', 'The update', 2000);
    const notice = await this.db.transaction(async (em) => {
      const current = await this.get(actor, noticeId, em, true);
      if (current.status === NoticeStatus.RESOLVED) throw conflict('This notice is resolved; a resolved notice takes no further updates.');
      if (NOTICE_STATUS_ORDER.indexOf(status) < NOTICE_STATUS_ORDER.indexOf(current.status)) {
        throw badInput(`A notice only moves forward: it is "${current.status}" and cannot go back to "${status}".`, { field: 'status' });
      }
      const [[row]]: [NoticeRow[], number] = await em.query(
        `UPDATE notices n SET status = $2::varchar, updated_at = now(), search_text = n.search_text || E'\\n' || $3::text,
            resolved_at = CASE WHEN $2::varchar = 'resolved' THEN now() ELSE NULL END
          WHERE n.id = $1 RETURNING ${COLUMNS}`,
        [current.id, status, body],
      );
      const update = await this.insertUpdate(em, row.id, status, body, actor.personId);
      await appendLiveEvents(em, await this.liveEvents(em, row, 'notice.updated', { notice: noticePayload(row), update: updatePayload(update) }));
      await this.queueFanOut(em, { noticeId: row.id, actorId: actor.personId });
      return row;
    });
    return notice;
  }

  async follow(actor: Actor, noticeId: string, on: boolean): Promise<NoticeRow> {
    this.policy.assert(actor, 'notice.follow');
    const notice = await this.get(actor, noticeId);
    if (on) await this.db.query('INSERT INTO notice_follows (notice_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [notice.id, actor.personId]);
    else await this.db.query('DELETE FROM notice_follows WHERE notice_id = $1 AND person_id = $2', [notice.id, actor.personId]);
    return notice;
  }

  /** Follow a service by name (case-insensitive); returns the services the actor follows. */
  async followService(actor: Actor, rawName: unknown, on: boolean): Promise<string[]> {
    this.policy.assert(actor, 'notice.follow');
    const name = requiredText(rawName, 'name', 'The service name', 60).toLowerCase();
    if (on) {
      const [{ n }]: { n: number }[] = await this.db.query('SELECT count(*)::int AS n FROM service_follows WHERE person_id = $1', [actor.personId]);
      if (n >= 100) throw badInput('You can follow at most 100 services.', { field: 'name' });
      await this.db.query('INSERT INTO service_follows (person_id, service) VALUES ($1, $2) ON CONFLICT DO NOTHING', [actor.personId, name]);
    } else {
      await this.db.query('DELETE FROM service_follows WHERE person_id = $1 AND service = $2', [actor.personId, name]);
    }
    return this.followedServices(actor);
  }

  /** "I am affected too", with an optional comment (marking again replaces the comment). Not on resolved notices. */
  async markAffected(actor: Actor, noticeId: string, rawComment: unknown, on: boolean): Promise<NoticeRow> {
    this.policy.assert(actor, 'notice.markAffected');
    const comment = on ? text(rawComment, 'comment', 'The comment', 0, 500) : null;
    return this.db.transaction(async (em) => {
      const notice = await this.get(actor, noticeId, em, true);
      if (on && notice.status === NoticeStatus.RESOLVED) throw conflict('This notice is resolved.');
      const changed: unknown[] = on
        ? await em.query(
            `INSERT INTO notice_affected (notice_id, person_id, department_id, comment)
             SELECT $1, p.id, p.department_id, $3 FROM people p WHERE p.id = $2
             ON CONFLICT (notice_id, person_id) DO UPDATE SET comment = EXCLUDED.comment RETURNING (xmax = 0) AS inserted`,
            [notice.id, actor.personId, comment],
          )
        : (await em.query('DELETE FROM notice_affected WHERE notice_id = $1 AND person_id = $2 RETURNING person_id', [notice.id, actor.personId]))[0];
      const counts = on ? (changed as { inserted: boolean }[]).some((r) => r.inserted) : changed.length > 0;
      if (!counts) return notice;
      const [[row]]: [NoticeRow[], number] = await em.query(
        `UPDATE notices n SET affected_count = (SELECT count(*)::int FROM notice_affected a WHERE a.notice_id = n.id) WHERE n.id = $1 RETURNING ${COLUMNS}`,
        [notice.id],
      );
      await appendLiveEvents(em, await this.liveEvents(em, row, 'notice.affected', { id: row.id, affectedCount: row.affectedCount }));
      return row;
    });
  }

  private async insertUpdate(em: EntityManager, noticeId: string, status: NoticeStatus, body: string, authorId: string): Promise<NoticeUpdateRow> {
    const [row]: NoticeUpdateRow[] = await em.query(
      `INSERT INTO notice_updates AS u (notice_id, status, text, author_id) VALUES ($1, $2, $3, $4) RETURNING ${UPDATE_COLUMNS}`,
      [noticeId, status, body, authorId],
    );
    return row;
  }

  /** The live events for one change of a notice: to its audience's room, or to each reached person's room. */
  private async liveEvents(em: EntityManager, notice: NoticeRow, type: string, payload: Record<string, unknown>): Promise<LiveEvent[]> {
    if (notice.audience !== NoticeAudience.DEPARTMENTS) return [{ audience: notice.audience, type, payload }];
    const reached = new Set(await this.tree.peopleUnder(notice.departmentIds, em));
    reached.add(notice.authorId);
    const managers: { id: string }[] = await em.query(`SELECT id FROM people WHERE active AND roles && ARRAY['notice_publisher', 'admin']::text[]`);
    for (const m of managers) reached.add(m.id);
    return [...reached].map((id) => ({ audience: userRoom(id), type, payload }));
  }

  /** The followers' notifications, queued in the notice's own transaction (committed together or not at all). */
  private async queueFanOut(em: EntityManager, job: NoticeFanOutJob): Promise<void> {
    // Nobody follows the notice or any of its services: skip the job.
    const [{ any }]: { any: boolean }[] = await em.query(
      `SELECT EXISTS (SELECT 1 FROM notice_follows WHERE notice_id = $1)
           OR EXISTS (SELECT 1 FROM notices n JOIN service_follows s ON s.service = ANY(SELECT lower(x) FROM unnest(n.services) x) WHERE n.id = $1) AS any`,
      [job.noticeId],
    );
    if (any) await this.queue.sendIn(em, NOTICE_FAN_OUT_JOB, job);
  }


  /**
   * The worker's half: people who follow the notice or one of its services hear about its latest
   * state, one notification per notice (a new update makes it unread again). Each recipient is
   * checked with their own, current actor; the one who posted is not notified.
   */
  async fanOut(job: NoticeFanOutJob): Promise<number> {
    const [notice] = await this.findByIds([job.noticeId]);
    if (!notice) return 0;
    const rows: { person_id: string }[] = await this.db.query(
      `SELECT person_id FROM notice_follows WHERE notice_id = $1
       UNION SELECT person_id FROM service_follows WHERE service = ANY($2::text[])`,
      [notice.id, notice.services.map((s) => s.toLowerCase())],
    );
    const ids = rows.map((r) => r.person_id).filter((id) => id !== job.actorId);
    if (!ids.length) return 0;
    const people = await this.people.findByIds(ids);
    const chains = await this.tree.chains(ids);
    const recipients = new Map<string, Actor>();
    for (const person of people) {
      if (!person.active) continue;
      const actor = actorOf(person);
      if (this.policy.can(actor, 'notification.read') && this.policy.canSeeNotice(actor, notice, chains.get(person.id) ?? [])) recipients.set(person.id, actor);
    }
    return this.db.transaction((em) => this.notifications.upsertGrouped(em, recipients, NotificationKind.NOTICE_UPDATE, job.actorId, `notice:${notice.id}`));
  }
}

export function updatePayload(u: NoticeUpdateRow): Record<string, unknown> {
  return { id: u.id, status: u.status, text: u.text, authorId: u.authorId, createdAt: u.createdAt };
}
