import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ScimTokensService } from './scim-tokens.service.js';
import { SCIM_CONTENT_TYPE, scimUnauthorized } from './scim.errors.js';

function bearer(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m ? m[1] : null;
}

/**
 * The SCIM endpoints are @Public() for the login guard (clients have no Plein login) and come
 * here instead: a live SCIM token, else 401 in SCIM's error format.
 */
@Injectable()
export class ScimAuthGuard implements CanActivate {
  constructor(private readonly tokens: ScimTokensService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    // Every SCIM answer is application/scim+json (express's res.json keeps a type already set).
    res.type(SCIM_CONTENT_TYPE);
    res.setHeader('WWW-Authenticate', 'Bearer realm="Plein SCIM"');
    const token = await this.tokens.verify(bearer(req.headers.authorization));
    if (!token) throw scimUnauthorized('Send a valid SCIM token as "Authorization: Bearer <token>"; an admin creates one with createScimToken.');
    res.removeHeader('WWW-Authenticate');
    return true;
  }
}
