import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '../errors/error-codes.js';

export interface RateLimitResult {
  allowed: boolean;
  hits: number;
  /** Seconds until the window resets: the value of a Retry-After header. */
  retryAfterSeconds: number;
}

/**
 * Fixed-window rate limiting stored in Postgres, so the limit holds across api nodes.
 * One statement per check: insert or bump the counter, resetting it when the window has passed.
 */
@Injectable()
export class RateLimiterService {
  constructor(private readonly db: DataSource) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const rows: { hits: number; retry: number }[] = await this.db.query(
      `INSERT INTO rate_limit_buckets AS b (key, window_end, hits)
       VALUES ($1, now() + make_interval(secs => $2), 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN b.window_end <= now() THEN 1 ELSE b.hits + 1 END,
         window_end = CASE WHEN b.window_end <= now() THEN now() + make_interval(secs => $2) ELSE b.window_end END
       RETURNING hits, GREATEST(1, CEIL(EXTRACT(EPOCH FROM (window_end - now()))))::int AS retry`,
      [key, windowSeconds],
    );
    const { hits, retry } = rows[0];
    return { allowed: hits <= limit, hits, retryAfterSeconds: retry };
  }

  /** Reads without counting: is this key already over its limit? */
  async peek(key: string, limit: number): Promise<RateLimitResult> {
    const rows: { hits: number; retry: number }[] = await this.db.query(
      `SELECT hits, GREATEST(1, CEIL(EXTRACT(EPOCH FROM (window_end - now()))))::int AS retry
         FROM rate_limit_buckets WHERE key = $1 AND window_end > now()`,
      [key],
    );
    if (rows.length === 0) return { allowed: true, hits: 0, retryAfterSeconds: 0 };
    return { allowed: rows[0].hits < limit, hits: rows[0].hits, retryAfterSeconds: rows[0].retry };
  }

  /**
   * Counts one action and throws RATE_LIMITED (with `retryAfterSeconds`) when the key is over its
   * limit: the one-liner for "posting", "uploading", "reporting".
   */
  async consume(key: string, limit: number, windowSeconds: number, what: string): Promise<void> {
    const result = await this.hit(key, limit, windowSeconds);
    if (!result.allowed) {
      throw new DomainError(ErrorCode.RATE_LIMITED, `You are ${what} too fast. Try again in ${result.retryAfterSeconds} seconds.`, {
        retryAfterSeconds: result.retryAfterSeconds,
      });
    }
  }

  async reset(key: string): Promise<void> {
    await this.db.query('DELETE FROM rate_limit_buckets WHERE key = $1', [key]);
  }

  /** Housekeeping for the worker: forget windows that are over. */
  async purgeExpired(): Promise<number> {
    const res: [unknown[], number] = await this.db.query('DELETE FROM rate_limit_buckets WHERE window_end < now()');
    return res[1];
  }
}
