import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, isUuid, parseCursor, forbidden, notFound, pageSize, QueueService, toConnection, type Connection } from '@plein/core';
import { PolicyService, type Actor } from '@plein/policy';
import { DataSource } from 'typeorm';
import { Follow } from '../entities/follow.entity.js';
import { Person } from '../entities/person.entity.js';

/** The notifications lib's fan-out job (NOTIFICATIONS_FAN_OUT_JOB of @plein/messages), sent by name. */
export const FOLLOW_NOTIFICATION_JOB = 'notifications.fan-out';

/** Told after a new follow is stored (not for a repeated follow). */
export interface FollowedEvent {
  follower: { id: string; displayName: string };
  followeeId: string;
  followedAt: string;
}

export type FollowedListener = (event: FollowedEvent) => void;

// A follow across an information barrier is suspended: kept, but it neither counts nor shows.
const ACROSS_OK = 'plein_barrier_can_interact(f.follower_id, f.followee_id)';


/**
 * People following people. Lists and counts leave deactivated people out; a deactivated person
 * cannot be followed. The realtime push is a listener the api registers (the worker has no
 * sockets), which keeps this lib free of a dependency on @plein/realtime.
 */
@Injectable()
export class FollowsService {
  private readonly logger = new Logger('Follows');
  private readonly listeners: FollowedListener[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly queue: QueueService,
  ) {}

  onFollowed(listener: FollowedListener): void {
    this.listeners.push(listener);
  }

  private async target(actor: Actor, personId: string, verb: string): Promise<Person> {
    if (personId === actor.personId) throw badInput(`You cannot ${verb} yourself.`, { field: 'personId', messageKey: 'input.notYourself' });
    const person = isUuid(personId) ? await this.db.getRepository(Person).findOneBy({ id: personId }) : null;
    if (!person) throw notFound('No person with this id.');
    return person;
  }

  /** Idempotent: following someone you already follow changes nothing and tells nobody again. */
  async follow(actor: Actor, personId: string): Promise<Person> {
    this.policy.assert(actor, 'person.follow');
    const person = await this.target(actor, personId, 'follow');
    if (!person.active) throw notFound('This person is no longer active and cannot be followed.');
    if (!(await this.policy.canInteractWith(actor, person.id))) throw forbidden('An information barrier stops you from following this person.');
    const inserted = await this.db.transaction(async (em) => {
      const rows: { created_at: string }[] = await em.query(
        `INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING created_at::text AS created_at`,
        [actor.personId, person.id],
      );
      // The followee's notification job, queued with the follow (committed together or not at all).
      if (rows.length) await this.queue.sendIn(em, FOLLOW_NOTIFICATION_JOB, { kind: 'follow', actorId: actor.personId, personId: person.id });
      return rows;
    });
    if (inserted.length) {
      const event: FollowedEvent = {
        follower: { id: actor.personId, displayName: actor.displayName },
        followeeId: person.id,
        followedAt: new Date(inserted[0].created_at).toISOString(),
      };
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (err) {
          // A failed push must not undo a stored follow.
          this.logger.warn({ msg: 'follow listener failed', error: err instanceof Error ? err.message : String(err) });
        }
      }
    }
    return person;
  }

  /** Idempotent; works for deactivated people too, so old follows can be cleaned up. */
  async unfollow(actor: Actor, personId: string): Promise<Person> {
    this.policy.assert(actor, 'person.follow');
    const person = await this.target(actor, personId, 'unfollow');
    await this.db.getRepository(Follow).delete({ followerId: actor.personId, followeeId: person.id });
    return person;
  }

  /** Per person: how many active people follow them, and how many active people they follow. */
  async counts(ids: readonly string[]): Promise<Map<string, { followers: number; following: number }>> {
    const rows: { id: string; followers: string; following: string }[] = await this.db.query(
      `SELECT id::text,
              (SELECT count(*) FROM follows f JOIN people p ON p.id = f.follower_id WHERE f.followee_id = x.id AND p.active AND ${ACROSS_OK}) AS followers,
              (SELECT count(*) FROM follows f JOIN people p ON p.id = f.followee_id WHERE f.follower_id = x.id AND p.active AND ${ACROSS_OK}) AS following
         FROM unnest($1::uuid[]) AS x(id)`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.id, { followers: Number(r.followers), following: Number(r.following) }]));
  }

  /** Which of these people `followerId` follows. */
  async followedBy(followerId: string, ids: readonly string[]): Promise<Set<string>> {
    const rows: { followee_id: string }[] = await this.db.query(
      `SELECT followee_id FROM follows f WHERE follower_id = $1 AND followee_id = ANY($2::uuid[]) AND ${ACROSS_OK}`,
      [followerId, [...ids]],
    );
    return new Set(rows.map((r) => r.followee_id));
  }

  followers(personId: string, first?: number, after?: string): Promise<Connection<Person>> {
    return this.page('followers', personId, first, after);
  }

  following(personId: string, first?: number, after?: string): Promise<Connection<Person>> {
    return this.page('following', personId, first, after);
  }

  /** Newest follow first; the cursor is the follow's exact timestamp (as Postgres text) and the person's id. */
  private async page(direction: 'followers' | 'following', personId: string, first?: number, after?: string): Promise<Connection<Person>> {
    const size = pageSize(first);
    if (!isUuid(personId) || !(await this.db.getRepository(Person).existsBy({ id: personId }))) {
      throw notFound('No person with this id.');
    }
    const [mine, theirs] = direction === 'followers' ? ['followee_id', 'follower_id'] : ['follower_id', 'followee_id'];
    const qb = this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .innerJoin(Follow, 'f', `f.${theirs} = p.id`)
      .addSelect('CAST(f.created_at AS text)', 'followed_at')
      .where(`f.${mine} = :personId`, { personId })
      .andWhere('p.active = true')
      .andWhere(ACROSS_OK)
      .orderBy('f.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(size + 1);
    if (after) {
      const [at, id] = parseCursor(after, ['timestamp', 'uuid']);
      qb.andWhere('(f.created_at, p.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', { at, id });
    }
    const { entities, raw } = await qb.getRawAndEntities<{ followed_at: string }>();
    const rows = entities.map((person, i) => ({ person, at: raw[i].followed_at }));
    const connection = toConnection(rows, size, (r) => [r.at, r.person.id]);
    return { pageInfo: connection.pageInfo, edges: connection.edges.map((e) => ({ cursor: e.cursor, node: e.node.person })) };
  }
}
