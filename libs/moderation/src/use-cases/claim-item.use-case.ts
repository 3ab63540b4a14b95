import { Injectable } from '@nestjs/common';
import { notFound } from '@plein/core';
import type { Actor } from '@plein/policy';
import { ModerationCases } from '../moderation-cases.js';
import { ModerationQueries } from '../moderation.queries.js';
import { CLAIM_MINUTES, NO_CASE, type CaseRow } from '../moderation.rules.js';

/** Claim an item for CLAIM_MINUTES so no other moderator works on it (CONFLICT when someone else has it), or give the claim up. */
@Injectable()
export class ClaimItem {
  constructor(
    private readonly q: ModerationQueries,
    private readonly cases: ModerationCases,
  ) {}

  claim(actor: Actor, itemType: string, itemId: string): Promise<CaseRow> {
    return this.q.transaction(async (em) => {
      const c = await this.cases.load(itemType, itemId, em, true);
      if (!c || c.status === 'closed') throw notFound(NO_CASE);
      await this.cases.authorize(actor, 'claim', c, em);
      await this.cases.assertNotClaimedByOther(actor, c);
      await this.q.claim(em, c.itemType, c.itemId, actor.personId, CLAIM_MINUTES);
      return (await this.cases.load(itemType, itemId, em))!;
    });
  }

  async release(actor: Actor, itemType: string, itemId: string): Promise<CaseRow> {
    const c = await this.cases.item(actor, itemType, itemId);
    await this.q.release(c.itemType, c.itemId, actor.personId);
    return (await this.cases.load(itemType, itemId))!;
  }
}
