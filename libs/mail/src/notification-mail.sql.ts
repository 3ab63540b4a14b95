import { readerAudienceSql, readerBarrierSql, type PolicyService, type ReaderSql } from '@plein/policy';
import { NOTIFICATION_KINDS_BY_MAIL_KIND } from './mail-kinds.js';

/** Notification kinds that mail at all (likes, follows, reshares and vacancy matches stay in the app). */
export const MAILED_NOTIFICATION_KINDS = Object.values(NOTIFICATION_KINDS_BY_MAIL_KIND).flat();

const MAIL_KIND_OF = `CASE ${Object.entries(NOTIFICATION_KINDS_BY_MAIL_KIND)
  .map(([mailKind, kinds]) => `WHEN n.kind IN (${kinds.map((k) => `'${k}'`).join(', ')}) THEN '${mailKind}'`)
  .join(' ')} END`;

/**
 * One statement per batch of people who are due a notification mail, with their items.
 *
 * Due: active, address not bounced, not mailed in the last `$2` seconds (one mail per 15 minutes at
 * most), not seen online in the last `$3` seconds (the api's presence heartbeat), and with something
 * new: an unread notification of a mailed kind, or a join request to a group they run, older than
 * `$4` seconds (so what is read at once never mails) and newer than what they were last mailed or
 * last seen online (what they saw in the web app).
 *
 * Parameters: $1 now, $2 batching window s, $3 presence window s, $4 settle s, $5 last id of the
 * previous batch, $6 batch size, $7 mailed notification kinds.
 */
export function notificationMailSql(policy: PolicyService): string {
  const groups = policy.actorGroupsSql('p.id', "p.employment_type = 'employee'");
  if (!groups) throw new Error('Notification mail needs the groups lib (GroupsCoreModule) for readers\u2019 group membership.');
  const r: ReaderSql = { id: 'd.id', payroll: 'd.payroll', groupAudiences: 'd.group_audiences', departmentChain: `'{}'::uuid[]` };
  return `
WITH due AS MATERIALIZED (
  SELECT p.id, p.email, p.language, coalesce(p.preferred_name, p.given_name) AS name, p.employment_type = 'employee' AS payroll,
         greatest(coalesce(mp.mailed_until, $1::timestamptz - interval '2 days'), coalesce(mp.last_seen_at, '-infinity'), $1::timestamptz - interval '2 days') AS since,
         coalesce(mp.disabled_kinds, '{}') AS disabled,
         ARRAY(SELECT 'group:' || g FROM unnest(${groups.readable}) g) AS group_audiences
    FROM people p LEFT JOIN mail_people mp ON mp.person_id = p.id
   WHERE p.active AND p.id > $5::uuid AND mp.bounced_at IS NULL
     AND (mp.last_mailed_at IS NULL OR mp.last_mailed_at <= $1::timestamptz - $2 * interval '1 second')
     AND (mp.last_seen_at IS NULL OR mp.last_seen_at < $1::timestamptz - $3 * interval '1 second')
     AND (p.id IN (SELECT n.recipient_id FROM notifications n
                    WHERE n.read_at IS NULL AND n.updated_at > $1::timestamptz - interval '2 days' AND n.updated_at <= $1::timestamptz - $4 * interval '1 second'
                      AND n.kind = ANY($7::text[]))
          OR p.id IN (SELECT adm.person_id FROM group_memberships jr
                        JOIN group_memberships adm ON adm.group_id = jr.group_id AND adm.status = 'active' AND adm.role IN ('owner', 'admin')
                       WHERE jr.status = 'requested' AND jr.created_at > $1::timestamptz - interval '2 days' AND jr.created_at <= $1::timestamptz - $4 * interval '1 second'))
   ORDER BY p.id LIMIT $6
), items AS (
  SELECT d.id AS reader, ${MAIL_KIND_OF} AS kind, n.updated_at AS at, a.display_name AS actor, left(m.body, 160) AS body,
         n.message_id AS "messageId", m.audience, m.author_id AS "authorId", n.group_key AS "groupKey", bc.post_id AS "postId", NULL::uuid AS "groupId", NULL::text AS "groupName"
    FROM due d
    JOIN notifications n ON n.recipient_id = d.id AND n.read_at IS NULL AND n.updated_at > d.since
                        AND n.updated_at <= $1::timestamptz - $4 * interval '1 second' AND n.kind = ANY($7::text[])
    LEFT JOIN people a ON a.id = n.actor_ids[1]
    LEFT JOIN messages m ON m.id = n.message_id
    LEFT JOIN blog_comments bc ON bc.id = CASE WHEN n.group_key LIKE 'blog-comment:%' OR n.group_key LIKE 'blog-mention:%' THEN substr(n.group_key, 14)::uuid END
    LEFT JOIN blog_posts bcp ON bcp.id = bc.post_id
   WHERE NOT (${MAIL_KIND_OF} = ANY(d.disabled))
     AND (n.message_id IS NULL OR (m.deleted_at IS NULL AND m.moderation_state = 'visible' AND ${readerAudienceSql(r, 'm.audience')} AND ${readerBarrierSql(r, 'm.author_id')}))
     AND (bc.id IS NULL OR (bc.moderation_state = 'visible' AND bcp.moderation_state = 'visible' AND ${readerAudienceSql(r, 'bcp.audience')}))
  UNION ALL
  SELECT d.id, 'join_request', jr.created_at, a.display_name, NULL, NULL, NULL, NULL, NULL, NULL, g.id, g.name
    FROM due d
    JOIN group_memberships adm ON adm.person_id = d.id AND adm.status = 'active' AND adm.role IN ('owner', 'admin')
    JOIN groups g ON g.id = adm.group_id AND g.deleted_at IS NULL
    JOIN group_memberships jr ON jr.group_id = adm.group_id AND jr.status = 'requested' AND jr.created_at > d.since AND jr.created_at <= $1::timestamptz - $4 * interval '1 second'
    JOIN people a ON a.id = jr.person_id
   WHERE NOT ('join_request' = ANY(d.disabled))
)
SELECT d.id, d.email, d.language, d.name,
       coalesce((SELECT json_agg(to_jsonb(i) - 'reader' ORDER BY i.at DESC) FROM items i WHERE i.reader = d.id), '[]') AS items
  FROM due d ORDER BY d.id`;
}

export interface NotificationMailItem {
  kind: 'mention' | 'reply' | 'blog_comment' | 'join_request' | 'moderation' | 'notice';
  at: string;
  actor: string | null;
  body: string | null;
  messageId: string | null;
  audience: string | null;
  authorId: string | null;
  groupKey: string | null;
  postId: string | null;
  groupId: string | null;
  groupName: string | null;
}

export interface NotificationMailRow {
  id: string;
  email: string;
  language: string;
  name: string;
  items: NotificationMailItem[];
}
