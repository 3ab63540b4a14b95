import type { EntityManager } from 'typeorm';
import type { LiveEventName, LiveEvents } from './events.js';

/** The Postgres channel every api node LISTENs on (RealtimeRelay) to emit logged events to its sockets. */
export const REALTIME_CHANNEL = 'plein_realtime';
// (The trigger of migration BarrierHrMoves notifies this channel by its literal name.)
/** An internal event: information barriers changed; each relay moves its sockets' segment rooms (never emitted). */
export const BARRIERS_CHANGED = 'barriers.changed';
// An arbitrary advisory-lock key owned by the event log.
export const EVENT_ORDER_LOCK = 7_410_001;
// NOTIFY payloads must stay under 8000 bytes; bigger events travel by id and the relay reads the row.
const INLINE_LIMIT = 7000;

export interface LiveEvent {
  /** 'company' | 'employees' | 'group:<id>' | 'user:<personId>' */
  audience: string;
  /** An event of the shared map (events.ts), where its payload's shape is written; or an internal one (BARRIERS_CHANGED). */
  type: string;
  payload: Record<string, unknown>;
}

/** A live event whose name and payload are checked against the shared map (events.ts): use it in new code. */
export function liveEvent<K extends LiveEventName>(audience: string, type: K, payload: LiveEvents[K]): LiveEvent {
  return { audience, type, payload: payload as unknown as Record<string, unknown> };
}

export interface RelayedEvent extends LiveEvent {
  id: string;
}

/**
 * Appends live events to `realtime_events` inside the caller's transaction and queues a NOTIFY in
 * the same transaction. Postgres delivers NOTIFY only on commit, in commit order, so an event never
 * goes out for a write that rolled back, and any process (api or worker) can emit: the api nodes'
 * relays turn the notifications into Socket.IO emits to the audience's room.
 */
export async function appendLiveEvents(em: EntityManager, events: readonly LiveEvent[]): Promise<RelayedEvent[]> {
  if (events.length === 0) return [];
  // One round trip: lock, insert, then NOTIFY each row (by id only when too big for a NOTIFY payload).
  const rows: { id: string }[] = await em.query(
    `WITH ${liveEventCtes('SELECT u.* FROM unnest($1::text[], $2::text[], $3::jsonb[]) AS u', '$4')}
     SELECT id FROM live_notified ORDER BY id`,
    [events.map((e) => e.audience), events.map((e) => e.type), events.map((e) => JSON.stringify(e.payload)), REALTIME_CHANNEL],
  );
  return events.map((e, i) => ({ ...e, id: String(rows[i].id) }));
}

/**
 * The SQL of appending live events, as common table expressions for a caller's own statement:
 * `source` is a SELECT of (audience, type, payload) rows, `channel` the parameter holding
 * REALTIME_CHANNEL. Defines `live_notified (id)`, which the statement must read (a plain CTE runs
 * only when referenced). A write that is one statement (a plain post) appends its event in the same
 * round trip and commits at once, so the ordering lock below is held for no network round trip.
 *
 * The transaction-level lock (held until commit) makes ids follow commit order, so a client that
 * resumes from the last id it saw can never skip an event that committed later with a lower id.
 * Writers append as their last step, so the lock is held for about one commit.
 */
export function liveEventCtes(source: string, channel: string): string {
  return `live_rows AS (
       INSERT INTO realtime_events (audience, type, payload)
       SELECT s.audience, s.type, s.payload FROM (${source}) AS s(audience, type, payload)
        WHERE (SELECT count(*) FROM (SELECT pg_advisory_xact_lock(${EVENT_ORDER_LOCK})) l) = 1
       RETURNING id, audience, type, payload
     ), live_json AS (
       SELECT e.id, jsonb_build_object('id', e.id::text, 'audience', e.audience, 'type', e.type, 'payload', e.payload)::text AS full FROM live_rows e
     ), live_notified AS (
       SELECT j.id::text AS id, pg_notify(${channel}, CASE WHEN octet_length(j.full) <= ${INLINE_LIMIT} THEN j.full ELSE jsonb_build_object('id', j.id::text)::text END)
         FROM live_json j
     )`;
}
