import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from '@plein/core';
import { PolicyService, parseAudience, segmentRoom, type Actor } from '@plein/policy';
import pg from 'pg';
import { BARRIERS_CHANGED, REALTIME_CHANNEL, type RelayedEvent } from './event-log.js';
import { endSocket, RealtimeGateway, SESSION_ENDED_EVENT, type SessionEndedReason, type SocketData } from './realtime.gateway.js';

/**
 * The Postgres emitter pattern: every api node LISTENs on one channel and emits each logged event to
 * ITS OWN sockets in the event's room (`local`, so N nodes do not deliver N copies). Writers (the
 * api's use cases, the worker's jobs) only append to `realtime_events` in their transaction.
 * A lost LISTEN connection is reopened, and the relay then emits what was logged while it was gone
 * (from the last id it relayed), so connected clients miss nothing across a database restart; a
 * client whose socket was down catches up with `eventsSince`.
 */
@Injectable()
export class RealtimeRelay implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('RealtimeRelay');
  private client: pg.Client | undefined;
  private stopped = false;
  private queue: Promise<void> = Promise.resolve();
  /** The id of the last event relayed (events arrive in id order: see appendLiveEvents). */
  private lastId: bigint | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly gateway: RealtimeGateway,
    private readonly policy: PolicyService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  /** Keeps trying (with a growing pause, at most 10 s) until Postgres answers again. */
  private reconnect(delayMs: number): void {
    setTimeout(() => {
      if (this.stopped) return;
      this.listen().catch((err: Error) => {
        this.logger.warn({ msg: 'relay reconnect failed; retrying', error: err.message });
        this.reconnect(Math.min(delayMs * 2, 10_000));
      });
    }, delayMs).unref();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.config.databaseUrl });
    client.on('error', () => undefined);
    client.on('end', () => {
      if (this.stopped) return;
      this.logger.warn({ msg: 'LISTEN connection lost; reconnecting' });
      this.reconnect(1000);
    });
    client.on('notification', (n) => {
      // One after the other: a barrier lookup must not let a later event overtake an earlier one.
      if (n.channel === REALTIME_CHANNEL && n.payload) this.queue = this.queue.then(() => this.deliver(n.payload!));
    });
    await client.connect();
    await client.query(`LISTEN ${REALTIME_CHANNEL}`);
    this.client = client;
    if (this.lastId === null) {
      const res = await client.query('SELECT COALESCE(max(id), 0)::text AS id FROM realtime_events');
      this.lastId ??= BigInt((res.rows[0] as { id: string }).id);
    } else {
      // A reconnect: relay what committed while nobody listened, before anything newer (same queue).
      this.queue = this.queue
        .then(() => this.replay(client))
        .then(() => this.gateway.endStaleSessions())
        .then(
          () => undefined,
          (err: Error) => this.logger.warn({ msg: 'checking sockets after reconnect failed', error: err.message }),
        );
    }
  }

  private async replay(client: pg.Client): Promise<void> {
    for (;;) {
      const res = await client
        .query('SELECT id::text AS id, audience, type, payload FROM realtime_events WHERE id > $1 ORDER BY id LIMIT 1000', [String(this.lastId ?? 0n)])
        .catch((err: Error) => {
          this.logger.warn({ msg: 'relay replay failed', error: err.message });
          return { rows: [] };
        });
      const rows = res.rows as RelayedEvent[];
      for (const row of rows) await this.deliver(JSON.stringify(row));
      if (rows.length) this.logger.log({ msg: 'relayed events logged while LISTEN was down', events: rows.length });
      if (rows.length < 1000) return;
    }
  }

  private async deliver(raw: string): Promise<void> {
    if (this.stopped) return;
    try {
      let event = JSON.parse(raw) as Partial<RelayedEvent>;
      if (!event.type && event.id && this.client) {
        const res = await this.client.query('SELECT id::text, audience, type, payload FROM realtime_events WHERE id = $1', [event.id]);
        event = res.rows[0] as RelayedEvent;
      }
      if (event?.id !== undefined) {
        // Seen already (a replay and its NOTIFY both arrive): relay each event once.
        const id = BigInt(event.id);
        if (this.lastId !== null && id <= this.lastId) return;
        this.lastId = id;
      }
      if (!event?.type || !event.audience || !this.gateway.namespace) return;
      const room = this.roomOf(event.audience);
      if (!room) return;
      if (event.type === BARRIERS_CHANGED) return await this.resyncSegments();
      if (event.type === SESSION_ENDED_EVENT) return this.endSessions(room, event.payload ?? {});
      const { moveRooms, ...payload } = (event.payload ?? {}) as Record<string, unknown> & { moveRooms?: unknown };
      if (moveRooms && room.startsWith('user:')) this.moveRooms(room, moveRooms);
      // Content by an author behind an information barrier skips the segments it shuts out.
      const except = room.startsWith('user:') ? [] : await this.shutOut(event.type, payload);
      this.gateway.namespace.local.to(room).except(except).emit(event.type, { eventId: event.id, ...payload });
    } catch (err) {
      if (this.stopped) return; // the pools closed under a delivery in flight
      this.logger.error({ msg: 'relay failed', error: err instanceof Error ? err.message : String(err) });
    }
  }

  /**
   * A user event may carry `moveRooms: { join, leave }` (group membership changes): this node moves
   * that person's sockets before it relays any later event. NOTIFY keeps commit order, so a message
   * posted after a removal never reaches the removed member's sockets on any node.
   */
  private moveRooms(userRoom: string, moves: unknown): void {
    const rooms = (v: unknown) => (Array.isArray(v) ? v.filter((r): r is string => typeof r === 'string' && /^audience:group:[0-9a-f-]{36}$/i.test(r)) : []);
    const { join, leave } = moves as { join?: unknown; leave?: unknown };
    const target = this.gateway.namespace.local.in(userRoom);
    if (rooms(join).length) target.socketsJoin(rooms(join));
    if (rooms(leave).length) target.socketsLeave(rooms(leave));
  }

  /**
   * The segment rooms to leave out: those shut out from the content's author, and from the authors
   * of what it sits in (`contextAuthorIds`: a blog comment's post and thread).
   */
  private async shutOut(type: string, payload: Record<string, unknown>): Promise<string[]> {
    const authorId = await this.authorOf(type, payload);
    const context = Array.isArray(payload.contextAuthorIds) ? payload.contextAuthorIds.filter((a): a is string => typeof a === 'string') : [];
    const authors = [...new Set([...(authorId ? [authorId] : []), ...context])];
    const rooms = new Set<string>();
    for (const a of authors) for (const r of await this.policy.roomsShutOutFrom(a)) rooms.add(r);
    return [...rooms];
  }

  /** The author of the content an event is about: in the payload, or (count updates, deletions) the message's row. */
  private async authorOf(type: string, payload: Record<string, unknown>): Promise<string | null> {
    if (typeof payload.authorId === 'string') return payload.authorId;
    if (!type.startsWith('message.') || typeof payload.id !== 'string' || !/^[0-9a-f-]{36}$/i.test(payload.id) || !this.client) return null;
    const res = await this.client.query('SELECT author_id::text AS id FROM messages WHERE id = $1', [payload.id]);
    return (res.rows[0] as { id: string } | undefined)?.id ?? null;
  }

  /**
   * A person was deactivated or suspended, or one of their sessions was revoked (database triggers
   * of migration SessionsEndOnTime send this, whatever made the change): this node ends that
   * person's sockets, or only the revoked session's. It comes through the same ordered queue as
   * every event, so nothing committed after the change reaches them.
   */
  private endSessions(userRoom: string, payload: Record<string, unknown>): void {
    if (!userRoom.startsWith('user:')) return;
    const reason: SessionEndedReason = payload.reason === 'deactivated' || payload.reason === 'suspended' ? payload.reason : 'revoked';
    const sessionId = typeof payload.sessionId === 'string' ? payload.sessionId : null;
    const sockets = this.gateway.namespace.adapter.rooms.get(userRoom);
    if (!sockets) return;
    for (const id of [...sockets]) {
      const socket = this.gateway.namespace.sockets.get(id);
      if (socket && (sessionId === null || (socket.data as SocketData).sessionId === sessionId)) endSocket(socket, reason);
    }
  }

  /** Barriers or segments changed: every local socket moves to its person's current segment rooms. */
  private async resyncSegments(): Promise<void> {
    for (const socket of await this.gateway.namespace.local.fetchSockets()) {
      const actor = (socket.data as { actor?: Actor }).actor;
      if (!actor) continue;
      const want = new Set((await this.policy.segmentIdsOf(actor)).map(segmentRoom));
      for (const r of socket.rooms) if (r.startsWith('segment:') && !want.has(r)) socket.leave(r);
      if (want.size) socket.join([...want]);
    }
  }

  private roomOf(audience: string): string | null {
    if (/^user:[0-9a-f-]{36}$/i.test(audience)) return audience;
    const parsed = parseAudience(audience);
    return parsed ? this.policy.roomForAudience(parsed) : null;
  }

  /** Stopping: events still queued from NOTIFY are dropped (their sockets are closing anyway). */
  beforeApplicationShutdown(): void {
    this.stopped = true;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }
}
