import type { MigrationInterface, QueryRunner } from "typeorm";

/** Messages: messages, mentions, hashtags, likes, revisions, Dutch full-text index; the live event log. */

export class Messages1795343180288 implements MigrationInterface {
    name = 'Messages1795343180288'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "author_id" uuid NOT NULL, "audience" character varying(100) NOT NULL, "body" text NOT NULL, "entities" jsonb NOT NULL, "root_id" uuid, "parent_id" uuid, "quoted_message_id" uuid, "reshare_of_id" uuid, "like_count" integer NOT NULL DEFAULT '0', "reply_count" integer NOT NULL DEFAULT '0', "reshare_count" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "edited_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_b9298d0f3cd985f6102b060430" ON "messages" ("reshare_of_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_d707b78250d8bbcc9ab08c2359" ON "messages" ("root_id", "created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_67c33b24517539c4b8c8325459" ON "messages" ("audience", "created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_5b47c78259183fa7bf506c16d1" ON "messages" ("author_id", "created_at", "id") `);
        // Full-text search with Dutch stemming (declared on the entity with synchronize: false).
        await queryRunner.query(`CREATE INDEX "IDX_messages_body_dutch_fts" ON "messages" USING gin (to_tsvector('dutch', "body"))`);
        await queryRunner.query(`CREATE TABLE "message_mentions" ("message_id" uuid NOT NULL, "person_id" uuid NOT NULL, CONSTRAINT "PK_440dc062371790b9ed42b43dc46" PRIMARY KEY ("message_id", "person_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_440dc062371790b9ed42b43dc4" ON "message_mentions" ("person_id", "message_id") `);
        await queryRunner.query(`CREATE TABLE "message_hashtags" ("tag" character varying(400) NOT NULL, "message_id" uuid NOT NULL, CONSTRAINT "PK_761fda035227590ab3170a05ccf" PRIMARY KEY ("tag", "message_id"))`);
        await queryRunner.query(`CREATE TABLE "message_likes" ("message_id" uuid NOT NULL, "person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d6a09726612623816ed73ba7a67" PRIMARY KEY ("message_id", "person_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_d6a09726612623816ed73ba7a6" ON "message_likes" ("person_id", "message_id") `);
        await queryRunner.query(`CREATE TABLE "message_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "message_id" uuid NOT NULL, "body" text NOT NULL, "entities" jsonb NOT NULL, "replaced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9bc2c43904342e931b06a584848" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_45f41ee63d44626b0a7c23a14d" ON "message_revisions" ("message_id") `);
        await queryRunner.query(`CREATE TABLE "realtime_events" ("id" BIGSERIAL NOT NULL, "audience" character varying(100) NOT NULL, "type" character varying(50) NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_535dd20d151b19b78602eb4aebb" PRIMARY KEY ("id"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "realtime_events"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_45f41ee63d44626b0a7c23a14d"`);
        await queryRunner.query(`DROP TABLE "message_revisions"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_d6a09726612623816ed73ba7a6"`);
        await queryRunner.query(`DROP TABLE "message_likes"`);
        await queryRunner.query(`DROP TABLE "message_hashtags"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_440dc062371790b9ed42b43dc4"`);
        await queryRunner.query(`DROP TABLE "message_mentions"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_messages_body_dutch_fts"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_5b47c78259183fa7bf506c16d1"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_67c33b24517539c4b8c8325459"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_d707b78250d8bbcc9ab08c2359"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_b9298d0f3cd985f6102b060430"`);
        await queryRunner.query(`DROP TABLE "messages"`);
    }
}
