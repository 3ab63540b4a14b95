/**
 * The suggestion queries, reviewed SQL in one place (as people-search.sql.ts). Who may be suggested
 * is decided by libs/policy's predicates (`personSuggestionPredicate`, `groupSuggestionPredicate`),
 * appended here: never across an information barrier, never a secret group, never a payroll-only
 * group to a contractor or freelancer. Parameter $1 is always the actor's person id.
 */

/** Why a person is suggested, strongest first (the order of `rank`). */
export const PERSON_REASONS = ['MANAGER', 'TEAM', 'GROUPMATE', 'FOLLOWED_BY_FOLLOWED', 'DEPARTMENT'] as const;
export type PersonReason = (typeof PERSON_REASONS)[number];

/**
 * Candidates from five sources, one row per (person, source); the best source names the reason and
 * the number of sources breaks ties (a teammate who is also followed by people you follow comes
 * first). Groups larger than 60 do not make everyone in them a "groupmate".
 */
export function personSuggestionsSql(policySql: string, limit: number): string {
  return `WITH me AS (SELECT id, manager_id, department_id FROM people WHERE id = $1::uuid),
    cand AS (
      SELECT p.id, 1 AS rank FROM me JOIN people p ON p.id = me.manager_id
      UNION ALL SELECT p.id, 2 FROM me JOIN people p ON p.manager_id = me.manager_id
      UNION ALL SELECT p.id, 2 FROM me JOIN people p ON p.manager_id = me.id
      UNION ALL SELECT o.person_id, 3 FROM group_memberships mine
          JOIN groups g ON g.id = mine.group_id AND g.deleted_at IS NULL AND g.member_count <= 60
          JOIN group_memberships o ON o.group_id = mine.group_id AND o.status = 'active'
         WHERE mine.person_id = $1::uuid AND mine.status = 'active'
      UNION ALL SELECT f2.followee_id, 4 FROM follows f1 JOIN follows f2 ON f2.follower_id = f1.followee_id WHERE f1.follower_id = $1::uuid
      UNION ALL SELECT p.id, 5 FROM me JOIN people p ON p.department_id = me.department_id
    )
    SELECT c.id, min(c.rank)::int AS rank, count(*)::int AS strength
      FROM cand c JOIN people p ON p.id = c.id
     WHERE ${policySql}
       AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $1::uuid AND f.followee_id = p.id)
       AND NOT EXISTS (SELECT 1 FROM suggestion_dismissals d WHERE d.person_id = $1::uuid AND d.kind = 'person' AND d.target_id = p.id)
     GROUP BY c.id, p.display_name
     ORDER BY min(c.rank), count(*) DESC, p.display_name, c.id
     LIMIT ${limit}`;
}

/**
 * Groups popular in the actor's department ($2), then popular overall; not those the actor is in,
 * asked to join, is banned from, or dismissed.
 */
export function groupSuggestionsSql(columns: string, policySql: string, limit: number): string {
  return `SELECT ${columns}, coalesce(d.n, 0)::int AS "departmentMembers"
      FROM groups g
      LEFT JOIN (SELECT gm.group_id, count(*) AS n FROM group_memberships gm JOIN people p ON p.id = gm.person_id AND p.active
                  WHERE gm.status = 'active' AND p.department_id = $2::uuid AND p.id <> $1::uuid GROUP BY gm.group_id) d ON d.group_id = g.id
     WHERE ${policySql}
       AND NOT EXISTS (SELECT 1 FROM group_memberships mine WHERE mine.group_id = g.id AND mine.person_id = $1::uuid)
       AND NOT EXISTS (SELECT 1 FROM suggestion_dismissals x WHERE x.person_id = $1::uuid AND x.kind = 'group' AND x.target_id = g.id)
     ORDER BY coalesce(d.n, 0) DESC, g.member_count DESC, g.id
     LIMIT ${limit}`;
}
