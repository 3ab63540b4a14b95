import { setTimeout as sleep } from 'node:timers/promises';
import { MailSendError, type MailTransport, type OutgoingMail } from './mail-transport.js';
import type { MailTuning } from './mail-context.js';

export type SendOutcome = { ok: true } | { ok: false; kind: MailSendError['kind']; error: string };

/** The relay has failed this many times in a row: stop the run, let the job retry later. */
export class RelayDownError extends Error {
  constructor(cause: string) {
    super(`mail relay unavailable: ${cause}`);
    this.name = 'RelayDownError';
  }
}

/**
 * Sends one mail with retries: a transient failure (4xx, connection refused, timeout) is retried
 * with exponential backoff (tuning.backoffMs, doubled), then reported; a permanent one (5xx) is
 * reported at once. Shared by a run: counts consecutive transient failures for the circuit breaker.
 */
export class RetryingSender {
  private consecutiveTransient = 0;

  constructor(
    private readonly transport: MailTransport,
    private readonly tuning: MailTuning,
  ) {}

  async send(mail: OutgoingMail): Promise<SendOutcome> {
    let last: MailSendError | undefined;
    for (let attempt = 0; attempt <= this.tuning.retries; attempt++) {
      if (attempt > 0) await sleep(this.tuning.backoffMs * 2 ** (attempt - 1));
      try {
        await this.transport.send(mail);
        this.consecutiveTransient = 0;
        return { ok: true };
      } catch (err) {
        last = err instanceof MailSendError ? err : new MailSendError('transient', err instanceof Error ? err.message : String(err));
        if (last.kind !== 'transient') return { ok: false, kind: last.kind, error: last.message };
      }
    }
    if (++this.consecutiveTransient >= this.tuning.circuitBreakAfter) throw new RelayDownError(last?.message ?? 'unknown');
    return { ok: false, kind: 'transient', error: last?.message ?? 'unknown' };
  }
}

/** Runs `work` over `items` with at most `concurrency` at once; the first thrown error stops the rest and is rethrown. */
export async function eachLimited<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const lane = async () => {
    while (failed === undefined && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (err) {
        failed ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  if (failed !== undefined) throw failed;
}
