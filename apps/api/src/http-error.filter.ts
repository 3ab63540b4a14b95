import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { clientDatabaseError, DATABASE_UNAVAILABLE_MESSAGE, DomainError, ErrorCode, httpStatusOf, isDatabaseUnavailable } from '@plein/core';
import { SCIM_CONTENT_TYPE, toScimError } from '@plein/directory';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.BAD_USER_INPUT,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

/**
 * REST errors in one shape: `{ statusCode, code, message }` with the same codes GraphQL uses.
 * GraphQL errors pass through to Apollo's formatter (formatGraphqlError).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    // GraphQL (and sockets): hand the error back to their own error handling (formatGraphqlError).
    if (host.getType<string>() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return undefined;
    // Provisioning clients read SCIM's own error format, even for a body the parser refused.
    const req = host.switchToHttp().getRequest<{ originalUrl?: string }>();
    if (req.originalUrl?.startsWith('/scim/')) {
      const scim = toScimError(exception);
      res.status(scim.status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(scim.toJSON()));
      return undefined;
    }
    let status = 500;
    let code = ErrorCode.INTERNAL_SERVER_ERROR;
    let message = 'Something went wrong on our side. Please try again.';
    let details: Record<string, unknown> = {};
    if (exception instanceof DomainError) {
      code = exception.code;
      status = httpStatusOf(code);
      message = exception.message;
      details = exception.details;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      code = CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_USER_INPUT);
      const body = exception.getResponse();
      const m = typeof body === 'object' && body && 'message' in body ? (body as { message: unknown }).message : exception.message;
      message = Array.isArray(m) ? m.join('; ') : String(m);
    } else if (isDatabaseUnavailable(exception)) {
      status = 503;
      code = ErrorCode.SERVICE_UNAVAILABLE;
      message = DATABASE_UNAVAILABLE_MESSAGE;
      res.setHeader('Retry-After', '5');
    } else if (clientDatabaseError(exception)) {
      // A value the database cannot store (a NUL character, a malformed uuid) or a unique
      // violation (a race to create the same thing): the client's, never the constraint's text.
      ({ code, message } = clientDatabaseError(exception)!);
      status = httpStatusOf(code);
    } else if (exception instanceof Error && [400, 413].includes((exception as { status?: number }).status ?? 0)) {
      // Express's body parser: malformed JSON or an oversized body.
      status = (exception as unknown as { status: number }).status;
      code = ErrorCode.BAD_USER_INPUT;
      message = status === 413 ? 'The request body is too large.' : 'The request body is not valid JSON.';
    } else {
      this.logger.error(exception instanceof Error ? exception : String(exception));
    }
    res.status(status).json({ statusCode: status, code, message, ...details });
    return undefined;
  }
}
