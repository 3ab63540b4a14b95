import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * plein_barrier_refresh_departments() rebuilt barrier_segment_departments as "delete all, insert
 * all". Two transactions refreshing at once (two createBarrierSegment calls, or one and an HR
 * import moving departments) both inserted the rows the other had just committed, and one failed on
 * barrier_segment_departments_pkey. The refresh now takes a transaction-level advisory lock first,
 * so refreshes run one after the other, each statement seeing what the previous one committed; and
 * it writes only the difference (ON CONFLICT DO NOTHING as a second guard), so an unchanged tree
 * writes nothing.
 */
export class BarrierRefreshSerialised1795530000000 implements MigrationInterface {
  name = 'BarrierRefreshSerialised1795530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION plein_barrier_refresh_departments() RETURNS void LANGUAGE sql AS $$
      SELECT pg_advisory_xact_lock(7446103);
      WITH RECURSIVE t(segment_id, department_id) AS (
          SELECT id, department_id FROM barrier_segments WHERE kind = 'department' AND department_id IS NOT NULL
          UNION
          SELECT t.segment_id, d.id FROM t JOIN departments d ON d.parent_id = t.department_id)
      DELETE FROM barrier_segment_departments b
       WHERE NOT EXISTS (SELECT 1 FROM t WHERE t.segment_id = b.segment_id AND t.department_id = b.department_id);
      INSERT INTO barrier_segment_departments (segment_id, department_id)
        WITH RECURSIVE t(segment_id, department_id) AS (
          SELECT id, department_id FROM barrier_segments WHERE kind = 'department' AND department_id IS NOT NULL
          UNION
          SELECT t.segment_id, d.id FROM t JOIN departments d ON d.parent_id = t.department_id)
        SELECT segment_id, department_id FROM t
        ON CONFLICT DO NOTHING;
    $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION plein_barrier_refresh_departments() RETURNS void LANGUAGE sql AS $$
      DELETE FROM barrier_segment_departments;
      INSERT INTO barrier_segment_departments (segment_id, department_id)
        WITH RECURSIVE t(segment_id, department_id) AS (
          SELECT id, department_id FROM barrier_segments WHERE kind = 'department' AND department_id IS NOT NULL
          UNION
          SELECT t.segment_id, d.id FROM t JOIN departments d ON d.parent_id = t.department_id)
        SELECT segment_id, department_id FROM t;
    $$`);
  }
}
