import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail (libs/mail): the person's language (mail, exports and the web app follow it), per-person mail
 * settings and delivery state, and the weekly digest's send ledger (one row per person and week, so a
 * digest run that is killed halfway resumes without sending twice or skipping anyone).
 */
export class Mail1795550000000 implements MigrationInterface {
  name = 'Mail1795550000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "people" ADD "language" character varying(2) NOT NULL DEFAULT 'nl'`);
    // One row per person who changed a setting, received mail or was seen online; absent = defaults.
    await q.query(`CREATE TABLE mail_people (
      person_id uuid PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
      disabled_kinds text[] NOT NULL DEFAULT '{}',
      digest_day smallint NOT NULL DEFAULT 1 CHECK (digest_day BETWEEN 1 AND 7),
      last_seen_at timestamptz,
      last_mailed_at timestamptz,
      mailed_until timestamptz,
      bounced_at timestamptz,
      bounce_reason text,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE mail_digest_ledger (
      week date NOT NULL,
      person_id uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      run_id uuid NOT NULL,
      status varchar(10) NOT NULL CHECK (status IN ('sending', 'sent', 'empty', 'failed', 'bounced')),
      message_id varchar(200),
      error text,
      claimed_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      PRIMARY KEY (week, person_id))`);
    // Notification mail: every minute, the unread notifications newer than what each person was mailed.
    await q.query(`CREATE INDEX "IDX_notifications_unread_updated" ON notifications (updated_at) WHERE read_at IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_notifications_unread_updated"`);
    await q.query(`DROP TABLE mail_digest_ledger`);
    await q.query(`DROP TABLE mail_people`);
    await q.query(`ALTER TABLE "people" DROP COLUMN "language"`);
  }
}
