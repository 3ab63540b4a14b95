/**
 * The staff search as SQL, free of Nest and TypeORM so the benchmark runs the very same statements
 * through plain `pg` as its baseline. Tables, triggers and the fold function: migration PeopleSearch.
 *
 * How a query matches: it is folded (lower-case, no accents, punctuation to spaces) and split into
 * tokens; every token must match a word of the person (AND), as a prefix (`jan` → Jansen) or, from
 * four letters on, as a near spelling found in `people_search_words` by trigram similarity
 * (`Jansen` → Janssen, `Pieter` → Peter). Particles are ordinary words, so "berg", "van der berg"
 * and "vanderberg" all find Jan van der Berg.
 *
 * Ranking, best first: exact words over prefixes over near spellings; names (A) over skills (B) over
 * job title and department (C) over location (D); the whole query equal to a skill, or appearing as
 * whole words in the name, adds a bonus. Ties: family name order.
 */

export interface PeopleSearchFilters {
  /** Raw user text; empty = browse in family-name order. */
  query: string;
  departmentIds: readonly string[] | null;
  employmentTypes: readonly string[] | null;
  location: string | null;
  skill: string | null;
}

/** The actor's visibility rule from PolicyService, over the `s` alias of people_search. */
export interface SqlPredicate {
  sql: string;
  params: unknown[];
}

export type PolicyPredicateFn = (alias: string, firstParam: number) => SqlPredicate;

export interface SqlStatement {
  text: string;
  values: unknown[];
}

/** Search key of one row: score (search mode only), family-name sort key, id. */
export type SearchCursor = { mode: 'search'; score: string; sortKey: string; id: string } | { mode: 'browse'; sortKey: string; id: string };

/** ts_rank weights for {D, C, B, A}: location, title/department, skills, names. */
const WEIGHTS = `'{0.05,0.2,0.6,1.0}'`;

/** True when the text has something to search for; otherwise the request is a browse. */
export function isSearchText(query: string): boolean {
  return /[\p{L}\p{N}]/u.test(query);
}

class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
  /** Appends a predicate written with its own numbering starting at the next placeholder. */
  predicate(fn: PolicyPredicateFn, alias: string): string {
    const p = fn(alias, this.values.length + 1);
    this.values.push(...p.params);
    return `(${p.sql})`;
  }
}

/**
 * The query as tsqueries (`people_search_query`, migration PeopleSearch): tsq, exact, phrase. The
 * fuzzy variant (migration PeopleSearchFuzzy) also lets short words be one letter off; the service
 * uses it only when the exact search found nobody.
 */
function queryFrom(p: Params, query: string, fuzzy = false): string {
  return `${fuzzy ? 'people_search_query_fuzzy' : 'people_search_query'}(${p.add(query)}) q`;
}

/** Filters other than department and employment type (those two are facets and applied separately). */
function baseWhere(p: Params, f: PeopleSearchFilters, policy: PolicyPredicateFn, search: boolean): string[] {
  const where = [p.predicate(policy, 's')];
  if (search) where.push('s.tsv @@ q.tsq');
  // Sub-selects run once per statement (an InitPlan): a prepared statement's generic plan would
  // otherwise fold the parameter again for every row. Both use an index.
  if (f.location) {
    // Every word of the location as a word prefix among the person's location words (weight D).
    where.push(`s.tsv @@ (SELECT string_agg('''' || t || ''':*D', ' & ')::tsquery FROM unnest(plein_search_tokens(${p.add(f.location)})) t)`);
  }
  if (f.skill) where.push(`s.skills @> ARRAY[(SELECT plein_fold(${p.add(f.skill)}))]`);
  return where;
}

function departmentWhere(p: Params, f: PeopleSearchFilters, alias = 's'): string | null {
  return f.departmentIds?.length ? `${alias}.department_id = ANY(${p.add(f.departmentIds)}::uuid[])` : null;
}

function typeWhere(p: Params, f: PeopleSearchFilters, alias = 's'): string | null {
  return f.employmentTypes?.length ? `${alias}.employment_type = ANY(${p.add(f.employmentTypes)}::text[])` : null;
}

const SCORE = `round((
    ts_rank(${WEIGHTS}, s.tsv, q.exact) * 2
  + ts_rank(${WEIGHTS}, s.tsv, q.tsq)
  + CASE WHEN q.phrase = ANY(s.skills) THEN 1.5 ELSE 0 END
  + CASE WHEN (' ' || s.name_key || ' ') LIKE '% ' || q.phrase || ' %' THEN 1
         WHEN (' ' || s.name_key) LIKE '% ' || q.phrase || '%' THEN 0.5 ELSE 0 END
  ) * 1000000)::bigint`;

/**
 * A browse page (no search text): person ids in family-name order, `limit` rows (ask for page size
 * + 1 to learn hasNextPage). A text search uses `searchSql`.
 */
export function pageSql(f: PeopleSearchFilters, policy: PolicyPredicateFn, limit: number, after: SearchCursor | null): SqlStatement {
  const p = new Params();
  const where = [...baseWhere(p, f, policy, false), departmentWhere(p, f), typeWhere(p, f)].filter((w): w is string => !!w);
  if (after?.mode === 'browse') where.push(`(s.sort_key, s.person_id) > (${p.add(after.sortKey)}, ${p.add(after.id)}::uuid)`);
  return {
    text: `SELECT s.person_id AS id, s.sort_key FROM people_search s WHERE ${where.join(' AND ')} ORDER BY s.sort_key, s.person_id LIMIT ${p.add(limit)}`,
    values: p.values,
  };
}

/**
 * Counts for the same query and the filters other than department and employment type, grouped by
 * both: one pass over the matches, from which the caller derives each facet (ignoring its own
 * filter) and the total. Rows: department_id (null = none), department name, employment_type, count.
 */
export function facetSql(f: PeopleSearchFilters, policy: PolicyPredicateFn): SqlStatement {
  const p = new Params();
  const search = isSearchText(f.query);
  const from = search ? `people_search s, ${queryFrom(p, f.query)}` : 'people_search s';
  const where = baseWhere(p, f, policy, search);
  return {
    text: `SELECT g.department_id, d.name AS department_name, g.employment_type, g.count
      FROM (
        SELECT s.department_id, s.employment_type, count(*)::int AS count
        FROM ${from}
        WHERE ${where.join(' AND ')}
        GROUP BY s.department_id, s.employment_type
      ) g
      LEFT JOIN departments d ON d.id = g.department_id`,
    values: p.values,
  };
}

/**
 * A text search as one statement: the matches are found and scored once, then give both the page
 * (with the department and employment-type filters) and the facet counts (without them). Rows with
 * kind 'p' are the page in order (id, sort_key, score); kind 'f' are counts as in `facetSql`.
 */
export function searchSql(f: PeopleSearchFilters, policy: PolicyPredicateFn, limit: number, after: SearchCursor | null, fuzzy = false): SqlStatement {
  const p = new Params();
  const from = `people_search s, ${queryFrom(p, f.query, fuzzy)}`;
  const where = baseWhere(p, f, policy, true);
  const pageWhere = [departmentWhere(p, f, 'm'), typeWhere(p, f, 'm')].filter((w): w is string => !!w);
  if (after?.mode === 'search') {
    const score = p.add(after.score);
    pageWhere.push(`(m.score < ${score}::bigint OR (m.score = ${score}::bigint AND (m.sort_key, m.id) > (${p.add(after.sortKey)}, ${p.add(after.id)}::uuid)))`);
  }
  return {
    text: `WITH m AS MATERIALIZED (
        SELECT s.person_id AS id, s.sort_key, s.department_id, s.employment_type, ${SCORE} AS score
        FROM ${from}
        WHERE ${where.join(' AND ')}
      )
      (SELECT 'p' AS kind, m.id, m.sort_key, m.score::text AS score, NULL::uuid AS department_id, NULL::text AS department_name, NULL::text AS employment_type, NULL::int AS count
        FROM m ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
        ORDER BY m.score DESC, m.sort_key, m.id
        LIMIT ${p.add(limit)})
      UNION ALL
      (SELECT 'f', NULL, NULL, NULL, g.department_id, d.name, g.employment_type, g.count
        FROM (SELECT m.department_id, m.employment_type, count(*)::int AS count FROM m GROUP BY m.department_id, m.employment_type) g
        LEFT JOIN departments d ON d.id = g.department_id)`,
    values: p.values,
  };
}
