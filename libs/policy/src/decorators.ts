import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from './actor.js';

export const IS_PUBLIC = 'plein:isPublic';

/** Marks a route or resolver as reachable without logging in. Everything else requires an actor. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export function requestOf(ctx: ExecutionContext): { actor?: Actor; headers: Record<string, unknown> } {
  if (ctx.getType<string>() === 'graphql') return GqlExecutionContext.create(ctx).getContext().req;
  return ctx.switchToHttp().getRequest();
}

/** The logged-in actor (set by the auth guard). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = requestOf(ctx).actor;
  if (!actor) throw new Error('CurrentActor used on a route without an actor: is it marked @Public()?');
  return actor;
});
