import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, notFound, isUuid } from '@plein/core';
import { PeopleService, type Person } from '@plein/directory';
import { GROUP_COLUMNS, type GroupRow } from '@plein/groups';
import { PolicyService, type Actor } from '@plein/policy';
import { DataSource } from 'typeorm';
import { groupSuggestionsSql, PERSON_REASONS, personSuggestionsSql } from './suggestions.sql.js';

/** Below this many follows the home page shows suggestions. */
export const FEW_FOLLOWS = 5;

export interface PersonSuggestion {
  person: Person;
  reason: (typeof PERSON_REASONS)[number];
}
export interface GroupSuggestion {
  group: GroupRow;
  departmentMembers: number;
}

/**
 * The welcome (first login) and the suggestions (who to follow, which groups to join). An app-level
 * module: it reads across people, follows and groups, and every list passes libs/policy's
 * suggestion predicates, so it suggests nothing the person could not follow or join.
 */
@Injectable()
export class WelcomeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly people: PeopleService,
  ) {}

  async pending(actor: Actor): Promise<boolean> {
    const [row]: { pending: boolean }[] = await this.db.query('SELECT welcomed_at IS NULL AS pending FROM people WHERE id = $1', [actor.personId]);
    return row?.pending ?? false;
  }

  /** Finished or skipped: the welcome does not come back. Idempotent (the first moment stays). */
  async finish(actor: Actor): Promise<boolean> {
    await this.db.query('UPDATE people SET welcomed_at = now() WHERE id = $1 AND welcomed_at IS NULL', [actor.personId]);
    return true;
  }

  async followingCount(actor: Actor): Promise<number> {
    const [row]: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM follows f JOIN people p ON p.id = f.followee_id AND p.active
        WHERE f.follower_id = $1 AND plein_barrier_can_interact(f.follower_id, f.followee_id)`,
      [actor.personId],
    );
    return row.n;
  }

  async suggestPeople(actor: Actor, first: number): Promise<PersonSuggestion[]> {
    const pred = this.policy.personSuggestionPredicate(actor, 'p', 1);
    const rows: { id: string; rank: number }[] = await this.db.query(personSuggestionsSql(pred.sql, limit(first)), pred.params);
    const people = new Map((await this.people.findByIds(rows.map((r) => r.id))).map((p) => [p.id, p]));
    return rows.filter((r) => people.has(r.id)).map((r) => ({ person: people.get(r.id)!, reason: PERSON_REASONS[r.rank - 1] }));
  }

  async suggestGroups(actor: Actor, first: number): Promise<GroupSuggestion[]> {
    const pred = this.policy.groupSuggestionPredicate(actor, 'g', 1);
    const rows: (GroupRow & { departmentMembers: number })[] = await this.db.query(groupSuggestionsSql(GROUP_COLUMNS, pred.sql, limit(first)), [
      ...pred.params,
      actor.departmentId,
    ]);
    return rows.map(({ departmentMembers, ...group }) => ({ group, departmentMembers }));
  }

  async dismiss(actor: Actor, kind: 'person' | 'group', id: string): Promise<boolean> {
    if (kind !== 'person' && kind !== 'group') throw badInput('Dismiss a person or a group.', { field: 'kind' });
    if (!isUuid(id)) throw notFound('Nothing to dismiss with this id.');
    await this.db.query('INSERT INTO suggestion_dismissals (person_id, kind, target_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [actor.personId, kind, id]);
    return true;
  }
}

function limit(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > 50) throw badInput('first must be between 1 and 50.', { field: 'first' });
  return first;
}
