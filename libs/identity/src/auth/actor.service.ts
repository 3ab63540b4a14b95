import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forbidden } from '@plein/core';
import { PeopleService } from '@plein/directory';
import { PolicyService, type Actor } from '@plein/policy';
import { liveSessionSql, TokenService } from './token.service.js';

/** An actor with the session its token belongs to (sockets keep both, to end them with it). */
export interface SessionActor {
  actor: Actor;
  sessionId: string;
  /** When the access token expires (epoch ms): a socket does not outlive it. */
  expiresAt: number;
}

const LIVE_SESSION_SQL = liveSessionSql('$2');

/** Turns a bearer token into an actor: a valid token of an active person, or nobody. */
@Injectable()
export class ActorService {
  constructor(
    private readonly tokens: TokenService,
    private readonly people: PeopleService,
    private readonly policy: PolicyService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Until when a person is suspended (null: not), registered by the moderation lib; none without it. */
  private suspensionSource: (personId: string) => Promise<Date | null> = async () => null;

  useSuspensions(source: (personId: string) => Promise<Date | null>): void {
    this.suspensionSource = source;
  }

  /** Throws FORBIDDEN "suspended until …" for a suspended person (login, refresh and every request). */
  async assertNotSuspended(personId: string): Promise<void> {
    const until = await this.suspensionSource(personId);
    if (until) throw forbidden(`Your account is suspended until ${until.toISOString()}. You cannot log in or post until then.`);
  }

  /**
   * The same check as a SQL expression over `p.id` (timestamptz or null), registered with the source,
   * so a request's actor and suspension come in one statement.
   */
  private suspensionSql: string | null = null;

  useSuspensionSql(expression: string): void {
    this.suspensionSql = expression;
  }

  private groupsSql: { readable: string; suspended: string } | null | undefined;

  async fromToken(token: string | undefined | null): Promise<Actor | null> {
    return (await this.sessionFromToken(token))?.actor ?? null;
  }

  /** The actor and the token's session, or null (no, a forged or expired token, an ended session, an inactive person). */
  async sessionFromToken(token: string | undefined | null): Promise<SessionActor | null> {
    const access = await this.tokens.verifyAccessToken(token);
    if (!access) return null;
    // One primary-key read per request keeps roles current and locks out a leaver at once; the same
    // statement checks that the token's session is still live (logout, theft), and brings the
    // suspension and the groups the actor reads (policy's SQL form), so a feed page needs no
    // further statement to know its audience.
    // The sources register at start, so their SQL is built once.
    if (this.groupsSql === undefined) this.groupsSql = this.policy.actorGroupsSql('p.id', "p.employment_type = 'employee'");
    const row = await this.people.findActiveActor(
      access.personId,
      { id: access.sessionId, liveSql: LIVE_SESSION_SQL },
      this.suspensionSql,
      this.groupsSql?.readable ?? null,
      this.groupsSql?.suspended ?? null,
    );
    if (!row) return null;
    if (row.groupIds) this.policy.primeReadableGroupIds(row.actor, row.groupIds, row.suspendedGroupIds);
    if (this.suspensionSql) {
      if (row.suspendedUntil) throw forbidden(`Your account is suspended until ${row.suspendedUntil.toISOString()}. You cannot log in or post until then.`);
    } else {
      await this.assertNotSuspended(row.actor.personId);
    }
    this.markActive(row.actor.personId);
    return { actor: row.actor, sessionId: access.sessionId, expiresAt: access.expiresAt };
  }

  /**
   * Which of these (person, session) pairs may still be connected: an active person, not suspended,
   * in a live session. One statement for any number of sockets; the realtime relay asks after its
   * LISTEN connection came back, since a `session.ended` sent meanwhile was not heard.
   */
  async liveSessions(pairs: readonly { personId: string; sessionId: string }[]): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const rows: { k: string }[] = await this.db.query(
      `SELECT x.pid::text || ':' || x.sid::text AS k
         FROM unnest($1::uuid[], $2::uuid[]) AS x(pid, sid)
         JOIN people p ON p.id = x.pid AND p.active
        WHERE ${liveSessionSql('x.sid')} AND ${this.suspensionSql ?? 'NULL::timestamptz'} IS NULL`,
      [pairs.map((q) => q.personId), pairs.map((q) => q.sessionId)],
    );
    return new Set(rows.map((r) => r.k));
  }

  /** Records that a person was active today (registered by the insights lib); at most once a day per person per process. */
  private activityRecorder: ((personId: string) => Promise<void>) | null = null;
  private readonly activeOn = new Map<string, string>();

  useActivityRecorder(recorder: (personId: string) => Promise<void>): void {
    this.activityRecorder = recorder;
  }

  private markActive(personId: string): void {
    const day = new Date().toISOString().slice(0, 10);
    if (!this.activityRecorder || this.activeOn.get(personId) === day) return;
    this.activeOn.set(personId, day);
    // Never in the request's way: a failed write is retried on the next request.
    this.activityRecorder(personId).catch(() => this.activeOn.delete(personId));
  }
}

export function bearerOf(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1] : null;
}
