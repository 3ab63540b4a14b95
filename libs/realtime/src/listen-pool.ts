import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { Backoff, RepeatedErrorLog } from '@plein/core';
import pg from 'pg';

/** How the Socket.IO adapter's LISTEN connection shows in pg_stat_activity. */
export const ADAPTER_LISTEN_APPLICATION_NAME = 'plein-io-adapter-listen';

/**
 * What @socket.io/postgres-adapter is given instead of a pg.Pool. The adapter checks one client out
 * for LISTEN and, on trouble, reconnects; as shipped (0.5) that goes wrong during an outage:
 * - a LISTEN that fails after the connect both rejects (its catch schedules a reconnect) and ends
 *   the client (its 'end' handler schedules another), so each such failure doubles the loops;
 * - the dead client is never released, so the pool's slots fill with dead clients and every later
 *   `pool.connect()`, and every publish, waits forever;
 * - it retries every 1-3 s for as long as the outage lasts.
 * Here LISTEN gets a dedicated connection (never a pool slot), 'end' reaches the adapter only from a
 * connection that was listening (so one failure schedules one retry), a new connection always ends
 * the previous one (one LISTEN connection, always), tries back off exponentially (capped, jittered),
 * and failures are logged once per 30 s with a count. Queries go to the real pool.
 */
export class ListenPool {
  private readonly logger = new Logger('SocketAdapter');
  private readonly backoff = new Backoff(500, 3000);
  private readonly failures = new RepeatedErrorLog(this.logger, 'socket.io adapter: LISTEN connection down; retrying', 30_000);
  private current: ListenConnection | undefined;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly databaseUrl: string,
  ) {}

  query(text: string, values?: unknown[]): Promise<pg.QueryResult> {
    return this.pool.query(text, values);
  }

  async connect(): Promise<ListenConnection> {
    if (this.closed) throw new Error('closed');
    // The adapter already waits 1-3 s between tries; after failures, wait longer, up to the cap.
    if (this.failures.failing) await new Promise((r) => setTimeout(r, this.backoff.next()).unref());
    if (this.closed) throw new Error('closed');
    this.current?.release();
    this.current = undefined;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: ADAPTER_LISTEN_APPLICATION_NAME, connectionTimeoutMillis: 5000, keepAlive: true });
    client.on('error', () => undefined); // a lost connection shows as 'end'
    try {
      await client.connect();
    } catch (err) {
      client.end().catch(() => undefined);
      this.failures.failed(err);
      throw err;
    }
    const connection = new ListenConnection(client, {
      listening: () => {
        this.failures.recovered('socket.io adapter: LISTEN connection restored');
        this.backoff.reset();
      },
      failed: (err) => this.failures.failed(err),
    });
    this.current = connection;
    return connection;
  }

  close(): void {
    this.closed = true;
    this.current?.release();
    this.current = undefined;
  }
}

/** The checked-out "client" the adapter sees: a dedicated connection with a guarded 'end'. */
export class ListenConnection extends EventEmitter {
  private listening = false;
  private released = false;

  constructor(
    private readonly client: pg.Client,
    private readonly hooks: { listening(): void; failed(err: unknown): void },
  ) {
    super();
    client.on('notification', (msg) => this.emit('notification', msg));
    client.on('end', () => {
      if (this.released) return;
      this.released = true;
      // Only a connection that was listening tells the adapter: for one still setting up, the
      // failing LISTEN's rejection already schedules the adapter's one retry.
      if (this.listening) {
        this.hooks.failed(new Error('LISTEN connection ended'));
        this.emit('end');
      }
    });
  }

  async query(text: string, values?: unknown[]): Promise<pg.QueryResult> {
    try {
      const res = await this.client.query(text, values);
      if (/^\s*LISTEN\b/i.test(text) && !this.listening) {
        this.listening = true;
        this.hooks.listening();
      }
      return res;
    } catch (err) {
      if (!this.listening) {
        this.hooks.failed(err);
        this.release();
      }
      throw err;
    }
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.removeAllListeners('end');
    this.client.end().catch(() => undefined);
  }
}
