/**
 * What every long-lived database connection of Plein (the realtime relay's LISTEN, the Socket.IO
 * adapter's LISTEN, pg-boss) uses while PostgreSQL is away: one retry loop with capped exponential
 * backoff and jitter, and a log that says a repeated error once per interval with a count instead of
 * once per try (an outage must not turn into megabytes of identical log lines).
 */

/** Capped exponential backoff with "equal jitter": half the step fixed, half random, never above `capMs`. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly baseMs = 500,
    private readonly capMs = 15_000,
  ) {}

  /** The pause before the next try; each call doubles the step up to the cap. */
  next(): number {
    const step = Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.attempt, 20));
    this.attempt++;
    return Math.round(step / 2 + Math.random() * (step / 2));
  }

  /** How many pauses were handed out since the last success. */
  get attempts(): number {
    return this.attempt;
  }

  reset(): void {
    this.attempt = 0;
  }
}

/** The part of Nest's Logger this needs. */
export interface WarnLogger {
  warn(message: unknown): void;
  log(message: unknown): void;
}

/**
 * Logs the first occurrence of a failure at once, then at most one line per `intervalMs` carrying
 * how many tries failed since (`repeated`), and one line when it recovers.
 */
export class RepeatedErrorLog {
  private failures = 0;
  private suppressed = 0;
  private lastLoggedAt = 0;
  private firstAt = 0;

  constructor(
    private readonly logger: WarnLogger,
    private readonly msg: string,
    private readonly intervalMs = 30_000,
  ) {}

  failed(error: unknown, extra: Record<string, unknown> = {}): void {
    const now = Date.now();
    if (this.failures === 0) this.firstAt = now;
    this.failures++;
    if (this.failures > 1 && now - this.lastLoggedAt < this.intervalMs) {
      this.suppressed++;
      return;
    }
    const repeated = this.suppressed;
    this.suppressed = 0;
    this.lastLoggedAt = now;
    this.logger.warn({ msg: this.msg, error: errorText(error), failures: this.failures, ...(repeated ? { repeated, intervalMs: this.intervalMs } : {}), ...extra });
  }

  /** Call on success: ends the episode (and says so once, if there was one). */
  recovered(msg: string, extra: Record<string, unknown> = {}): void {
    if (this.failures === 0) return;
    this.logger.log({ msg, failures: this.failures, downMs: Date.now() - this.firstAt, ...extra });
    this.failures = 0;
    this.suppressed = 0;
    this.lastLoggedAt = 0;
  }

  get failing(): boolean {
    return this.failures > 0;
  }
}

export function errorText(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return errorText(error.errors[0]);
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  if (typeof error === 'object' && error !== null) {
    // pg-boss emits some errors as plain objects ({ message, queue, ... }).
    const { message, code } = error as { message?: unknown; code?: unknown };
    if (typeof message === 'string' && message) return message;
    if (typeof code === 'string') return code;
    try {
      return JSON.stringify(error).slice(0, 300);
    } catch {
      return Object.prototype.toString.call(error);
    }
  }
  return String(error);
}
