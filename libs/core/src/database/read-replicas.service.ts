import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import pg, { type Pool, type QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { isDatabaseUnavailable } from '../errors/error-codes.js';

/** After a person's write, their reads stay on the primary this long, so they see what they did. */
export const READ_YOUR_WRITES_MS = 10_000;
const REMEMBERED_WRITERS = 50_000;

/**
 * Connection options for the interactive pools (the api's primary pool and the replicas): no parallel
 * workers. Launching them cost 4.5 ms per home-feed page at 100,000 people, for a plan (the
 * information-barrier anti-join) that then found nothing: three times the page itself. The job
 * worker's pool keeps them (CoreModuleOptions.parallelQueries).
 */
export const INTERACTIVE_PG_OPTIONS = '-c max_parallel_workers_per_gather=0';

const statementNames = new Map<string, string>();

/**
 * A stable name for a hot statement's text, so it is parsed and planned once per connection (a
 * named prepared statement) instead of on every request: the feeds' policy predicates make
 * planning cost more than running. Texts never embed values (those are parameters), so the
 * number of names stays small; the map is bounded all the same.
 */
export function statementName(prefix: string, text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `${prefix}_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (statementNames.size > 2000) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

/** Errors that say "this server cannot answer now", not "this SQL is wrong": retried on the primary. */
function isUnavailable(err: unknown): boolean {
  if (isDatabaseUnavailable(err)) return true;
  const code = (err as { code?: unknown } | null)?.code;
  // Out of resources (53…), or cancelled by a conflict with WAL replay on a hot standby (40001).
  return typeof code === 'string' && (code.startsWith('53') || code === '40001' || code.startsWith('08'));
}

/**
 * Sends the heavy reads (feeds, message search, staff search) to PostgreSQL read replicas when
 * DATABASE_READ_URLS is set; everything else, and every write, stays on the primary (TypeORM's
 * DataSource). Replicas are picked round-robin. A person who wrote in the last READ_YOUR_WRITES_MS
 * on this node reads from the primary, so replication lag never hides their own post from them
 * (the GraphQL layer calls noteWrite after each mutation). A replica that is down or cancels a
 * query is skipped for that query: it runs on the primary instead.
 */
@Injectable()
export class ReadReplicas implements OnApplicationShutdown {
  private readonly replicas: Pool[];
  private next = 0;
  private readonly writers = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) config: ResolvedConfig,
    private readonly db: DataSource,
  ) {
    this.replicas = config.databaseReadUrls.map(
      (connectionString) =>
        new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 3000, statement_timeout: 30_000, application_name: 'plein-read', options: INTERACTIVE_PG_OPTIONS }),
    );
    for (const pool of this.replicas) pool.on('error', () => undefined); // an idle client lost: the pool replaces it
  }

  get enabled(): boolean {
    return this.replicas.length > 0;
  }

  /** The primary's pool (TypeORM's own). */
  get primary(): Pool {
    return (this.db.driver as unknown as { master: Pool }).master;
  }

  /** Remembers that this person just wrote, so their next reads see it. */
  noteWrite(personId: string): void {
    if (!this.enabled) return;
    this.writers.delete(personId);
    this.writers.set(personId, Date.now());
    if (this.writers.size > REMEMBERED_WRITERS) {
      // Oldest first (insertion order): forget those whose window has passed, at most a batch.
      const cutoff = Date.now() - READ_YOUR_WRITES_MS;
      for (const [id, at] of this.writers) {
        if (at >= cutoff || this.writers.size <= REMEMBERED_WRITERS / 2) break;
        this.writers.delete(id);
      }
    }
  }

  /** Whether this person's reads go to a replica now. */
  usesReplica(personId: string | null | undefined): boolean {
    if (!this.enabled) return false;
    const at = personId ? this.writers.get(personId) : undefined;
    return at === undefined || Date.now() - at > READ_YOUR_WRITES_MS;
  }

  /**
   * Runs a read for this person: on a replica when they may, else (or when the replica fails to
   * answer) on the primary. `name` makes it a named prepared statement (prepared once per connection).
   */
  async query<T extends QueryResultRow>(personId: string | null | undefined, text: string, values: unknown[] = [], name?: string): Promise<T[]> {
    const config = { text, values, ...(name ? { name } : {}) };
    if (this.usesReplica(personId)) {
      const pool = this.replicas[this.next++ % this.replicas.length];
      try {
        return (await pool.query<T>(config)).rows;
      } catch (err) {
        if (!isUnavailable(err)) throw err;
      }
    }
    return (await this.primary.query<T>(config)).rows;
  }

  /** A hot statement on the primary, as a named prepared statement (`statementName(prefix, text)`). */
  async prepared<T extends QueryResultRow>(prefix: string, text: string, values: unknown[]): Promise<T[]> {
    return (await this.primary.query<T>({ name: statementName(prefix, text), text, values })).rows;
  }

  /** After the HTTP server closed (Nest runs shutdown hooks last), so no request still needs a pool. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.replicas.map((p) => p.end().catch(() => undefined)));
  }
}
