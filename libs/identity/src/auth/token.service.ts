import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type ResolvedConfig } from '@plein/core';
import { DataSource, IsNull } from 'typeorm';
import { Session } from '../entities/session.entity.js';

export interface AccessClaims {
  sub: string;
  typ: 'access';
}

export interface IssuedRefresh {
  token: string;
  expiresAt: Date;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Short-lived access tokens (JWT, HS256, shared secret so any api node accepts them) and
 * long-lived refresh tokens (`<sessionId>.<random>`, only the hash stored) that rotate on use.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  get accessTtlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }

  issueAccessToken(personId: string): Promise<string> {
    const claims: AccessClaims = { sub: personId, typ: 'access' };
    return this.jwt.signAsync(claims, { expiresIn: this.config.accessTokenTtlSeconds, algorithm: 'HS256' });
  }

  /** The person id in a valid access token, or null for a missing, forged or expired one. */
  async verifyAccessToken(token: string | undefined | null): Promise<string | null> {
    if (!token) return null;
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
      return claims.typ === 'access' && typeof claims.sub === 'string' ? claims.sub : null;
    } catch {
      return null;
    }
  }

  async createSession(personId: string, userAgent: string | undefined, familyId: string = randomUUID()): Promise<IssuedRefresh> {
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000);
    const row = await this.db.getRepository(Session).save({
      personId,
      familyId,
      tokenHash: sha256(secret),
      expiresAt,
      revokedAt: null,
      replacedBy: null,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    return { token: `${row.id}.${secret}`, expiresAt };
  }

  /**
   * Rotates a refresh token: the presented one is revoked and a new one issued in the same family.
   * Reuse of an already-rotated token means it was copied: the whole family is revoked.
   * Returns null when the token is not (or no longer) valid.
   */
  async rotate(token: string | undefined, userAgent: string | undefined): Promise<{ personId: string; refresh: IssuedRefresh } | null> {
    const parsed = parseRefresh(token);
    if (!parsed) return null;
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(Session);
      const session = await repo
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.id = :id', { id: parsed.id })
        .getOne();
      if (!session || session.tokenHash !== sha256(parsed.secret)) return null;
      if (session.revokedAt) {
        if (session.replacedBy) {
          await repo.update({ familyId: session.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        }
        return null;
      }
      if (session.expiresAt.getTime() <= Date.now()) return null;
      const secret = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000);
      const next = await repo.save({
        personId: session.personId,
        familyId: session.familyId,
        tokenHash: sha256(secret),
        expiresAt,
        revokedAt: null,
        replacedBy: null,
        userAgent: userAgent?.slice(0, 300) ?? null,
      });
      await repo.update({ id: session.id }, { revokedAt: new Date(), replacedBy: next.id });
      return { personId: session.personId, refresh: { token: `${next.id}.${secret}`, expiresAt } };
    });
  }

  /** Logout: revokes the presented session (and its family). Unknown tokens are ignored. */
  async revoke(token: string | undefined): Promise<void> {
    const parsed = parseRefresh(token);
    if (!parsed) return;
    const session = await this.db.getRepository(Session).findOneBy({ id: parsed.id });
    if (!session || session.tokenHash !== sha256(parsed.secret)) return;
    await this.db
      .getRepository(Session)
      .update({ familyId: session.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** The worker's housekeeping: drop sessions that expired or were revoked over a day ago. */
  async purgeExpired(): Promise<number> {
    const res: [unknown[], number] = await this.db.query(
      `DELETE FROM sessions WHERE expires_at < now() OR revoked_at < now() - interval '1 day'`,
    );
    return res[1];
  }
}

function parseRefresh(token: string | undefined): { id: string; secret: string } | null {
  if (!token || token.length > 200) return null;
  const m = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{20,})$/.exec(token);
  return m ? { id: m[1], secret: m[2] } : null;
}
