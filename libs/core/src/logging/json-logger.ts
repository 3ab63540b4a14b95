import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';

/** Carries the request id (and later the actor) through async work, so every log line names it. */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

/**
 * Structured JSON logs, one object per line on stdout: time, level, context, msg, requestId.
 * Used as Nest's logger so framework messages come out in the same shape.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly out: (line: string) => void = (l) => process.stdout.write(l + '\n'),
  ) {}

  private write(level: Exclude<LogLevel, 'silent'>, message: unknown, rest: unknown[]): void {
    if (LEVELS[level] < LEVELS[this.level]) return;
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level };
    if (context) entry.context = context;
    const requestId = requestContext.getStore()?.requestId;
    if (requestId) entry.requestId = requestId;
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.err = { name: message.name, stack: message.stack };
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    for (const extra of rest) {
      if (typeof extra === 'string' && level === 'error') entry.stack = extra;
      else if (extra instanceof Error) entry.err = { name: extra.name, message: extra.message, stack: extra.stack };
    }
    this.out(JSON.stringify(entry));
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
}
