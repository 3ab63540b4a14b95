import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Polls on messages (libs/polls): the poll, its 2-10 options, and the votes. */
export class Polls1795600000000 implements MigrationInterface {
  name = 'Polls1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "polls" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "message_id" uuid NOT NULL,
      "author_id" uuid NOT NULL,
      "multiple_choice" boolean NOT NULL DEFAULT false,
      "anonymous" boolean NOT NULL DEFAULT false,
      "results_visibility" character varying(20) NOT NULL,
      "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "closed_at" TIMESTAMP WITH TIME ZONE,
      "moderation_state" character varying(10) NOT NULL DEFAULT 'visible',
      "moderation_reason" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_polls" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_polls_message" ON "polls" ("message_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_polls_open_closes_at" ON "polls" ("closes_at") WHERE "closed_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE "poll_options" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "poll_id" uuid NOT NULL,
      "position" smallint NOT NULL,
      "label" character varying(200) NOT NULL,
      CONSTRAINT "PK_poll_options" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_poll_options_position" ON "poll_options" ("poll_id", "position")`);
    await queryRunner.query(`CREATE TABLE "poll_votes" (
      "poll_id" uuid NOT NULL,
      "person_id" uuid NOT NULL,
      "option_id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_poll_votes" PRIMARY KEY ("poll_id", "person_id", "option_id")
    )`);
    await queryRunner.query(`CREATE INDEX "IDX_poll_votes_created_at" ON "poll_votes" ("created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "poll_votes"`);
    await queryRunner.query(`DROP TABLE "poll_options"`);
    await queryRunner.query(`DROP TABLE "polls"`);
  }
}
