import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, isUuid, type ResolvedConfig } from '@plein/core';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { Session } from '../entities/session.entity.js';

export interface AccessClaims {
  sub: string;
  /** The session (refresh family) the token was issued in: the token dies with it. */
  sid: string;
  typ: 'access';
}

/** What a valid access token says: who, in which session, until when (epoch ms). */
export interface VerifiedAccess {
  personId: string;
  sessionId: string;
  expiresAt: number;
}


/**
 * SQL over `p` (people) and a placeholder holding the token's session id: the session family is
 * live (not revoked, not expired) and the person's. The per-request actor statement adds it to its
 * WHERE, so a token of a logged-out or stolen-and-revoked session fails in the same round trip.
 * Reads one entry of the partial index on live rows (IDX_sessions_live_family).
 */
export function liveSessionSql(sessionParam: string): string {
  return `EXISTS (SELECT 1 FROM sessions s WHERE s.family_id = ${sessionParam}::uuid AND s.revoked_at IS NULL AND s.person_id = p.id AND s.expires_at > now())`;
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

  /** How long a just-rotated refresh token is still accepted (two tabs refreshing at once). */
  get reuseGraceSeconds(): number {
    return this.config.refreshReuseGraceSeconds;
  }

  issueAccessToken(personId: string, sessionId: string): Promise<string> {
    const claims: AccessClaims = { sub: personId, sid: sessionId, typ: 'access' };
    return this.jwt.signAsync(claims, { expiresIn: this.config.accessTokenTtlSeconds, algorithm: 'HS256' });
  }

  /**
   * Who a valid access token is for, in which session, until when; null for a missing, forged or
   * expired one, and for one without a session (issued before tokens carried it).
   */
  async verifyAccessToken(token: string | undefined | null): Promise<VerifiedAccess | null> {
    if (!token) return null;
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims & { exp?: number }>(token, { algorithms: ['HS256'] });
      if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || !isUuid(claims.sid) || typeof claims.exp !== 'number') return null;
      return { personId: claims.sub, sessionId: claims.sid, expiresAt: claims.exp * 1000 };
    } catch {
      return null;
    }
  }

  /** A new login session: its first refresh token; `sessionId` (the family) goes into access tokens. */
  async createSession(personId: string, userAgent: string | undefined, familyId: string = randomUUID()): Promise<IssuedRefresh & { sessionId: string }> {
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
    return { token: `${row.id}.${secret}`, expiresAt, sessionId: familyId };
  }

  /**
   * Rotates a refresh token: the presented one is revoked and a new one issued in the same family.
   * Reuse of an already-rotated token means it was copied: the whole family is revoked, unless the
   * reuse comes within `reuseGraceSeconds` of the rotation while the family is still live (two tabs
   * of one browser refreshing with the same cookie at once, as the large identity providers allow):
   * then it gets a token of its own in the family, and the rotated one stays revoked, so either
   * response's cookie works. Reuse after the window still ends the family.
   * Returns null when the token is not (or no longer) valid.
   */
  async rotate(token: string | undefined, userAgent: string | undefined): Promise<{ personId: string; sessionId: string; refresh: IssuedRefresh } | null> {
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
      const issue = async () => {
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
        return { id: next.id, result: { personId: session.personId, sessionId: session.familyId, refresh: { token: `${next.id}.${secret}`, expiresAt } } };
      };
      if (session.revokedAt) {
        if (!session.replacedBy) return null; // ended by logout or theft: nothing more to do
        const inGrace = Date.now() - session.revokedAt.getTime() <= this.config.refreshReuseGraceSeconds * 1000;
        if (inGrace && (await repo.existsBy({ familyId: session.familyId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) }))) {
          return (await issue()).result;
        }
        await repo.update({ familyId: session.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        return null;
      }
      if (session.expiresAt.getTime() <= Date.now()) return null;
      const next = await issue();
      await repo.update({ id: session.id }, { revokedAt: new Date(), replacedBy: next.id });
      return next.result;
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
  const [id, secret, extra] = token.split('.');
  return extra === undefined && isUuid(id) && /^[A-Za-z0-9_-]{20,}$/.test(secret ?? '') ? { id, secret } : null;
}
