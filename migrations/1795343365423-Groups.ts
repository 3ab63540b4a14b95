import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Groups: the groups themselves, one membership row per person and group (invitation, request,
 * membership or ban), pins, announcements and re-encoded images. Group search is trigram over
 * plein_fold(name || ' ' || description) (plein_fold is IMMUTABLE, from the PeopleSearch migration).
 */
export class Groups1795343365423 implements MigrationInterface {
  name = 'Groups1795343365423';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "groups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(80) NOT NULL, "name_key" character varying(80) NOT NULL, "description" text NOT NULL DEFAULT '', "rules" text NOT NULL DEFAULT '', "category" character varying(20) NOT NULL, "kind" character varying(10) NOT NULL, "payroll_only" boolean NOT NULL DEFAULT false, "avatar_image_id" uuid, "cover_image_id" uuid, "created_by" uuid NOT NULL, "member_count" integer NOT NULL DEFAULT '0', "archived_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_659d1483316afb28afd3a90646e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_1901803e9b8fdc391dae0285a1" ON "groups" ("category") `);
    await q.query(`CREATE INDEX "IDX_5f870d4d23958bbaca6ece264e" ON "groups" ("member_count", "id") WHERE deleted_at IS NULL`);
    await q.query(`CREATE UNIQUE INDEX "IDX_ecf12119b5765a4b92b77adfb9" ON "groups" ("name_key") WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX "IDX_groups_search_trgm" ON "groups" USING gin ((plein_fold(name || ' ' || description)) gin_trgm_ops)`);
    await q.query(`CREATE TABLE "group_memberships" ("group_id" uuid NOT NULL, "person_id" uuid NOT NULL, "role" character varying(10) NOT NULL DEFAULT 'member', "status" character varying(10) NOT NULL, "actor_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_17828a8694c53fb68ddb235b035" PRIMARY KEY ("group_id", "person_id"))`);
    await q.query(`CREATE INDEX "IDX_ca5b88d286958ed16e4ba5b2d0" ON "group_memberships" ("group_id", "status", "created_at", "person_id") `);
    await q.query(`CREATE INDEX "IDX_ad6dcd4462dcd1b47a0a50ca31" ON "group_memberships" ("person_id", "status") `);
    await q.query(`CREATE TABLE "group_pins" ("group_id" uuid NOT NULL, "message_id" uuid NOT NULL, "pinned_by" uuid NOT NULL, "pinned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4915f87b23d2054e0eebb19a709" PRIMARY KEY ("group_id", "message_id"))`);
    await q.query(`CREATE TABLE "group_announcements" ("message_id" uuid NOT NULL, "group_id" uuid NOT NULL, "announced_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fd514837d9ff8d692cc5243713d" PRIMARY KEY ("message_id"))`);
    await q.query(`CREATE INDEX "IDX_5b92d8ffd491d828529f867fd6" ON "group_announcements" ("group_id") `);
    await q.query(`CREATE TABLE "group_images" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "kind" character varying(10) NOT NULL, "content_type" character varying(50) NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "bytes" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cd545cfb09cb174df5a3cdefa3f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_b750d5d71be388e6ea3ebd4321" ON "group_images" ("group_id") `);
    await q.query(`ALTER TABLE "group_memberships" ADD CONSTRAINT "FK_cad344fe877fcee0ac7e065ed05" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "group_memberships" ADD CONSTRAINT "FK_88f058c7c6915d1e9bccdf0ac6a" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "group_pins" ADD CONSTRAINT "FK_00001ea2e16e9bab00713d493c7" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "group_announcements" ADD CONSTRAINT "FK_5b92d8ffd491d828529f867fd60" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "group_images" ADD CONSTRAINT "FK_b750d5d71be388e6ea3ebd43215" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "group_images" DROP CONSTRAINT "FK_b750d5d71be388e6ea3ebd43215"`);
    await q.query(`ALTER TABLE "group_announcements" DROP CONSTRAINT "FK_5b92d8ffd491d828529f867fd60"`);
    await q.query(`ALTER TABLE "group_pins" DROP CONSTRAINT "FK_00001ea2e16e9bab00713d493c7"`);
    await q.query(`ALTER TABLE "group_memberships" DROP CONSTRAINT "FK_88f058c7c6915d1e9bccdf0ac6a"`);
    await q.query(`ALTER TABLE "group_memberships" DROP CONSTRAINT "FK_cad344fe877fcee0ac7e065ed05"`);
    await q.query(`DROP TABLE "group_images"`);
    await q.query(`DROP TABLE "group_announcements"`);
    await q.query(`DROP TABLE "group_pins"`);
    await q.query(`DROP TABLE "group_memberships"`);
    await q.query(`DROP TABLE "groups"`);
  }
}
