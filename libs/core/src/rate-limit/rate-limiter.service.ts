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
    const rows: { hits: number; retry: number }[] = await this.db.query(RateLimiterService.countSql('$1', '$2'), [key, windowSeconds]);
    const { hits, retry } = rows[0];
    return { allowed: hits <= limit, hits, retryAfterSeconds: retry };
  }

  /**
   * The counting statement over two SQL placeholders (key, window in seconds), returning `hits` and
   * `retry`. A write that is one statement (a plain post) runs it as a CTE in that statement, so the
   * limit costs no round trip of its own; then `assertWithin` turns the counts into the same error.
   */
  static countSql(key: string, windowSeconds: string): string {
    return `INSERT INTO rate_limit_buckets AS b (key, window_end, hits)
       VALUES (${key}, now() + make_interval(secs => ${windowSeconds}), 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN b.window_end <= now() THEN 1 ELSE b.hits + 1 END,
         window_end = CASE WHEN b.window_end <= now() THEN now() + make_interval(secs => ${windowSeconds}) ELSE b.window_end END
       RETURNING hits, GREATEST(1, CEIL(EXTRACT(EPOCH FROM (window_end - now()))))::int AS retry`;
  }

  /** Throws RATE_LIMITED (with `retryAfterSeconds`) when `hits` is over `limit`, as `consume` does. */
  static assertWithin(hits: number, retryAfterSeconds: number, limit: number, what: string): void {
    if (hits > limit) {
      throw new DomainError(ErrorCode.RATE_LIMITED, `You are ${what} too fast. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
    }
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
    RateLimiterService.assertWithin(result.hits, result.retryAfterSeconds, limit, what);
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
