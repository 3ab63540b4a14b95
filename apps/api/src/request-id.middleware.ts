import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from '@plein/core';

const logger = new Logger('Http');

/**
 * Gives every request an id (the caller's X-Request-Id if sane, else a new one), echoes it in the
 * response and logs one line per request when it finishes, all inside the request's log context.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.headers['x-request-id'];
  const requestId = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  const start = performance.now();
  requestContext.run({ requestId }, () => {
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0];
      if (path.startsWith('/health')) return;
      logger.log({ msg: 'request', method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - start) });
    });
    next();
  });
}
