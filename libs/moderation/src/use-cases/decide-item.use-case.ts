import { Injectable } from '@nestjs/common';
import { badInput, notFound } from '@plein/core';
import { NotificationKind, NotificationsService } from '@plein/notifications';
import type { Actor } from '@plein/policy';
import { appendLiveEvents, type LiveEvent } from '@plein/realtime';
import type { CaseStatusValue } from '../entities/moderation.entity.js';
import { ModeratedItems, type ModerationState } from '../item-states.js';
import { ModerationCases } from '../moderation-cases.js';
import { ModerationQueries } from '../moderation.queries.js';
import { cleanText, DECISIONS, NO_CASE, REASON_MAX, stateKey, type ActionRow, type DecisionKind } from '../moderation.rules.js';

/**
 * Decide a reported item: dismiss, hide, remove, warn, suspend or escalate, with a reason. One
 * transaction: the item's new state (its content kind says what that means), the action, the case,
 * the reports, the audit row, the notifications (reporters, the subject) and the live events; none
 * of them exists unless the decision committed. Who may decide is policy's canModerateItem.
 */
@Injectable()
export class DecideItem {
  constructor(
    private readonly q: ModerationQueries,
    private readonly cases: ModerationCases,
    private readonly items: ModeratedItems,
    private readonly notifications: NotificationsService,
  ) {}

  async execute(actor: Actor, input: { itemType: string; itemId: string; action: DecisionKind; reason: unknown; suspendDays?: number | null }): Promise<ActionRow> {
    if (!DECISIONS.includes(input.action)) throw badInput('Unknown action.', { field: 'action', messageKey: 'input.unknownChoice' });
    const reason = cleanText(input.reason, 'reason', REASON_MAX, 'A reason', true)!;
    const kind = input.action;
    let days = 0;
    if (kind === 'suspend') {
      days = Number(input.suspendDays);
      if (!Number.isInteger(days) || days < 1 || days > 365) throw badInput('A suspension lasts 1 to 365 days: give suspendDays.', { field: 'suspendDays', messageKey: 'input.numberRange' });
    }
    return this.q.transaction(async (em) => {
      const c = await this.cases.load(input.itemType, input.itemId, em, true);
      if (!c || c.status === 'closed') throw notFound(NO_CASE);
      await this.cases.authorize(actor, kind, c, em);
      await this.cases.assertNotClaimedByOther(actor, c);
      if ((kind === 'warn' || kind === 'suspend') && !c.subjectId) throw badInput('This item has nobody to warn or suspend.', { field: 'action' });
      const live: LiveEvent[] = [];
      const before: Record<string, unknown> = { caseStatus: c.status };
      const after: Record<string, unknown> = {};

      const current = await this.items.state(em, c.itemType, c.itemId);
      if (current) before[stateKey(c.itemType)] = current;
      if ((kind === 'hide' || kind === 'remove') && !current) throw notFound('This item no longer exists; dismiss the reports, or warn or suspend its owner.');
      const setState = async (state: ModerationState) => {
        // Hidden and removed items leave every read but their author's and moderators'; the live events drop them from open screens at once.
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
      const action = await this.q.insertAction(em, { kind, itemType: c.itemType, itemId: c.itemId, subjectId: c.subjectId, moderatorId: actor.personId, reason, until });
      if (until) after.suspendedUntil = until.toISOString();

      const closes = kind === 'dismiss' || kind === 'remove' || kind === 'warn' || kind === 'suspend';
      const status: CaseStatusValue = closes ? 'closed' : kind === 'escalate' ? 'escalated' : c.status;
      await this.q.setCaseStatus(em, c.itemType, c.itemId, status);
      after.caseStatus = status;
      const reporterIds = closes ? await this.q.resolveReports(em, c.itemType, c.itemId, kind === 'dismiss' ? 'dismissed' : 'actioned') : [];
      await this.q.insertAudit(em, actor.personId, `action.${kind}`, { itemType: c.itemType, itemId: c.itemId, subjectId: c.subjectId, reason, before, after: { ...after, actionId: action.id } });
      await this.notifications.addImpersonal(em, reporterIds, NotificationKind.REPORT_OUTCOME);
      if (c.subjectId && (kind === 'hide' || kind === 'remove' || kind === 'warn' || kind === 'suspend')) {
        await this.notifications.addImpersonal(em, [c.subjectId], NotificationKind.MODERATION);
      }
      await this.cases.pushQueueEvent(em, live, { itemType: c.itemType, itemId: c.itemId, reporters: closes ? 0 : c.reporters, groupId: c.groupId, subjectId: c.subjectId, status });
      await appendLiveEvents(em, live);
      return action;
    });
  }
}
