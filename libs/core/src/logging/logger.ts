import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import type { LoggerService } from '@nestjs/common';
import { Logger, type PinoLogger } from 'nestjs-pino';
import { pino, type DestinationStream, type Logger as Pino } from 'pino';
import type { NodeEnv } from '../config/config.js';

/** Carries the request id through async work (set by the api's request-id middleware). */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type RootLogger = Pino;

/**
 * What never reaches a log line, wherever it sits in a logged object (one level down included):
 * credentials in headers and cookies, and the secrets of the configuration. The request line logs
 * method, path, status and time only, so headers are not logged at all; this is the backstop.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...['password', 'secret', 'token', 'accessToken', 'refreshToken', 'jwtSecret', 'bindCredentials', 'authorization', 'cookie'].flatMap((key) => [key, `*.${key}`]),
];

export interface LoggerOptions {
  level: LogLevel;
  /** With `development`, a terminal and pino-pretty installed (a dev dependency): pretty lines. */
  nodeEnv?: NodeEnv;
  /** Where JSON lines go (tests collect them); default stdout. */
  destination?: DestinationStream;
}

function prettyInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/**
 * The process's one pino logger: JSON lines `{"level":"info","time":"<ISO>",...,"msg":...}` on
 * stdout, the shape log shippers and our tests read. Pretty only for a person at a terminal in
 * development (piped output, as from a script or a container, stays JSON), and only when
 * pino-pretty is installed: production installs (`npm ci --omit=dev`) do not have it.
 */
export function createLogger(options: LoggerOptions): RootLogger {
  const base = {
    level: options.level,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.nodeEnv === 'development' && process.stdout.isTTY && prettyInstalled()) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  return pino(base);
}

/**
 * Nest's LoggerService over a pino logger: nestjs-pino's Logger, which maps Nest's calls
 * (`log(obj | message, context)`, exception handlers' stacks) onto pino's. Its PinoLogger would
 * add the request's child logger from nestjs-pino's context; this one is for where there is no
 * request (boot, the worker, CLI tools and scripts), so it logs straight into `root`, and creating
 * it touches no process-wide state.
 */
export function nestLogger(root: RootLogger): LoggerService {
  return new Logger(root as unknown as PinoLogger, {});
}

/** A logger that writes nothing, for tools whose output is their own (the HR import CLI, benches). */
export function silentLogger(): LoggerService {
  return nestLogger(createLogger({ level: 'silent' }));
}
