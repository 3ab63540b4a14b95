import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions end when they should.
 *
 * - A partial index on the live rows of a session family: every request's actor statement asks
 *   whether the access token's session (its family) is still live, and reads one index entry.
 * - Three row triggers tell every api node's relay (the realtime channel, internal event
 *   `session.ended` addressed to `user:<id>`) to disconnect that person's open sockets, whatever code
 *   path made the change (SCIM, the HR import, an admin, a moderator, logout, refresh-token theft):
 *   a person deactivated, a person suspended, a session family revoked (only the family's current
 *   row: a rotation also revokes a row but names its successor in the same update). NOTIFY is sent
 *   on commit, in commit order, so a message posted after the change never reaches those sockets.
 */
export class SessionsEndOnTime1795510000000 implements MigrationInterface {
  name = 'SessionsEndOnTime1795510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_sessions_live_family" ON "sessions" ("family_id") WHERE revoked_at IS NULL`);
    await q.query(`CREATE FUNCTION plein_person_sessions_ended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('plein_realtime', json_build_object('audience', 'user:' || NEW.id, 'type', 'session.ended',
          'payload', json_build_object('reason', 'deactivated'))::text);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER people_sessions_ended AFTER UPDATE OF active ON people
      FOR EACH ROW WHEN (OLD.active AND NOT NEW.active) EXECUTE FUNCTION plein_person_sessions_ended()`);
    await q.query(`CREATE FUNCTION plein_suspension_sessions_ended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('plein_realtime', json_build_object('audience', 'user:' || NEW.subject_id, 'type', 'session.ended',
          'payload', json_build_object('reason', 'suspended'))::text);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER moderation_suspension_sessions_ended AFTER INSERT ON moderation_actions
      FOR EACH ROW WHEN (NEW.kind = 'suspend' AND NEW.subject_id IS NOT NULL AND NEW.revoked_at IS NULL AND NEW.until > now())
      EXECUTE FUNCTION plein_suspension_sessions_ended()`);
    await q.query(`CREATE FUNCTION plein_session_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('plein_realtime', json_build_object('audience', 'user:' || NEW.person_id, 'type', 'session.ended',
          'payload', json_build_object('reason', 'revoked', 'sessionId', NEW.family_id))::text);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER sessions_revoked AFTER UPDATE OF revoked_at ON sessions
      FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL AND NEW.replaced_by IS NULL)
      EXECUTE FUNCTION plein_session_revoked()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER sessions_revoked ON sessions`);
    await q.query(`DROP FUNCTION plein_session_revoked()`);
    await q.query(`DROP TRIGGER moderation_suspension_sessions_ended ON moderation_actions`);
    await q.query(`DROP FUNCTION plein_suspension_sessions_ended()`);
    await q.query(`DROP TRIGGER people_sessions_ended ON people`);
    await q.query(`DROP FUNCTION plein_person_sessions_ended()`);
    await q.query(`DROP INDEX "IDX_sessions_live_family"`);
  }
}
