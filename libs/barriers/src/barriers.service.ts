import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, conflict, notFound, ReadReplicas, isUuid } from '@plein/core';
import { PolicyService, type Actor, type BarrierSource } from '@plein/policy';
import { appendLiveEvents, BARRIERS_CHANGED, type LiveEvent } from '@plein/realtime';
import { DataSource, type EntityManager } from 'typeorm';
import {
  BarrierDirection,
  BarrierSegmentKind,
  type BarrierAuditEntryModel,
  type BarrierSegmentModel,
  type CreateBarrierResultModel,
  type CreateBarrierSegmentInput,
  type CreateInformationBarrierInput,
  type InformationBarrierModel,
  type SuspendedFollowModel,
  type SuspendedGroupMembershipModel,
} from './barrier.models.js';

const EMPLOYMENT_TYPES = ['employee', 'contractor', 'freelancer'];

interface SegmentRow {
  id: string;
  name: string;
  kind: BarrierSegmentKind;
  departmentId: string | null;
  value: string | null;
  memberCount: string;
  createdAt: Date;
}

const SEGMENT_SQL = `SELECT s.id, s.name, s.kind, s.department_id AS "departmentId", s.value, s.created_at AS "createdAt",
  (SELECT count(*) FROM barrier_segment_members m JOIN people p ON p.id = m.person_id AND p.active WHERE m.segment_id = s.id) AS "memberCount"
  FROM barrier_segments s`;

/**
 * Information barriers: the admin side (segments, barriers, suspensions, audit) and the facts
 * policy asks for (the BarrierSource). Storage is SQL only: the rules live in two SQL functions
 * (`plein_barrier_can_read`, `plein_barrier_can_interact`) that list queries call directly, and
 * these single-item answers call the same functions, so lists and single items cannot disagree.
 */
@Injectable()
export class BarriersService implements BarrierSource {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly reads: ReadReplicas,
  ) {}

  // ---- BarrierSource (policy)

  async segmentIdsOf(personId: string): Promise<string[]> {
    const rows: { segment_id: string }[] = await this.db.query('SELECT segment_id FROM barrier_segment_members WHERE person_id = $1', [personId]);
    return rows.map((r) => r.segment_id);
  }

  async canRead(readerId: string, authorId: string): Promise<boolean> {
    if (!isUuid(authorId)) return true;
    const [row]: { ok: boolean }[] = await this.db.query('SELECT plein_barrier_can_read($1::uuid, $2::uuid) AS ok', [readerId, authorId]);
    return row.ok;
  }

  async canInteract(a: string, b: string): Promise<boolean> {
    if (!isUuid(a) || !isUuid(b)) return true;
    const [row]: { ok: boolean }[] = await this.db.query('SELECT plein_barrier_can_interact($1::uuid, $2::uuid) AS ok', [a, b]);
    return row.ok;
  }

  async segmentsBlockedFrom(authorId: string): Promise<string[]> {
    // Asked for every live event: a named statement, since planning the segment views costs more than running them.
    const text = `SELECT DISTINCT k.reader_segment_id AS id FROM barrier_read_blocks k
         JOIN barrier_segment_members a ON a.segment_id = k.author_segment_id AND a.person_id = $1`;
    const rows = await this.reads.prepared<{ id: string }>('barrier_blocked', text, [authorId]);
    return rows.map((r) => r.id);
  }

  async suspendedGroupIds(personId: string): Promise<string[]> {
    const rows: { group_id: string }[] = await this.db.query(
      "SELECT DISTINCT group_id FROM barrier_suspensions WHERE person_id = $1 AND kind = 'group_membership'",
      [personId],
    );
    return rows.map((r) => r.group_id);
  }

  suspendedGroupIdsSql(person: string): string {
    return `SELECT group_id FROM barrier_suspensions WHERE person_id = ${person} AND kind = 'group_membership'`;
  }

  async groupConflict(personId: string, groupId: string): Promise<boolean> {
    const [row]: { clash: boolean }[] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM groups g JOIN group_memberships m ON m.group_id = g.id
          WHERE g.id = $2 AND g.kind <> 'open' AND m.person_id <> $1 AND m.status IN ('active', 'invited', 'requested')
            AND NOT plein_barrier_can_interact($1::uuid, m.person_id)) AS clash`,
      [personId, groupId],
    );
    return row.clash;
  }

  // ---- administration

  async segments(actor: Actor): Promise<BarrierSegmentModel[]> {
    this.policy.assert(actor, 'barrier.administer');
    const rows: SegmentRow[] = await this.db.query(`${SEGMENT_SQL} ORDER BY lower(s.name)`);
    return rows.map(toSegment);
  }

  async createSegment(actor: Actor, input: CreateBarrierSegmentInput): Promise<BarrierSegmentModel> {
    this.policy.assert(actor, 'barrier.administer');
    const name = (input.name ?? '').trim();
    if (name.length < 2 || name.length > 100) throw badInput('Give the segment a name of 2 to 100 characters.', { field: 'name' });
    let departmentId: string | null = null;
    let value: string | null = null;
    if (input.kind === BarrierSegmentKind.DEPARTMENT) {
      if (!input.departmentId || !isUuid(input.departmentId)) throw badInput('Choose the department.', { field: 'departmentId', messageKey: 'input.unknownChoice' });
      const [d] = await this.db.query('SELECT 1 FROM departments WHERE id = $1', [input.departmentId]);
      if (!d) throw badInput('No department with this id.', { field: 'departmentId' });
      departmentId = input.departmentId;
    } else if (input.kind === BarrierSegmentKind.EMPLOYMENT_TYPE) {
      value = (input.value ?? '').trim().toLowerCase();
      if (!EMPLOYMENT_TYPES.includes(value)) throw badInput('The employment type is employee, contractor or freelancer.', { field: 'value' });
    } else {
      value = (input.value ?? '').trim();
      if (value.length < 1 || value.length > 200) throw badInput('Give the location (1 to 200 characters).', { field: 'value' });
    }
    const id = await this.db.transaction(async (em) => {
      const [taken] = await em.query('SELECT 1 FROM barrier_segments WHERE lower(name) = lower($1)', [name]);
      if (taken) throw conflict('A segment with this name exists already.');
      const [row]: { id: string }[] = await em.query(
        'INSERT INTO barrier_segments (name, kind, department_id, value, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [name, input.kind, departmentId, value, actor.personId],
      );
      await em.query('SELECT plein_barrier_refresh_departments()');
      await audit(em, actor, 'segment.created', { segmentId: row.id, name, kind: input.kind, departmentId, value });
      return row.id;
    });
    return this.segment(id);
  }

  async deleteSegment(actor: Actor, id: string): Promise<boolean> {
    this.policy.assert(actor, 'barrier.administer');
    if (!isUuid(id)) throw notFound('No segment with this id.');
    return this.db.transaction(async (em) => {
      const [seg]: { name: string }[] = await em.query('SELECT name FROM barrier_segments WHERE id = $1 FOR UPDATE', [id]);
      if (!seg) throw notFound('No segment with this id.');
      const [used] = await em.query('SELECT 1 FROM barriers WHERE segment_a_id = $1 OR segment_b_id = $1', [id]);
      if (used) throw conflict('This segment is part of a barrier: remove the barrier first.');
      await em.query('DELETE FROM barrier_segments WHERE id = $1', [id]);
      await audit(em, actor, 'segment.deleted', { segmentId: id, name: seg.name });
      return true;
    });
  }

  async barriers(actor: Actor): Promise<InformationBarrierModel[]> {
    this.policy.assert(actor, 'barrier.administer');
    const rows: { id: string }[] = await this.db.query('SELECT id FROM barriers ORDER BY created_at');
    return Promise.all(rows.map((r) => this.barrier(r.id)));
  }

  /**
   * Creates a barrier and, in the same transaction, suspends what it forbids: follows across it
   * (they stop counting and showing: the follow lists filter with plein_barrier_can_interact;
   * the rows are kept so lifting the barrier restores them) and shared memberships of closed and
   * secret groups. Of the two sides in one group, the side without the group's owner is suspended
   * (if the owner is on neither side, the smaller side): the group keeps its owner and most members.
   */
  async createBarrier(actor: Actor, input: CreateInformationBarrierInput): Promise<CreateBarrierResultModel> {
    this.policy.assert(actor, 'barrier.administer');
    const { segmentAId: a, segmentBId: b } = input;
    if (!isUuid(a) || !isUuid(b)) throw badInput('Choose two segments.', { field: 'segmentAId' });
    if (a === b) throw badInput('A barrier separates two different segments.', { field: 'segmentBId' });
    const direction = input.direction ?? BarrierDirection.TWO_WAY;
    const result = await this.db.transaction(async (em) => {
      const found: { id: string }[] = await em.query('SELECT id FROM barrier_segments WHERE id = ANY($1::uuid[])', [[a, b]]);
      if (found.length !== 2) throw notFound('One of the segments does not exist.');
      const [dup] = await em.query(
        'SELECT 1 FROM barriers WHERE LEAST(segment_a_id, segment_b_id) = LEAST($1::uuid, $2::uuid) AND GREATEST(segment_a_id, segment_b_id) = GREATEST($1::uuid, $2::uuid)',
        [a, b],
      );
      if (dup) throw conflict('There is a barrier between these segments already: remove it first to change it.');
      const [row]: { id: string }[] = await em.query(
        'INSERT INTO barriers (segment_a_id, segment_b_id, direction, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
        [a, b, direction, actor.personId],
      );
      const follows: SuspendedFollowModel[] = await em.query(
          `INSERT INTO barrier_suspensions (barrier_id, kind, person_id, other_person_id)
           SELECT $1, 'follow', f.follower_id, f.followee_id FROM follows f
             JOIN barrier_segment_members x ON x.person_id = f.follower_id
             JOIN barrier_segment_members y ON y.person_id = f.followee_id
            WHERE (x.segment_id = $2 AND y.segment_id = $3) OR (x.segment_id = $3 AND y.segment_id = $2)
           RETURNING person_id AS "followerId", other_person_id AS "followeeId"`,
          [row.id, a, b],
        );
      const memberships: SuspendedGroupMembershipModel[] = await em.query(
          `WITH sides AS (
             SELECT m.group_id, m.person_id, m.role, CASE WHEN sm.segment_id = $2 THEN 'a' ELSE 'b' END AS side
               FROM group_memberships m JOIN groups g ON g.id = m.group_id AND g.kind <> 'open' AND g.deleted_at IS NULL
               JOIN barrier_segment_members sm ON sm.person_id = m.person_id AND sm.segment_id IN ($2, $3)
              WHERE m.status = 'active'
           ), clash AS (
             SELECT group_id,
                    bool_or(side = 'a' AND role = 'owner') AS owner_a, bool_or(side = 'b' AND role = 'owner') AS owner_b,
                    count(*) FILTER (WHERE side = 'a') AS n_a, count(*) FILTER (WHERE side = 'b') AS n_b
               FROM sides GROUP BY group_id HAVING count(DISTINCT side) = 2
           ), losing AS (
             SELECT group_id, CASE WHEN owner_a THEN 'b' WHEN owner_b THEN 'a' WHEN n_a < n_b THEN 'a' ELSE 'b' END AS side FROM clash
           )
           INSERT INTO barrier_suspensions (barrier_id, kind, person_id, group_id)
           SELECT DISTINCT $1::uuid, 'group_membership', s.person_id, s.group_id FROM sides s JOIN losing l ON l.group_id = s.group_id AND l.side = s.side
           RETURNING group_id AS "groupId", person_id AS "personId", (SELECT name FROM groups WHERE id = group_id) AS "groupName"`,
          [row.id, a, b],
        );
      await announce(em, memberships, 'leave');
      await audit(em, actor, 'barrier.created', {
        barrierId: row.id,
        segmentAId: a,
        segmentBId: b,
        direction,
        suspendedFollows: follows.length,
        suspendedGroupMemberships: memberships.length,
      });
      return { id: row.id, follows, memberships };
    });
    return { barrier: await this.barrier(result.id), suspendedFollows: result.follows, suspendedGroupMemberships: result.memberships };
  }

  /** Removes a barrier; its suspensions are lifted (follows count again, memberships are live again). */
  async deleteBarrier(actor: Actor, id: string): Promise<boolean> {
    this.policy.assert(actor, 'barrier.administer');
    if (!isUuid(id)) throw notFound('No barrier with this id.');
    return this.db.transaction(async (em) => {
      const [row]: { segment_a_id: string; segment_b_id: string; direction: string }[] = await em.query(
        'SELECT segment_a_id, segment_b_id, direction FROM barriers WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!row) throw notFound('No barrier with this id.');
      const [counted]: { n: string }[] = await em.query('SELECT count(*) AS n FROM barrier_suspensions WHERE barrier_id = $1', [id]);
      const lifted: { groupId: string; personId: string }[] = await em.query(
        `SELECT group_id AS "groupId", person_id AS "personId" FROM barrier_suspensions WHERE barrier_id = $1 AND kind = 'group_membership'`,
        [id],
      );
      await em.query('DELETE FROM barriers WHERE id = $1', [id]);
      await announce(em, lifted, 'join');
      await audit(em, actor, 'barrier.deleted', { barrierId: id, segmentAId: row.segment_a_id, segmentBId: row.segment_b_id, direction: row.direction, liftedSuspensions: Number(counted.n) });
      return true;
    });
  }

  async auditLog(actor: Actor, first = 50): Promise<BarrierAuditEntryModel[]> {
    this.policy.assert(actor, 'barrier.administer');
    if (!Number.isInteger(first) || first < 1 || first > 500) throw badInput('first must be between 1 and 500.', { field: 'first', messageKey: 'input.numberRange' });
    const rows: { id: string; actor_id: string | null; action: string; details: unknown; created_at: Date }[] = await this.db.query(
      'SELECT id::text, actor_id, action, details, created_at FROM barrier_audit ORDER BY id DESC LIMIT $1',
      [first],
    );
    return rows.map((r) => ({ id: r.id, actorId: r.actor_id, action: r.action, details: JSON.stringify(r.details), createdAt: r.created_at }));
  }

  private async segment(id: string): Promise<BarrierSegmentModel> {
    const [row]: SegmentRow[] = await this.db.query(`${SEGMENT_SQL} WHERE s.id = $1`, [id]);
    if (!row) throw notFound('No segment with this id.');
    return toSegment(row);
  }

  private async barrier(id: string): Promise<InformationBarrierModel> {
    const [row]: { id: string; a: string; b: string; direction: BarrierDirection; created_at: Date }[] = await this.db.query(
      'SELECT id, segment_a_id AS a, segment_b_id AS b, direction, created_at FROM barriers WHERE id = $1',
      [id],
    );
    if (!row) throw notFound('No barrier with this id.');
    return { id: row.id, segmentA: await this.segment(row.a), segmentB: await this.segment(row.b), direction: row.direction, createdAt: row.created_at };
  }
}

function toSegment(r: SegmentRow): BarrierSegmentModel {
  return { id: r.id, name: r.name, kind: r.kind, departmentId: r.departmentId, value: r.value, memberCount: Number(r.memberCount), createdAt: r.createdAt };
}

/**
 * Tells every api node after commit: sockets move to their current segment rooms, and suspended
 * (or restored) members' sockets leave (or rejoin) the group's room, without a reconnect.
 */
async function announce(em: EntityManager, memberships: readonly { groupId: string; personId: string }[], move: 'join' | 'leave'): Promise<void> {
  const events: LiveEvent[] = [{ audience: 'company', type: BARRIERS_CHANGED, payload: {} }];
  for (const m of memberships) {
    events.push({
      audience: `user:${m.personId}`,
      type: 'group.member.changed',
      payload: { groupId: m.groupId, personId: m.personId, suspended: move === 'leave', moveRooms: { [move]: [`audience:group:${m.groupId}`] } },
    });
  }
  await appendLiveEvents(em, events);
}

async function audit(em: EntityManager, actor: Actor, action: string, details: Record<string, unknown>): Promise<void> {
  await em.query('INSERT INTO barrier_audit (actor_id, action, details) VALUES ($1, $2, $3)', [actor.personId, action, JSON.stringify(details)]);
}
