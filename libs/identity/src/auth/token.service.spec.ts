import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { loadConfig, type ResolvedConfig } from '@plein/core';
import { DataSource } from 'typeorm';
import { TokenService } from './token.service.js';

/** The per-process memory of verified access tokens must answer exactly as a fresh check would. */
describe('TokenService.verifyAccessToken', () => {
  const secret = 'spec-secret-spec-secret-spec-secret-0123';
  const env = { DATABASE_URL: 'postgres://x@127.0.0.1/x', JWT_SECRET: secret, LDAP_URL: 'ldap://127.0.0.1', LDAP_BIND_DN: 'cn=x', LDAP_BIND_CREDENTIALS: 'x', ACCESS_TOKEN_TTL_SECONDS: '60' };
  const app = loadConfig(env);
  const config: ResolvedConfig = { ...app, databaseUrl: env.DATABASE_URL, jwtSecret: secret, ldap: { ...app.ldap, url: env.LDAP_URL } };
  // Verifying never touches the database; the data source is never initialised.
  const tokens = new TokenService(new JwtService({ secret, signOptions: { algorithm: 'HS256' } }), new DataSource({ type: 'postgres' }), config);

  afterEach(() => {
    jest.useRealTimers();
  });

  it('a token it accepted before is refused once it has expired', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-08T10:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const personId = randomUUID();
    const sessionId = randomUUID();
    const token = await tokens.issueAccessToken(personId, sessionId);
    expect(await tokens.verifyAccessToken(token)).toEqual({ personId, sessionId, expiresAt: new Date('2026-12-08T10:01:00Z').getTime() });
    jest.setSystemTime(new Date('2026-12-08T10:00:59Z'));
    expect((await tokens.verifyAccessToken(token))?.personId).toBe(personId);
    jest.setSystemTime(new Date('2026-12-08T10:01:00Z'));
    expect(await tokens.verifyAccessToken(token)).toBeNull();
    expect(await tokens.verifyAccessToken(token)).toBeNull();
  });

  it('a token altered after a genuine one was accepted is refused', async () => {
    const token = await tokens.issueAccessToken(randomUUID(), randomUUID());
    expect(await tokens.verifyAccessToken(token)).not.toBeNull();
    const [head, body, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: randomUUID() })).toString('base64url')}.${sig}`;
    expect(await tokens.verifyAccessToken(forged)).toBeNull();
    expect(await tokens.verifyAccessToken(`${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`)).toBeNull();
    expect(await tokens.verifyAccessToken(token)).not.toBeNull();
  });
});
