import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { pageSize } from '@plein/core';
import { DataSource, type EntityManager } from 'typeorm';
import type { CaseStatusValue, ReportItemType, ReportReasonValue } from './entities/moderation.entity.js';
import type { ActionRow, AppealRow, AuditRow, CaseRow, ReportRow } from './moderation.rules.js';

const CASE_COLUMNS = `c.item_type AS "itemType", c.item_id AS "itemId", c.subject_id AS "subjectId", c.group_id AS "groupId", c.status,
  CASE WHEN c.claimed_until > now() THEN c.claimed_by END AS "claimedBy", CASE WHEN c.claimed_until > now() THEN c.claimed_until END AS "claimedUntil",
  c.first_reported_at AS "firstReportedAt", r.reporters, r.reasons`;
// Open reports per item; the partial unique index (item_type, item_id, reporter_id) WHERE open serves it.
const OPEN_REPORTS = `JOIN LATERAL (SELECT count(DISTINCT rr.reporter_id)::int AS reporters, array_agg(DISTINCT rr.reason ORDER BY rr.reason) AS reasons
    FROM moderation_reports rr WHERE rr.item_type = c.item_type AND rr.item_id = c.item_id AND rr.status = 'open') r ON true`;
const ACTION_COLUMNS = `a.id, a.kind, a.item_type AS "itemType", a.item_id AS "itemId", a.subject_id AS "subjectId", a.moderator_id AS "moderatorId",
  a.reason, a.until, a.revoked_at AS "revokedAt", a.created_at AS "createdAt", (SELECT ap.status FROM moderation_appeals ap WHERE ap.action_id = a.id) AS "appealStatus"`;
const APPEAL_COLUMNS = `ap.id, ap.action_id AS "actionId", ap.appellant_id AS "appellantId", ap.text, ap.status, ap.decided_by AS "decidedBy",
  ap.decision_reason AS "decisionReason", ap.created_at AS "createdAt", ap.decided_at AS "decidedAt",
  a.kind AS "actionKind", a.moderator_id AS "actionModeratorId", a.reason AS "actionReason"`;
const REPORT_COLUMNS = `id, item_type AS "itemType", item_id AS "itemId", reason, note, status, created_at AS "createdAt", resolved_at AS "resolvedAt"`;
const APPEAL_FROM = 'moderation_appeals ap JOIN moderation_actions a ON a.id = ap.action_id';

/** What the queue filters on, as SQL over `moderation_cases c`, its open reports `r` and the subject `p`. */
export interface QueueFilter {
  /** Group admins: only open cases in these groups, not about a group admin. */
  groupIds?: string[];
  reason?: ReportReasonValue | null;
  itemType?: ReportItemType | null;
  departmentId?: string | null;
  mostReported: boolean;
  first?: number;
}

/**
 * Every statement of the moderation lib, in one place (the lib's tables: reports, cases, actions,
 * appeals, audit, settings; the other libs' rows it reads go through their services or content kinds).
 * Each takes the caller's EntityManager where it belongs in a transaction.
 */
@Injectable()
export class ModerationQueries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  // ---------------------------------------------------------------- reports and cases

  async insertReport(em: EntityManager, r: { itemType: ReportItemType; itemId: string; reporterId: string; reason: ReportReasonValue; note: string | null }): Promise<ReportRow | null> {
    const [row]: ReportRow[] = await em.query(
      `INSERT INTO moderation_reports (item_type, item_id, reporter_id, reason, note) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (item_type, item_id, reporter_id) WHERE status = 'open' DO NOTHING RETURNING ${REPORT_COLUMNS}`,
      [r.itemType, r.itemId, r.reporterId, r.reason, r.note],
    );
    return row ?? null;
  }

  /** A closed case reopens with a fresh clock: a new report is a new question for the team. */
  async openCase(em: EntityManager, itemType: ReportItemType, itemId: string, subjectId: string | null, groupId: string | null): Promise<void> {
    await em.query(
      `INSERT INTO moderation_cases AS c (item_type, item_id, subject_id, group_id, status, first_reported_at) VALUES ($1, $2, $3, $4, 'open', now())
       ON CONFLICT (item_type, item_id) DO UPDATE SET
         subject_id = EXCLUDED.subject_id, group_id = EXCLUDED.group_id,
         first_action_at = CASE WHEN c.status = 'closed' THEN NULL ELSE c.first_action_at END,
         first_reported_at = CASE WHEN c.status = 'closed' THEN now() ELSE c.first_reported_at END,
         status = CASE WHEN c.status = 'closed' THEN 'open' ELSE c.status END`,
      [itemType, itemId, subjectId, groupId],
    );
  }

  async openReporters(em: EntityManager, itemType: ReportItemType, itemId: string): Promise<number> {
    const [{ reporters }]: { reporters: number }[] = await em.query(
      `SELECT count(DISTINCT reporter_id)::int AS reporters FROM moderation_reports WHERE item_type = $1 AND item_id = $2 AND status = 'open'`,
      [itemType, itemId],
    );
    return reporters;
  }

  myReports(personId: string, first?: number): Promise<ReportRow[]> {
    return this.db.query(`SELECT ${REPORT_COLUMNS} FROM moderation_reports WHERE reporter_id = $1 ORDER BY created_at DESC, id DESC LIMIT ${pageSize(first, 100, 50)}`, [personId]);
  }

  /** The open reports of an item: reasons, notes and times, never who reported. */
  reportsOf(itemType: ReportItemType, itemId: string): Promise<ReportRow[]> {
    return this.db.query(`SELECT ${REPORT_COLUMNS} FROM moderation_reports WHERE item_type = $1 AND item_id = $2 AND status = 'open' ORDER BY created_at`, [itemType, itemId]);
  }

  /** Closes the open reports of an item; answers the reporters (to tell them). */
  async resolveReports(em: EntityManager, itemType: ReportItemType, itemId: string, status: 'dismissed' | 'actioned'): Promise<string[]> {
    // An UPDATE … RETURNING answers [rows, affected] through TypeORM.
    const [rows]: [{ reporter_id: string }[], number] = await em.query(
      `UPDATE moderation_reports SET status = $3, resolved_at = now() WHERE item_type = $1 AND item_id = $2 AND status = 'open' RETURNING reporter_id`,
      [itemType, itemId, status],
    );
    return rows.map((r) => r.reporter_id);
  }

  async loadCase(em: EntityManager, itemType: string, itemId: string, lock: boolean): Promise<CaseRow | null> {
    if (lock) await em.query('SELECT 1 FROM moderation_cases WHERE item_type = $1 AND item_id = $2 FOR UPDATE', [itemType, itemId]);
    const [row]: CaseRow[] = await em.query(`SELECT ${CASE_COLUMNS} FROM moderation_cases c ${OPEN_REPORTS} WHERE c.item_type = $1 AND c.item_id = $2`, [itemType, itemId]);
    return row ?? null;
  }

  /** Open items with their distinct reporters, for a moderator (`viewerId`: nobody sees items about themselves). */
  queue(viewerId: string, f: QueueFilter): Promise<CaseRow[]> {
    const params: unknown[] = [viewerId];
    const add = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [`c.status <> 'closed'`, 'r.reporters > 0', '(c.subject_id IS NULL OR c.subject_id <> $1)'];
    if (f.groupIds) {
      where.push(
        `c.status = 'open'`,
        `c.group_id = ANY(${add(f.groupIds)}::uuid[])`,
        `NOT EXISTS (SELECT 1 FROM group_memberships s WHERE s.group_id = c.group_id AND s.person_id = c.subject_id AND s.status = 'active' AND s.role IN ('owner', 'admin'))`,
      );
    }
    if (f.reason) where.push(`${add(f.reason)} = ANY(r.reasons)`);
    if (f.itemType) where.push(`c.item_type = ${add(f.itemType)}`);
    if (f.departmentId) where.push(`p.department_id = ${add(f.departmentId)}`);
    const order = f.mostReported ? 'r.reporters DESC, c.first_reported_at, c.item_id' : 'c.first_reported_at, c.item_id';
    return this.db.query(
      `SELECT ${CASE_COLUMNS} FROM moderation_cases c ${OPEN_REPORTS} LEFT JOIN people p ON p.id = c.subject_id
        WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${pageSize(f.first, 100, 50)}`,
      params,
    );
  }

  /** Groups where the person is an active owner or admin. */
  async adminGroupIds(personId: string): Promise<string[]> {
    const rows: { group_id: string }[] = await this.db.query(`SELECT group_id FROM group_memberships WHERE person_id = $1 AND status = 'active' AND role IN ('owner', 'admin')`, [personId]);
    return rows.map((r) => r.group_id);
  }

  /** Community managers and admins (the queue's live audience). */
  async moderatorIds(em: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(`SELECT id FROM people WHERE active AND roles && ARRAY['community_manager', 'admin']::text[]`);
    return rows.map((r) => r.id);
  }

  async claim(em: EntityManager, itemType: ReportItemType, itemId: string, personId: string, minutes: number): Promise<void> {
    await em.query(`UPDATE moderation_cases SET claimed_by = $3, claimed_until = now() + make_interval(mins => $4) WHERE item_type = $1 AND item_id = $2`, [itemType, itemId, personId, minutes]);
  }

  async release(itemType: ReportItemType, itemId: string, personId: string): Promise<void> {
    await this.db.query(`UPDATE moderation_cases SET claimed_by = NULL, claimed_until = NULL WHERE item_type = $1 AND item_id = $2 AND claimed_by = $3`, [itemType, itemId, personId]);
  }

  /** After a decision: the case's status; the first action's time; the claim ends unless it stays open. */
  async setCaseStatus(em: EntityManager, itemType: ReportItemType, itemId: string, status: CaseStatusValue): Promise<void> {
    await em.query(
      `UPDATE moderation_cases SET status = $3::varchar, first_action_at = COALESCE(first_action_at, now()),
         claimed_by = CASE WHEN $3::varchar = 'open' THEN claimed_by END, claimed_until = CASE WHEN $3::varchar = 'open' THEN claimed_until END
       WHERE item_type = $1 AND item_id = $2`,
      [itemType, itemId, status],
    );
  }

  /** The ids around a reported message or comment in its thread: the first, then up to 20 nearest in time. */
  async threadIds(table: 'messages' | 'blog_comments', rootId: string, around: Date | string): Promise<string[]> {
    const parent = table === 'messages' ? 'root_id' : 'parent_id';
    const live = table === 'messages' ? ' AND deleted_at IS NULL' : '';
    const rows: { id: string }[] = await this.db.query(
      `(SELECT id FROM ${table} WHERE id = $1) UNION ALL
       (SELECT id FROM ${table} WHERE ${parent} = $1${live} ORDER BY abs(extract(epoch FROM created_at - $2::timestamptz)) LIMIT 20)`,
      [rootId, around],
    );
    return rows.map((r) => r.id);
  }

  // ---------------------------------------------------------------- actions and appeals

  async insertAction(
    em: EntityManager,
    a: { kind: string; itemType: ReportItemType | null; itemId: string | null; subjectId: string | null; moderatorId: string | null; reason: string; until?: Date | null },
  ): Promise<ActionRow> {
    const [row]: ActionRow[] = await em.query(
      `INSERT INTO moderation_actions AS a (kind, item_type, item_id, subject_id, moderator_id, reason, until) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${ACTION_COLUMNS}`,
      [a.kind, a.itemType, a.itemId, a.subjectId, a.moderatorId, a.reason, a.until ?? null],
    );
    return row;
  }

  async action(em: EntityManager, id: string, lock: boolean): Promise<ActionRow | null> {
    const [row]: ActionRow[] = await em.query(`SELECT ${ACTION_COLUMNS} FROM moderation_actions a WHERE a.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ?? null;
  }

  async revokeAction(em: EntityManager, id: string): Promise<void> {
    await em.query('UPDATE moderation_actions SET revoked_at = now() WHERE id = $1', [id]);
  }

  /**
   * The decisions in force on these items of one author (hide, remove, auto_hide, not reversed), the
   * latest per item. Served by the (subject_id, created_at) index.
   */
  decisionsInForce(subjectId: string, itemIds: string[]): Promise<ActionRow[]> {
    return this.db.query(
      `SELECT DISTINCT ON (a.item_type, a.item_id) ${ACTION_COLUMNS} FROM moderation_actions a
        WHERE a.subject_id = $1 AND a.item_id = ANY($2::uuid[]) AND a.kind IN ('hide', 'remove', 'auto_hide') AND a.revoked_at IS NULL
        ORDER BY a.item_type, a.item_id, a.created_at DESC, a.id DESC`,
      [subjectId, itemIds],
    );
  }

  /** A person's record, newest first; `sanctionsOnly`: what the person sees of their own (never dismissals). */
  record(personId: string, sanctionsOnly: boolean): Promise<ActionRow[]> {
    const kinds = sanctionsOnly ? `AND a.kind IN ('hide', 'remove', 'warn', 'suspend', 'auto_hide', 'appeal_upheld', 'appeal_overturned')` : '';
    return this.db.query(`SELECT ${ACTION_COLUMNS} FROM moderation_actions a WHERE a.subject_id = $1 ${kinds} ORDER BY a.created_at DESC, a.id DESC LIMIT 100`, [personId]);
  }

  async insertAppeal(em: EntityManager, actionId: string, appellantId: string, text: string): Promise<string | null> {
    const [row]: { id: string }[] = await em.query(
      `INSERT INTO moderation_appeals (action_id, appellant_id, text) VALUES ($1, $2, $3) ON CONFLICT (action_id) DO NOTHING RETURNING id`,
      [actionId, appellantId, text],
    );
    return row?.id ?? null;
  }

  async appeal(em: EntityManager, id: string, lock = false): Promise<AppealRow | null> {
    const [row]: AppealRow[] = await em.query(`SELECT ${APPEAL_COLUMNS} FROM ${APPEAL_FROM} WHERE ap.id = $1${lock ? ' FOR UPDATE OF ap' : ''}`, [id]);
    return row ?? null;
  }

  openAppeals(exceptAppellantId: string): Promise<AppealRow[]> {
    return this.db.query(`SELECT ${APPEAL_COLUMNS} FROM ${APPEAL_FROM} WHERE ap.status = 'open' AND ap.appellant_id <> $1 ORDER BY ap.created_at LIMIT 100`, [exceptAppellantId]);
  }

  async decideAppeal(em: EntityManager, id: string, status: 'overturned' | 'upheld', decidedBy: string, reason: string): Promise<void> {
    await em.query(`UPDATE moderation_appeals SET status = $2, decided_by = $3, decision_reason = $4, decided_at = now() WHERE id = $1`, [id, status, decidedBy, reason]);
  }

  /** What the audit kept before a removal (a profile's cleared text), for an overturned appeal. */
  async removalSnapshot(em: EntityManager, actionId: string): Promise<Record<string, unknown> | null> {
    const [row]: { before: Record<string, unknown> | null }[] = await em.query(`SELECT before FROM moderation_audit WHERE event = 'action.remove' AND after->>'actionId' = $1 LIMIT 1`, [actionId]);
    return row?.before ?? null;
  }

  async suspendedUntil(personId: string): Promise<Date | null> {
    const [row]: { until: Date | null }[] = await this.db.query(
      `SELECT max(until) AS until FROM moderation_actions WHERE subject_id = $1 AND kind = 'suspend' AND revoked_at IS NULL AND until > now()`,
      [personId],
    );
    return row?.until ?? null;
  }

  async currentSuspensionId(personId: string): Promise<string | null> {
    const [row]: { id: string }[] = await this.db.query(
      `SELECT id FROM moderation_actions WHERE subject_id = $1 AND kind = 'suspend' AND revoked_at IS NULL AND until > now() ORDER BY until DESC LIMIT 1`,
      [personId],
    );
    return row?.id ?? null;
  }

  // ---------------------------------------------------------------- audit, settings, figures

  async insertAudit(
    em: EntityManager,
    actorId: string | null,
    event: string,
    e: { itemType?: string | null; itemId?: string | null; subjectId?: string | null; reason?: string | null; before?: Record<string, unknown>; after?: Record<string, unknown> },
  ): Promise<void> {
    await em.query(`INSERT INTO moderation_audit (actor_id, event, item_type, item_id, subject_id, reason, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
      actorId,
      event,
      e.itemType ?? null,
      e.itemId ?? null,
      e.subjectId ?? null,
      e.reason ?? null,
      e.before ? JSON.stringify(e.before) : null,
      e.after ? JSON.stringify(e.after) : null,
    ]);
  }

  auditLog(args: { from?: Date | null; to?: Date | null; first?: number }): Promise<AuditRow[]> {
    const params: unknown[] = [];
    const where = ['TRUE'];
    if (args.from) where.push(`created_at >= $${params.push(args.from)}`);
    if (args.to) where.push(`created_at < $${params.push(args.to)}`);
    return this.db.query(
      `SELECT id::text, created_at AS "createdAt", actor_id AS "actorId", event, item_type AS "itemType", item_id AS "itemId", subject_id AS "subjectId",
              reason, before, after FROM moderation_audit WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${pageSize(args.first, 10_000, 100)}`,
      params,
    );
  }

  async autoHideThreshold(em: EntityManager = this.db.manager, lock = false): Promise<number | null> {
    const [row]: { threshold: number | null }[] = await em.query(`SELECT auto_hide_threshold AS threshold FROM moderation_settings WHERE id = 1${lock ? ' FOR UPDATE' : ''}`);
    return row?.threshold ?? null;
  }

  async setAutoHideThreshold(em: EntityManager, threshold: number | null): Promise<void> {
    await em.query('INSERT INTO moderation_settings (id, auto_hide_threshold) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET auto_hide_threshold = $1', [threshold]);
  }

  async stats(): Promise<{ openReports: number; openItems: number; medianMinutes: number | null; reasonsByWeek: { week: Date; reason: string; count: number }[] }> {
    const [open]: { reports: number; items: number }[] = await this.db.query(
      `SELECT count(*)::int AS reports, count(DISTINCT (item_type, item_id))::int AS items FROM moderation_reports WHERE status = 'open'`,
    );
    const [median]: { minutes: number | null }[] = await this.db.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_action_at - first_reported_at) / 60)::float AS minutes
         FROM moderation_cases WHERE first_action_at IS NOT NULL AND first_reported_at > now() - interval '90 days'`,
    );
    const reasonsByWeek: { week: Date; reason: string; count: number }[] = await this.db.query(
      `SELECT date_trunc('week', created_at) AS week, reason, count(*)::int AS count FROM moderation_reports
        WHERE created_at > date_trunc('week', now()) - interval '11 weeks' GROUP BY 1, 2 ORDER BY 1 DESC, 2`,
    );
    return { openReports: open.reports, openItems: open.items, medianMinutes: median.minutes, reasonsByWeek };
  }
}
