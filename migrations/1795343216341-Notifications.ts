import type { MigrationInterface, QueryRunner } from "typeorm";

/** In-app notifications with read state; likes aggregate per message through group_key. */

export class Notifications1795343216341 implements MigrationInterface {
    name = 'Notifications1795343216341'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "message_id" uuid, "actor_ids" uuid array NOT NULL, "actor_count" integer NOT NULL DEFAULT '1', "group_key" character varying(100), "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7f19bab12e0fed181326933ddd" ON "notifications" ("recipient_id", "group_key") `);
        await queryRunner.query(`CREATE INDEX "IDX_2c8d78d223ff3b91ee05b792c7" ON "notifications" ("recipient_id", "updated_at", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_2c8d78d223ff3b91ee05b792c7"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_7f19bab12e0fed181326933ddd"`);
        await queryRunner.query(`DROP TABLE "notifications"`);
    }
}
