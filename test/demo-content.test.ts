import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedOrganisation } from '@plein/directory';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../orm.js';
import { seedDemoContent } from '../seed/demo-content.js';
import { DEMO_DEPARTMENTS, DEMO_PEOPLE } from '../seed/demo-org.js';
import { bootApp, type TestApp } from './support/app.js';
import { createMigratedDatabase } from './support/database.js';

/**
 * The living demo (issue 17): the rich content is opt-in for tests (SEED_DEMO_CONTENT; the other
 * suites keep a clean organisation), so this suite asks for it and checks its shape through the
 * real start path and the GraphQL API, then seeds it twice more to prove it is deterministic.
 */
describe('the living demo organisation', () => {
  let app: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    app = await bootApp({ SEED_DEMO_CONTENT: 'true' });
    db = new DataSource(dataSourceOptions(app.databaseUrl));
    await db.initialize();
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    await app?.close();
  });

  it('has a few hundred messages of the past six weeks by most of the people, with replies, likes, reshares, mentions, hashtags and pictures', async () => {
    const [m] = await db.query(`SELECT count(*)::int AS total, count(DISTINCT author_id)::int AS authors,
        count(*) FILTER (WHERE root_id IS NOT NULL)::int AS replies, count(*) FILTER (WHERE reshare_of_id IS NOT NULL)::int AS reshares,
        count(*) FILTER (WHERE reshare_of_id IS NOT NULL AND body <> '')::int AS notes, count(*) FILTER (WHERE audience = 'employees')::int AS payroll,
        min(created_at) > now() - interval '43 days' AS recent, max(created_at) < now() AS past FROM messages`);
    expect(m.total).toBeGreaterThanOrEqual(300);
    expect(m.authors).toBeGreaterThanOrEqual(50); // most of the 71 people in the database
    expect(m.replies).toBeGreaterThan(100);
    expect(m.reshares).toBeGreaterThan(10);
    expect(m.notes).toBeGreaterThan(5);
    expect(m.payroll).toBeGreaterThanOrEqual(3);
    expect(m.recent).toBe(true);
    expect(m.past).toBe(true);
    const [x] = await db.query(`SELECT (SELECT count(*) FROM message_likes)::int AS likes, (SELECT count(*) FROM message_mentions)::int AS mentions,
        (SELECT count(DISTINCT tag) FROM message_hashtags)::int AS tags, (SELECT count(*) FROM message_images)::int AS images,
        (SELECT count(*) FROM follows)::int AS follows, (SELECT count(*) FROM people WHERE photo_id IS NOT NULL)::int AS photos`);
    expect(x.likes).toBeGreaterThan(500);
    expect(x.mentions).toBeGreaterThan(5);
    expect(x.tags).toBeGreaterThan(15);
    expect(x.images).toBeGreaterThanOrEqual(3);
    expect(x.follows).toBeGreaterThan(200);
    expect(x.photos).toBeGreaterThanOrEqual(10); // HR's photos, through the photos service
  });

  it('shows its feed to demo.employee through the API, pictures included', async () => {
    const { accessToken } = await app.login('demo.employee');
    const res = await app.gql(`{ companyFeed(first: 100) { edges { node { id text images { id } } } } }`, {}, accessToken);
    expect(res.body.errors).toBeUndefined();
    const edges = (res.body.data as { companyFeed: { edges: { node: { text: string; images: { id: string }[] } }[] } }).companyFeed.edges;
    expect(edges.length).toBe(100);
    expect(edges.some((e) => e.node.images.length > 0)).toBe(true);
  });

  it('has a copy-paste campaign with copies and personal posts, and the iPhone group as the biggest group', async () => {
    const [c] = await db.query(`SELECT max(size)::int AS size FROM campaigns`);
    expect(c.size).toBeGreaterThanOrEqual(8);
    const groups: { name: string; kind: string; payroll_only: boolean; member_count: number }[] = await db.query(
      'SELECT name, kind, payroll_only, member_count FROM groups ORDER BY member_count DESC',
    );
    expect(groups[0].name).toBe('iPhone-gebruikers');
    expect(groups.map((g) => g.kind)).toEqual(expect.arrayContaining(['open', 'closed', 'secret']));
    expect(groups.some((g) => g.payroll_only)).toBe(true);
    // member_count agrees with the memberships
    const [bad] = await db.query(`SELECT count(*)::int AS n FROM groups g WHERE member_count <> (SELECT count(*) FROM group_memberships m WHERE m.group_id = g.id AND m.status = 'active')`);
    expect(bad.n).toBe(0);
  });

  it('has a join request waiting for demo.employee, the closed project group\'s owner', async () => {
    const { accessToken } = await app.login('demo.employee');
    const list = await app.gql(`{ myGroups(first: 20) { edges { node { id name kind } } } }`, {}, accessToken);
    const project = (list.body.data as { myGroups: { edges: { node: { id: string; kind: string } }[] } }).myGroups.edges.find((e) => e.node.kind === 'CLOSED');
    expect(project).toBeDefined();
    const members = await app.gql(`query($id: ID!) { group(id: $id) { members(status: REQUESTED, first: 10) { edges { node { status } } } } }`, { id: project!.node.id }, accessToken);
    expect(members.body.errors).toBeUndefined();
    expect((members.body.data as { group: { members: { edges: unknown[] } } }).group.members.edges).toHaveLength(1);
  });

  it('has blogs: the HR director on the labour agreement with critical comments mostly answered, a featured post and a scheduled one', async () => {
    const [hr] = await db.query(`SELECT p.comment_count, (SELECT count(*)::int FROM blog_comments c WHERE c.post_id = p.id AND c.parent_id IS NULL) AS questions,
        (SELECT count(*)::int FROM blog_comments c WHERE c.post_id = p.id AND c.parent_id IS NULL AND c.answered_at IS NOT NULL) AS answered
        FROM blog_posts p JOIN people a ON a.id = p.author_id WHERE a.uid = 'demo.hr' AND p.title ILIKE '%cao%'`);
    expect(hr.questions).toBeGreaterThanOrEqual(4);
    expect(hr.answered / hr.questions).toBeGreaterThan(0.5);
    const { accessToken } = await app.login('demo.employee');
    const featured = await app.gql(`{ featuredPosts { id title } }`, {}, accessToken);
    expect(featured.body.errors).toBeUndefined();
    expect((featured.body.data as { featuredPosts: unknown[] }).featuredPosts.length).toBeGreaterThanOrEqual(1);
    const [s] = await db.query(`SELECT count(*)::int AS n FROM blog_posts WHERE status = 'scheduled' AND publish_at > now()`);
    expect(s.n).toBe(1);
  });

  it('has an outage with its timeline, two vacancies (one open to externals) and an information barrier', async () => {
    const [n] = await db.query(`SELECT count(*)::int AS updates FROM notice_updates u JOIN notices n ON n.id = u.notice_id WHERE n.status = 'resolved'`);
    expect(n.updates).toBe(4);
    const vacancies: { open_to_externals: boolean }[] = await db.query(`SELECT open_to_externals FROM vacancies WHERE status = 'open'`);
    expect(vacancies.map((v) => v.open_to_externals).sort()).toEqual([false, true]);
    const [b] = await db.query(`SELECT count(*)::int AS barriers, (SELECT count(*)::int FROM barrier_segment_members) AS members FROM barriers`);
    expect(b.barriers).toBe(1);
    expect(b.members).toBeGreaterThan(4);
    // nothing seeded crosses it: no follows, likes or replies between the two segments
    const [cross] = await db.query(`SELECT
        (SELECT count(*) FROM follows f WHERE NOT plein_barrier_can_interact(f.follower_id, f.followee_id))::int AS follows,
        (SELECT count(*) FROM message_likes l JOIN messages m ON m.id = l.message_id WHERE NOT plein_barrier_can_interact(l.person_id, m.author_id))::int AS likes,
        (SELECT count(*) FROM messages r JOIN messages p ON p.id = r.root_id WHERE NOT plein_barrier_can_interact(r.author_id, p.author_id))::int AS replies`);
    expect(cross).toEqual({ follows: 0, likes: 0, replies: 0 });
  });

  it('has a report waiting in the moderation queue and one decided', async () => {
    const { accessToken } = await app.login('demo.moderator');
    const res = await app.gql(`{ moderationQueue(first: 10) { firstReportedAt } }`, {}, accessToken);
    expect(res.body.errors).toBeUndefined();
    expect((res.body.data as { moderationQueue: unknown[] }).moderationQueue).toHaveLength(1);
    const [d] = await db.query(`SELECT count(*)::int AS n FROM moderation_cases WHERE status = 'closed' AND first_action_at IS NOT NULL`);
    expect(d.n).toBe(1);
  });

  it('has insights computed at once: figures are non-zero', async () => {
    const { accessToken } = await app.login('demo.moderator');
    const res = await app.gql(`{ insightsDashboard(weeks: 6) { computedAt weeks { activePeople messages likes campaignCopyShare } adoptionByDepartment { name active30dShare } } }`, {}, accessToken);
    expect(res.body.errors).toBeUndefined();
    const d = (res.body.data as { insightsDashboard: { computedAt: string | null; weeks: { activePeople: number; messages: number; likes: number; campaignCopyShare: number }[]; adoptionByDepartment: { active30dShare: number }[] } }).insightsDashboard;
    expect(d.computedAt).not.toBeNull();
    expect(d.weeks.filter((w) => w.activePeople > 0).length).toBeGreaterThanOrEqual(5);
    expect(d.weeks.reduce((s, w) => s + w.messages, 0)).toBeGreaterThan(50);
    expect(d.weeks.reduce((s, w) => s + w.likes, 0)).toBeGreaterThan(100);
    expect(d.weeks.some((w) => w.campaignCopyShare > 0)).toBe(true);
    expect(d.adoptionByDepartment.some((s) => s.active30dShare > 0)).toBe(true);
  });

  it('is deterministic: two seeds at the same moment give the same content', async () => {
    const now = new Date('2026-11-30T10:00:00Z');
    const contents: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const { ds } = await createMigratedDatabase('demo');
      try {
        await seedOrganisation(ds, DEMO_DEPARTMENTS, DEMO_PEOPLE.filter((p) => !p.ldapOnly));
        await seedDemoContent(ds, { now });
        contents.push(await ds.query(`SELECT
          (SELECT json_agg(x ORDER BY x) FROM (SELECT a.uid || '|' || m.audience LIKE 'group:%' || '|' || m.body || '|' || m.created_at || '|' || m.like_count || '|' || m.reply_count || '|' || coalesce(r.body, '') AS x
             FROM messages m JOIN people a ON a.id = m.author_id LEFT JOIN messages r ON r.id = coalesce(m.root_id, m.reshare_of_id)) s) AS messages,
          (SELECT json_agg(x ORDER BY x) FROM (SELECT a.uid || '>' || b.uid AS x FROM follows f JOIN people a ON a.id = f.follower_id JOIN people b ON b.id = f.followee_id) s) AS follows,
          (SELECT json_agg(x ORDER BY x) FROM (SELECT g.name || '|' || p.uid || '|' || m.status AS x FROM group_memberships m JOIN groups g ON g.id = m.group_id JOIN people p ON p.id = m.person_id) s) AS memberships,
          (SELECT json_agg(x ORDER BY x) FROM (SELECT c.body || '|' || p.uid AS x FROM blog_comments c JOIN people p ON p.id = c.author_id) s) AS comments,
          (SELECT json_agg(size ORDER BY size) FROM campaigns) AS campaigns`));
      } finally {
        await ds.destroy();
      }
    }
    expect((contents[0] as { messages: unknown[] }[])[0].messages.length).toBeGreaterThan(300);
    expect(contents[1]).toEqual(contents[0]);
  }, 120_000);
});
