import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Images on messages (at most 4 each, re-encoded WebP, with alt text), and a prefix index on
 * hashtags for the composer's suggestions (`tag LIKE 'inn%'` cannot use the default-collation index).
 */
export class MessageImages1795430000000 implements MigrationInterface {
  name = 'MessageImages1795430000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "message_images" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "message_id" uuid NOT NULL,
      "position" smallint NOT NULL,
      "alt" character varying(1000) NOT NULL DEFAULT '',
      "content_type" character varying(50) NOT NULL,
      "width" integer NOT NULL,
      "height" integer NOT NULL,
      "bytes" bytea NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_3550887af28f7a2dd655e314faa" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a644c317fed1b5646a3b1bb860" ON "message_images" ("message_id", "position")`);
    await queryRunner.query(`CREATE INDEX "IDX_message_hashtags_tag_prefix" ON "message_hashtags" ("tag" varchar_pattern_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_message_hashtags_tag_prefix"`);
    await queryRunner.query(`DROP TABLE "message_images"`);
  }
}
