import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sanitizeBody } from '@plein/blogs';
import { DomainError, QueueService, badInput, conflict, isUuid, parseCursor, forbidden, notFound, pageSize, toConnection, type Connection, Params } from '@plein/core';
import { DepartmentTree, EmploymentType, PeopleService, actorOf } from '@plein/directory';
import { NotificationKind, NotificationsService } from '@plein/notifications';
import { PolicyService, type Actor } from '@plein/policy';
import { appendLiveEvents } from '@plein/realtime';
import { DataSource, type EntityManager } from 'typeorm';
import { requiredText, text, todayInAmsterdam, uuid } from './business-input.js';
import { VacancyStatus } from './entities/business.entity.js';

export interface VacancyRow {
  id: string;
  title: string;
  departmentId: string;
  location: string;
  hoursPerWeek: number;
  employmentType: EmploymentType;
  descriptionHtml: string;
  closesOn: string;
  contactId: string;
  posterId: string;
  openToExternals: boolean;
  status: VacancyStatus;
  closedAt: Date | null;
  createdAt: Date;
  ts: string;
}

export interface VacancyFilters {
  query?: string | null;
  departmentId?: string | null;
  location?: string | null;
  minHours?: number | null;
  maxHours?: number | null;
}

export interface PostVacancyCommand {
  title: unknown;
  departmentId: unknown;
  location: unknown;
  hoursPerWeek: unknown;
  employmentType: unknown;
  description: unknown;
  closesOn: unknown;
  contactId: unknown;
  openToExternals?: unknown;
}

export interface SavedSearchRow {
  id: string;
  personId: string;
  query: string | null;
  departmentId: string | null;
  location: string | null;
  minHours: number | null;
  maxHours: number | null;
  createdAt: Date;
}

const COLUMNS = `v.id, v.title, v.department_id AS "departmentId", v.location, v.hours_per_week AS "hoursPerWeek",
  v.employment_type AS "employmentType", v.description_html AS "descriptionHtml", to_char(v.closes_on, 'YYYY-MM-DD') AS "closesOn",
  v.contact_id AS "contactId", v.poster_id AS "posterId", v.open_to_externals AS "openToExternals", v.status,
  v.closed_at AS "closedAt", v.created_at AS "createdAt", to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ts`;

const SEARCH_COLUMNS = `s.id, s.person_id AS "personId", s.query, s.department_id AS "departmentId", s.location, s.min_hours AS "minHours",
  s.max_hours AS "maxHours", s.created_at AS "createdAt"`;

export const VACANCY_MATCH_JOB = 'business.vacancy-matches';
export const CLOSE_VACANCIES_JOB = 'business.close-vacancies';
export interface VacancyMatchJob {
  vacancyId: string;
}

const EMPLOYMENT_TYPES = Object.values(EmploymentType) as string[];
const DESCRIPTION_MAX = 50_000;
const SAVED_SEARCHES_MAX = 20;

/** The audience of a vacancy's live events: contractors and freelancers hear only of those opened to them. */
const liveAudience = (v: Pick<VacancyRow, 'openToExternals'>) => (v.openToExternals ? 'company' : 'employees');

/**
 * Internal vacancies. Every read goes through policy (canSeeVacancy / vacancyPredicate: payroll staff
 * see all, contractors and freelancers only vacancies opened to externals); interest is for the
 * contact person and the poster only. New vacancies are matched against saved searches on the worker,
 * and the worker closes vacancies whose closing date has come.
 */
@Injectable()
export class VacanciesService {
  private readonly logger = new Logger('Vacancies');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly tree: DepartmentTree,
    private readonly people: PeopleService,
    private readonly notifications: NotificationsService,
    private readonly queue: QueueService,
  ) {}

  // ---- reads ----

  private visibleSql(actor: Actor, p: Params): string {
    return p.append(this.policy.vacancyPredicate(actor, 'v', p.next));
  }

  async findByIds(ids: readonly string[], em: EntityManager = this.db.manager): Promise<VacancyRow[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    return em.query(`SELECT ${COLUMNS} FROM vacancies v WHERE v.id = ANY($1::uuid[])`, [valid]);
  }

  async get(actor: Actor, id: string, em?: EntityManager, lock = false): Promise<VacancyRow> {
    this.policy.assert(actor, 'vacancy.read');
    if (!isUuid(id)) throw notFound('No vacancy with this id.');
    const [row]: VacancyRow[] = await (em ?? this.db.manager).query(`SELECT ${COLUMNS} FROM vacancies v WHERE v.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row || !this.policy.canSeeVacancy(actor, row)) throw notFound('No vacancy with this id.');
    return row;
  }

  /** Validated filters, as stored in a saved search. */
  async filters(raw: VacancyFilters): Promise<Required<VacancyFilters>> {
    const query = text(raw.query, 'query', 'The search', 0, 200);
    const departmentId = raw.departmentId ? uuid(raw.departmentId, 'departmentId', 'The department') : null;
    if (departmentId && !(await this.tree.existing([departmentId])).has(departmentId)) throw badInput('Unknown department.', { field: 'departmentId', messageKey: 'input.unknownChoice' });
    const location = text(raw.location, 'location', 'The location', 0, 100);
    const hours = (v: unknown, field: string) => {
      if (v === null || v === undefined) return null;
      if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 40) throw badInput('Hours per week must be a whole number from 1 to 40.', { field, messageKey: 'input.numberRange' });
      return v as number;
    };
    const minHours = hours(raw.minHours, 'minHours');
    const maxHours = hours(raw.maxHours, 'maxHours');
    if (minHours !== null && maxHours !== null && minHours > maxHours) throw badInput('The minimum hours cannot be more than the maximum.', { field: 'minHours', messageKey: 'input.order' });
    return { query, departmentId, location, minHours, maxHours };
  }

  /**
   * Open vacancies the actor may see, newest first (keyset on created_at, id), filtered by department
   * (with its sub-departments), location, hours range and Dutch full text.
   */
  async browse(actor: Actor, raw: VacancyFilters, args: { first?: number; after?: string }): Promise<Connection<VacancyRow>> {
    this.policy.assert(actor, 'vacancy.read');
    const size = pageSize(args.first);
    const f = await this.filters(raw);
    const p = new Params();
    const where = [`v.status = 'open'`, this.visibleSql(actor, p)];
    if (f.query) where.push(`to_tsvector('dutch', v.search_text) @@ websearch_to_tsquery('dutch', ${p.add(f.query)})`);
    if (f.departmentId) where.push(`v.department_id = ANY(${p.add(await this.tree.subtree([f.departmentId]))}::uuid[])`);
    if (f.location) where.push(`lower(v.location) = ${p.add(f.location.toLowerCase())}`);
    if (f.minHours !== null) where.push(`v.hours_per_week >= ${p.add(f.minHours)}`);
    if (f.maxHours !== null) where.push(`v.hours_per_week <= ${p.add(f.maxHours)}`);
    if (args.after) {
      const [ts, id] = parseCursor(args.after, ['timestamp', 'uuid']);
      where.push(`(v.created_at, v.id) < (${p.add(ts)}::timestamptz, ${p.add(id)}::uuid)`);
    }
    const rows: VacancyRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM vacancies v WHERE ${where.join(' AND ')} ORDER BY v.created_at DESC, v.id DESC LIMIT ${size + 1}`,
      p.values,
    );
    return toConnection(rows, size, (r) => [r.ts, r.id]);
  }

  /** The actor's saved vacancies that they may still see, most recently saved first (keyset on saved time, id). */
  async saved(actor: Actor, args: { first?: number; after?: string }): Promise<Connection<VacancyRow & { savedTs: string }>> {
    this.policy.assert(actor, 'vacancy.read');
    const size = pageSize(args.first);
    const p = new Params();
    const where = [`s.person_id = ${p.add(actor.personId)}`, this.visibleSql(actor, p)];
    if (args.after) {
      const [ts, id] = parseCursor(args.after, ['timestamp', 'uuid']);
      where.push(`(s.created_at, s.vacancy_id) < (${p.add(ts)}::timestamptz, ${p.add(id)}::uuid)`);
    }
    const rows: (VacancyRow & { savedTs: string })[] = await this.db.query(
      `SELECT ${COLUMNS}, to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "savedTs"
         FROM vacancy_saves s JOIN vacancies v ON v.id = s.vacancy_id
        WHERE ${where.join(' AND ')} ORDER BY s.created_at DESC, s.vacancy_id DESC LIMIT ${size + 1}`,
      p.values,
    );
    return toConnection(rows, size, (r) => [r.savedTs, r.id]);
  }

  /** For each "personId|vacancyId" key: saved / interested flags. */
  async flags(keys: readonly string[]): Promise<{ saved: boolean; interested: boolean }[]> {
    const pairs = keys.map((k) => k.split('|'));
    const rows: { key: string; saved: boolean; interested: boolean }[] = await this.db.query(
      `SELECT k.person_id || '|' || k.vacancy_id AS key,
              EXISTS (SELECT 1 FROM vacancy_saves s WHERE s.vacancy_id = k.vacancy_id AND s.person_id = k.person_id) AS saved,
              EXISTS (SELECT 1 FROM vacancy_interests i WHERE i.vacancy_id = k.vacancy_id AND i.person_id = k.person_id) AS interested
         FROM unnest($1::uuid[], $2::uuid[]) AS k(person_id, vacancy_id)`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    const map = new Map(rows.map((r) => [r.key, r]));
    return keys.map((k) => map.get(k) ?? { saved: false, interested: false });
  }

  /** Who expressed interest: for the contact person and the poster only (null for everyone else). */
  async interests(actor: Actor, vacancy: VacancyRow): Promise<{ personId: string; note: string | null; createdAt: Date }[] | null> {
    if (!this.policy.canSeeVacancyInterest(actor, vacancy)) return null;
    return this.db.query(
      `SELECT person_id AS "personId", note, created_at AS "createdAt" FROM vacancy_interests WHERE vacancy_id = $1 ORDER BY created_at, person_id`,
      [vacancy.id],
    );
  }

  async interestCount(vacancyId: string): Promise<number> {
    const [row]: { n: number }[] = await this.db.query('SELECT count(*)::int AS n FROM vacancy_interests WHERE vacancy_id = $1', [vacancyId]);
    return row.n;
  }

  async savedSearches(actor: Actor): Promise<SavedSearchRow[]> {
    return this.db.query(`SELECT ${SEARCH_COLUMNS} FROM vacancy_searches s WHERE s.person_id = $1 ORDER BY s.created_at, s.id`, [actor.personId]);
  }

  /** Referrals the actor received, newest first, for vacancies they may see. */
  async referralsTo(actor: Actor): Promise<{ id: string; vacancyId: string; referrerId: string; note: string | null; createdAt: Date }[]> {
    const p = new Params();
    const where = [`r.colleague_id = ${p.add(actor.personId)}`, this.visibleSql(actor, p)];
    return this.db.query(
      `SELECT r.id, r.vacancy_id AS "vacancyId", r.referrer_id AS "referrerId", r.note, r.created_at AS "createdAt"
         FROM vacancy_referrals r JOIN vacancies v ON v.id = r.vacancy_id WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC LIMIT 100`,
      p.values,
    );
  }

  async hasDirectReports(personId: string): Promise<boolean> {
    const [row]: { yes: boolean }[] = await this.db.query('SELECT EXISTS (SELECT 1 FROM people WHERE manager_id = $1 AND active) AS yes', [personId]);
    return row.yes;
  }

  async canPost(actor: Actor): Promise<boolean> {
    return this.policy.canPostVacancy(actor, await this.hasDirectReports(actor.personId));
  }

  // ---- writes ----

  async post(actor: Actor, cmd: PostVacancyCommand): Promise<VacancyRow> {
    this.policy.assert(actor, 'vacancy.read');
    if (!(await this.canPost(actor))) throw forbidden('Only HR (vacancy posters), managers and admins can post vacancies.');
    const title = requiredText(cmd.title, 'title', 'The title', 200);
    const departmentId = uuid(cmd.departmentId, 'departmentId', 'The department');
    if (!(await this.tree.existing([departmentId])).has(departmentId)) throw badInput('Unknown department.', { field: 'departmentId', messageKey: 'input.unknownChoice' });
    const location = requiredText(cmd.location, 'location', 'The location', 100);
    if (!Number.isInteger(cmd.hoursPerWeek) || (cmd.hoursPerWeek as number) < 1 || (cmd.hoursPerWeek as number) > 40) {
      throw badInput('Hours per week must be a whole number from 1 to 40.', { field: 'hoursPerWeek', messageKey: 'input.numberRange' });
    }
    if (typeof cmd.employmentType !== 'string' || !EMPLOYMENT_TYPES.includes(cmd.employmentType)) {
      throw badInput('Choose the employment type offered: employee, contractor or freelancer.', { field: 'employmentType', messageKey: 'input.unknownChoice' });
    }
    const description = sanitizeDescription(cmd.description);
    if (typeof cmd.closesOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(cmd.closesOn) || Number.isNaN(Date.parse(`${cmd.closesOn}T00:00:00Z`)) || new Date(`${cmd.closesOn}T00:00:00Z`).toISOString().slice(0, 10) !== cmd.closesOn) {
      throw badInput('The closing date must be a date, YYYY-MM-DD.', { field: 'closesOn', messageKey: 'input.invalidDate' });
    }
    if (cmd.closesOn <= todayInAmsterdam()) throw badInput('The closing date must be in the future.', { field: 'closesOn', messageKey: 'input.dateInFuture' });
    const contactId = uuid(cmd.contactId, 'contactId', 'The contact person');
    const [contact] = await this.people.findByIds([contactId]);
    if (!contact || !contact.active) throw badInput('The contact person must be an active colleague.', { field: 'contactId' });
    if (cmd.openToExternals !== undefined && cmd.openToExternals !== null && typeof cmd.openToExternals !== 'boolean') {
      throw badInput('openToExternals must be true or false.', { field: 'openToExternals', messageKey: 'input.unknownChoice' });
    }
    const openToExternals = cmd.openToExternals === true;
    const vacancy = await this.db.transaction(async (em) => {
      const [row]: VacancyRow[] = await em.query(
        `INSERT INTO vacancies AS v (title, department_id, location, hours_per_week, employment_type, description_html, search_text, closes_on, contact_id, poster_id, open_to_externals)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
        [title, departmentId, location, cmd.hoursPerWeek, cmd.employmentType, description.html, [title, location, description.text].join('\n'), cmd.closesOn, contactId, actor.personId, openToExternals],
      );
      await appendLiveEvents(em, [{ audience: liveAudience(row), type: 'vacancy.posted', payload: { id: row.id, title: row.title, departmentId: row.departmentId, location: row.location, hoursPerWeek: row.hoursPerWeek, closesOn: row.closesOn } }]);
      // Nobody has a saved search: skip the job (most posts, on most days). Queued with the vacancy.
      const [{ any }]: { any: boolean }[] = await em.query('SELECT EXISTS (SELECT 1 FROM vacancy_searches) AS any');
      if (any) await this.queue.sendIn<VacancyMatchJob>(em, VACANCY_MATCH_JOB, { vacancyId: row.id });
      return row;
    });
    return vacancy;
  }

  async close(actor: Actor, id: string): Promise<VacancyRow> {
    return this.db.transaction(async (em) => {
      const vacancy = await this.get(actor, id, em, true);
      if (!this.policy.canCloseVacancy(actor, vacancy)) throw forbidden('Only the poster, the contact person or an admin can close this vacancy.');
      if (vacancy.status === VacancyStatus.CLOSED) return vacancy;
      const [[row]]: [VacancyRow[], number] = await em.query(`UPDATE vacancies v SET status = 'closed', closed_at = now() WHERE v.id = $1 RETURNING ${COLUMNS}`, [vacancy.id]);
      await appendLiveEvents(em, [{ audience: liveAudience(row), type: 'vacancy.closed', payload: { id: row.id } }]);
      return row;
    });
  }

  async save(actor: Actor, id: string, on: boolean): Promise<VacancyRow> {
    const vacancy = await this.get(actor, id);
    if (on) await this.db.query('INSERT INTO vacancy_saves (person_id, vacancy_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [actor.personId, vacancy.id]);
    else await this.db.query('DELETE FROM vacancy_saves WHERE person_id = $1 AND vacancy_id = $2', [actor.personId, vacancy.id]);
    return vacancy;
  }

  async saveSearch(actor: Actor, raw: VacancyFilters): Promise<SavedSearchRow> {
    this.policy.assert(actor, 'vacancy.read');
    const f = await this.filters(raw);
    if (!f.query && !f.departmentId && !f.location && f.minHours === null && f.maxHours === null) {
      throw badInput('A saved search needs at least one filter.', { field: 'query', messageKey: 'input.chooseAtLeastOne' });
    }
    return this.db.transaction(async (em) => {
      // Serialise one person's saves so the limit holds under concurrent calls.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`vacancy-searches:${actor.personId}`]);
      const [{ n }]: { n: number }[] = await em.query('SELECT count(*)::int AS n FROM vacancy_searches WHERE person_id = $1', [actor.personId]);
      if (n >= SAVED_SEARCHES_MAX) throw badInput(`You can keep at most ${SAVED_SEARCHES_MAX} saved searches; delete one first.`, { field: 'query', max: SAVED_SEARCHES_MAX, messageKey: 'input.tooMany' });
      const [row]: SavedSearchRow[] = await em.query(
        `INSERT INTO vacancy_searches AS s (person_id, query, department_id, location, min_hours, max_hours) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${SEARCH_COLUMNS}`,
        [actor.personId, f.query, f.departmentId, f.location, f.minHours, f.maxHours],
      );
      return row;
    });
  }

  async deleteSearch(actor: Actor, id: string): Promise<boolean> {
    if (!isUuid(id)) throw notFound('No saved search with this id.');
    const [, n]: [unknown, number] = await this.db.query('DELETE FROM vacancy_searches WHERE id = $1 AND person_id = $2', [id, actor.personId]);
    if (!n) throw notFound('No saved search with this id.');
    return true;
  }

  /** Interest in an open vacancy, with an optional note (again: replaces the note). The contact person and the poster are notified. */
  async expressInterest(actor: Actor, id: string, rawNote: unknown, on: boolean): Promise<VacancyRow> {
    const note = on ? text(rawNote, 'note', 'The note', 0, 500) : null;
    return this.db.transaction(async (em) => {
      const vacancy = await this.get(actor, id, em);
      if (!on) {
        await em.query('DELETE FROM vacancy_interests WHERE vacancy_id = $1 AND person_id = $2', [vacancy.id, actor.personId]);
        return vacancy;
      }
      if (vacancy.status !== VacancyStatus.OPEN) throw conflict('This vacancy is closed.');
      if (vacancy.posterId === actor.personId || vacancy.contactId === actor.personId) throw badInput('This is your own vacancy.', { field: 'vacancyId', messageKey: 'input.notYourself' });
      await em.query(
        `INSERT INTO vacancy_interests (vacancy_id, person_id, note) VALUES ($1, $2, $3) ON CONFLICT (vacancy_id, person_id) DO UPDATE SET note = EXCLUDED.note`,
        [vacancy.id, actor.personId, note],
      );
      const recipients = await this.activeActors([vacancy.contactId, vacancy.posterId]);
      await this.notifications.upsertGrouped(em, recipients, NotificationKind.VACANCY_INTEREST, actor.personId, `vacancy-interest:${vacancy.id}`);
      return vacancy;
    });
  }

  /** Refer a colleague (who must be able to see the vacancy) with a personal note; the colleague is notified. */
  async refer(actor: Actor, id: string, rawColleagueId: unknown, rawNote: unknown): Promise<{ id: string; vacancyId: string; referrerId: string; colleagueId: string; note: string | null; createdAt: Date }> {
    const colleagueId = uuid(rawColleagueId, 'colleagueId', 'The colleague');
    const note = text(rawNote, 'note', 'The note', 0, 500);
    if (colleagueId === actor.personId) throw badInput('Refer a colleague, not yourself.', { field: 'colleagueId', messageKey: 'input.notYourself' });
    return this.db.transaction(async (em) => {
      const vacancy = await this.get(actor, id, em);
      if (vacancy.status !== VacancyStatus.OPEN) throw conflict('This vacancy is closed.');
      const recipients = await this.activeActors([colleagueId]);
      const colleague = recipients.get(colleagueId);
      if (!colleague) throw badInput('No active colleague with this id.', { field: 'colleagueId' });
      if (!this.policy.canSeeVacancy(colleague, vacancy)) throw badInput('This colleague cannot see this vacancy: it is not open to contractors and freelancers.', { field: 'colleagueId', messageKey: 'input.colleagueCannotSee' });
      const rows: { id: string; vacancyId: string; referrerId: string; colleagueId: string; note: string | null; createdAt: Date }[] = await em.query(
        `INSERT INTO vacancy_referrals (vacancy_id, referrer_id, colleague_id, note) VALUES ($1, $2, $3, $4)
         ON CONFLICT (vacancy_id, referrer_id, colleague_id) DO NOTHING
         RETURNING id, vacancy_id AS "vacancyId", referrer_id AS "referrerId", colleague_id AS "colleagueId", note, created_at AS "createdAt"`,
        [vacancy.id, actor.personId, colleagueId, note],
      );
      if (!rows.length) throw conflict('You already referred this colleague to this vacancy.');
      await this.notifications.upsertGrouped(em, recipients, NotificationKind.VACANCY_REFERRAL, actor.personId, `vacancy-referral:${rows[0].id}`);
      return rows[0];
    });
  }

  private async activeActors(ids: readonly string[]): Promise<Map<string, Actor>> {
    const people = await this.people.findByIds([...new Set(ids)]);
    return new Map(people.filter((p) => p.active).map((p) => [p.id, actorOf(p)]));
  }

  // ---- jobs ----

  /**
   * A new vacancy against every saved search, in one query: department (a saved department matches
   * its sub-departments: the vacancy's department chain, by recursive CTE), location, hours and Dutch
   * full text. Each owner is checked with their own actor (externals only for open-to-externals ones).
   */
  async notifyMatches(vacancyId: string): Promise<number> {
    const [vacancy] = await this.findByIds([vacancyId]);
    if (!vacancy || vacancy.status !== VacancyStatus.OPEN) return 0;
    const rows: { person_id: string }[] = await this.db.query(
      `WITH RECURSIVE up(id, depth) AS (
         SELECT $2::uuid, 0
         UNION ALL
         SELECT d.parent_id, up.depth + 1 FROM departments d JOIN up ON d.id = up.id WHERE d.parent_id IS NOT NULL AND up.depth < 50
       )
       SELECT DISTINCT s.person_id FROM vacancy_searches s, vacancies v
        WHERE v.id = $1
          AND (s.department_id IS NULL OR s.department_id IN (SELECT id FROM up))
          AND (s.location IS NULL OR lower(s.location) = lower(v.location))
          AND (s.min_hours IS NULL OR v.hours_per_week >= s.min_hours)
          AND (s.max_hours IS NULL OR v.hours_per_week <= s.max_hours)
          AND (s.query IS NULL OR to_tsvector('dutch', v.search_text) @@ websearch_to_tsquery('dutch', s.query))`,
      [vacancy.id, vacancy.departmentId],
    );
    const candidates = await this.activeActors(rows.map((r) => r.person_id).filter((id) => id !== vacancy.posterId));
    const recipients = new Map([...candidates].filter(([, a]) => this.policy.can(a, 'notification.read') && this.policy.canSeeVacancy(a, vacancy)));
    if (!recipients.size) return 0;
    return this.db.transaction((em) => this.notifications.upsertGrouped(em, recipients, NotificationKind.VACANCY_MATCH, null, `vacancy-match:${vacancy.id}`));
  }

  /** Closes every open vacancy whose closing date has come (in the Netherlands); returns how many. */
  async closeDue(now = new Date()): Promise<number> {
    return this.db.transaction(async (em) => {
      const [rows]: [{ id: string; open_to_externals: boolean }[], number] = await em.query(
        `UPDATE vacancies SET status = 'closed', closed_at = now() WHERE status = 'open' AND closes_on <= $1::date RETURNING id, open_to_externals`,
        [todayInAmsterdam(now)],
      );
      await appendLiveEvents(em, rows.map((r) => ({ audience: liveAudience({ openToExternals: r.open_to_externals }), type: 'vacancy.closed', payload: { id: r.id } })));
      return rows.length;
    });
  }
}

/**
 * The description is rich text from an editor (HTML): it goes through the blogs' sanitiser (a strict
 * allowlist: no scripts, styles, event handlers, frames or javascript: URLs), and we keep its HTML
 * and its plain text (for search).
 */
export function sanitizeDescription(raw: unknown): { html: string; text: string } {
  if (typeof raw !== 'string' || !raw.trim()) throw badInput('A vacancy needs a description.', { field: 'description', messageKey: 'input.required' });
  if (raw.length > DESCRIPTION_MAX) throw badInput(`The description can be at most ${DESCRIPTION_MAX} characters.`, { field: 'description', max: DESCRIPTION_MAX, messageKey: 'input.tooLong' });
  try {
    const body = sanitizeBody({ bodyHtml: raw });
    if (!body.text.trim()) throw badInput('The description has no text left after removing what is not allowed.', { field: 'description', messageKey: 'input.required' });
    return { html: body.html, text: body.text };
  } catch (err) {
    if (err instanceof DomainError) throw badInput(err.message.replace(/\bbody\b/g, 'description'), { field: 'description' });
    throw err;
  }
}
