import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['blog_posts', 'blog_comments', 'person_profiles', 'photos', 'groups'];

const PROFILE_JOIN = 'LEFT JOIN person_profiles pp ON pp.person_id = p.id';
const VISIBLE_PROFILE_JOIN = `${PROFILE_JOIN} AND pp.moderation_state = ''visible''`;

/**
 * Rewrites people_search_refresh (the one definition of a staff-search row) in place, swapping one
 * join, so a hidden or removed profile's skills stop matching; refuses if the join is not found.
 */
function swapProfileJoin(from: string, to: string): string {
  return `DO $do$
    DECLARE def text := pg_get_functiondef('people_search_refresh(uuid[])'::regprocedure);
    BEGIN
      IF position('${from}' IN def) = 0 THEN RAISE EXCEPTION 'people_search_refresh has changed: its profile join was not found'; END IF;
      EXECUTE replace(def, '${from}', '${to}');
    END $do$`;
}

/** Moderation state (visible, hidden pending a decision, removed) and its reason on every kind of reportable content. */
export class ModerationAllContent1795410000000 implements MigrationInterface {
  name = 'ModerationAllContent1795410000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`ALTER TABLE "${table}" ADD "moderation_state" character varying(10) NOT NULL DEFAULT 'visible'`);
      await q.query(`ALTER TABLE "${table}" ADD "moderation_reason" text`);
    }
    await q.query(swapProfileJoin(PROFILE_JOIN, VISIBLE_PROFILE_JOIN));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(swapProfileJoin(VISIBLE_PROFILE_JOIN, PROFILE_JOIN));
    for (const table of [...TABLES].reverse()) {
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "moderation_reason"`);
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "moderation_state"`);
    }
  }
}
