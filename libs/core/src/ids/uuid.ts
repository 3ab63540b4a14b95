const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a textual UUID (any version, either case). Every id from a client passes through this
 * before it reaches a `::uuid` cast, so a malformed id is a NOT_FOUND or BAD_USER_INPUT and never a
 * Postgres "invalid input syntax" error.
 */
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
