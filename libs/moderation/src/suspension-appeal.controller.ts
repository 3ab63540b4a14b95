import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { badInput, DomainError, ErrorCode, RateLimiterService } from '@plein/core';
import { actorOf, PeopleService } from '@plein/directory';
import { DirectoryUnavailableError, InvalidCredentialsError, LdapAuthenticatorService } from '@plein/identity';
import { Public } from '@plein/policy';
import { Appeals } from './use-cases/appeals.use-case.js';

/**
 * POST /moderation/suspension-appeal {username, password, text}: a suspended person cannot log in,
 * so they appeal with their credentials instead of a token. Only their current suspension, once.
 */
@Controller('moderation')
export class SuspensionAppealController {
  constructor(
    private readonly ldap: LdapAuthenticatorService,
    private readonly people: PeopleService,
    private readonly moderation: Appeals,
    private readonly limiter: RateLimiterService,
  ) {}

  @Public()
  @Post('suspension-appeal')
  @HttpCode(201)
  async appeal(@Body() body: unknown, @Req() req: Request) {
    const b = (body ?? {}) as Record<string, unknown>;
    if (typeof b.username !== 'string' || !b.username.trim() || b.username.length > 128) throw badInput('Enter your username.', { field: 'username', messageKey: 'input.required' });
    if (typeof b.password !== 'string' || !b.password || b.password.length > 256) throw badInput('Enter your password.', { field: 'password', messageKey: 'input.required' });
    const hit = await this.limiter.hit(`moderation.appeal:ip:${req.ip ?? 'unknown'}`, 10, 600);
    if (!hit.allowed) throw new DomainError(ErrorCode.RATE_LIMITED, `Too many attempts. Try again in ${hit.retryAfterSeconds} seconds.`, { retryAfterSeconds: hit.retryAfterSeconds });
    const username = b.username.trim().toLowerCase();
    try {
      await this.ldap.authenticate(username, b.password);
    } catch (err) {
      if (err instanceof InvalidCredentialsError) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Invalid username or password.');
      if (err instanceof DirectoryUnavailableError) throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, err.message);
      throw err;
    }
    const person = await this.people.findByUid(username);
    if (!person || !person.active) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Invalid username or password.');
    const actionId = await this.moderation.currentSuspensionId(person.id);
    if (!actionId) throw badInput('Your account is not suspended.');
    const appeal = await this.moderation.appeal(actorOf(person), actionId, b.text);
    return { id: appeal.id, status: appeal.status, actionId: appeal.actionId };
  }
}
