import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError, httpStatusOf } from '@plein/core';
import type { Response } from 'express';
import { SCIM_CONTENT_TYPE, ScimError, type ScimType } from './scim.errors.js';

/**
 * Everything thrown under /scim/v2 answers in SCIM's error format (RFC 7644 §3.12), never in
 * Plein's REST shape: provisioning clients read `status` and `scimType`.
 */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Scim');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const error = toScimError(exception);
    if (error.status >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    res.status(error.status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(error.toJSON()));
  }
}

export function toScimError(exception: unknown): ScimError {
  if (exception instanceof ScimError) return exception;
  if (exception instanceof DomainError) {
    const status = httpStatusOf(exception.code);
    return new ScimError(status, exception.message, status === 400 ? 'invalidValue' : status === 409 ? 'uniqueness' : undefined);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const scimType: ScimType | undefined = status === 400 ? 'invalidSyntax' : undefined;
    return new ScimError(status, status === 413 ? 'The request body is too large.' : exception.message, scimType);
  }
  // Express's body parser: malformed JSON (400) and oversized bodies (413) carry a status.
  if (exception instanceof Error && typeof (exception as { status?: unknown }).status === 'number') {
    const status = (exception as unknown as { status: number }).status;
    if (status === 413) return new ScimError(413, 'The request body is too large.');
    if (status === 400) return new ScimError(400, 'The request body is not valid JSON.', 'invalidSyntax');
  }
  return new ScimError(500, 'Something went wrong on our side. Please try again.');
}
