import type { EntityManager } from 'typeorm';

/** The Postgres channel every api node LISTENs on (RealtimeRelay) to emit logged events to its sockets. */
export const REALTIME_CHANNEL = 'plein_realtime';
// NOTIFY payloads must stay under 8000 bytes; bigger events travel by id and the relay reads the row.
const INLINE_LIMIT = 7000;

export interface LiveEvent {
  /** 'company' | 'employees' | 'group:<id>' | 'user:<personId>' */
  audience: string;
  type: string;
  payload: Record<string, unknown>;
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
  const rows: { id: string }[] = await em.query(
    `INSERT INTO realtime_events (audience, type, payload)
     SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[]) RETURNING id`,
    [events.map((e) => e.audience), events.map((e) => e.type), events.map((e) => JSON.stringify(e.payload))],
  );
  const relayed = events.map((e, i) => ({ ...e, id: String(rows[i].id) }));
  const notes = relayed.map((e) => {
    const full = JSON.stringify(e);
    return full.length <= INLINE_LIMIT ? full : JSON.stringify({ id: e.id });
  });
  await em.query(`SELECT pg_notify($1, n) FROM unnest($2::text[]) AS n`, [REALTIME_CHANNEL, notes]);
  return relayed;
}
