import { Body, Controller, Get, HttpCode, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, DomainError, ErrorCode, RateLimiterService, type ResolvedConfig } from '@plein/core';
import { PeopleService } from '@plein/directory';
import { Public } from '@plein/policy';
import { DirectoryUnavailableError, InvalidCredentialsError, LdapAuthenticatorService } from '../ldap/ldap-authenticator.service.js';
import { profileFromLdap } from '../ldap/ldap-profile.js';
import { ActorService } from './actor.service.js';
import { TokenService } from './token.service.js';

export const REFRESH_COOKIE = 'plein_refresh';
const INVALID = 'Invalid username or password.';

function personView(p: { id: string; uid: string | null; displayName: string; employmentType: string; departmentId: string | null; roles: string[] }) {
  return { id: p.id, uid: p.uid, displayName: p.displayName, employmentType: p.employmentType, departmentId: p.departmentId, roles: p.roles };
}

/**
 * POST /auth/login, /auth/refresh, /auth/logout. The access token goes in the body (the client
 * keeps it in memory); the refresh token only in an httpOnly, SameSite=Strict cookie scoped to /auth.
 */
@Controller('auth')
export class AuthController {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly ldap: LdapAuthenticatorService,
    private readonly people: PeopleService,
    private readonly tokens: TokenService,
    private readonly limiter: RateLimiterService,
    private readonly actors: ActorService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** What the login screen may say before anyone logs in: whether this is the demo organisation. */
  @Public()
  @Get('login-info')
  async loginInfo(@Res({ passthrough: true }) res: Response): Promise<{ demo: boolean }> {
    res.setHeader('cache-control', 'no-store');
    return { demo: await this.people.demoOrganisationSeeded() };
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { username, password } = parseCredentials(body);
    const { loginPerIp, loginPerUser, windowSeconds } = this.config.rateLimit;
    const address = req.ip ?? 'unknown';
    const ipKey = `login:ip:${address}`;
    // The lock is per (username, address): someone guessing a colleague's password from their
    // desk locks only themselves out, and the owner still logs in from their own machine.
    const pairKey = `login:user-ip:${username}:${address}`;
    // Failures for the username from every address only slow its logins down (see slowDown).
    const userKey = `login:user:${username}`;

    const byIp = await this.limiter.hit(ipKey, loginPerIp, windowSeconds);
    if (!byIp.allowed) throw tooMany(res, byIp.retryAfterSeconds);
    const [byPair, byUser] = await Promise.all([this.limiter.peek(pairKey, loginPerUser), this.limiter.peek(userKey, loginPerUser)]);
    if (!byPair.allowed) throw tooMany(res, byPair.retryAfterSeconds);
    const delayMs = slowDown(byUser.hits, loginPerUser);
    if (delayMs > 0) {
      this.logger.log({ msg: 'login slowed down: many failures for this username', username, delayMs });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }

    let entry;
    const asked = Date.now();
    try {
      entry = await this.ldap.authenticate(username, password);
    } catch (err) {
      if (err instanceof InvalidCredentialsError) {
        // Same steps for an unknown username and a wrong password (the decoy bind), and no answer
        // before the same moment either: what is left of a difference (a found entry's bytes) is hidden.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, asked + LOGIN_FAILURE_FLOOR_MS - Date.now())));
        await Promise.all([this.limiter.hit(pairKey, loginPerUser, windowSeconds), this.limiter.hit(userKey, loginPerUser, windowSeconds)]);
        this.logger.log({ msg: 'login failed', username });
        throw new DomainError(ErrorCode.UNAUTHENTICATED, INVALID);
      }
      if (err instanceof DirectoryUnavailableError) throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, err.message);
      throw err;
    }

    const person = await this.people.findOrCreateFromDirectory(profileFromLdap(entry, username));
    if (!person.active) {
      this.logger.log({ msg: 'login refused: deactivated', personId: person.id });
      throw new DomainError(ErrorCode.FORBIDDEN, 'This account has been deactivated. Contact HR if you think this is a mistake.');
    }
    await this.actors.assertNotSuspended(person.id);
    // Only this address's count: failures from elsewhere keep slowing the username down until their window ends.
    await this.limiter.reset(pairKey);
    const refresh = await this.tokens.createSession(person.id, req.headers['user-agent']);
    const accessToken = await this.tokens.issueAccessToken(person.id, refresh.sessionId);
    this.setRefreshCookie(res, refresh.token, refresh.expiresAt);
    this.logger.log({ msg: 'login', personId: person.id });
    return { accessToken, expiresIn: this.tokens.accessTtlSeconds, person: personView(person) };
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const rotated = await this.tokens.rotate(req.cookies?.[REFRESH_COOKIE], req.headers['user-agent']);
    const person = rotated ? await this.people.findById(rotated.personId) : null;
    if (!rotated || !person || !person.active) {
      this.clearRefreshCookie(res);
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Your session has ended. Please log in again.');
    }
    await this.actors.assertNotSuspended(person.id);
    this.setRefreshCookie(res, rotated.refresh.token, rotated.refresh.expiresAt);
    const accessToken = await this.tokens.issueAccessToken(person.id, rotated.sessionId);
    return { accessToken, expiresIn: this.tokens.accessTtlSeconds, person: personView(person) };
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.tokens.revoke(req.cookies?.[REFRESH_COOKIE]);
    this.clearRefreshCookie(res);
  }

  private setRefreshCookie(res: Response, token: string, expires: Date): void {
    res.cookie(REFRESH_COOKIE, token, {
      httpOnly: true,
      secure: this.config.cookieSecure,
      sameSite: 'strict',
      path: '/auth',
      expires,
    });
  }

  private clearRefreshCookie(res: Response): void {
    res.clearCookie(REFRESH_COOKIE, { httpOnly: true, secure: this.config.cookieSecure, sameSite: 'strict', path: '/auth' });
  }
}

function parseCredentials(body: unknown): { username: string; password: string } {
  const b = (body ?? {}) as Record<string, unknown>;
  const { username, password } = b;
  if (typeof username !== 'string' || username.trim() === '') {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Enter your username.', { field: 'username' });
  }
  if (typeof password !== 'string' || password === '') {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Enter your password.', { field: 'password' });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(username)) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'The username contains characters that are not allowed.', { field: 'username' });
  }
  if (username.length > 128) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'The username is too long (at most 128 characters).', { field: 'username' });
  if (password.length > 256) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'The password is too long (at most 256 characters).', { field: 'password' });
  return { username: username.trim().toLowerCase(), password };
}

/** Slow-down once a username has `limit` failures (from any address): 250 ms, doubling per further failure, at most 5 s. */
export const LOGIN_SLOWDOWN_BASE_MS = 250;
/** A failed login is answered no sooner than this after the directory was asked. */
export const LOGIN_FAILURE_FLOOR_MS = 100;
export const LOGIN_SLOWDOWN_MAX_MS = 5000;

function slowDown(failures: number, limit: number): number {
  if (failures < limit) return 0;
  return Math.min(LOGIN_SLOWDOWN_MAX_MS, LOGIN_SLOWDOWN_BASE_MS * 2 ** Math.min(failures - limit, 10));
}

function tooMany(res: Response, retryAfterSeconds: number): DomainError {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  return new DomainError(ErrorCode.RATE_LIMITED, `Too many login attempts. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
}
