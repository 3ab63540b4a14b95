import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { unauthenticated } from '@plein/core';
import { IS_PUBLIC, requestOf } from '@plein/policy';
import { ActorService, bearerOf } from './actor.service.js';

/**
 * The global guard: every HTTP route and every resolver needs a logged-in actor unless marked
 * @Public(). Sets `req.actor` for the policy layer. (Sockets authenticate in the gateway.)
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly actors: ActorService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const type = ctx.getType<string>();
    if (type !== 'http' && type !== 'graphql') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]);
    const req = requestOf(ctx);
    if (req.actor) return true;
    const actor = await this.actors.fromToken(bearerOf(req.headers.authorization));
    if (actor) {
      req.actor = actor;
      return true;
    }
    if (isPublic) return true;
    throw unauthenticated('You need to log in: send a valid access token as "Authorization: Bearer <token>".');
  }
}
