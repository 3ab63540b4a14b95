import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The machine-readable codes every client can rely on, in GraphQL `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}

/**
 * The one error type domain code throws. It carries a code and a message meant for the user;
 * `details` holds machine-readable extras (the field that was wrong, the line of an import).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, details);
export const notFound = (message: string) => new DomainError(ErrorCode.NOT_FOUND, message);
export const forbidden = (message = 'You are not allowed to do this.') => new DomainError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message = 'You need to log in.') => new DomainError(ErrorCode.UNAUTHENTICATED, message);
export const conflict = (message: string) => new DomainError(ErrorCode.CONFLICT, message);

const KNOWN = new Set<string>(Object.values(ErrorCode));

/**
 * PostgreSQL errors that mean "this value cannot be stored or compared" (a NUL character, text that
 * is not a number or uuid, a date out of range): the client's input, not our fault.
 */
const PG_INPUT_ERRORS: Record<string, string> = {
  '22021': 'The text contains a character that cannot be stored (for example a NUL character).',
  '22P05': 'The text contains a character that cannot be stored.',
  '22P02': 'A value has the wrong format.',
  '22001': 'A value is too long.',
  '22007': 'A date or time has the wrong format.',
  '22008': 'A date or time is out of range.',
  '22003': 'A number is out of range.',
};

/**
 * The database is unreachable or going away (refused, reset, timed out, shut down): the request
 * should answer SERVICE_UNAVAILABLE quickly, and clients retry; it is not a bug.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; driverError?: { code?: unknown; message?: unknown } };
  const codes = [e.code, e.driverError?.code].filter((c): c is string => typeof c === 'string');
  if (codes.some((c) => ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004'].includes(c))) return true;
  const message = [e.message, e.driverError?.message].filter((m): m is string => typeof m === 'string').join(' ');
  // Also by message: an error from another realm (a test sandbox) arrives as "Unexpected error value: { code: 'ECONNREFUSED' … }".
  return /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)|terminating connection due to administrator command/i.test(message);
}

export const DATABASE_UNAVAILABLE_MESSAGE = 'Plein cannot reach its database right now. Please try again in a moment.';

/**
 * PostgreSQL errors that mean "this already exists" (a unique or exclusion constraint): two requests
 * raced to create the same thing, or a check-then-insert lost to a concurrent one. The client's
 * request conflicts with the current state; the constraint's name and SQL never reach the client.
 */
const PG_CONFLICT_ERRORS: Record<string, string> = {
  '23505': 'This already exists (it may just have been created by another request).',
  '23P01': 'This conflicts with something that already exists.',
};

function sqlStateOf(err: unknown): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  return typeof e.driverError?.code === 'string' ? e.driverError.code : typeof e.code === 'string' ? e.code : undefined;
}

/**
 * What a PostgreSQL error means for the client, when it is the client's (bad input, a conflict),
 * shared by the GraphQL mapper and the REST filter; undefined for errors that are ours.
 */
export function clientDatabaseError(err: unknown): { code: ErrorCode; message: string } | undefined {
  const state = sqlStateOf(err);
  if (!state) return undefined;
  if (PG_CONFLICT_ERRORS[state]) return { code: ErrorCode.CONFLICT, message: PG_CONFLICT_ERRORS[state] };
  if (PG_INPUT_ERRORS[state]) return { code: ErrorCode.BAD_USER_INPUT, message: PG_INPUT_ERRORS[state] };
  return undefined;
}
const APOLLO_INPUT_CODES = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST']);

/**
 * The single mapper from anything thrown to what a GraphQL client sees. Known codes pass through;
 * Nest HTTP exceptions map by status; parse/validation failures become BAD_USER_INPUT;
 * everything else is INTERNAL_SERVER_ERROR with a generic message. Never a stack trace in production.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  production: boolean,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  let code = String(formatted.extensions?.code ?? '');
  let message = formatted.message;
  const extensions: Record<string, unknown> = {};

  if (original instanceof DomainError) {
    code = original.code;
    message = original.message;
    Object.assign(extensions, original.details);
  } else if (original && typeof original === 'object' && 'getStatus' in original) {
    const status = (original as { getStatus(): number }).getStatus();
    const byStatus: Record<number, ErrorCode> = {
      400: ErrorCode.BAD_USER_INPUT,
      401: ErrorCode.UNAUTHENTICATED,
      403: ErrorCode.FORBIDDEN,
      404: ErrorCode.NOT_FOUND,
      409: ErrorCode.CONFLICT,
      429: ErrorCode.RATE_LIMITED,
      503: ErrorCode.SERVICE_UNAVAILABLE,
    };
    code = byStatus[status] ?? ErrorCode.INTERNAL_SERVER_ERROR;
    const response = (original as { getResponse?(): unknown }).getResponse?.();
    if (response && typeof response === 'object' && 'message' in response) {
      const m = (response as { message: unknown }).message;
      message = Array.isArray(m) ? m.join('; ') : String(m);
    }
  } else if (isDatabaseUnavailable(original)) {
    code = ErrorCode.SERVICE_UNAVAILABLE;
    message = DATABASE_UNAVAILABLE_MESSAGE;
  } else if (clientDatabaseError(original)) {
    ({ code, message } = clientDatabaseError(original)!);
  } else if (APOLLO_INPUT_CODES.has(code)) {
    code = ErrorCode.BAD_USER_INPUT;
    // graphql-js gives up on documents whose fields are too costly to compare (a DoS guard).
    if (message === 'Validation aborted.') message = 'The query is too large to check: ask for fewer fields.';
  } else if (!KNOWN.has(code) || code === ErrorCode.INTERNAL_SERVER_ERROR) {
    code = ErrorCode.INTERNAL_SERVER_ERROR;
    if (production || !(original instanceof Error)) message = 'Something went wrong on our side. Please try again.';
  }
  extensions.code = code;
  if (!production && code === ErrorCode.INTERNAL_SERVER_ERROR && original instanceof Error) {
    extensions.debugMessage = original.message;
  }
  return { message, locations: formatted.locations, path: formatted.path, extensions };
}
