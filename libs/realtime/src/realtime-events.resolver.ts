import { Args, Field, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput } from '@plein/core';
import { ContentKinds, CurrentActor, PolicyService, type Actor } from '@plein/policy';
import { DataSource } from 'typeorm';

/** Most events one `eventsSince` call returns; ask again from the last id for more. */
export const EVENTS_SINCE_CAP = 500;

@ObjectType('RealtimeEvent')
export class RealtimeEventModel {
  @Field(() => ID, { description: 'Monotonic: remember the last one you saw.' })
  id: string;

  @Field({ description: 'The Socket.IO event name, e.g. message.created.' })
  type: string;

  @Field({ description: "The content's audience, or user:<id> for your own events." })
  audience: string;

  @Field({ description: 'The same payload the socket carried, as JSON text.' })
  payload: string;

  @Field()
  createdAt: Date;
}

@Resolver(() => RealtimeEventModel)
export class RealtimeEventsResolver {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly kinds: ContentKinds,
  ) {}

  @Query(() => [RealtimeEventModel], {
    description: `Live events after lastEventId that you may see, oldest first, at most ${EVENTS_SINCE_CAP}: call it after a reconnect. Pass "0" the first time.`,
  })
  async eventsSince(@CurrentActor() actor: Actor, @Args('lastEventId', { type: () => ID }) lastEventId: string): Promise<RealtimeEventModel[]> {
    if (!/^\d{1,18}$/.test(lastEventId)) throw badInput('lastEventId must be an event id (a whole number).', { field: 'lastEventId', messageKey: 'input.invalidId' });
    // Group events only for the groups the actor reads now (membership registered by the groups lib).
    const audience = this.policy.audiencePredicate(actor, 'e.audience', 3, await this.policy.readableGroupIds(actor));
    // Information barriers: events about content by an author the actor may not read never replay.
    // Blog comments also name the authors of what they sit in (the post, the thread): all must be readable.
    const me = `$${3 + audience.params.length}::uuid`;
    audience.sql = `(${audience.sql} AND plein_barrier_can_read(${me}, (e.payload->>'authorId')::uuid)
      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(e.payload->'contextAuthorIds') = 'array' THEN e.payload->'contextAuthorIds' ELSE '[]'::jsonb END) ca(id)
                       WHERE NOT plein_barrier_can_read(${me}, ca.id::uuid)))`;
    // Each content kind says which of its events must not replay any more (deleted since, or taken
    // down by moderation: then only to its author and moderators).
    const moderator = this.policy.can(actor, 'moderation.access');
    const blocked = this.kinds.all().flatMap((k) => (k.live?.replayBlockedSql ? [`NOT ${k.live.replayBlockedSql(me, moderator)}`] : []));
    const rows: { id: string; type: string; audience: string; payload: unknown; created_at: Date }[] = await this.db.query(
      `SELECT e.id::text, e.type, e.audience, e.payload, e.created_at FROM realtime_events e
        WHERE e.id > $1 AND (e.audience = $2 OR ${audience.sql})${blocked.map((b) => `\n          AND ${b}`).join('')}
        ORDER BY e.id LIMIT ${EVENTS_SINCE_CAP}`,
      [lastEventId, `user:${actor.personId}`, ...audience.params, actor.personId],
    );
    return rows.map((r) => ({ id: r.id, type: r.type, audience: r.audience, payload: JSON.stringify({ eventId: r.id, ...(r.payload as object) }), createdAt: r.created_at }));
  }
}
