import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Community insights: one row per person per active day (the activity signal), weekly rollups the
 * dashboard reads, and ambassadors (a badge community managers give).
 */
export class Insights1795346326433 implements MigrationInterface {
  name = 'Insights1795346326433';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE person_activity_days (
      person_id uuid NOT NULL,
      day date NOT NULL,
      PRIMARY KEY (person_id, day))`);
    await q.query(`CREATE INDEX person_activity_days_day ON person_activity_days (day)`);
    await q.query(`CREATE TABLE insight_rollups (
      period_start date NOT NULL,
      metric varchar(40) NOT NULL,
      dimension varchar(20) NOT NULL,
      dim_value varchar(200) NOT NULL,
      value double precision NOT NULL,
      population integer NOT NULL,
      computed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (metric, dimension, period_start, dim_value))`);
    await q.query(`CREATE TABLE ambassadors (
      person_id uuid NOT NULL PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
      marked_by uuid,
      marked_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ambassadors`);
    await q.query(`DROP TABLE insight_rollups`);
    await q.query(`DROP TABLE person_activity_days`);
  }
}
