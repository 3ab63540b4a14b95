import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, forbidden, languageOfPerson, toCsv } from '@plein/core';
import { DataSource } from 'typeorm';
import { AUDIT_CSV_STRINGS } from '../audit-csv.strings.js';
import { PolicyService, type Actor } from '@plein/policy';
import { ModerationQueries } from '../moderation.queries.js';
import type { AuditRow } from '../moderation.rules.js';

/** The audit log (admins), read and as CSV. */
@Injectable()
export class ReadAuditLog {
  constructor(
    private readonly q: ModerationQueries,
    private readonly policy: PolicyService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  log(actor: Actor, args: { from?: Date | null; to?: Date | null; first?: number }): Promise<AuditRow[]> {
    this.policy.assert(actor, 'moderation.audit');
    return this.q.auditLog(args);
  }

  /**
   * The audit log as CSV (RFC 4180), oldest first, for admins, in the reader's language: headers,
   * the event in words beside its code (kept for compliance tooling) and item types in words.
   */
  async csv(actor: Actor, args: { from?: Date | null; to?: Date | null }): Promise<string> {
    const rows = (await this.log(actor, { ...args, first: 10_000 })).reverse();
    const w = AUDIT_CSV_STRINGS[await languageOfPerson(this.db, actor.personId)];
    const header = w.header;
    const lines = rows.map((r) => [
      r.id, r.createdAt, r.actorId, r.event, w.events[r.event] ?? r.event, r.itemType ? (w.items[r.itemType.toUpperCase()] ?? r.itemType) : null, r.itemId, r.subjectId, r.reason, r.before, r.after,
    ]);
    return toCsv([header], { lineEnd: '\r\n' }) + toCsv(lines, { quoteAll: true, lineEnd: '\r\n' });
  }
}

/** Moderation settings (the automatic hide threshold) and the team's figures. */
@Injectable()
export class ManageModerationSettings {
  constructor(
    private readonly q: ModerationQueries,
    private readonly policy: PolicyService,
  ) {}

  async get(actor: Actor): Promise<{ autoHideThreshold: number | null }> {
    if (!this.policy.can(actor, 'moderation.access')) throw forbidden('Only community managers and admins see moderation settings.');
    return { autoHideThreshold: await this.q.autoHideThreshold() };
  }

  async setAutoHide(actor: Actor, threshold: number | null): Promise<{ autoHideThreshold: number | null }> {
    this.policy.assert(actor, 'moderation.settings');
    if (threshold !== null && (!Number.isInteger(threshold) || threshold < 2 || threshold > 100)) {
      throw badInput('The automatic hide threshold is 2 to 100 distinct reporters, or null to turn it off.', { field: 'threshold' });
    }
    await this.q.transaction(async (em) => {
      const before = await this.q.autoHideThreshold(em, true);
      await this.q.setAutoHideThreshold(em, threshold);
      await this.q.insertAudit(em, actor.personId, 'settings.auto_hide', { before: { autoHideThreshold: before }, after: { autoHideThreshold: threshold } });
    });
    return { autoHideThreshold: threshold };
  }

  async stats(actor: Actor): Promise<{ openReports: number; openItems: number; medianMinutesToFirstAction: number | null; reasonsByWeek: { week: Date; reason: string; count: number }[] }> {
    if (!this.policy.can(actor, 'moderation.access')) throw forbidden('Only community managers and admins see moderation figures.');
    const s = await this.q.stats();
    return { openReports: s.openReports, openItems: s.openItems, medianMinutesToFirstAction: s.medianMinutes === null ? null : Math.round(s.medianMinutes * 10) / 10, reasonsByWeek: s.reasonsByWeek };
  }
}
