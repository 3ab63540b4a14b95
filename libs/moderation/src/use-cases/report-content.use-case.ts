import { Injectable } from '@nestjs/common';
import { badInput, conflict, DomainError, ErrorCode, notFound, RateLimiterService } from '@plein/core';
import { isUuid } from '@plein/core';
import { ContentKinds, PolicyService, type Actor } from '@plein/policy';
import { appendLiveEvents, type LiveEvent } from '@plein/realtime';
import type { EntityManager } from 'typeorm';
import type { ReportItemType, ReportReasonValue } from '../entities/moderation.entity.js';
import { ModeratedItems } from '../item-states.js';
import { ModerationCases } from '../moderation-cases.js';
import { ModerationQueries } from '../moderation.queries.js';
import { cleanText, NOT_VISIBLE, NOTE_MAX, REPORT_RATE_LIMIT, REPORT_REASONS, stateKey, type ReportRow } from '../moderation.rules.js';

/**
 * Report an item: anyone who may see it, once while the report is open, at most 10 per 10 minutes.
 * One transaction writes the report, opens (or reopens) the case, audits, hides the item pending
 * review when enough distinct people reported it (admin setting), and tells the queue live.
 */
@Injectable()
export class ReportContent {
  constructor(
    private readonly q: ModerationQueries,
    private readonly cases: ModerationCases,
    private readonly policy: PolicyService,
    private readonly kinds: ContentKinds,
    private readonly items: ModeratedItems,
    private readonly limiter: RateLimiterService,
  ) {}

  async execute(actor: Actor, input: { itemType: unknown; itemId: unknown; reason: unknown; note?: unknown }): Promise<ReportRow> {
    this.policy.assert(actor, 'moderation.report');
    const itemType = input.itemType as ReportItemType;
    if (!this.cases.reportItemTypes().includes(itemType)) throw badInput(`You can report: ${this.cases.reportItemTypes().join(', ')}.`, { field: 'itemType', messageKey: 'input.unknownChoice' });
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

    return this.q.transaction(async (em) => {
      const inserted = await this.q.insertReport(em, { itemType, itemId, reporterId: actor.personId, reason, note });
      if (!inserted) throw conflict('You have already reported this and the report is still open. You can follow it in your reports.');
      await this.q.openCase(em, itemType, itemId, item.subjectId, item.groupId);
      await this.q.insertAudit(em, actor.personId, 'report.created', { itemType, itemId, subjectId: item.subjectId, reason: note ? `${reason}: ${note}` : reason, after: { reportId: inserted.id, reason } });
      const reporters = await this.q.openReporters(em, itemType, itemId);
      const live: LiveEvent[] = [];
      await this.maybeAutoHide(em, { itemType, itemId, subjectId: item.subjectId }, reporters, live);
      await this.cases.pushQueueEvent(em, live, { itemType, itemId, reporters, groupId: item.groupId, subjectId: item.subjectId });
      await appendLiveEvents(em, live);
      return inserted;
    });
  }

  /** The reporter's own reports and their status, newest first. */
  mine(actor: Actor, first?: number): Promise<ReportRow[]> {
    this.policy.assert(actor, 'moderation.report');
    return this.q.myReports(actor.personId, first);
  }

  /** The item if the actor may see it: who it belongs to and which group it lives in (its kind decides); NOT_FOUND otherwise. */
  private async resolveItem(actor: Actor, itemType: ReportItemType, itemId: string): Promise<{ subjectId: string | null; groupId: string | null }> {
    const moderation = this.kinds.moderationOf(itemType);
    if (!moderation) throw badInput(`Unknown item type ${itemType}.`, { field: 'itemType', messageKey: 'input.unknownChoice' });
    const item = await moderation.resolve(actor, itemId);
    if (!item) throw notFound(NOT_VISIBLE);
    return item;
  }

  /** Hides an item pending review once enough distinct people reported it (admin setting; off by default). */
  private async maybeAutoHide(em: EntityManager, item: { itemType: ReportItemType; itemId: string; subjectId: string | null }, reporters: number, live: LiveEvent[]): Promise<void> {
    const threshold = await this.q.autoHideThreshold(em);
    if (!threshold || reporters < threshold) return;
    if ((await this.items.state(em, item.itemType, item.itemId)) !== 'visible') return;
    const reason = `Hidden automatically after ${reporters} distinct reports; a moderator will review it.`;
    const change = await this.items.set(em, item.itemType, item.itemId, 'hidden', reason, live);
    if (!change) return;
    await this.q.insertAction(em, { kind: 'auto_hide', itemType: item.itemType, itemId: item.itemId, subjectId: item.subjectId, moderatorId: null, reason });
    const key = stateKey(item.itemType);
    await this.q.insertAudit(em, null, 'action.auto_hide', { itemType: item.itemType, itemId: item.itemId, subjectId: item.subjectId, reason, before: { [key]: 'visible' }, after: { [key]: 'hidden' } });
  }
}
