import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, notFound } from '@plein/core';
import { PolicyService, type Actor } from '@plein/policy';
import { DataSource } from 'typeorm';
import { isLanguage, isMailKind, MAIL_KINDS, type Language, type MailKind } from './mail-kinds.js';

export interface MailSettings {
  kinds: { kind: MailKind; enabled: boolean }[];
  digestDay: number;
  bouncedAt: Date | null;
  email: string;
}

/** Per-person mail settings (each kind on or off, digest day) and the person's language. */
@Injectable()
export class MailSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
  ) {}

  async get(actor: Actor): Promise<MailSettings> {
    this.policy.assert(actor, 'mail.settings');
    const [row]: { email: string; disabled: string[] | null; digest_day: number | null; bounced_at: Date | null }[] = await this.db.query(
      `SELECT p.email, mp.disabled_kinds AS disabled, mp.digest_day, mp.bounced_at FROM people p LEFT JOIN mail_people mp ON mp.person_id = p.id WHERE p.id = $1`,
      [actor.personId],
    );
    if (!row) throw notFound('Your profile was not found.');
    const off = new Set(row.disabled ?? []);
    return { kinds: MAIL_KINDS.map((kind) => ({ kind, enabled: !off.has(kind) })), digestDay: row.digest_day ?? 1, bouncedAt: row.bounced_at, email: row.email };
  }

  async update(actor: Actor, input: { kinds?: { kind: string; enabled: boolean }[]; digestDay?: number | null }): Promise<MailSettings> {
    this.policy.assert(actor, 'mail.settings');
    const kinds = input.kinds ?? [];
    if (kinds.length > MAIL_KINDS.length * 2 || kinds.some((k) => !isMailKind(k.kind) || typeof k.enabled !== 'boolean')) {
      throw badInput('Each setting needs a known kind and on or off.', { field: 'kinds' });
    }
    const day = input.digestDay ?? null;
    if (day !== null && (!Number.isInteger(day) || day < 1 || day > 7)) throw badInput('The digest day is a weekday from 1 (Monday) to 7 (Sunday).', { field: 'digestDay' });
    await this.db.query(
      `INSERT INTO mail_people (person_id, disabled_kinds, digest_day) VALUES ($1, ARRAY(SELECT unnest($2::text[]) EXCEPT SELECT unnest($3::text[])), coalesce($4, 1))
       ON CONFLICT (person_id) DO UPDATE SET
         disabled_kinds = ARRAY(SELECT DISTINCT k FROM unnest(mail_people.disabled_kinds || $2::text[]) k WHERE NOT k = ANY($3::text[])),
         digest_day = coalesce($4, mail_people.digest_day), updated_at = now()`,
      [actor.personId, kinds.filter((k) => !k.enabled).map((k) => k.kind), kinds.filter((k) => k.enabled).map((k) => k.kind), day],
    );
    return this.get(actor);
  }

  /** The one-click unsubscribe (no session: the signed token names the person and kind). */
  async unsubscribe(personId: string, kinds: readonly MailKind[]): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO mail_people (person_id, disabled_kinds) SELECT id, $2::text[] FROM people WHERE id = $1
       ON CONFLICT (person_id) DO UPDATE SET disabled_kinds = ARRAY(SELECT DISTINCT k FROM unnest(mail_people.disabled_kinds || $2::text[]) k), updated_at = now()
       RETURNING person_id`,
      [personId, [...kinds]],
    );
    return rows.length > 0;
  }

  async languageOf(personId: string): Promise<Language> {
    const [row]: { language: string }[] = await this.db.query(`SELECT language FROM people WHERE id = $1`, [personId]);
    return isLanguage(row?.language) ? row.language : 'nl';
  }
}
