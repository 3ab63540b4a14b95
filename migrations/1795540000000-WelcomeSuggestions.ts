import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The welcome and the suggestions (issue 17). `people.welcomed_at`: when the person finished or
 * skipped the first-login welcome; null = the welcome is still to come. People who have logged in
 * before (a session exists) count as welcomed: the welcome is for first logins only.
 * `suggestion_dismissals`: a person or group someone asked not to be suggested again.
 */
export class WelcomeSuggestions1795540000000 implements MigrationInterface {
  name = 'WelcomeSuggestions1795540000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "people" ADD "welcomed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "people" p SET "welcomed_at" = now() WHERE EXISTS (SELECT 1 FROM "sessions" s WHERE s.person_id = p.id)`);
    await queryRunner.query(`CREATE TABLE "suggestion_dismissals" (
      "person_id" uuid NOT NULL REFERENCES "people"("id") ON DELETE CASCADE,
      "kind" character varying(10) NOT NULL CHECK ("kind" IN ('person', 'group')),
      "target_id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      PRIMARY KEY ("person_id", "kind", "target_id"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "suggestion_dismissals"`);
    await queryRunner.query(`ALTER TABLE "people" DROP COLUMN "welcomed_at"`);
  }
}
