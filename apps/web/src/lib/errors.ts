import { CombinedError } from 'urql';
import nl from '../locales/nl.json';
import type { MessageKey } from './i18n.js';

/**
 * Every error a person meets, in their language and saying what to do. The server speaks codes:
 * GraphQL errors carry `extensions.code`, `extensions.messageKey` (a key under `error.` in the
 * catalogs, such as `input.tooLong`) and its parameters (`field`, `max`, …); REST errors carry the same
 * at the top level. A network failure (urql's `networkError`, fetch's TypeError) becomes "no
 * connection". The server's English `message` is never shown: it is for API clients.
 */
type Translate = (key: MessageKey, vars?: Record<string, string | number | Date>) => string;

/** An error from one of our REST endpoints (uploads, login), with the server's codes. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type GqlErrorLike = { message: string; extensions?: Record<string, unknown> };
export type ErrorLike = CombinedError | ApiError | Error | { networkError?: unknown; graphQLErrors?: GqlErrorLike[]; message: string } | null | undefined | unknown;

const catalog = nl as Record<string, string>;

/** The argument names a catalog message needs ({max}, {max, plural, …}). */
function argumentsOf(message: string): string[] {
  return [...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]!);
}

/** Scalar parameters of the error, and a few derived ones the catalogs use. */
function paramsOf(extensions: Record<string, unknown>): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(extensions)) {
    if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  }
  return params;
}

/** The catalog message for a server message key, when the catalogs have it and its parameters arrived. */
export function messageFor(t: Translate, messageKey: unknown, extensions: Record<string, unknown> = {}): string | null {
  if (typeof messageKey !== 'string' || !messageKey) return null;
  const key = `error.${messageKey}`;
  const source = catalog[key];
  if (!source) return null;
  const params = paramsOf(extensions);
  if (argumentsOf(source).some((name) => !(name in params))) return null;
  return t(key as MessageKey, params);
}

function byCode(t: Translate, code: unknown, extensions: Record<string, unknown>): string {
  return messageFor(t, extensions.messageKey, extensions) ?? messageFor(t, `code.${String(code)}`, extensions) ?? t('error.code.INTERNAL_SERVER_ERROR');
}

function isNetworkFailure(error: unknown): boolean {
  // fetch() rejects with a TypeError when there is no connection ("Failed to fetch", "NetworkError …", "Load failed").
  return error instanceof TypeError || (!!error && typeof error === 'object' && 'networkError' in error && !!(error as { networkError?: unknown }).networkError);
}

/** What to tell a person about this error, in their language; null when there is no error. */
export function errorText(t: Translate, error: ErrorLike): string | null {
  if (!error) return null;
  if (typeof error === 'object' && 'graphQLErrors' in error) {
    const first = (error as { graphQLErrors?: GqlErrorLike[] }).graphQLErrors?.[0];
    if (first) return byCode(t, first.extensions?.code, first.extensions ?? {});
  }
  if (isNetworkFailure(error)) return t('error.network');
  if (error instanceof ApiError) return byCode(t, error.code, { ...error.extensions, code: error.code });
  return t('error.code.INTERNAL_SERVER_ERROR');
}

/** The error's code (extensions.code), for callers that act on it. */
export function errorCode(error: ErrorLike): string | null {
  if (!error || typeof error !== 'object') return null;
  if (error instanceof ApiError) return error.code;
  const first = (error as { graphQLErrors?: GqlErrorLike[] }).graphQLErrors?.[0];
  const code = first?.extensions?.code;
  return typeof code === 'string' ? code : null;
}
