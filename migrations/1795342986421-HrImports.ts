import type { MigrationInterface, QueryRunner } from 'typeorm';

/** hr_imports: each HR staff import (CLI or GraphQL), its progress and its final report. */
export class HrImports1795342986421 implements MigrationInterface {
  name = 'HrImports1795342986421';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "hr_imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "started_by" uuid, "source" character varying(10) NOT NULL, "options" jsonb NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'queued', "total" integer NOT NULL DEFAULT '0', "done" integer NOT NULL DEFAULT '0', "report" jsonb, "error" text, "file" bytea, "photos_zip" bytea, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_hr_imports_id" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_db60cbed164bceaea6d7319313" ON "hr_imports" ("started_by") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_db60cbed164bceaea6d7319313"`);
    await queryRunner.query(`DROP TABLE "hr_imports"`);
  }
}
