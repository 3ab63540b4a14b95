import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, languageOfPerson, notFound, toCsv, type CsvValue } from '@plein/core';
import { INSIGHTS_CSV_STRINGS } from './insights-csv.strings.js';
import { PolicyService, type Actor } from '@plein/policy';
import { DataSource } from 'typeorm';
import { addressedToAuthorSql } from '@plein/blogs';
import type { AmbassadorModel, InsightsDashboardModel, InsightsSegmentModel, InsightsWeekModel } from './insights.models.js';

/** Groups smaller than this are never shown apart (folded into "other", or left out). */
export const MIN_GROUP = 5;
/** How many weeks the rollup recomputes (late likes and replies still land in their week). */
export const ROLLUP_WEEKS = 13;

interface RollupRow {
  period_start: string;
  metric: string;
  dimension: string;
  dim_value: string;
  value: number;
  population: number;
}

// People by dimension: everyone, their department, their employment type (active accounts).
const PEOPLE_DIMS = `pd AS (
    SELECT p.id, 'all'::text AS dimension, 'all'::text AS dim_value FROM people p WHERE p.active
    UNION ALL SELECT p.id, 'department', coalesce(d.name, 'none') FROM people p LEFT JOIN departments d ON d.id = p.department_id WHERE p.active
    UNION ALL SELECT p.id, 'employment_type', p.employment_type::text FROM people p WHERE p.active
  ), pop AS (SELECT dimension, dim_value, count(*)::int AS n FROM pd GROUP BY 1, 2)`;

// Every interaction between two people, with its week: replies, likes, follows.
const INTERACTIONS = `ix AS (
    SELECT r.author_id AS a, p.author_id AS b, r.created_at AS at FROM messages r JOIN messages p ON p.id = r.parent_id
     WHERE r.parent_id IS NOT NULL AND r.deleted_at IS NULL AND r.author_id <> p.author_id AND r.created_at >= $1
    UNION ALL
    SELECT l.person_id, m.author_id, l.created_at FROM message_likes l JOIN messages m ON m.id = l.message_id WHERE l.person_id <> m.author_id AND l.created_at >= $1
    UNION ALL
    SELECT f.follower_id, f.followee_id, f.created_at FROM follows f WHERE f.created_at >= $1
  ), ixd AS (
    SELECT ix.*, date_trunc('week', ix.at)::date AS w, pa.department_id IS DISTINCT FROM pb.department_id AS cross_dept
      FROM ix JOIN people pa ON pa.id = ix.a JOIN people pb ON pb.id = ix.b
  )`;

/** A manager: someone with at least one active direct report. */
const MANAGER_SQL = (person: string) => `EXISTS (SELECT 1 FROM people dr WHERE dr.manager_id = ${person} AND dr.active)`;

/**
 * Community insights, aggregates only. The worker rolls raw activity up into `insight_rollups`
 * (hourly, the last ROLLUP_WEEKS weeks recomputed in one transaction); the dashboard reads only
 * the rollups (a few hundred rows), so it answers in milliseconds whatever the history.
 */
@Injectable()
export class InsightsService {
  private readonly logger = new Logger('Insights');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
  ) {}

  /** The activity signal: one row per person per day (ActorService calls it at most once a day). */
  async recordActive(personId: string): Promise<void> {
    await this.db.query('INSERT INTO person_activity_days (person_id, day) VALUES ($1, current_date) ON CONFLICT DO NOTHING', [personId]);
  }

  /** Has a rollup run today (server date)? */
  async rolledUpToday(): Promise<boolean> {
    const [row]: { today: boolean }[] = await this.db.query('SELECT coalesce(max(computed_at) >= current_date, false) AS today FROM insight_rollups');
    return row.today;
  }

  /** An admin's "recompute now": the rollup at once, then the fresh dashboard. */
  async recompute(actor: Actor, weeks = 12): Promise<InsightsDashboardModel> {
    this.policy.assert(actor, 'insights.recompute');
    await this.rollup();
    return this.dashboard(actor, weeks);
  }

  async rollup(): Promise<number> {
    const since = new Date(Date.now() - ROLLUP_WEEKS * 7 * 86_400_000);
    return this.db.transaction(async (em) => {
      // One rollup at a time (the hourly job, a start-up run, an admin's recompute): each replaces the same rows.
      await em.query('SELECT pg_advisory_xact_lock(7446117)');
      await em.query(`DELETE FROM insight_rollups WHERE period_start >= date_trunc('week', $1::timestamptz)::date OR metric IN ('active_7d', 'active_30d', 'everyone_30d', 'managers')`, [since]);
      const insert = (sql: string) => em.query(`INSERT INTO insight_rollups (period_start, metric, dimension, dim_value, value, population) ${sql}`, [since]);
      // Adoption: active people per week, and the last 7 / 30 days now, by dimension.
      await insert(`WITH ${PEOPLE_DIMS}
        SELECT date_trunc('week', a.day)::date, 'active_people', pd.dimension, pd.dim_value, count(DISTINCT a.person_id), pop.n
          FROM person_activity_days a JOIN pd ON pd.id = a.person_id JOIN pop USING (dimension, dim_value)
         WHERE a.day >= $1::date GROUP BY 1, 3, 4, 6`);
      for (const [metric, days] of [['active_7d', 7], ['active_30d', 30]] as const) {
        await insert(`WITH ${PEOPLE_DIMS}
          SELECT current_date, '${metric}', pop.dimension, pop.dim_value,
                 (SELECT count(DISTINCT a.person_id) FROM person_activity_days a JOIN pd ON pd.id = a.person_id
                   WHERE pd.dimension = pop.dimension AND pd.dim_value = pop.dim_value AND a.day > current_date - ${days} AND $1::timestamptz IS NOT NULL),
                 pop.n FROM pop`);
      }
      // Participation: posts, replies, likes; people who posted (out of the active ones).
      await insert(`SELECT date_trunc('week', m.created_at)::date, CASE WHEN m.root_id IS NULL THEN 'messages' ELSE 'replies' END, 'all', 'all', count(*), 0
          FROM messages m WHERE m.created_at >= $1 AND m.deleted_at IS NULL AND m.reshare_of_id IS NULL GROUP BY 1, 2`);
      await insert(`SELECT date_trunc('week', l.created_at)::date, 'likes', 'all', 'all', count(*), 0 FROM message_likes l WHERE l.created_at >= $1 GROUP BY 1`);
      await insert(`SELECT w, 'posters', 'all', 'all', count(DISTINCT author_id), 0 FROM (
          SELECT date_trunc('week', m.created_at)::date AS w, m.author_id FROM messages m WHERE m.created_at >= $1 AND m.deleted_at IS NULL) x GROUP BY 1`);
      // Connection: cross-department share of interactions; pairs meeting for the first time.
      await insert(`WITH ${INTERACTIONS}
        SELECT w, 'cross_department', 'all', 'all', count(*) FILTER (WHERE cross_dept), count(*) FROM ixd GROUP BY 1`);
      await insert(`WITH ${INTERACTIONS.replace(/>= \$1/g, ">= '-infinity'")}
        SELECT w, 'new_cross_pairs', 'all', 'all', count(*), 0 FROM (
          SELECT min(w) AS w FROM ixd WHERE cross_dept GROUP BY LEAST(a, b), GREATEST(a, b)) first_met
         WHERE w >= date_trunc('week', $1::timestamptz)::date GROUP BY 1`);
      // Authenticity: reshares with a personal note; posts that are campaign copies.
      await insert(`SELECT date_trunc('week', m.created_at)::date, 'reshares_with_note', 'all', 'all', count(*) FILTER (WHERE btrim(m.body) <> ''), count(*)
          FROM messages m WHERE m.created_at >= $1 AND m.reshare_of_id IS NOT NULL AND m.deleted_at IS NULL GROUP BY 1`);
      await insert(`SELECT date_trunc('week', f.created_at)::date, 'campaign_copies', 'all', 'all', count(*) FILTER (WHERE f.campaign_id IS NOT NULL), count(*)
          FROM message_fingerprints f WHERE f.created_at >= $1 AND f.word_count > 0 GROUP BY 1`);
      // Participation in blogs; leadership engagement: managers (people with active direct reports)
      // writing, and answering the comments others leave on their posts.
      await insert(`SELECT date_trunc('week', b.published_at)::date, 'blog_posts', 'all', 'all', count(*), count(*) FILTER (WHERE ${MANAGER_SQL('b.author_id')})
          FROM blog_posts b WHERE b.status = 'published' AND b.published_at >= $1 GROUP BY 1`);
      await insert(`SELECT date_trunc('week', c.created_at)::date, 'manager_comments', 'all', 'all', count(c.answered_at), count(*)
          FROM blog_comments c JOIN blog_posts b ON b.id = c.post_id
         WHERE c.created_at >= $1 AND ${addressedToAuthorSql('c', 'b')} AND ${MANAGER_SQL('b.author_id')} GROUP BY 1`);
      await insert(`SELECT date_trunc('week', c.created_at)::date, 'manager_answer_seconds', 'all', 'all',
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.answered_at - c.created_at)), count(*)
          FROM blog_comments c JOIN blog_posts b ON b.id = c.post_id
         WHERE c.created_at >= $1 AND c.answered_at IS NOT NULL AND ${addressedToAuthorSql('c', 'b')} AND ${MANAGER_SQL('b.author_id')} GROUP BY 1`);
      // Safety: reports per week; median minutes from an item's first report to a moderator's first action.
      await insert(`SELECT date_trunc('week', r.created_at)::date, 'reports', 'all', 'all', count(*), count(DISTINCT (r.item_type, r.item_id))
          FROM moderation_reports r WHERE r.created_at >= $1 GROUP BY 1`);
      await insert(`SELECT date_trunc('week', c.first_reported_at)::date, 'first_action_minutes', 'all', 'all',
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_action_at - c.first_reported_at) / 60), count(*)
          FROM moderation_cases c WHERE c.first_reported_at >= $1 AND c.first_action_at IS NOT NULL GROUP BY 1`);
      await insert(`SELECT current_date, 'managers', 'all', 'all', count(*), 0 FROM people p WHERE p.active AND ${MANAGER_SQL('p.id')} AND $1::timestamptz IS NOT NULL`);
      // Everyone's last 30 days, next to the ambassadors'.
      await insert(`SELECT current_date, 'everyone_30d', 'all', x.k, x.v, (SELECT count(*) FROM people WHERE active) FROM (
          SELECT 'messages' AS k, count(*)::float AS v FROM messages m WHERE m.created_at > now() - interval '30 days' AND m.deleted_at IS NULL AND $1::timestamptz IS NOT NULL
          UNION ALL SELECT 'likes_received', count(*) FROM message_likes l WHERE l.created_at > now() - interval '30 days'
          UNION ALL SELECT 'followers', count(*) FROM follows f JOIN people p ON p.id = f.follower_id AND p.active) x`);
      const [{ n }]: { n: number }[] = await em.query('SELECT count(*)::int AS n FROM insight_rollups');
      this.logger.log({ msg: 'insights rolled up', rows: n });
      return n;
    });
  }

  async dashboard(actor: Actor, weeks = 12): Promise<InsightsDashboardModel> {
    this.policy.assert(actor, 'insights.read');
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) throw badInput('weeks must be between 1 and 52.', { field: 'weeks', messageKey: 'input.numberRange' });
    const rows: RollupRow[] = await this.db.query(
      `SELECT to_char(period_start, 'YYYY-MM-DD') AS period_start, metric, dimension, dim_value, value, population FROM insight_rollups
        WHERE period_start >= (date_trunc('week', now()) - make_interval(weeks => $1))::date OR metric IN ('active_7d', 'active_30d', 'everyone_30d', 'managers')`,
      [weeks - 1],
    );
    const [computed]: { at: Date | null }[] = await this.db.query('SELECT max(computed_at) AS at FROM insight_rollups');
    const get = (week: string, metric: string) => rows.find((r) => r.period_start === week && r.metric === metric && r.dimension === 'all');
    const [{ people }]: { people: number }[] = await this.db.query('SELECT count(*)::int AS people FROM people WHERE active');
    const share = (v: number, of: number) => (of > 0 ? v / of : 0);
    const managers = rows.find((r) => r.metric === 'managers')?.value ?? 0;
    // Fewer than MIN_GROUP managers and their figures would point at people: left out.
    const leaders = managers >= MIN_GROUP;
    const out: InsightsWeekModel[] = [];
    for (let i = weeks - 1; i >= 0; i--) {
      const week = mondayOf(new Date(Date.now() - i * 7 * 86_400_000));
      const active = get(week, 'active_people')?.value ?? 0;
      const cross = get(week, 'cross_department');
      const notes = get(week, 'reshares_with_note');
      const copies = get(week, 'campaign_copies');
      out.push({
        weekStart: week,
        activePeople: active,
        activeShare: share(active, get(week, 'active_people')?.population ?? people),
        postersShare: Math.min(1, share(get(week, 'posters')?.value ?? 0, active)),
        messages: get(week, 'messages')?.value ?? 0,
        replies: get(week, 'replies')?.value ?? 0,
        likes: get(week, 'likes')?.value ?? 0,
        crossDepartmentShare: share(cross?.value ?? 0, cross?.population ?? 0),
        newCrossDepartmentPairs: get(week, 'new_cross_pairs')?.value ?? 0,
        resharesWithNoteShare: share(notes?.value ?? 0, notes?.population ?? 0),
        campaignCopyShare: share(copies?.value ?? 0, copies?.population ?? 0),
        blogPosts: get(week, 'blog_posts')?.value ?? 0,
        managerBlogPosts: leaders ? (get(week, 'blog_posts')?.population ?? 0) : null,
        managerComments: leaders ? (get(week, 'manager_comments')?.population ?? 0) : null,
        managerCommentsAnsweredShare: leaders && get(week, 'manager_comments') ? share(get(week, 'manager_comments')!.value, get(week, 'manager_comments')!.population) : null,
        managerMedianSecondsToAnswer: leaders && get(week, 'manager_answer_seconds') ? Math.round(get(week, 'manager_answer_seconds')!.value) : null,
        reports: get(week, 'reports')?.value ?? 0,
        reportedItems: get(week, 'reports')?.population ?? 0,
        medianMinutesToFirstAction: get(week, 'first_action_minutes') ? Math.round(get(week, 'first_action_minutes')!.value * 10) / 10 : null,
      });
    }
    const everyone = (k: string) => {
      const r = rows.find((x) => x.metric === 'everyone_30d' && x.dim_value === k);
      return r ? share(r.value, r.population) : 0;
    };
    return {
      weeks: out,
      adoptionByDepartment: segments(rows, 'department'),
      adoptionByEmploymentType: segments(rows, 'employment_type'),
      ambassadors: await this.ambassadors(),
      everyoneMessages30d: everyone('messages'),
      everyoneLikesReceived30d: everyone('likes_received'),
      everyoneFollowers: everyone('followers'),
      managers: leaders ? managers : null,
      computedAt: computed?.at ?? null,
    };
  }

  /** The dashboard as CSV (one section per table), for spreadsheets, in the reader's language. */
  async csv(actor: Actor, weeks = 12): Promise<string> {
    const d = await this.dashboard(actor, weeks);
    const w$ = INSIGHTS_CSV_STRINGS[await languageOfPerson(this.db, actor.personId)];
    // Segment names the dashboard speaks in codes (employment types, 'other' for groups too small to show) become words.
    const segment = (name: string) => (name === 'employee' || name === 'contractor' || name === 'freelancer' || name === 'other' ? w$[name] : name);
    const rows: CsvValue[][] = [];
    const row = (cells: CsvValue[]) => rows.push(cells);
    row([
      w$.weekStart, w$.activePeople, w$.activeShare, w$.postersShare, w$.messages, w$.replies, w$.likes, w$.crossDepartmentShare, w$.newCrossDepartmentPairs,
      w$.resharesWithNoteShare, w$.campaignCopyShare, w$.blogPosts, w$.managerBlogPosts, w$.managerComments, w$.managerCommentsAnsweredShare,
      w$.managerMedianSecondsToAnswer, w$.reports, w$.reportedItems, w$.medianMinutesToFirstAction,
    ]);
    for (const w of d.weeks) {
      row([
        w.weekStart, w.activePeople, w.activeShare, w.postersShare, w.messages, w.replies, w.likes, w.crossDepartmentShare, w.newCrossDepartmentPairs,
        w.resharesWithNoteShare, w.campaignCopyShare, w.blogPosts, w.managerBlogPosts ?? '', w.managerComments ?? '', w.managerCommentsAnsweredShare ?? '',
        w.managerMedianSecondsToAnswer ?? '', w.reports, w.reportedItems, w.medianMinutesToFirstAction ?? '',
      ]);
    }
    row([]);
    row([w$.segmentKind, w$.segment, w$.people, w$.active7dShare, w$.active30dShare]);
    for (const s of d.adoptionByDepartment) row([w$.department, s.name === 'other' ? w$.other : s.name, s.people, s.active7dShare, s.active30dShare]);
    for (const s of d.adoptionByEmploymentType) row([w$.employmentType, segment(s.name), s.people, s.active7dShare, s.active30dShare]);
    row([]);
    row([w$.ambassador, w$.messages30d, w$.likesReceived30d, w$.followers]);
    for (const a of d.ambassadors) row([a.displayName, a.messages30d, a.likesReceived30d, a.followers]);
    row([w$.everyone, d.everyoneMessages30d, d.everyoneLikesReceived30d, d.everyoneFollowers]);
    return toCsv(rows);
  }

  async setAmbassador(actor: Actor, personId: string, ambassador: boolean): Promise<boolean> {
    this.policy.assert(actor, 'insights.read');
    if (!/^[0-9a-f-]{36}$/i.test(personId)) throw notFound('No person with this id.');
    const [p] = await this.db.query('SELECT 1 FROM people WHERE id = $1 AND active', [personId]);
    if (!p) throw notFound('No person with this id.');
    if (ambassador) await this.db.query('INSERT INTO ambassadors (person_id, marked_by) VALUES ($1, $2) ON CONFLICT DO NOTHING', [personId, actor.personId]);
    else await this.db.query('DELETE FROM ambassadors WHERE person_id = $1', [personId]);
    return ambassador;
  }

  async ambassadorIds(ids: readonly string[]): Promise<Set<string>> {
    const rows: { person_id: string }[] = await this.db.query('SELECT person_id FROM ambassadors WHERE person_id = ANY($1::uuid[])', [[...ids]]);
    return new Set(rows.map((r) => r.person_id));
  }

  /** Ambassadors are few (a badge), so their figures are read live from indexes. */
  async ambassadors(): Promise<AmbassadorModel[]> {
    const rows: { id: string; display_name: string; messages: number; likes: number; followers: number }[] = await this.db.query(
      `SELECT p.id, p.display_name,
              (SELECT count(*)::int FROM messages m WHERE m.author_id = p.id AND m.created_at > now() - interval '30 days' AND m.deleted_at IS NULL) AS messages,
              (SELECT coalesce(sum(m.like_count), 0)::int FROM messages m WHERE m.author_id = p.id AND m.created_at > now() - interval '30 days' AND m.deleted_at IS NULL) AS likes,
              (SELECT count(*)::int FROM follows f JOIN people fp ON fp.id = f.follower_id AND fp.active WHERE f.followee_id = p.id) AS followers
         FROM ambassadors a JOIN people p ON p.id = a.person_id AND p.active ORDER BY p.display_name`,
    );
    return rows.map((r) => ({ personId: r.id, displayName: r.display_name, messages30d: r.messages, likesReceived30d: r.likes, followers: r.followers }));
  }
}

/** Adoption per segment; segments under MIN_GROUP people fold into "other" (dropped if still too small). */
function segments(rows: RollupRow[], dimension: string): InsightsSegmentModel[] {
  const by = new Map<string, { people: number; a7: number; a30: number }>();
  for (const r of rows.filter((x) => x.dimension === dimension && (x.metric === 'active_7d' || x.metric === 'active_30d'))) {
    const name = r.population < MIN_GROUP ? 'other' : r.dim_value;
    const e = by.get(name) ?? { people: 0, a7: 0, a30: 0 };
    if (r.metric === 'active_7d') {
      e.people += r.population;
      e.a7 += r.value;
    } else e.a30 += r.value;
    by.set(name, e);
  }
  return [...by.entries()]
    .filter(([, e]) => e.people >= MIN_GROUP)
    .map(([name, e]) => ({ name, people: e.people, active7dShare: e.a7 / e.people, active30dShare: e.a30 / e.people }))
    .sort((a, b) => (a.name === 'other' ? 1 : b.name === 'other' ? -1 : a.name.localeCompare(b.name)));
}

function mondayOf(d: Date): string {
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day)).toISOString().slice(0, 10);
}
