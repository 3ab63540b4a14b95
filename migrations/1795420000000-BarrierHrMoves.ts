import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An HR move (department, employment type, location: the HR import, SCIM, an admin) can change
 * someone's barrier segments. The view `barrier_segment_members` is always current, but open sockets
 * joined their `segment:<id>` rooms at connect. This statement-level trigger tells every api node's
 * relay (the realtime channel, event `barriers.changed`) to move its sockets to their current segment
 * rooms, as after a barrier change. Only when a segment exists; Postgres folds identical
 * notifications of one transaction into one, so a whole HR import costs one resync, after commit.
 */
export class BarrierHrMoves1795420000000 implements MigrationInterface {
  name = 'BarrierHrMoves1795420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION plein_barrier_people_moved() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM barrier_segments) THEN
          PERFORM pg_notify('plein_realtime', '{"audience":"company","type":"barriers.changed","payload":{"reason":"people.moved"}}');
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER barrier_people_moved AFTER UPDATE OF department_id, employment_type, location ON people
      FOR EACH STATEMENT EXECUTE FUNCTION plein_barrier_people_moved()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER barrier_people_moved ON people`);
    await q.query(`DROP FUNCTION plein_barrier_people_moved()`);
  }
}
