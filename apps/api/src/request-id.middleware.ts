import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from '@plein/core';

const SANE_ID = /^[\w.-]{1,100}$/;

/**
 * The request's id: the caller's X-Request-Id if sane, else a new one; echoed in the response.
 * Idempotent (kept on `req.id`), so this middleware and pino-http's genReqId agree whichever runs first.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }, res: ServerResponse): string {
  if (typeof req.id === 'string') return req.id;
  const given = req.headers['x-request-id'];
  const requestId = typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
  req.id = requestId;
  if (!res.headersSent) res.setHeader('X-Request-Id', requestId);
  return requestId;
}

/**
 * Gives every request an id and runs the rest of the request inside its context, so code far from
 * the request (query counting, read-your-writes) can tell which request it serves. The line per
 * finished request is pino-http's (see http-logging.ts), which carries the same id.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  requestContext.run({ requestId: requestIdOf(req, res) }, next);
}
