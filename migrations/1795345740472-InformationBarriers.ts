import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Information barriers: segments (a department with its sub-departments, an employment type or a
 * location), barriers between two segments (two-way, or one-way: A reads B, B sees nothing of A),
 * the follows and group memberships a barrier suspends, and the audit log of every change.
 * Kept out of the ORM on purpose (written in SQL by libs/insights/src/barriers): policy asks
 * Postgres through two functions, so every list, count and search filters in the database.
 */
export class InformationBarriers1795345740472 implements MigrationInterface {
  name = 'InformationBarriers1795345740472';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE barrier_segments (
      id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      name varchar(100) NOT NULL,
      kind varchar(20) NOT NULL CHECK (kind IN ('department', 'employment_type', 'location')),
      department_id uuid REFERENCES departments(id) ON DELETE SET NULL,
      value varchar(200),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX barrier_segments_name ON barrier_segments (lower(name))`);
    // The department tree resolved per segment (sub-departments included); refreshed on every change.
    await q.query(`CREATE TABLE barrier_segment_departments (
      segment_id uuid NOT NULL REFERENCES barrier_segments(id) ON DELETE CASCADE,
      department_id uuid NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
      PRIMARY KEY (segment_id, department_id))`);
    await q.query(`CREATE INDEX barrier_segment_departments_dept ON barrier_segment_departments (department_id)`);
    await q.query(`CREATE TABLE barriers (
      id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      segment_a_id uuid NOT NULL REFERENCES barrier_segments(id) ON DELETE RESTRICT,
      segment_b_id uuid NOT NULL REFERENCES barrier_segments(id) ON DELETE RESTRICT,
      direction varchar(10) NOT NULL CHECK (direction IN ('two_way', 'one_way')),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (segment_a_id <> segment_b_id))`);
    await q.query(`CREATE UNIQUE INDEX barriers_pair ON barriers (LEAST(segment_a_id, segment_b_id), GREATEST(segment_a_id, segment_b_id))`);
    await q.query(`CREATE TABLE barrier_suspensions (
      id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      barrier_id uuid NOT NULL REFERENCES barriers(id) ON DELETE CASCADE,
      kind varchar(20) NOT NULL CHECK (kind IN ('follow', 'group_membership')),
      person_id uuid NOT NULL,
      other_person_id uuid,
      group_id uuid,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX barrier_suspensions_person ON barrier_suspensions (person_id, kind)`);
    await q.query(`CREATE INDEX barrier_suspensions_barrier ON barrier_suspensions (barrier_id)`);
    await q.query(`CREATE TABLE barrier_audit (
      id bigserial PRIMARY KEY,
      actor_id uuid,
      action varchar(40) NOT NULL,
      details jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now())`);

    // Who is in a segment, always current: HR moves show at once, nothing to keep in sync per person.
    await q.query(`CREATE VIEW barrier_segment_members AS
      SELECT d.segment_id, p.id AS person_id FROM barrier_segment_departments d JOIN people p ON p.department_id = d.department_id
      UNION ALL
      SELECT s.id, p.id FROM barrier_segments s JOIN people p ON s.kind = 'employment_type' AND p.employment_type::text = s.value
      UNION ALL
      SELECT s.id, p.id FROM barrier_segments s JOIN people p ON s.kind = 'location' AND lower(p.location) = lower(s.value)`);
    // Reader segment → author segment it may not read. One-way: B (segment_b) sees nothing of A.
    await q.query(`CREATE VIEW barrier_read_blocks AS
      SELECT segment_b_id AS reader_segment_id, segment_a_id AS author_segment_id FROM barriers
      UNION ALL
      SELECT segment_a_id, segment_b_id FROM barriers WHERE direction = 'two_way'`);
    // With no barriers both functions touch one empty table: lists cost nothing extra until one exists.
    await q.query(`CREATE FUNCTION plein_barrier_can_read(reader uuid, author uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT reader = author OR NOT EXISTS (
        SELECT 1 FROM barrier_read_blocks k
          JOIN barrier_segment_members r ON r.segment_id = k.reader_segment_id AND r.person_id = reader
          JOIN barrier_segment_members a ON a.segment_id = k.author_segment_id AND a.person_id = author)
    $$`);
    await q.query(`CREATE FUNCTION plein_barrier_can_interact(x uuid, y uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT x = y OR NOT EXISTS (
        SELECT 1 FROM barriers k
          JOIN barrier_segment_members mx ON mx.person_id = x AND mx.segment_id IN (k.segment_a_id, k.segment_b_id)
          JOIN barrier_segment_members my ON my.person_id = y
               AND my.segment_id = CASE WHEN mx.segment_id = k.segment_a_id THEN k.segment_b_id ELSE k.segment_a_id END)
    $$`);
    await q.query(`CREATE FUNCTION plein_barrier_refresh_departments() RETURNS void LANGUAGE sql AS $$
      DELETE FROM barrier_segment_departments;
      INSERT INTO barrier_segment_departments (segment_id, department_id)
        WITH RECURSIVE t(segment_id, department_id) AS (
          SELECT id, department_id FROM barrier_segments WHERE kind = 'department' AND department_id IS NOT NULL
          UNION
          SELECT t.segment_id, d.id FROM t JOIN departments d ON d.parent_id = t.department_id)
        SELECT segment_id, department_id FROM t;
    $$`);
    await q.query(`CREATE FUNCTION plein_barrier_departments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM barrier_segments WHERE kind = 'department') THEN PERFORM plein_barrier_refresh_departments(); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER barrier_departments_changed AFTER INSERT OR DELETE OR UPDATE OF parent_id ON departments
      FOR EACH STATEMENT EXECUTE FUNCTION plein_barrier_departments_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER barrier_departments_changed ON departments`);
    await q.query(`DROP FUNCTION plein_barrier_departments_changed()`);
    await q.query(`DROP FUNCTION plein_barrier_refresh_departments()`);
    await q.query(`DROP FUNCTION plein_barrier_can_interact(uuid, uuid)`);
    await q.query(`DROP FUNCTION plein_barrier_can_read(uuid, uuid)`);
    await q.query(`DROP VIEW barrier_read_blocks`);
    await q.query(`DROP VIEW barrier_segment_members`);
    await q.query(`DROP TABLE barrier_audit`);
    await q.query(`DROP TABLE barrier_suspensions`);
    await q.query(`DROP TABLE barriers`);
    await q.query(`DROP TABLE barrier_segment_departments`);
    await q.query(`DROP TABLE barrier_segments`);
  }
}
