import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['blog_posts', 'blog_comments', 'person_profiles', 'photos', 'groups'];

/** Moderation state (visible, hidden pending a decision, removed) and its reason on every kind of reportable content. */
export class ModerationAllContent1795410000000 implements MigrationInterface {
  name = 'ModerationAllContent1795410000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`ALTER TABLE "${table}" ADD "moderation_state" character varying(10) NOT NULL DEFAULT 'visible'`);
      await q.query(`ALTER TABLE "${table}" ADD "moderation_reason" text`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "moderation_reason"`);
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "moderation_state"`);
    }
  }
}
