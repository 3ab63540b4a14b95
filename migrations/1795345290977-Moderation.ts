import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reports, cases, actions, appeals, the append-only audit log, settings; moderation state on messages. */
export class Moderation1795345290977 implements MigrationInterface {
  name = 'Moderation1795345290977';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "moderation_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_type" character varying(20) NOT NULL, "item_id" uuid NOT NULL, "reporter_id" uuid NOT NULL, "reason" character varying(40) NOT NULL, "note" text, "status" character varying(20) NOT NULL DEFAULT 'open', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a40784ec3803830fe974b4b85fb" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_8a6c2c32340d74318f5b838faf" ON "moderation_reports"  ("reporter_id", "created_at") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_f38ebd83691708987b690b0538" ON "moderation_reports"  ("item_type", "item_id", "reporter_id") WHERE status = 'open'`);
    await q.query(`CREATE TABLE "moderation_cases" ("item_type" character varying(20) NOT NULL, "item_id" uuid NOT NULL, "subject_id" uuid, "group_id" uuid, "status" character varying(20) NOT NULL DEFAULT 'open', "claimed_by" uuid, "claimed_until" TIMESTAMP WITH TIME ZONE, "first_reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "first_action_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_f45f8ede063ca344fd2b350a203" PRIMARY KEY ("item_type", "item_id"))`);
    await q.query(`CREATE INDEX "IDX_eb9f8d026598516e542eaa20aa" ON "moderation_cases"  ("status", "first_reported_at") `);
    await q.query(`CREATE TABLE "moderation_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(30) NOT NULL, "item_type" character varying(20), "item_id" uuid, "subject_id" uuid, "moderator_id" uuid, "reason" text NOT NULL, "until" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d259906fb4d2a5ef718f1f66e35" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_1abfa6c61d9e628e369993566a" ON "moderation_actions"  ("subject_id", "created_at") `);
    await q.query(`CREATE TABLE "moderation_appeals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action_id" uuid NOT NULL, "appellant_id" uuid NOT NULL, "text" text NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'open', "decided_by" uuid, "decision_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a17d92c64cdaa6d75488dde46c6" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_895b47b1ad3e27c7c86f8ac0a0" ON "moderation_appeals"  ("action_id") `);
    await q.query(`CREATE TABLE "moderation_audit" ("id" BIGSERIAL NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "event" character varying(40) NOT NULL, "item_type" character varying(20), "item_id" uuid, "subject_id" uuid, "reason" text, "before" jsonb, "after" jsonb, CONSTRAINT "PK_702d6f65bea017b1d458e54a3c9" PRIMARY KEY ("id"))`);
    // The audit log is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
    await q.query(`CREATE FUNCTION moderation_audit_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'moderation_audit is append-only'; END $$`);
    await q.query(`CREATE TRIGGER moderation_audit_no_change BEFORE UPDATE OR DELETE ON moderation_audit FOR EACH ROW EXECUTE FUNCTION moderation_audit_immutable()`);
    await q.query(`CREATE TRIGGER moderation_audit_no_truncate BEFORE TRUNCATE ON moderation_audit FOR EACH STATEMENT EXECUTE FUNCTION moderation_audit_immutable()`);
    await q.query(`CREATE TABLE "moderation_settings" ("id" integer NOT NULL, "auto_hide_threshold" integer, CONSTRAINT "PK_f8991bbeb265cb2a512f3811fe2" PRIMARY KEY ("id"))`);
    await q.query(`INSERT INTO moderation_settings (id, auto_hide_threshold) VALUES (1, NULL)`);
    await q.query(`ALTER TABLE "messages" ADD "moderation_state" character varying(10) NOT NULL DEFAULT 'visible'`);
    await q.query(`ALTER TABLE "messages" ADD "moderation_reason" text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" DROP COLUMN "moderation_reason"`);
    await q.query(`ALTER TABLE "messages" DROP COLUMN "moderation_state"`);
    await q.query(`DROP TABLE "moderation_settings"`);
    await q.query(`DROP TABLE "moderation_audit"`);
    await q.query(`DROP FUNCTION moderation_audit_immutable()`);
    await q.query(`DROP INDEX "public"."IDX_895b47b1ad3e27c7c86f8ac0a0"`);
    await q.query(`DROP TABLE "moderation_appeals"`);
    await q.query(`DROP INDEX "public"."IDX_1abfa6c61d9e628e369993566a"`);
    await q.query(`DROP TABLE "moderation_actions"`);
    await q.query(`DROP INDEX "public"."IDX_eb9f8d026598516e542eaa20aa"`);
    await q.query(`DROP TABLE "moderation_cases"`);
    await q.query(`DROP INDEX "public"."IDX_f38ebd83691708987b690b0538"`);
    await q.query(`DROP INDEX "public"."IDX_8a6c2c32340d74318f5b838faf"`);
    await q.query(`DROP TABLE "moderation_reports"`);
  }
}
