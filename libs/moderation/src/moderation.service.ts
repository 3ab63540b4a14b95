import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, conflict, DomainError, ErrorCode, forbidden, isUuid, notFound, pageSize, RateLimiterService, toCsv } from '@plein/core';
import { BlogsService, type CommentRow, type PostRow } from '@plein/blogs';
import { PeopleService } from '@plein/directory';
import { GroupsService } from '@plein/groups';
import { MessagesService, type MessageRow } from '@plein/messages';
import { NotificationKind, NotificationsService } from '@plein/notifications';
import { PolicyService, type Actor } from '@plein/policy';
import { appendLiveEvents, type LiveEvent } from '@plein/realtime';
import { DataSource, type EntityManager } from 'typeorm';
import type { CaseStatusValue, ModerationActionKind, ReportItemType, ReportReasonValue, ReportStatusValue } from './entities/moderation.entity.js';
import { ModeratedItems } from './item-states.js';

export const REPORT_ITEM_TYPES: readonly ReportItemType[] = ['message', 'blog_post', 'blog_comment', 'profile', 'photo', 'group'];
export const REPORT_REASONS: readonly ReportReasonValue[] = [
  'harassment_or_bullying',
  'discrimination',
  'confidential_or_insider_information',
  'privacy_breach',
  'spam_or_advertising',
  'other',
];
/** What a moderator may decide on an item. */
export type DecisionKind = 'dismiss' | 'hide' | 'remove' | 'warn' | 'suspend' | 'escalate';
export const DECISIONS: readonly DecisionKind[] = ['dismiss', 'hide', 'remove', 'warn', 'suspend', 'escalate'];

/** Mass reporting: at most this many reports per person per window. */
export const REPORT_RATE_LIMIT = { limit: 10, windowSeconds: 600 };
/** A claim keeps other moderators off an item this long (renewed by claiming again). */
export const CLAIM_MINUTES = 15;
const NOTE_MAX = 1000;
const REASON_MAX = 1000;
const NOT_VISIBLE = 'That item does not exist, or you cannot see it.';
const NO_CASE = 'There is no open report about this item.';

export interface ReportRow {
  id: string;
  itemType: ReportItemType;
  itemId: string;
  reason: ReportReasonValue;
  note: string | null;
  status: ReportStatusValue;
  createdAt: Date;
  resolvedAt: Date | null;
}

export interface CaseRow {
  itemType: ReportItemType;
  itemId: string;
  subjectId: string | null;
  groupId: string | null;
  status: CaseStatusValue;
  claimedBy: string | null;
  claimedUntil: Date | null;
  firstReportedAt: Date;
  reporters: number;
  reasons: ReportReasonValue[];
}

export interface ActionRow {
  id: string;
  kind: ModerationActionKind;
  itemType: ReportItemType | null;
  itemId: string | null;
  subjectId: string | null;
  moderatorId: string | null;
  reason: string;
  until: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  appealStatus: string | null;
}

export interface AppealRow {
  id: string;
  actionId: string;
  appellantId: string;
  text: string;
  status: string;
  decidedBy: string | null;
  decisionReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  actionKind: ModerationActionKind;
  actionModeratorId: string | null;
  actionReason: string;
}

export interface AuditRow {
  id: string;
  createdAt: Date;
  actorId: string | null;
  event: string;
  itemType: string | null;
  itemId: string | null;
  subjectId: string | null;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface QueueArgs {
  sort?: 'OLDEST' | 'MOST_REPORTED' | null;
  reason?: ReportReasonValue | null;
  itemType?: ReportItemType | null;
  departmentId?: string | null;
  first?: number;
}

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

/** The audit's before/after key for an item's state: messageState, blogPostState, photoState, … */
function stateKey(itemType: ReportItemType): string {
  return `${itemType.replace(/_(\w)/g, (_, ch: string) => ch.toUpperCase())}State`;
}

/** Removals and suspensions can be appealed (once); hides are pending a decision, warnings change nothing. */
export function isAppealableKind(kind: string): boolean {
  return kind === 'remove' || kind === 'suspend';
}

/** Whether the person it is about may still appeal this decision: appealable, in force, not yet appealed. */
export function canAppeal(action: { kind: string; revokedAt: Date | null; appealStatus: string | null }): boolean {
  return isAppealableKind(action.kind) && !action.revokedAt && !action.appealStatus;
}

function cleanText(raw: unknown, field: string, max: number, what: string, required: boolean): string | null {
  if (raw === undefined || raw === null) {
    if (required) throw badInput(`${what} is required.`, { field, messageKey: 'input.required' });
    return null;
  }
  if (typeof raw !== 'string') throw badInput(`${what} must be text.`, { field, messageKey: 'input.notText' });
  const text = raw.trim();
  if (!text) {
    if (required) throw badInput(`${what} is required.`, { field, messageKey: 'input.required' });
    return null;
  }
  if ([...text].length > max) throw badInput(`${what} can be at most ${max} characters.`, { field, max: max, messageKey: 'input.tooLong' });
  return text;
}

/**
 * Reports, the moderation queue, decisions, appeals and the audit log. Every decision runs in one
 * transaction with its audit row, its notifications and its live events, so none of them exists
 * unless the decision committed. Reporters stay anonymous: nothing the author can query carries a
 * reporter id. Who may do what is PolicyService.canModerateItem.
 */
@Injectable()
export class ModerationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly messages: MessagesService,
    private readonly groups: GroupsService,
    private readonly people: PeopleService,
    private readonly notifications: NotificationsService,
    private readonly limiter: RateLimiterService,
    private readonly blogs: BlogsService,
    private readonly items: ModeratedItems,
  ) {}

  // ---------------------------------------------------------------- reports

  async report(actor: Actor, input: { itemType: unknown; itemId: unknown; reason: unknown; note?: unknown }): Promise<ReportRow> {
    this.policy.assert(actor, 'moderation.report');
    const itemType = input.itemType as ReportItemType;
    if (!REPORT_ITEM_TYPES.includes(itemType)) throw badInput(`You can report a message, a blog post, a blog comment, a profile, a photo or a group.`, { field: 'itemType' });
    const reason = input.reason as ReportReasonValue;
    if (!REPORT_REASONS.includes(reason)) throw badInput(`Choose a reason: ${REPORT_REASONS.join(', ')}.`, { field: 'reason', messageKey: 'input.unknownChoice' });
    const note = cleanText(input.note, 'note', NOTE_MAX, 'A note', reason === 'other');
    const itemId = typeof input.itemId === 'string' ? input.itemId.toLowerCase() : '';
    if (!isUuid(itemId)) throw notFound(NOT_VISIBLE);
    const item = await this.resolveItem(actor, itemType, itemId);
    if (item.subjectId === actor.personId) throw badInput('You cannot report your own content. Delete or edit it instead.', { field: 'itemId', messageKey: 'input.notYourself' });

    const hit = await this.limiter.hit(`moderation.report:${actor.personId}`, REPORT_RATE_LIMIT.limit, REPORT_RATE_LIMIT.windowSeconds);
    if (!hit.allowed) {
      throw new DomainError(
        ErrorCode.RATE_LIMITED,
        `You have made ${REPORT_RATE_LIMIT.limit} reports in the last ${REPORT_RATE_LIMIT.windowSeconds / 60} minutes. Please wait ${Math.ceil(hit.retryAfterSeconds / 60)} minute(s) before reporting more; our moderators are looking at your reports.`,
        { retryAfterSeconds: hit.retryAfterSeconds },
      );
    }

    return this.db.transaction(async (em) => {
      const [inserted]: ReportRow[] = await em.query(
        `INSERT INTO moderation_reports (item_type, item_id, reporter_id, reason, note) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (item_type, item_id, reporter_id) WHERE status = 'open' DO NOTHING
         RETURNING id, item_type AS "itemType", item_id AS "itemId", reason, note, status, created_at AS "createdAt", resolved_at AS "resolvedAt"`,
        [itemType, itemId, actor.personId, reason, note],
      );
      if (!inserted) throw conflict('You have already reported this and the report is still open. You can follow it in your reports.');
      // A closed case reopens with a fresh clock: a new report is a new question for the team.
      await em.query(
        `INSERT INTO moderation_cases AS c (item_type, item_id, subject_id, group_id, status, first_reported_at) VALUES ($1, $2, $3, $4, 'open', now())
         ON CONFLICT (item_type, item_id) DO UPDATE SET
           subject_id = EXCLUDED.subject_id, group_id = EXCLUDED.group_id,
           first_action_at = CASE WHEN c.status = 'closed' THEN NULL ELSE c.first_action_at END,
           first_reported_at = CASE WHEN c.status = 'closed' THEN now() ELSE c.first_reported_at END,
           status = CASE WHEN c.status = 'closed' THEN 'open' ELSE c.status END`,
        [itemType, itemId, item.subjectId, item.groupId],
      );
      await this.audit(em, actor.personId, 'report.created', { itemType, itemId, subjectId: item.subjectId, reason: note ? `${reason}: ${note}` : reason, after: { reportId: inserted.id, reason } });
      const [{ reporters }]: { reporters: number }[] = await em.query(
        `SELECT count(DISTINCT reporter_id)::int AS reporters FROM moderation_reports WHERE item_type = $1 AND item_id = $2 AND status = 'open'`,
        [itemType, itemId],
      );
      const live: LiveEvent[] = [];
      await this.maybeAutoHide(em, { itemType, itemId, subjectId: item.subjectId }, reporters, live);
      await this.pushQueueEvent(em, live, { itemType, itemId, reporters, groupId: item.groupId, subjectId: item.subjectId });
      await appendLiveEvents(em, live);
      return inserted;
    });
  }

  /** The item if the actor may see it: who it belongs to and which group it lives in; NOT_FOUND otherwise. */
  private async resolveItem(actor: Actor, itemType: ReportItemType, itemId: string): Promise<{ subjectId: string | null; groupId: string | null }> {
    const groupOf = (audience: string) => (audience.startsWith('group:') ? audience.slice('group:'.length) : null);
    switch (itemType) {
      case 'blog_post': {
        const post = await this.blogs.findVisible(actor, itemId);
        if (!post || post.status !== 'published' || post.moderationState !== 'visible') throw notFound(NOT_VISIBLE);
        // A post in a group blog reaches that group's admins, as a group message does.
        return { subjectId: post.authorId, groupId: groupOf(post.audience) };
      }
      case 'blog_comment': {
        const [comment] = await this.blogs.findComments([itemId]);
        const post = comment && comment.moderationState === 'visible' ? await this.blogs.findVisible(actor, comment.postId) : null;
        if (!comment || !post || post.status !== 'published' || post.moderationState !== 'visible') throw notFound(NOT_VISIBLE);
        return { subjectId: comment.authorId, groupId: groupOf(post.audience) };
      }
      case 'message': {
        const message = await this.messages.findVisible(actor, itemId);
        if (!message) throw notFound(NOT_VISIBLE);
        return { subjectId: message.authorId, groupId: groupOf(message.audience) };
      }
      case 'profile': {
        const person = await this.people.findById(itemId);
        if (!person) throw notFound(NOT_VISIBLE);
        return { subjectId: person.id, groupId: null };
      }
      case 'photo': {
        const [photo]: { person_id: string }[] = await this.db.query(`SELECT person_id FROM photos WHERE id = $1 AND moderation_state = 'visible'`, [itemId]);
        if (!photo) throw notFound(NOT_VISIBLE);
        return { subjectId: photo.person_id, groupId: null };
      }
      case 'group': {
        if (!(await this.policy.canGroupById(actor, 'see', itemId))) throw notFound(NOT_VISIBLE);
        // A report about a group goes to community managers (its admins are its subject).
        const [owner]: { person_id: string }[] = await this.db.query(
          `SELECT person_id FROM group_memberships WHERE group_id = $1 AND role = 'owner' AND status = 'active' LIMIT 1`,
          [itemId],
        );
        return { subjectId: owner?.person_id ?? null, groupId: null };
      }
      default: {
        const never: never = itemType;
        throw badInput(`Unknown item type ${String(never)}.`, { messageKey: 'input.unknownChoice' });
      }
    }
  }

  /** The reporter's own reports and their status, newest first. */
  async myReports(actor: Actor, first?: number): Promise<ReportRow[]> {
    this.policy.assert(actor, 'moderation.report');
    return this.db.query(
      `SELECT id, item_type AS "itemType", item_id AS "itemId", reason, note, status, created_at AS "createdAt", resolved_at AS "resolvedAt"
         FROM moderation_reports WHERE reporter_id = $1 ORDER BY created_at DESC, id DESC LIMIT ${pageSize(first, 100, 50)}`,
      [actor.personId],
    );
  }

  // ---------------------------------------------------------------- the queue

  /** Groups where the actor is an active owner or admin. */
  private async adminGroupIds(actor: Actor): Promise<string[]> {
    const rows: { group_id: string }[] = await this.db.query(
      `SELECT group_id FROM group_memberships WHERE person_id = $1 AND status = 'active' AND role IN ('owner', 'admin')`,
      [actor.personId],
    );
    return rows.map((r) => r.group_id);
  }

  /**
   * Open items, grouped, with the number of distinct reporters. Community managers and admins see
   * every open item; a group's admins see content of their groups not about a group admin.
   * Nobody sees items about themselves.
   */
  async queue(actor: Actor, args: QueueArgs): Promise<CaseRow[]> {
    const size = pageSize(args.first, 100, 50);
    const params: unknown[] = [actor.personId];
    const add = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [`c.status <> 'closed'`, 'r.reporters > 0', '(c.subject_id IS NULL OR c.subject_id <> $1)'];
    if (!this.policy.can(actor, 'moderation.access')) {
      const groupIds = await this.adminGroupIds(actor);
      if (!groupIds.length) throw forbidden('Only community managers, admins and group admins can see the moderation queue.');
      where.push(
        `c.status = 'open'`,
        `c.group_id = ANY(${add(groupIds)}::uuid[])`,
        `NOT EXISTS (SELECT 1 FROM group_memberships s WHERE s.group_id = c.group_id AND s.person_id = c.subject_id AND s.status = 'active' AND s.role IN ('owner', 'admin'))`,
      );
    }
    if (args.reason) {
      if (!REPORT_REASONS.includes(args.reason)) throw badInput('Unknown reason.', { field: 'reason', messageKey: 'input.unknownChoice' });
      where.push(`${add(args.reason)} = ANY(r.reasons)`);
    }
    if (args.itemType) {
      if (!REPORT_ITEM_TYPES.includes(args.itemType)) throw badInput('Unknown item type.', { field: 'itemType', messageKey: 'input.unknownChoice' });
      where.push(`c.item_type = ${add(args.itemType)}`);
    }
    if (args.departmentId) {
      if (!isUuid(args.departmentId)) throw badInput('departmentId must be the id of a department.', { field: 'departmentId', messageKey: 'input.invalidId' });
      where.push(`p.department_id = ${add(args.departmentId)}`);
    }
    const order = args.sort === 'MOST_REPORTED' ? 'r.reporters DESC, c.first_reported_at, c.item_id' : 'c.first_reported_at, c.item_id';
    return this.db.query(
      `SELECT ${CASE_COLUMNS} FROM moderation_cases c ${OPEN_REPORTS} LEFT JOIN people p ON p.id = c.subject_id
        WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${size}`,
      params,
    );
  }

  private async loadCase(itemType: string, itemId: string, em: EntityManager = this.db.manager, lock = false): Promise<CaseRow | null> {
    if (!REPORT_ITEM_TYPES.includes(itemType as ReportItemType) || !isUuid(itemId)) return null;
    if (lock) await em.query('SELECT 1 FROM moderation_cases WHERE item_type = $1 AND item_id = $2 FOR UPDATE', [itemType, itemId]);
    const [row]: CaseRow[] = await em.query(`SELECT ${CASE_COLUMNS} FROM moderation_cases c ${OPEN_REPORTS} WHERE c.item_type = $1 AND c.item_id = $2`, [itemType, itemId]);
    return row ?? null;
  }

  private async isGroupAdmin(groupId: string | null, personId: string | null, em: EntityManager): Promise<boolean> {
    if (!groupId || !personId) return false;
    const m = await this.groups.membership(groupId, personId, em);
    return !!m && m.status === 'active' && (m.role === 'owner' || m.role === 'admin');
  }

  /** Policy's answer for this actor, action and case; the reason when refused. */
  private async decide(actor: Actor, action: Parameters<PolicyService['canModerateItem']>[1], c: CaseRow, em: EntityManager): Promise<void> {
    if (c.subjectId === actor.personId) throw forbidden('You cannot moderate your own content or a report about yourself; another moderator will.');
    const facts = {
      subjectId: c.subjectId,
      escalated: c.status === 'escalated',
      actorGroupAdmin: await this.isGroupAdmin(c.groupId, actor.personId, em),
      subjectGroupAdmin: await this.isGroupAdmin(c.groupId, c.subjectId, em),
    };
    if (this.policy.canModerateItem(actor, action, facts)) return;
    if (!this.policy.can(actor, 'moderation.access') && !facts.actorGroupAdmin) throw forbidden('Only community managers, admins and (for their group) group admins can moderate.');
    if (facts.escalated) throw forbidden('This item was escalated to admins; only an admin can decide it.');
    throw forbidden('Group admins can dismiss, hide or remove content in their group; other decisions are for community managers.');
  }

  /** One item for a moderator: the case; its context is resolved field by field. */
  async item(actor: Actor, itemType: string, itemId: string): Promise<CaseRow> {
    const c = await this.loadCase(itemType, itemId);
    if (!c || c.status === 'closed') throw notFound(NO_CASE);
    await this.decide(actor, 'view', c, this.db.manager);
    return c;
  }

  /** The reports of an item, for moderators: reasons, notes and times, never who reported. */
  async reportsOf(c: Pick<CaseRow, 'itemType' | 'itemId'>): Promise<ReportRow[]> {
    return this.db.query(
      `SELECT id, item_type AS "itemType", item_id AS "itemId", reason, note, status, created_at AS "createdAt", resolved_at AS "resolvedAt"
         FROM moderation_reports WHERE item_type = $1 AND item_id = $2 AND status = 'open' ORDER BY created_at`,
      [c.itemType, c.itemId],
    );
  }

  /** A reported message with its thread around it (the root and up to 20 replies), moderation states included. */
  async messageContext(itemId: string): Promise<{ message: MessageRow | null; thread: MessageRow[] }> {
    const [message] = await this.messages.findByIds([itemId]);
    if (!message) return { message: null, thread: [] };
    const rootId = message.rootId ?? message.id;
    const rows: { id: string }[] = await this.db.query(
      `(SELECT id FROM messages WHERE id = $1) UNION ALL
       (SELECT id FROM messages WHERE root_id = $1 AND deleted_at IS NULL ORDER BY abs(extract(epoch FROM created_at - $2::timestamptz)) LIMIT 20)`,
      [rootId, message.createdAt],
    );
    const thread = await this.messages.findByIds(rows.map((r) => r.id));
    thread.sort((a, b) => (a.rootId === null ? -1 : b.rootId === null ? 1 : a.createdAt.getTime() - b.createdAt.getTime()));
    return { message, thread };
  }

  /** A reported blog post, or the post a reported comment is on, and the comment with its thread (moderation states included). */
  async blogContext(c: Pick<CaseRow, 'itemType' | 'itemId'>): Promise<{ post: PostRow | null; comment: CommentRow | null; thread: CommentRow[] }> {
    if (c.itemType === 'blog_post') {
      const [post] = await this.blogs.findPosts([c.itemId]);
      return { post: post ?? null, comment: null, thread: [] };
    }
    if (c.itemType !== 'blog_comment') return { post: null, comment: null, thread: [] };
    const [comment] = await this.blogs.findComments([c.itemId]);
    if (!comment) return { post: null, comment: null, thread: [] };
    const [post] = await this.blogs.findPosts([comment.postId]);
    const rootId = comment.parentId ?? comment.id;
    const rows: { id: string }[] = await this.db.query(
      `(SELECT id FROM blog_comments WHERE id = $1) UNION ALL
       (SELECT id FROM blog_comments WHERE parent_id = $1 ORDER BY abs(extract(epoch FROM created_at - $2::timestamptz)) LIMIT 20)`,
      [rootId, comment.createdAt],
    );
    const thread = await this.blogs.findComments(rows.map((r) => r.id));
    thread.sort((a, b) => (a.parentId === null ? -1 : b.parentId === null ? 1 : new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime()));
    return { post: post ?? null, comment, thread };
  }

  /** The item's own words as written, even when hidden or removed, for the moderator deciding on it. */
  async originalText(c: Pick<CaseRow, 'itemType' | 'itemId'>): Promise<string | null> {
    switch (c.itemType) {
      case 'message':
        return (await this.messageContext(c.itemId)).message?.body ?? null;
      case 'blog_post': {
        const [row]: { t: string }[] = await this.db.query(`SELECT title || E'\n\n' || search_text AS t FROM blog_posts WHERE id = $1`, [c.itemId]);
        return row?.t ?? null;
      }
      case 'blog_comment':
        return (await this.blogContext(c)).comment?.body ?? null;
      case 'profile': {
        const [row]: { t: string | null }[] = await this.db.query(
          `SELECT concat_ws(E'\n', headline, about, pronouns, working_location, working_hours, nullif(array_to_string(skills, ', '), ''), nullif(array_to_string(interests, ', '), '')) AS t
             FROM person_profiles WHERE person_id = $1`,
          [c.itemId],
        );
        return row?.t || null;
      }
      case 'group': {
        const [row]: { t: string }[] = await this.db.query(`SELECT concat_ws(E'\n\n', name, nullif(description, ''), nullif(rules, '')) AS t FROM groups WHERE id = $1`, [c.itemId]);
        return row?.t ?? null;
      }
      case 'photo':
        return null;
      default: {
        const never: never = c.itemType;
        return never;
      }
    }
  }

  /** visible, hidden or removed; null when the item is gone. */
  async itemState(c: Pick<CaseRow, 'itemType' | 'itemId'>): Promise<string | null> {
    return this.items.state(this.db.manager, c.itemType, c.itemId);
  }

  async claim(actor: Actor, itemType: string, itemId: string): Promise<CaseRow> {
    return this.db.transaction(async (em) => {
      const c = await this.loadCase(itemType, itemId, em, true);
      if (!c || c.status === 'closed') throw notFound(NO_CASE);
      await this.decide(actor, 'claim', c, em);
      await this.assertNotClaimedByOther(actor, c);
      await em.query(
        `UPDATE moderation_cases SET claimed_by = $3, claimed_until = now() + make_interval(mins => $4) WHERE item_type = $1 AND item_id = $2`,
        [c.itemType, c.itemId, actor.personId, CLAIM_MINUTES],
      );
      return (await this.loadCase(itemType, itemId, em))!;
    });
  }

  async release(actor: Actor, itemType: string, itemId: string): Promise<CaseRow> {
    const c = await this.item(actor, itemType, itemId);
    await this.db.query(`UPDATE moderation_cases SET claimed_by = NULL, claimed_until = NULL WHERE item_type = $1 AND item_id = $2 AND claimed_by = $3`, [
      c.itemType,
      c.itemId,
      actor.personId,
    ]);
    return (await this.loadCase(itemType, itemId))!;
  }

  private async assertNotClaimedByOther(actor: Actor, c: CaseRow): Promise<void> {
    if (!c.claimedBy || c.claimedBy === actor.personId) return;
    const holder = await this.people.findById(c.claimedBy);
    const until = c.claimedUntil ? new Date(c.claimedUntil).toISOString().slice(11, 16) : '';
    throw conflict(`${holder?.displayName ?? 'Another moderator'} is working on this item (claimed until ${until} UTC).`);
  }

  // ---------------------------------------------------------------- decisions

  async act(actor: Actor, input: { itemType: string; itemId: string; action: DecisionKind; reason: unknown; suspendDays?: number | null }): Promise<ActionRow> {
    if (!DECISIONS.includes(input.action)) throw badInput('Unknown action.', { field: 'action', messageKey: 'input.unknownChoice' });
    const reason = cleanText(input.reason, 'reason', REASON_MAX, 'A reason', true)!;
    const kind = input.action;
    let days = 0;
    if (kind === 'suspend') {
      days = Number(input.suspendDays);
      if (!Number.isInteger(days) || days < 1 || days > 365) throw badInput('A suspension lasts 1 to 365 days: give suspendDays.', { field: 'suspendDays', messageKey: 'input.numberRange' });
    }
    const result = await this.db.transaction(async (em) => {
      const c = await this.loadCase(input.itemType, input.itemId, em, true);
      if (!c || c.status === 'closed') throw notFound(NO_CASE);
      await this.decide(actor, kind, c, em);
      await this.assertNotClaimedByOther(actor, c);
      if ((kind === 'warn' || kind === 'suspend') && !c.subjectId) throw badInput('This item has nobody to warn or suspend.', { field: 'action' });
      const live: LiveEvent[] = [];
      const before: Record<string, unknown> = { caseStatus: c.status };
      const after: Record<string, unknown> = {};

      const current = await this.items.state(em, c.itemType, c.itemId);
      if (current) before[stateKey(c.itemType)] = current;
      if ((kind === 'hide' || kind === 'remove') && !current) throw notFound('This item no longer exists; dismiss the reports, or warn or suspend its owner.');
      const setState = async (state: 'visible' | 'hidden' | 'removed') => {
        // Hidden and removed items leave every read but their author's; the live events drop them from open screens at once.
        const change = await this.items.set(em, c.itemType, c.itemId, state, reason, live);
        if (!change) return;
        after[stateKey(c.itemType)] = change.after;
        if (change.snapshot) Object.assign(before, change.snapshot);
      };
      if (kind === 'hide') await setState('hidden');
      if (kind === 'remove') await setState('removed');
      // Dismissing a hidden item puts it back.
      if (kind === 'dismiss' && current === 'hidden') await setState('visible');

      const until = kind === 'suspend' ? new Date(Date.now() + days * 86_400_000) : null;
      const [action]: ActionRow[] = await em.query(
        `INSERT INTO moderation_actions AS a (kind, item_type, item_id, subject_id, moderator_id, reason, until) VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING ${ACTION_COLUMNS}`,
        [kind, c.itemType, c.itemId, c.subjectId, actor.personId, reason, until],
      );
      if (until) after.suspendedUntil = until.toISOString();

      const closes = kind === 'dismiss' || kind === 'remove' || kind === 'warn' || kind === 'suspend';
      const status: CaseStatusValue = closes ? 'closed' : kind === 'escalate' ? 'escalated' : c.status;
      await em.query(
        `UPDATE moderation_cases SET status = $3::varchar, first_action_at = COALESCE(first_action_at, now()),
           claimed_by = CASE WHEN $3::varchar = 'open' THEN claimed_by END, claimed_until = CASE WHEN $3::varchar = 'open' THEN claimed_until END
         WHERE item_type = $1 AND item_id = $2`,
        [c.itemType, c.itemId, status],
      );
      after.caseStatus = status;
      let reporterIds: string[] = [];
      if (closes) {
        // An UPDATE … RETURNING answers [rows, affected] through TypeORM.
        const [rows]: [{ reporter_id: string }[], number] = await em.query(
          `UPDATE moderation_reports SET status = $3, resolved_at = now() WHERE item_type = $1 AND item_id = $2 AND status = 'open' RETURNING reporter_id`,
          [c.itemType, c.itemId, kind === 'dismiss' ? 'dismissed' : 'actioned'],
        );
        reporterIds = rows.map((r) => r.reporter_id);
      }
      await this.audit(em, actor.personId, `action.${kind}`, { itemType: c.itemType, itemId: c.itemId, subjectId: c.subjectId, reason, before, after: { ...after, actionId: action.id } });
      await this.notifications.addImpersonal(em, reporterIds, NotificationKind.REPORT_OUTCOME);
      if (c.subjectId && (kind === 'hide' || kind === 'remove' || kind === 'warn' || kind === 'suspend')) {
        await this.notifications.addImpersonal(em, [c.subjectId], NotificationKind.MODERATION);
      }
      await this.pushQueueEvent(em, live, { itemType: c.itemType, itemId: c.itemId, reporters: closes ? 0 : c.reporters, groupId: c.groupId, subjectId: c.subjectId, status });
      await appendLiveEvents(em, live);
      return action;
    });
    return result;
  }

  /** Hides an item pending review once enough distinct people reported it (admin setting; off by default). */
  private async maybeAutoHide(em: EntityManager, item: { itemType: ReportItemType; itemId: string; subjectId: string | null }, reporters: number, live: LiveEvent[]): Promise<void> {
    const [settings]: { threshold: number | null }[] = await em.query('SELECT auto_hide_threshold AS threshold FROM moderation_settings WHERE id = 1');
    if (!settings?.threshold || reporters < settings.threshold) return;
    if ((await this.items.state(em, item.itemType, item.itemId)) !== 'visible') return;
    const reason = `Hidden automatically after ${reporters} distinct reports; a moderator will review it.`;
    const change = await this.items.set(em, item.itemType, item.itemId, 'hidden', reason, live);
    if (!change) return;
    await em.query(`INSERT INTO moderation_actions (kind, item_type, item_id, subject_id, moderator_id, reason) VALUES ('auto_hide', $1, $2, $3, NULL, $4)`, [
      item.itemType,
      item.itemId,
      item.subjectId,
      reason,
    ]);
    const key = stateKey(item.itemType);
    await this.audit(em, null, 'action.auto_hide', { itemType: item.itemType, itemId: item.itemId, subjectId: item.subjectId, reason, before: { [key]: 'visible' }, after: { [key]: 'hidden' } });
  }

  // ---------------------------------------------------------------- records and appeals

  /**
   * The decisions in force on these items of one author (hide, remove, auto_hide, not reversed), the
   * latest per item, keyed `${itemType}:${itemId}`. For the author's own view of moderated content:
   * the reason and, for a removal, the action to appeal. Served by the (subject_id, created_at) index.
   */
  async decisionsInForce(subjectId: string, items: readonly { itemType: ReportItemType; itemId: string }[]): Promise<Map<string, ActionRow>> {
    const valid = items.filter((i) => isUuid(i.itemId));
    if (!isUuid(subjectId) || !valid.length) return new Map();
    const rows: ActionRow[] = await this.db.query(
      `SELECT DISTINCT ON (a.item_type, a.item_id) ${ACTION_COLUMNS} FROM moderation_actions a
        WHERE a.subject_id = $1 AND a.item_id = ANY($2::uuid[]) AND a.kind IN ('hide', 'remove', 'auto_hide') AND a.revoked_at IS NULL
        ORDER BY a.item_type, a.item_id, a.created_at DESC, a.id DESC`,
      [subjectId, [...new Set(valid.map((i) => i.itemId))]],
    );
    const wanted = new Set(valid.map((i) => `${i.itemType}:${i.itemId}`));
    return new Map(rows.map((r) => [`${r.itemType}:${r.itemId}`, r] as const).filter(([k]) => wanted.has(k)));
  }

  /** A person's moderation record. Moderators see all of it; the person their own sanctions (never dismissals or reporters). */
  async record(actor: Actor, personId: string): Promise<ActionRow[]> {
    if (!isUuid(personId)) throw notFound('That person does not exist.');
    const own = personId === actor.personId;
    if (!own && !this.policy.can(actor, 'moderation.access')) throw forbidden('Only moderators can see the moderation record of someone else.');
    const kinds = own && !this.policy.can(actor, 'moderation.access') ? `AND a.kind IN ('hide', 'remove', 'warn', 'suspend', 'auto_hide', 'appeal_upheld', 'appeal_overturned')` : '';
    return this.db.query(`SELECT ${ACTION_COLUMNS} FROM moderation_actions a WHERE a.subject_id = $1 ${kinds} ORDER BY a.created_at DESC, a.id DESC LIMIT 100`, [personId]);
  }

  async appeal(actor: Actor, actionId: string, rawText: unknown): Promise<AppealRow> {
    this.policy.assert(actor, 'moderation.appeal');
    const text = cleanText(rawText, 'text', NOTE_MAX, 'Your appeal', true)!;
    if (!isUuid(actionId)) throw notFound('That decision does not exist.');
    return this.db.transaction(async (em) => {
      const [action]: ActionRow[] = await em.query(`SELECT ${ACTION_COLUMNS} FROM moderation_actions a WHERE a.id = $1 FOR UPDATE`, [actionId]);
      if (!action || action.subjectId !== actor.personId) throw notFound('That decision does not exist.');
      if (!isAppealableKind(action.kind)) throw badInput('Only a removal or a suspension can be appealed.', { field: 'actionId', messageKey: 'input.unknownChoice' });
      if (action.revokedAt) throw badInput('That decision was already reversed.', { field: 'actionId' });
      const [row]: { id: string }[] = await em.query(
        `INSERT INTO moderation_appeals (action_id, appellant_id, text) VALUES ($1, $2, $3) ON CONFLICT (action_id) DO NOTHING RETURNING id`,
        [action.id, actor.personId, text],
      );
      if (!row) throw conflict('You have already appealed this decision; a decision can be appealed once.');
      await this.audit(em, actor.personId, 'appeal.created', { itemType: action.itemType, itemId: action.itemId, subjectId: actor.personId, reason: text, after: { appealId: row.id, actionId: action.id } });
      const live: LiveEvent[] = [];
      await this.pushQueueEvent(em, live, { appealId: row.id });
      await appendLiveEvents(em, live);
      const [appeal]: AppealRow[] = await em.query(`SELECT ${APPEAL_COLUMNS} FROM moderation_appeals ap JOIN moderation_actions a ON a.id = ap.action_id WHERE ap.id = $1`, [row.id]);
      return appeal;
    });
  }

  /** Open appeals for moderators (not their own). */
  async appeals(actor: Actor): Promise<AppealRow[]> {
    if (!this.policy.can(actor, 'moderation.access')) throw forbidden('Only community managers and admins decide appeals.');
    return this.db.query(
      `SELECT ${APPEAL_COLUMNS} FROM moderation_appeals ap JOIN moderation_actions a ON a.id = ap.action_id
        WHERE ap.status = 'open' AND ap.appellant_id <> $1 ORDER BY ap.created_at LIMIT 100`,
      [actor.personId],
    );
  }

  async decideAppeal(actor: Actor, appealId: string, overturn: boolean, rawReason: unknown): Promise<AppealRow> {
    if (!this.policy.can(actor, 'moderation.access')) throw forbidden('Only community managers and admins decide appeals.');
    const reason = cleanText(rawReason, 'reason', REASON_MAX, 'A reason', true)!;
    if (!isUuid(appealId)) throw notFound('That appeal does not exist.');
    return this.db.transaction(async (em) => {
      const [appeal]: AppealRow[] = await em.query(
        `SELECT ${APPEAL_COLUMNS} FROM moderation_appeals ap JOIN moderation_actions a ON a.id = ap.action_id WHERE ap.id = $1 FOR UPDATE OF ap`,
        [appealId],
      );
      if (!appeal) throw notFound('That appeal does not exist.');
      if (appeal.appellantId === actor.personId) throw forbidden('You cannot decide your own appeal.');
      if (appeal.actionModeratorId === actor.personId) throw forbidden('You made the decision under appeal; another moderator must decide the appeal.');
      if (appeal.status !== 'open') throw conflict('This appeal has already been decided.');
      const [action]: ActionRow[] = await em.query(`SELECT ${ACTION_COLUMNS} FROM moderation_actions a WHERE a.id = $1 FOR UPDATE`, [appeal.actionId]);
      const live: LiveEvent[] = [];
      const after: Record<string, unknown> = { appealStatus: overturn ? 'overturned' : 'upheld' };
      if (overturn) {
        await em.query('UPDATE moderation_actions SET revoked_at = now() WHERE id = $1', [action.id]);
        if (action.kind === 'remove' && action.itemId && action.itemType) {
          if (action.itemType === 'profile') {
            // The removal cleared the text; the audit row of that decision holds it.
            const [row]: { before: { profile?: Record<string, unknown> | null } | null }[] = await em.query(
              `SELECT before FROM moderation_audit WHERE event = 'action.remove' AND after->>'actionId' = $1 LIMIT 1`,
              [action.id],
            );
            if (await this.items.restoreProfile(em, action.itemId, row?.before?.profile ?? null)) after.profileState = 'visible';
          } else {
            const change = await this.items.set(em, action.itemType, action.itemId, 'visible', null, live);
            if (change) after[stateKey(action.itemType)] = 'visible';
          }
        }
        if (action.kind === 'suspend') after.suspendedUntil = null;
      }
      await em.query(`UPDATE moderation_appeals SET status = $2, decided_by = $3, decision_reason = $4, decided_at = now() WHERE id = $1`, [
        appeal.id,
        overturn ? 'overturned' : 'upheld',
        actor.personId,
        reason,
      ]);
      await em.query(
        `INSERT INTO moderation_actions (kind, item_type, item_id, subject_id, moderator_id, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
        [overturn ? 'appeal_overturned' : 'appeal_upheld', action.itemType, action.itemId, action.subjectId, actor.personId, reason],
      );
      await this.audit(em, actor.personId, overturn ? 'appeal.overturned' : 'appeal.upheld', {
        itemType: action.itemType,
        itemId: action.itemId,
        subjectId: action.subjectId,
        reason,
        before: { appealStatus: 'open', actionKind: action.kind, suspendedUntil: action.until },
        after,
      });
      await this.notifications.addImpersonal(em, [appeal.appellantId], NotificationKind.MODERATION);
      await appendLiveEvents(em, live);
      const [decided]: AppealRow[] = await em.query(`SELECT ${APPEAL_COLUMNS} FROM moderation_appeals ap JOIN moderation_actions a ON a.id = ap.action_id WHERE ap.id = $1`, [
        appeal.id,
      ]);
      return decided;
    });
  }

  /** Until when the person is suspended, or null (registered with identity's ActorService). */
  async suspendedUntil(personId: string): Promise<Date | null> {
    const [row]: { until: Date | null }[] = await this.db.query(
      `SELECT max(until) AS until FROM moderation_actions WHERE subject_id = $1 AND kind = 'suspend' AND revoked_at IS NULL AND until > now()`,
      [personId],
    );
    return row?.until ?? null;
  }

  /** The suspension in force (the one ending last), for an appeal without a token. */
  async currentSuspensionId(personId: string): Promise<string | null> {
    const [row]: { id: string }[] = await this.db.query(
      `SELECT id FROM moderation_actions WHERE subject_id = $1 AND kind = 'suspend' AND revoked_at IS NULL AND until > now() ORDER BY until DESC LIMIT 1`,
      [personId],
    );
    return row?.id ?? null;
  }

  // ---------------------------------------------------------------- audit, settings, figures

  private async audit(
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

  async auditLog(actor: Actor, args: { from?: Date | null; to?: Date | null; first?: number }): Promise<AuditRow[]> {
    this.policy.assert(actor, 'moderation.audit');
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

  /** The audit log as CSV (RFC 4180), oldest first, for admins. */
  async auditCsv(actor: Actor, args: { from?: Date | null; to?: Date | null }): Promise<string> {
    const rows = (await this.auditLog(actor, { ...args, first: 10_000 })).reverse();
    const header = ['id', 'at', 'actor_id', 'event', 'item_type', 'item_id', 'subject_id', 'reason', 'before', 'after'];
    const lines = rows.map((r) => [r.id, r.createdAt, r.actorId, r.event, r.itemType, r.itemId, r.subjectId, r.reason, r.before, r.after]);
    return toCsv([header], { lineEnd: '\r\n' }) + toCsv(lines, { quoteAll: true, lineEnd: '\r\n' });
  }

  async settings(actor: Actor): Promise<{ autoHideThreshold: number | null }> {
    if (!this.policy.can(actor, 'moderation.access')) throw forbidden('Only community managers and admins see moderation settings.');
    const [row]: { autoHideThreshold: number | null }[] = await this.db.query('SELECT auto_hide_threshold AS "autoHideThreshold" FROM moderation_settings WHERE id = 1');
    return row ?? { autoHideThreshold: null };
  }

  async setAutoHide(actor: Actor, threshold: number | null): Promise<{ autoHideThreshold: number | null }> {
    this.policy.assert(actor, 'moderation.settings');
    if (threshold !== null && (!Number.isInteger(threshold) || threshold < 2 || threshold > 100)) {
      throw badInput('The automatic hide threshold is 2 to 100 distinct reporters, or null to turn it off.', { field: 'threshold' });
    }
    await this.db.transaction(async (em) => {
      const [before]: { t: number | null }[] = await em.query('SELECT auto_hide_threshold AS t FROM moderation_settings WHERE id = 1 FOR UPDATE');
      await em.query('INSERT INTO moderation_settings (id, auto_hide_threshold) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET auto_hide_threshold = $1', [threshold]);
      await this.audit(em, actor.personId, 'settings.auto_hide', { before: { autoHideThreshold: before?.t ?? null }, after: { autoHideThreshold: threshold } });
    });
    return { autoHideThreshold: threshold };
  }

  async stats(actor: Actor): Promise<{ openReports: number; openItems: number; medianMinutesToFirstAction: number | null; reasonsByWeek: { week: Date; reason: string; count: number }[] }> {
    if (!this.policy.can(actor, 'moderation.access')) throw forbidden('Only community managers and admins see moderation figures.');
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
    return { openReports: open.reports, openItems: open.items, medianMinutesToFirstAction: median.minutes === null ? null : Math.round(median.minutes * 10) / 10, reasonsByWeek };
  }

  // ---------------------------------------------------------------- live

  /**
   * The queue updates live: an event to each community manager's and admin's own room (a handful of
   * people, so per-user rooms need no new room type), and to the group's admins for group content.
   */
  private async pushQueueEvent(em: EntityManager, live: LiveEvent[], payload: Record<string, unknown> & { groupId?: string | null; subjectId?: string | null }): Promise<void> {
    const rows: { id: string }[] = await em.query(`SELECT id FROM people WHERE active AND roles && ARRAY['community_manager', 'admin']::text[]`);
    const to = new Set(rows.map((r) => r.id));
    if (payload.groupId) for (const id of await this.groups.adminIds(payload.groupId, em)) to.add(id);
    // Nobody hears about reports concerning themselves.
    if (payload.subjectId) to.delete(payload.subjectId);
    const { subjectId: _subject, ...body } = payload;
    void _subject;
    for (const id of to) live.push({ audience: `user:${id}`, type: 'moderation.queue', payload: body });
  }
}
