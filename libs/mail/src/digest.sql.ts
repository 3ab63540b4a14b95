import { readerAudienceSql, readerBarrierSql, readerNoticeSql, readerVacancySql, type PolicyService, type ReaderSql } from '@plein/policy';

/**
 * The digest's one statement per batch of readers (reviewed SQL; `npm run bench:digest` times it on
 * its own). It claims the batch in the send ledger and picks every reader's items in the same
 * statement, set-based: the week's candidate items are computed once per batch (a few hundred rows)
 * and joined to the readers through the policy predicates' reader forms (libs/policy/reader-sql.ts).
 *
 * Parameters: $1 week (date, the Monday), $2 run id, $3 digest day (1 = Monday … 7), $4 the last
 * reader id of the previous batch, $5 batch size, $6 since (the week's start), $7 now, $8 the lease
 * in seconds: a row another run claimed (`sending`) is taken over only when it is older than that,
 * so a run that is slow but alive (or a job pg-boss expired and started again) is not overtaken.
 *
 * Resumable: readers with a ledger row for the week that is sent, empty or bounced, or claimed by
 * this run, are skipped; a row left `sending` or `failed` by another (crashed) run is claimed again.
 */
export function digestBatchSql(policy: PolicyService): string {
  const groups = policy.actorGroupsSql('rd.id', 'rd.payroll');
  if (!groups) throw new Error('The digest needs the groups lib (GroupsCoreModule) for readers\u2019 group membership.');
  const r: ReaderSql = { id: 'r.id', payroll: 'r.payroll', groupAudiences: 'r.group_audiences', departmentChain: 'r.dept_chain' };
  return `
WITH readers AS MATERIALIZED (
  SELECT p.id, p.email, p.language, coalesce(p.preferred_name, p.given_name) AS name, p.department_id, p.employment_type = 'employee' AS payroll
    FROM people p LEFT JOIN mail_people mp ON mp.person_id = p.id
   WHERE p.active AND p.id > $4::uuid AND coalesce(mp.digest_day, 1) = $3
     AND NOT ('digest' = ANY(coalesce(mp.disabled_kinds, '{}'))) AND mp.bounced_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM mail_digest_ledger l WHERE l.week = $1::date AND l.person_id = p.id AND (l.status IN ('sent', 'empty', 'bounced') OR l.run_id = $2::uuid))
   ORDER BY p.id LIMIT $5
), claimed AS (
  INSERT INTO mail_digest_ledger (week, person_id, run_id, status)
  SELECT $1::date, id, $2::uuid, 'sending' FROM readers
  ON CONFLICT (week, person_id) DO UPDATE SET run_id = EXCLUDED.run_id, status = 'sending', claimed_at = now(), error = NULL
   WHERE mail_digest_ledger.status IN ('sending', 'failed') AND mail_digest_ledger.run_id <> EXCLUDED.run_id
     AND (mail_digest_ledger.status = 'failed' OR mail_digest_ledger.claimed_at < now() - $8 * interval '1 second')
  RETURNING person_id
), r AS MATERIALIZED (
  SELECT rd.*, (c.person_id IS NOT NULL) AS claimed,
         ARRAY(SELECT 'group:' || g FROM unnest(${groups.readable}) g) AS group_audiences,
         ARRAY(WITH RECURSIVE chain(id, parent_id) AS (
                 SELECT d.id, d.parent_id FROM departments d WHERE d.id = rd.department_id
                 UNION SELECT d.id, d.parent_id FROM departments d JOIN chain ON d.id = chain.parent_id)
               SELECT id FROM chain) AS dept_chain
    FROM readers rd LEFT JOIN claimed c ON c.person_id = rd.id
), featured AS MATERIALIZED (
  SELECT bp.id, bp.title, bp.audience, bp.author_id, bp.featured_from FROM blog_posts bp
   WHERE bp.status = 'published' AND bp.moderation_state = 'visible' AND bp.featured_from <= $7 AND (bp.featured_until IS NULL OR bp.featured_until > $6)
   ORDER BY bp.featured_from DESC, bp.id LIMIT 50
), lively AS MATERIALIZED (
  -- A reader shows 3 conversations: the top 3 of each followed author hold theirs, and the top 10 of
  -- each group leave room for the ones a barrier or an audience filters out. Keeps the join per
  -- batch small however big a group is.
  SELECT t.* FROM (
    SELECT m.id, m.author_id, m.audience, left(m.body, 160) AS body, m.reply_count, m.like_count,
           row_number() OVER (PARTITION BY m.audience ORDER BY m.reply_count DESC, m.like_count DESC, m.id) AS rn_audience,
           row_number() OVER (PARTITION BY m.author_id ORDER BY m.reply_count DESC, m.like_count DESC, m.id) AS rn_author
      FROM (SELECT * FROM messages m
             WHERE m.created_at >= $6 AND m.created_at <= $7 AND m.root_id IS NULL AND m.reshare_of_id IS NULL AND m.deleted_at IS NULL
               AND m.moderation_state = 'visible' AND m.reply_count > 0
             ORDER BY m.reply_count DESC, m.like_count DESC, m.id LIMIT 5000) m) t
   WHERE t.rn_author <= 3 OR (t.audience LIKE 'group:%' AND t.rn_audience <= 10)
), conv AS (
  SELECT x.reader, x.id, x.author_id, x.audience, x.body, x.reply_count,
         row_number() OVER (PARTITION BY x.reader ORDER BY x.reply_count DESC, x.like_count DESC, x.id) AS rn
    FROM (SELECT r.id AS reader, l.id, l.author_id, l.audience, l.body, l.reply_count, l.like_count
            FROM r CROSS JOIN LATERAL unnest(r.group_audiences) ga(aud) JOIN lively l ON l.audience = ga.aud AND l.rn_audience <= 10
          UNION
          SELECT r.id, l.id, l.author_id, l.audience, l.body, l.reply_count, l.like_count
            FROM r JOIN follows f ON f.follower_id = r.id JOIN lively l ON l.author_id = f.followee_id AND l.rn_author <= 3) x
    JOIN r ON r.id = x.reader
   WHERE x.author_id <> r.id AND ${readerAudienceSql(r, 'x.audience')} AND ${readerBarrierSql(r, 'x.author_id')}
), conv_agg AS (
  SELECT c.reader, json_agg(json_build_object('id', c.id, 'audience', c.audience, 'body', c.body, 'replies', c.reply_count, 'authorId', c.author_id, 'author', a.display_name) ORDER BY c.rn) AS items
    FROM conv c JOIN people a ON a.id = c.author_id WHERE c.rn <= 3 GROUP BY c.reader
), open_notices AS MATERIALIZED (
  SELECT n.id, n.title, n.audience, n.department_ids, n.author_id, n.services, n.severity, n.starts_at FROM notices n
   WHERE n.resolved_at IS NULL AND n.status <> 'resolved' AND n.starts_at <= $7
   ORDER BY n.starts_at DESC, n.id LIMIT 200
), new_vacancies AS MATERIALIZED (
  SELECT v.id, v.title, v.department_id, v.open_to_externals, v.poster_id, v.contact_id, v.closes_on, v.created_at FROM vacancies v
   WHERE v.status = 'open' AND v.closes_on >= $7::date AND v.created_at >= $6 AND v.created_at <= $7
   ORDER BY v.created_at DESC, v.id LIMIT 200
)
SELECT r.id, r.email, r.language, r.name, r.claimed,
  coalesce((SELECT json_agg(json_build_object('id', f.id, 'title', f.title, 'author', a.display_name) ORDER BY f.featured_from DESC, f.id)
     FROM (SELECT f.* FROM featured f WHERE ${readerAudienceSql(r, 'f.audience')} AND ${readerBarrierSql(r, 'f.author_id')} ORDER BY f.featured_from DESC, f.id LIMIT 3) f
     JOIN people a ON a.id = f.author_id), '[]') AS featured,
  coalesce(ca.items, '[]') AS conversations,
  coalesce((SELECT json_agg(json_build_object('id', n.id, 'title', n.title, 'severity', n.severity) ORDER BY n.starts_at DESC, n.id)
     FROM (SELECT n.* FROM open_notices n WHERE ${readerNoticeSql(r, 'n')}
              -- Only outages that affect the reader: company-wide ones (no departments named), their
              -- department's, and those they follow (the notice or one of its services).
              AND (cardinality(n.department_ids) = 0 OR n.department_ids && r.dept_chain
                   OR EXISTS (SELECT 1 FROM notice_follows nf WHERE nf.notice_id = n.id AND nf.person_id = r.id)
                   OR EXISTS (SELECT 1 FROM service_follows sf WHERE sf.person_id = r.id AND sf.service = ANY(n.services)))
            ORDER BY n.starts_at DESC, n.id LIMIT 3) n), '[]') AS notices,
  coalesce((SELECT json_agg(json_build_object('id', v.id, 'title', v.title, 'closesOn', v.closes_on) ORDER BY v.own DESC, v.created_at DESC, v.id)
     FROM (SELECT v.*, (v.department_id = ANY(r.dept_chain)) AS own FROM new_vacancies v
            WHERE ${readerVacancySql(r, 'v')} ORDER BY own DESC, v.created_at DESC, v.id LIMIT 3) v), '[]') AS vacancies,
  coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.display_name, 'jobTitle', c.job_title) ORDER BY c.display_name, c.id)
     FROM (SELECT c.id, c.display_name, c.job_title FROM people c
            WHERE c.department_id = r.department_id AND c.active AND c.id <> r.id
              AND (c.start_date BETWEEN $6::date AND $7::date OR (c.start_date IS NULL AND c.created_at BETWEEN $6 AND $7))
              AND ${readerBarrierSql(r, 'c.id')}
            ORDER BY c.display_name, c.id LIMIT 5) c), '[]') AS colleagues,
  (SELECT count(DISTINCT br.person_id)::int FROM blog_posts bp JOIN blog_post_reads br ON br.post_id = bp.id
    WHERE bp.author_id = r.id AND br.first_read_at >= $6 AND br.person_id <> r.id) AS readers,
  (SELECT count(DISTINCT who)::int FROM (
     SELECT m2.author_id AS who FROM messages m1 JOIN messages m2 ON m2.root_id = m1.id
      WHERE m1.author_id = r.id AND m1.created_at >= $6::timestamptz - interval '28 days' AND m2.created_at >= $6 AND m2.author_id <> r.id AND m2.deleted_at IS NULL
     UNION
     SELECT bc.author_id FROM blog_posts bp JOIN blog_comments bc ON bc.post_id = bp.id
      WHERE bp.author_id = r.id AND bc.created_at >= $6 AND bc.author_id <> r.id) w) AS answerers
FROM r LEFT JOIN conv_agg ca ON ca.reader = r.id
ORDER BY r.id`;
}

/** One reader's row as the batch statement returns it. */
export interface DigestRow {
  id: string;
  email: string;
  language: string;
  name: string;
  claimed: boolean;
  featured: { id: string; title: string; author: string }[];
  conversations: { id: string; audience: string; body: string; replies: number; authorId: string; author: string }[];
  notices: { id: string; title: string; severity: string }[];
  vacancies: { id: string; title: string; closesOn: string }[];
  colleagues: { id: string; name: string; jobTitle: string | null }[];
  readers: number;
  answerers: number;
}
