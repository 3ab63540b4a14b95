import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mentions resolve `@uid` case-insensitively (`lower(uid) = ANY(...)`) on every post that mentions
 * someone: without this index that is a scan of the whole people table (3.8 ms at 20,000 people).
 */
export class PeopleLowerUid1795440000000 implements MigrationInterface {
  name = 'PeopleLowerUid1795440000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_people_lower_uid" ON "people" (lower("uid"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_people_lower_uid"`);
  }
}
