import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { badInput, encodeCursor, isUuid, parseCursor, pageSize, ReadReplicas, type Connection } from '@plein/core';
import { PolicyService, type Actor } from '@plein/policy';
import type { QueryResultRow } from 'pg';
import { EmploymentType, type Person } from '../entities/person.entity.js';
import { PeopleService } from '../people.service.js';
import type { DepartmentFacet, EmploymentTypeFacet, PeopleSearchFacets } from './people-search.model.js';
import { facetSql, isSearchText, pageSql, searchSql, type PeopleSearchFilters, type PolicyPredicateFn, type SearchCursor, type SqlStatement } from './people-search.sql.js';

export const MAX_QUERY_LENGTH = 200;
const MAX_LOCATION_LENGTH = 200;
const MAX_SKILL_LENGTH = 100;
const MAX_DEPARTMENT_IDS = 100;
const EMPLOYMENT_TYPES = new Set<string>(Object.values(EmploymentType));

/** What a caller may ask; every field optional. */
export interface PeopleSearchInput {
  query?: string | null;
  departmentIds?: readonly string[] | null;
  employmentTypes?: readonly string[] | null;
  location?: string | null;
  skill?: string | null;
  first?: number | null;
  after?: string | null;
}

/** A validated request. */
export interface PeopleSearchRequest {
  filters: PeopleSearchFilters;
  size: number;
  after: SearchCursor | null;
}

export interface PeopleSearchFacetResult {
  facets: PeopleSearchFacets;
  totalCount: number;
}

function optionalText(value: string | null | undefined, field: string, max: number, label: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badInput(`${label} must be text.`, { field, messageKey: 'input.notText' });
  const trimmed = value.trim();
  if (trimmed.length > max) throw badInput(`${label} can be at most ${max} characters.`, { field, max: max, messageKey: 'input.tooLong' });
  return trimmed === '' ? null : trimmed;
}

type FacetRow = { department_id: string | null; department_name: string | null; employment_type: string; count: number };
type PageRow = { id: string; sort_key: string; score?: string | null };
type SearchRow = PageRow & FacetRow & { kind: 'p' | 'f' };

export interface PreparedSearch {
  page(): Promise<Connection<Person>>;
  facets(): Promise<PeopleSearchFacetResult>;
}

/** Counts grouped by (department, employment type) → each facet ignoring its own filter, and the total. */
function facetsFrom(rows: FacetRow[], f: PeopleSearchFilters): PeopleSearchFacetResult {
  const depts = f.departmentIds ? new Set(f.departmentIds) : null;
  const types = f.employmentTypes ? new Set(f.employmentTypes) : null;
  const byDept = new Map<string, DepartmentFacet>();
  const byType = new Map<string, number>();
  let totalCount = 0;
  for (const r of rows) {
    const deptOk = !depts || (r.department_id !== null && depts.has(r.department_id));
    const typeOk = !types || types.has(r.employment_type);
    if (typeOk && r.department_id) {
      const d = byDept.get(r.department_id) ?? { id: r.department_id, name: r.department_name ?? '', count: 0 };
      d.count += r.count;
      byDept.set(r.department_id, d);
    }
    if (deptOk) byType.set(r.employment_type, (byType.get(r.employment_type) ?? 0) + r.count);
    if (deptOk && typeOk) totalCount += r.count;
  }
  const departments = [...byDept.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'nl'));
  const employmentTypes: EmploymentTypeFacet[] = [...byType]
    .map(([t, count]) => ({ employmentType: t as EmploymentType, count }))
    .sort((a, b) => b.count - a.count || a.employmentType.localeCompare(b.employmentType));
  return { facets: { departments, employmentTypes }, totalCount };
}
const BROWSE_CACHE_MS = 30_000;
const BROWSE_CACHE_ENTRIES = 100;

/**
 * Staff search over `people_search` (see people-search.sql.ts for matching and ranking). Who may be
 * found is PolicyService's SQL predicate, applied in the database like every other list.
 */
@Injectable()
export class PeopleSearchService {
  private readonly browseCache = new Map<string, { version: string; at: number; rows: FacetRow[] }>();

  constructor(
    private readonly policy: PolicyService,
    private readonly people: PeopleService,
    private readonly reads: ReadReplicas,
  ) {}

  /** Validates and normalises the input; throws BAD_USER_INPUT with the offending field. */
  parse(input: PeopleSearchInput): PeopleSearchRequest {
    const query = optionalText(input.query, 'query', MAX_QUERY_LENGTH, 'The search text') ?? '';
    const location = optionalText(input.location, 'location', MAX_LOCATION_LENGTH, 'The location');
    const skill = optionalText(input.skill, 'skill', MAX_SKILL_LENGTH, 'The skill');
    const departmentIds = input.departmentIds ?? null;
    if (departmentIds) {
      if (departmentIds.length > MAX_DEPARTMENT_IDS) throw badInput(`Filter on at most ${MAX_DEPARTMENT_IDS} departments.`, { field: 'departmentIds', max: MAX_DEPARTMENT_IDS, messageKey: 'input.tooMany' });
      for (const id of departmentIds) if (!isUuid(id)) throw badInput('A department id is not valid.', { field: 'departmentIds', messageKey: 'input.invalidId' });
    }
    const employmentTypes = input.employmentTypes ?? null;
    for (const t of employmentTypes ?? []) {
      if (!EMPLOYMENT_TYPES.has(t)) throw badInput(`Unknown employment type "${t}".`, { field: 'employmentTypes', messageKey: 'input.unknownChoice' });
    }
    const size = pageSize(input.first ?? undefined);
    const search = isSearchText(query);
    let after: SearchCursor | null = null;
    if (input.after) {
      if (search) {
        const [, score, sortKey, id] = parseCursor(input.after, [{ literal: 's' }, 'integer', 'scalar', 'uuid']);
        after = { mode: 'search', score, sortKey, id };
      } else {
        const [, sortKey, id] = parseCursor(input.after, [{ literal: 'b' }, 'scalar', 'uuid']);
        after = { mode: 'browse', sortKey, id };
      }
    }
    return {
      filters: {
        query,
        departmentIds: departmentIds?.length ? [...new Set(departmentIds.map((d) => d.toLowerCase()))] : null,
        employmentTypes: employmentTypes?.length ? [...new Set(employmentTypes)] : null,
        location,
        skill,
      },
      size,
      after,
    };
  }

  private predicate(actor: Actor): PolicyPredicateFn {
    return (alias, firstParam) => this.policy.peopleSearchPredicate(actor, alias, firstParam);
  }

  /**
   * The search, run lazily for what the client selected. A text search is one statement for the
   * page and the facets (the matches are scored once); a browse walks the family-name index for
   * the page and counts separately (those counts are reused until something changes).
   */
  prepare(actor: Actor, req: PeopleSearchRequest): PreparedSearch {
    const policy = this.predicate(actor);
    const f = req.filters;
    let page: Promise<Connection<Person>> | undefined;
    let facets: Promise<PeopleSearchFacetResult> | undefined;
    if (isSearchText(f.query)) {
      let rows: Promise<SearchRow[]> | undefined;
      // Nobody found: try again forgiving a letter ("van der brg" → van der Berg). Facet rows count
      // every match whatever the cursor, so a later page of fuzzy results stays fuzzy.
      const all = () =>
        (rows ??= this.run<SearchRow>(actor.personId, searchSql(f, policy, req.size + 1, req.after)).then((found) =>
          found.some((x) => x.kind === 'f') ? found : this.run<SearchRow>(actor.personId, searchSql(f, policy, req.size + 1, req.after, true)),
        ));
      return {
        page: () => (page ??= all().then((r) => this.toConnection(r.filter((x) => x.kind === 'p'), req.size))),
        facets: () => (facets ??= all().then((r) => facetsFrom(r.filter((x) => x.kind === 'f'), f))),
      };
    }
    return {
      page: () => (page ??= this.run<PageRow>(actor.personId, pageSql(f, policy, req.size + 1, req.after)).then((r) => this.toConnection(r, req.size))),
      facets: () => {
        const sql = facetSql(f, policy);
        return (facets ??= (f.location || f.skill ? this.run<FacetRow>(actor.personId, sql) : this.browseCounts(actor.personId, sql)).then((r) => facetsFrom(r, f)));
      },
    };
  }

  private async toConnection(rows: PageRow[], size: number): Promise<Connection<Person>> {
    const hasNextPage = rows.length > size;
    const page = hasNextPage ? rows.slice(0, size) : rows;
    const byId = new Map((await this.people.findByIds(page.map((r) => r.id))).map((p) => [p.id, p]));
    const keyOf = (r: PageRow) => (r.score !== undefined && r.score !== null ? ['s', r.score, r.sort_key, r.id] : ['b', r.sort_key, r.id]);
    const edges = page.flatMap((r) => {
      const node = byId.get(r.id);
      return node ? [{ cursor: encodeCursor(keyOf(r)), node }] : []; // deleted between the two reads
    });
    const last = page[page.length - 1];
    return { edges, pageInfo: { hasNextPage, endCursor: last ? encodeCursor(keyOf(last)) : null } };
  }

  /**
   * Counts for browsing (no text, location or skill: the directory's landing page) cover every
   * visible person, so they are kept per visibility rule until `people_search_version` moves, which
   * every write to people, profiles or departments does. The age limit bounds the one race left:
   * a read between a writer's bump and its commit.
   */
  private async browseCounts(personId: string, sql: SqlStatement): Promise<FacetRow[]> {
    const [{ version }] = await this.run<{ version: string }>(personId, { text: 'SELECT last_value::text AS version FROM people_search_version', values: [] });
    const key = JSON.stringify([sql.text, sql.values]);
    const hit = this.browseCache.get(key);
    if (hit && hit.version === version && Date.now() - hit.at < BROWSE_CACHE_MS) return hit.rows;
    const rows = await this.run<FacetRow>(personId, sql);
    if (this.browseCache.size >= BROWSE_CACHE_ENTRIES) this.browseCache.delete(this.browseCache.keys().next().value as string);
    this.browseCache.set(key, { version, at: Date.now(), rows });
    return rows;
  }

  /**
   * Runs a statement as a named prepared statement on TypeORM's pg pool: the search SQL comes in a
   * few dozen shapes (which filters are set), and re-planning it on every keystroke costs more than
   * running it. The name is derived from the text, so each shape is prepared once per connection.
   */
  private async run<T>(personId: string, sql: SqlStatement): Promise<T[]> {
    const name = `people_search_${createHash('sha1').update(sql.text).digest('hex').slice(0, 16)}`;
    // On a read replica when there is one (DATABASE_READ_URLS), else on TypeORM's primary pool.
    return this.reads.query<T & QueryResultRow>(personId, sql.text, sql.values, name);
  }
}
