import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import type { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import pg from 'pg';
import type { Server, ServerOptions } from 'socket.io';
import { ListenPool } from './listen-pool.js';

/**
 * Socket.IO with a cross-node adapter: Postgres (LISTEN/NOTIFY, no extra infrastructure) by default,
 * Redis when REDIS_URL is set. Also drops the per-socket HTTP request object after the handshake,
 * which Socket.IO's docs recommend to cut the memory of idle connections.
 */
export class PleinIoAdapter extends IoAdapter {
  private pool: pg.Pool | undefined;
  private listenPool: ListenPool | undefined;
  private redis: { quit(): Promise<unknown> }[] = [];
  private adapterFactory: ReturnType<typeof createPostgresAdapter> | ReturnType<typeof createRedisAdapter> | undefined;
  private servers: Server[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly opts: { databaseUrl: string; redisUrl?: string; corsOrigin?: string },
  ) {
    super(app);
  }

  async connect(): Promise<void> {
    if (this.opts.redisUrl) {
      // Loaded only with REDIS_URL: the Redis client costs every other api about 7 MB of heap.
      const [{ createClient }, { createAdapter: createRedisAdapter }] = await Promise.all([import('redis'), import('@socket.io/redis-adapter')]);
      const pub = createClient({ url: this.opts.redisUrl });
      const sub = pub.duplicate();
      await Promise.all([pub.connect(), sub.connect()]);
      this.redis = [pub, sub];
      this.adapterFactory = createRedisAdapter(pub as never, sub as never);
    } else {
      this.pool = new pg.Pool({ connectionString: this.opts.databaseUrl, max: 2, connectionTimeoutMillis: 5000, application_name: 'plein-io-adapter' });
      this.pool.on('error', () => undefined); // an idle connection lost: the pool makes a new one when asked
      this.pool.on('connect', (client) => client.on('error', () => undefined));
      this.listenPool = new ListenPool(this.pool, this.opts.databaseUrl);
      this.adapterFactory = createPostgresAdapter(this.listenPool as unknown as pg.Pool, { tableName: 'socket_io_attachments', heartbeatInterval: 5000 });
    }
  }

  createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, {
      ...options,
      cors: this.opts.corsOrigin ? { origin: this.opts.corsOrigin, credentials: true } : undefined,
      transports: ['websocket', 'polling'],
    } as ServerOptions);
    if (this.adapterFactory) server.adapter(this.adapterFactory);
    server.engine.on('connection', (raw: { request: unknown }) => {
      raw.request = null;
    });
    this.servers.push(server);
    return server;
  }

  /**
   * Ends this node's Socket.IO connections (websockets and long-polls), as the first step of a
   * graceful shutdown: they would otherwise keep the HTTP server open, and the clients reconnect to
   * another node and catch up with eventsSince.
   */
  closeLocalConnections(): void {
    for (const server of this.servers) server.engine.close();
  }

  /** Closes the adapter's own connections; call after the app (and so the Socket.IO server) closed. */
  async shutdown(): Promise<void> {
    await Promise.all(this.redis.map((c) => c.quit().catch(() => undefined)));
    this.listenPool?.close();
    if (this.pool) {
      // The adapter's LISTEN client may still be checked out; do not wait on it forever.
      await Promise.race([this.pool.end().catch(() => undefined), new Promise((r) => setTimeout(r, 2000).unref())]);
    }
  }
}
