import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, Backoff, RepeatedErrorLog, type ResolvedConfig } from '@plein/core';
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
 *
 * One LISTEN connection per process, always, and one reconnect loop (capped exponential backoff with
 * jitter); a failing database is logged once per 30 s with a count, not once per try.
 */
@Injectable()
export class RealtimeRelay implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('RealtimeRelay');
  private client: pg.Client | undefined;
  private connecting = false;
  private timer: NodeJS.Timeout | undefined;
  private catchUpTimer: NodeJS.Timeout | undefined;
  /** Events may have been missed (a reconnect, a failed delivery): catchUp() relays from lastId. */
  private behind = false;
  private readonly backoff = new Backoff(250, 4000);
  private readonly failures = new RepeatedErrorLog(this.logger, 'realtime relay: LISTEN connection down; retrying', 30_000);
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
    await this.connect();
  }

  /** Tries since the LISTEN connection was last up (diagnostics and tests). */
  get reconnectAttempts(): number {
    return this.backoff.attempts;
  }

  /**
   * The one reconnect loop of this process: at most one attempt in flight or waiting, whatever
   * fails how often (a failed connect emits both an error and 'end'; neither may start a second loop).
   */
  private scheduleReconnect(): void {
    if (this.stopped || this.timer || this.connecting || this.client) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, this.backoff.next());
    this.timer.unref();
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.connecting || this.client) return;
    this.connecting = true;
    const client = new pg.Client({
      connectionString: this.config.databaseUrl,
      application_name: RELAY_APPLICATION_NAME,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    });
    client.on('error', (err: Error) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', (n) => {
      // One after the other: a barrier lookup must not let a later event overtake an earlier one.
      if (n.channel === REALTIME_CHANNEL && n.payload) this.queue = this.queue.then(() => this.deliver(n.payload!));
    });
    let ok = false;
    try {
      await client.connect();
      await client.query(`LISTEN ${REALTIME_CHANNEL}`);
      if (this.lastId === null) {
        const res = await client.query('SELECT COALESCE(max(id), 0)::text AS id FROM realtime_events');
        this.lastId ??= BigInt((res.rows[0] as { id: string }).id);
      } else {
        // A reconnect: relay what committed while nobody listened, before anything newer (same queue).
        this.behind = true;
        this.queue = this.queue
          .then(() => this.catchUp())
          // Sessions that ended while nobody listened (their event may be older than the log's window).
          .then(() => this.gateway.endStaleSessions())
          .then(
            () => undefined,
            (err: Error) => this.logger.warn({ msg: 'checking sockets after reconnect failed', error: err.message }),
          );
      }
      ok = !this.stopped;
    } catch (err) {
      this.failures.failed(err, { nextTry: 'with backoff' });
    } finally {
      this.connecting = false;
    }
    if (!ok) {
      discard(client);
      this.scheduleReconnect();
      return;
    }
    this.client = client;
    this.failures.recovered('LISTEN connection restored', { attempts: this.backoff.attempts });
    this.backoff.reset();
  }

  /** The LISTEN connection died: drop it (and only it) and start the one loop. */
  private lost(client: pg.Client, err?: Error): void {
    if (client !== this.client) return; // an attempt still connecting: connect() handles its failure
    this.client = undefined;
    discard(client);
    if (this.stopped) return;
    this.failures.failed(err ?? new Error('connection ended'), { nextTry: 'with backoff' });
    this.scheduleReconnect();
  }

  /**
   * Relays, in id order, every event logged after the last one relayed: after a reconnect (what
   * committed while nobody listened, or whose NOTIFY died with the server), and after a delivery that
   * failed half-way (its barrier lookup met a dying database). Runs on the relay's queue, so nothing
   * newer overtakes it; while behind, notified events wait for it instead of skipping ahead.
   */
  private async catchUp(): Promise<void> {
    if (this.stopped || !this.behind) return;
    const client = this.client;
    if (!client) return; // the reconnect catches up
    let relayed = 0;
    try {
      for (;;) {
        const res = await client.query('SELECT id::text AS id, audience, type, payload FROM realtime_events WHERE id > $1 ORDER BY id LIMIT 1000', [String(this.lastId ?? 0n)]);
        const rows = res.rows as RelayedEvent[];
        for (const row of rows) {
          await this.relay(row);
          this.lastId = BigInt(row.id);
          relayed++;
        }
        if (rows.length < 1000) break;
      }
    } catch (err) {
      if (this.stopped) return;
      this.failures.failed(err, { during: 'catch-up' });
      // Still connected (a lookup failed, not the connection): try again soon; else the reconnect will.
      if (this.client === client && !this.catchUpTimer) {
        this.catchUpTimer = setTimeout(() => {
          this.catchUpTimer = undefined;
          this.queue = this.queue.then(() => this.catchUp());
        }, this.backoff.next());
        this.catchUpTimer.unref();
      }
      return;
    }
    this.behind = false;
    if (relayed) this.logger.log({ msg: 'relayed events logged while LISTEN was down', events: relayed });
  }

  /** A NOTIFY: relays the event, unless it was relayed already or the relay is catching up. */
  private async deliver(raw: string): Promise<void> {
    if (this.stopped) return;
    let event: Partial<RelayedEvent>;
    let id: bigint | null;
    try {
      event = JSON.parse(raw) as Partial<RelayedEvent>;
      id = event.id !== undefined ? BigInt(event.id) : null;
    } catch {
      this.logger.error({ msg: 'relay: unreadable notification', payload: raw.slice(0, 200) });
      return;
    }
    // Seen already (a catch-up and its NOTIFY both arrive): relay each event once.
    if (id !== null && this.lastId !== null && id <= this.lastId) return;
    // Behind: the catch-up relays this one, in order, when it succeeds.
    if (this.behind) return;
    try {
      if (!event.type && event.id) {
        if (!this.client) throw new Error('no connection to read the event');
        const res = await this.client.query('SELECT id::text, audience, type, payload FROM realtime_events WHERE id = $1', [event.id]);
        event = res.rows[0] as RelayedEvent;
      }
      if (event) await this.relay(event);
      if (id !== null) this.lastId = id;
    } catch (err) {
      if (this.stopped) return; // the pools closed under a delivery in flight
      // Not lost: from here on the relay is behind, and its catch-up delivers this event and what follows.
      this.logger.warn({ msg: 'relay failed; catching up from the event log', eventId: event?.id, error: err instanceof Error ? err.message : String(err) });
      this.behind = true;
      this.queue = this.queue.then(() => this.catchUp());
    }
  }

  /** Emits one event to this node's sockets in its room (or acts on it: barrier changes, room moves). */
  private async relay(event: Partial<RelayedEvent>): Promise<void> {
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
    clearTimeout(this.timer);
    clearTimeout(this.catchUpTimer);
    const client = this.client;
    this.client = undefined;
    client?.removeAllListeners();
    client?.on('error', () => undefined);
    await client?.end().catch(() => undefined);
  }
}

/** How the relay's connection shows in pg_stat_activity. */
export const RELAY_APPLICATION_NAME = 'plein-realtime-relay';

/** Ends a connection nobody uses any more, without letting its late errors reach anyone. */
function discard(client: pg.Client): void {
  client.removeAllListeners();
  client.on('error', () => undefined);
  client.end().catch(() => undefined);
}
