import { Injectable } from '@nestjs/common';
import { badInput, conflict, forbidden, isUuid, notFound } from '@plein/core';
import { NotificationKind, NotificationsService } from '@plein/notifications';
import { PolicyService, type Actor } from '@plein/policy';
import { appendLiveEvents, type LiveEvent } from '@plein/realtime';
import { ModeratedItems } from '../item-states.js';
import { ModerationCases } from '../moderation-cases.js';
import { ModerationQueries } from '../moderation.queries.js';
import { cleanText, isAppealableKind, NOTE_MAX, REASON_MAX, stateKey, type ActionRow, type AppealRow } from '../moderation.rules.js';
import type { ReportItemType } from '../entities/moderation.entity.js';

/**
 * A person's moderation record, appeals (a removal or a suspension, once; another moderator
 * decides), and the suspensions identity asks about at every request.
 */
@Injectable()
export class Appeals {
  constructor(
    private readonly q: ModerationQueries,
    private readonly cases: ModerationCases,
    private readonly policy: PolicyService,
    private readonly items: ModeratedItems,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * The decisions in force on these items of one author (hide, remove, auto_hide, not reversed), the
   * latest per item, keyed `${itemType}:${itemId}`. For the author's own view of moderated content:
   * the reason and, for a removal, the action to appeal.
   */
  async decisionsInForce(subjectId: string, items: readonly { itemType: ReportItemType; itemId: string }[]): Promise<Map<string, ActionRow>> {
    const valid = items.filter((i) => isUuid(i.itemId));
    if (!isUuid(subjectId) || !valid.length) return new Map();
    const rows = await this.q.decisionsInForce(subjectId, [...new Set(valid.map((i) => i.itemId))]);
    const wanted = new Set(valid.map((i) => `${i.itemType}:${i.itemId}`));
    return new Map(rows.map((r) => [`${r.itemType}:${r.itemId}`, r] as const).filter(([k]) => wanted.has(k)));
  }

  /** A person's moderation record. Moderators see all of it; the person their own sanctions (never dismissals or reporters). */
  record(actor: Actor, personId: string): Promise<ActionRow[]> {
    if (!isUuid(personId)) throw notFound('That person does not exist.');
    const own = personId === actor.personId;
    const moderator = this.policy.can(actor, 'moderation.access');
    if (!own && !moderator) throw forbidden('Only moderators can see the moderation record of someone else.');
    return this.q.record(personId, own && !moderator);
  }

  appeal(actor: Actor, actionId: string, rawText: unknown): Promise<AppealRow> {
    this.policy.assert(actor, 'moderation.appeal');
    const text = cleanText(rawText, 'text', NOTE_MAX, 'Your appeal', true)!;
    if (!isUuid(actionId)) throw notFound('That decision does not exist.');
    return this.q.transaction(async (em) => {
      const action = await this.q.action(em, actionId, true);
      if (!action || action.subjectId !== actor.personId) throw notFound('That decision does not exist.');
      if (!isAppealableKind(action.kind)) throw badInput('Only a removal or a suspension can be appealed.', { field: 'actionId', messageKey: 'input.unknownChoice' });
      if (action.revokedAt) throw badInput('That decision was already reversed.', { field: 'actionId' });
      const appealId = await this.q.insertAppeal(em, action.id, actor.personId, text);
      if (!appealId) throw conflict('You have already appealed this decision; a decision can be appealed once.');
      await this.q.insertAudit(em, actor.personId, 'appeal.created', { itemType: action.itemType, itemId: action.itemId, subjectId: actor.personId, reason: text, after: { appealId, actionId: action.id } });
      const live: LiveEvent[] = [];
      await this.cases.pushQueueEvent(em, live, { appealId });
      await appendLiveEvents(em, live);
      return (await this.q.appeal(em, appealId))!;
    });
  }

  /** Open appeals for moderators (not their own). */
  open(actor: Actor): Promise<AppealRow[]> {
    if (!this.policy.can(actor, 'moderation.access')) throw forbidden('Only community managers and admins decide appeals.');
    return this.q.openAppeals(actor.personId);
  }

  decide(actor: Actor, appealId: string, overturn: boolean, rawReason: unknown): Promise<AppealRow> {
    if (!this.policy.can(actor, 'moderation.access')) throw forbidden('Only community managers and admins decide appeals.');
    const reason = cleanText(rawReason, 'reason', REASON_MAX, 'A reason', true)!;
    if (!isUuid(appealId)) throw notFound('That appeal does not exist.');
    return this.q.transaction(async (em) => {
      const appeal = await this.q.appeal(em, appealId, true);
      if (!appeal) throw notFound('That appeal does not exist.');
      if (appeal.appellantId === actor.personId) throw forbidden('You cannot decide your own appeal.');
      if (appeal.actionModeratorId === actor.personId) throw forbidden('You made the decision under appeal; another moderator must decide the appeal.');
      if (appeal.status !== 'open') throw conflict('This appeal has already been decided.');
      const action = (await this.q.action(em, appeal.actionId, true))!;
      const live: LiveEvent[] = [];
      const after: Record<string, unknown> = { appealStatus: overturn ? 'overturned' : 'upheld' };
      if (overturn) {
        await this.q.revokeAction(em, action.id);
        if (action.kind === 'remove' && action.itemId && action.itemType) {
          // A removal may have cleared what it removed (a profile's text); the audit row of that decision holds it.
          const snapshot = await this.q.removalSnapshot(em, action.id);
          if (await this.items.restoreRemoved(em, action.itemType, action.itemId, snapshot, live)) after[stateKey(action.itemType)] = 'visible';
        }
        if (action.kind === 'suspend') after.suspendedUntil = null;
      }
      await this.q.decideAppeal(em, appeal.id, overturn ? 'overturned' : 'upheld', actor.personId, reason);
      await this.q.insertAction(em, { kind: overturn ? 'appeal_overturned' : 'appeal_upheld', itemType: action.itemType, itemId: action.itemId, subjectId: action.subjectId, moderatorId: actor.personId, reason });
      await this.q.insertAudit(em, actor.personId, overturn ? 'appeal.overturned' : 'appeal.upheld', {
        itemType: action.itemType,
        itemId: action.itemId,
        subjectId: action.subjectId,
        reason,
        before: { appealStatus: 'open', actionKind: action.kind, suspendedUntil: action.until },
        after,
      });
      await this.notifications.addImpersonal(em, [appeal.appellantId], NotificationKind.MODERATION);
      await appendLiveEvents(em, live);
      return (await this.q.appeal(em, appeal.id))!;
    });
  }

  /** Until when the person is suspended, or null (registered with identity's ActorService). */
  suspendedUntil(personId: string): Promise<Date | null> {
    return this.q.suspendedUntil(personId);
  }

  /** The suspension in force (the one ending last), for an appeal without a token. */
  currentSuspensionId(personId: string): Promise<string | null> {
    return this.q.currentSuspensionId(personId);
  }
}
