import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RootLogger } from '@plein/core';
import type { Params } from 'nestjs-pino';
import { requestIdOf } from './request-id.middleware.js';

const pathOf = (req: IncomingMessage & { originalUrl?: string }) => (req.originalUrl ?? req.url ?? '').split('?')[0];

/** One flat line per finished request, as before pino: method, path, status and time, never headers. */
const requestLine = (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, value: object) => ({
  method: req.method,
  path: pathOf(req),
  status: res.statusCode,
  ms: (value as { ms?: number }).ms,
});

/**
 * nestjs-pino for the api: pino-http logs `{"requestId":…,"method":…,"path":…,"status":…,"ms":…,
 * "msg":"request"}` when a request finishes (health probes left out), at info whatever the status,
 * so an outage's failing requests do not flood the warnings; and logs made while serving a request
 * (through Nest's Logger) carry its `requestId`. Request and response objects are not bound to the
 * request's logger (`quiet*Logger`), so no header (Authorization, Cookie) is ever serialised.
 */
export function httpLogging(root: RootLogger): Params {
  return {
    pinoHttp: {
      logger: root,
      genReqId: (req, res) => requestIdOf(req, res),
      customAttributeKeys: { reqId: 'requestId', responseTime: 'ms' },
      quietReqLogger: true,
      quietResLogger: true,
      autoLogging: { ignore: (req) => pathOf(req).startsWith('/health') },
      customLogLevel: () => 'info',
      customSuccessMessage: () => 'request',
      customErrorMessage: () => 'request',
      customSuccessObject: requestLine,
      customErrorObject: (req, res, _err, value) => requestLine(req, res, value),
    },
  };
}
