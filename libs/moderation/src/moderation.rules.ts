import { badInput } from '@plein/core';
import type { CaseStatusValue, ModerationActionKind, ReportItemType, ReportReasonValue, ReportStatusValue } from './entities/moderation.entity.js';

/** The moderation lib's vocabulary: reasons, decisions, limits, the rows its queries answer, and two small rules. */
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
export const NOTE_MAX = 1000;
export const REASON_MAX = 1000;
export const NOT_VISIBLE = 'That item does not exist, or you cannot see it.';
export const NO_CASE = 'There is no open report about this item.';

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

/** The audit's before/after key for an item's state: messageState, blogPostState, photoState, … */
/** Removals and suspensions can be appealed (once); hides are pending a decision, warnings change nothing. */
export function isAppealableKind(kind: string): boolean {
  return kind === 'remove' || kind === 'suspend';
}

/** Whether the person it is about may still appeal this decision: appealable, in force, not yet appealed. */
export function canAppeal(action: { kind: string; revokedAt: Date | null; appealStatus: string | null }): boolean {
  return isAppealableKind(action.kind) && !action.revokedAt && !action.appealStatus;
}

export function stateKey(itemType: ReportItemType): string {
  return `${itemType.replace(/_(\w)/g, (_, ch: string) => ch.toUpperCase())}State`;
}

export function cleanText(raw: unknown, field: string, max: number, what: string, required: boolean): string | null {
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

