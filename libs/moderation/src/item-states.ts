import { Injectable } from '@nestjs/common';
import { ContentKinds, type ModerationState } from '@plein/policy';
import type { LiveEvent } from '@plein/realtime';
import type { EntityManager } from 'typeorm';
import type { ReportItemType } from './entities/moderation.entity.js';

export type { ModerationState } from '@plein/policy';

export interface StateChange {
  before: ModerationState;
  after: ModerationState;
  /** What the audit's before/after should record beyond the states (a removed profile's text). */
  snapshot?: Record<string, unknown>;
}

/**
 * Puts one reported item into a moderation state (visible, hidden pending a decision, removed), in
 * the caller's transaction. What a state means for an item is its content kind's business
 * (`ContentKind.moderation.apply`, in the lib that owns the item's table): this class keeps only the
 * rules every kind shares.
 */
@Injectable()
export class ModeratedItems {
  constructor(private readonly kinds: ContentKinds) {}

  private of(itemType: ReportItemType) {
    const moderation = this.kinds.moderationOf(itemType);
    if (!moderation) throw new Error(`No content kind "${itemType}" is registered for moderation.`);
    return moderation;
  }

  /** The item's current state; null when it no longer exists. Locks the row. */
  state(em: EntityManager, itemType: ReportItemType, itemId: string): Promise<ModerationState | null> {
    return this.of(itemType).state(em, itemId);
  }

  /**
   * Moves the item to `to` with the moderator's reason. Nothing happens when it is already there or
   * gone. A removed item cannot be merely hidden again (the stronger decision stands).
   */
  async set(em: EntityManager, itemType: ReportItemType, itemId: string, to: ModerationState, reason: string | null, live: LiveEvent[]): Promise<StateChange | null> {
    const from = await this.state(em, itemType, itemId);
    if (!from || from === to || (from === 'removed' && to === 'hidden')) return null;
    const snapshot = await this.of(itemType).apply(em, itemId, { from, to, reason: to === 'visible' ? null : reason }, live);
    return { before: from, after: to, ...(snapshot ? { snapshot } : {}) };
  }

  /**
   * An overturned removal: the kind puts the item back with what its removal snapshot kept (the
   * audit's `before` of that decision), or, for kinds without a snapshot, the state goes to visible.
   */
  async restoreRemoved(em: EntityManager, itemType: ReportItemType, itemId: string, snapshot: Record<string, unknown> | null, live: LiveEvent[]): Promise<boolean> {
    const moderation = this.of(itemType);
    if (moderation.restoreRemoved) return moderation.restoreRemoved(em, itemId, snapshot, live);
    return !!(await this.set(em, itemType, itemId, 'visible', null, live));
  }
}
