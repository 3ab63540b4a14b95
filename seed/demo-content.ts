/**
 * The living demo: six weeks of a company using Plein, seeded once onto the freshly seeded demo
 * organisation (see prepareDatabase). Messages with replies, likes, reshares, mentions, hashtags and
 * a few images drawn by the seed itself; a copy-paste campaign with personal versions; groups of
 * every kind; blogs with answered comments, a featured and a scheduled post; an outage notice,
 * vacancies, a moderation queue, an information barrier; insights rolled up at the end.
 *
 * Deterministic: one fixed-seed random stream decides everything, people are taken in uid order,
 * and times are offsets from `now`, so two seeds give the same content (ids aside).
 *
 * Rows are built in memory and written set-based (one `jsonb_populate_recordset` insert per table,
 * counters in one UPDATE each): a few hundred service calls with their events would take far
 * longer than the 10 s budget. The parts with rules of their own go through their domain code:
 * message entities through `parseMessageText`, campaign detection through `CampaignsService.assign`,
 * the barrier's segment membership through `plein_barrier_refresh_departments()`, and the insights
 * through `InsightsService.rollup`.
 */
import { randomUUID } from 'node:crypto';
import { PhotosService } from '@plein/directory';
import { CampaignsService, InsightsService } from '@plein/insights';
import { MESSAGE_INSIGHTS, parseMessageText, type ParsedText } from '@plein/messages';
import { BLOG_POST_INSIGHTS } from '@plein/blogs';
import type { ContentKinds } from '@plein/policy';
import { loadSharp } from '@plein/core';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ACTIVE_NOTICE,
  CAMPAIGN_PERSONAL,
  CAMPAIGN_TEXT,
  COMPANY_POSTS,
  DECIDED_TEXT,
  EMPLOYEE_POSTS,
  FEATURED_BLOG,
  GROUP_POSTS,
  HEADLINES,
  HR_BLOG,
  OTHER_BLOGS,
  OUTAGE,
  REPLIES,
  REPORTED_TEXT,
  RESHARE_NOTES,
  SCHEDULED_BLOG,
  VACANCIES,
} from './demo-texts.js';

/** The seed of the random stream: change it and the whole demo changes. */
export const DEMO_RANDOM_SEED = 17;
const DAY = 86_400_000;
const MIN = 60_000;
/** How far back the demo's history reaches. */
const HISTORY_DAYS = 42;

export interface DemoContentSummary {
  messages: number;
  likes: number;
  follows: number;
  groups: number;
  blogPosts: number;
  ms: number;
  /** Milliseconds per phase: building and writing the content, campaign detection, the insights rollup. */
  phases: { content: number; campaigns: number; insights: number };
}

interface P {
  id: string;
  uid: string;
  dept: string;
  deptId: string;
  deptName: string;
  type: 'employee' | 'contractor' | 'freelancer';
  managerId: string | null;
  location: string;
}

interface Msg {
  id: string;
  author_id: string;
  audience: string;
  body: string;
  entities: unknown;
  root_id: string | null;
  parent_id: string | null;
  reshare_of_id: string | null;
  created_at: string;
  moderation_state?: string;
  moderation_reason?: string | null;
  tags: string[];
  mentionIds: string[];
}

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const sample = <T>(xs: readonly T[], n: number): T[] => {
    const copy = [...xs];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, Math.max(0, Math.min(n, copy.length)));
  };
  return { next, int, pick, sample };
}

/** Inserts rows into a table in one statement; the row objects' keys are the column names. */
async function insert(em: EntityManager, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const cols = Object.keys(rows[0]);
  const list = cols.map((c) => `"${c}"`).join(', ');
  await em.query(`INSERT INTO ${table} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [JSON.stringify(rows)]);
}

/** A picture for a message, drawn from SVG (no files shipped): a sky, hills, a mast and a caption. */
async function picture(caption: string, hue: number): Promise<{ bytes: Buffer; width: number; height: number }> {
  const width = 1200;
  const height = 800;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="hsl(${hue},70%,62%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},80%,85%)"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#sky)"/>
    <circle cx="960" cy="190" r="90" fill="#f7d774" opacity="0.9"/>
    <path d="M0 560 Q 300 430 600 540 T 1200 500 V 800 H 0 Z" fill="hsl(${120 + (hue % 40)},38%,45%)"/>
    <path d="M0 640 Q 400 560 800 650 T 1200 620 V 800 H 0 Z" fill="hsl(${130 + (hue % 30)},42%,32%)"/>
    <g stroke="#263238" stroke-width="10" fill="none"><path d="M380 600 L440 220 L500 600"/><path d="M405 440 H475 M420 340 H460"/></g>
    <g fill="none" stroke="#fff" stroke-width="6" opacity="0.8"><path d="M470 230 a40 40 0 0 0 0 -60"/><path d="M410 230 a40 40 0 0 1 0 -60"/></g>
    <rect x="60" y="680" width="${Math.min(1080, 40 + caption.length * 26)}" height="84" rx="14" fill="#000" opacity="0.45"/>
    <text x="90" y="738" font-family="DejaVu Sans, sans-serif" font-size="44" fill="#fff">${caption}</text>
  </svg>`;
  const bytes = await (await loadSharp())(Buffer.from(svg)).webp({ quality: 80 }).toBuffer();
  return { bytes, width, height };
}

/** A portrait for HR's photo of someone: a face drawn from shapes, different colours per person. */
async function portrait(i: number): Promise<Buffer> {
  const skin = ['#f1c7a5', '#e0ac69', '#c68642', '#8d5524', '#ffdbac'][i % 5];
  const hair = ['#2c1b10', '#6b4423', '#d9b76a', '#1c1c1c', '#8e8e8e', '#a0522d'][i % 6];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">
    <rect width="400" height="400" fill="hsl(${(i * 47) % 360},40%,80%)"/>
    <ellipse cx="200" cy="410" rx="150" ry="120" fill="hsl(${(i * 83 + 120) % 360},35%,38%)"/>
    <rect x="175" y="230" width="50" height="60" fill="${skin}"/>
    <ellipse cx="200" cy="150" rx="${80 + (i % 3) * 6}" ry="${70 + (i % 4) * 5}" fill="${hair}"/>
    <circle cx="200" cy="180" r="72" fill="${skin}"/>
    <circle cx="175" cy="175" r="6" fill="#2b2b2b"/><circle cx="225" cy="175" r="6" fill="#2b2b2b"/>
    <path d="M178 210 Q200 ${222 + (i % 3) * 3} 222 210" stroke="#7a3b2e" stroke-width="5" fill="none" stroke-linecap="round"/>
  </svg>`;
  return (await loadSharp())(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

function plainText(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Seeds the living demo into a database that holds the demo organisation and nothing else.
 * One transaction for the content (all or nothing); campaign detection and the insights rollup follow.
 */
export async function seedDemoContent(db: DataSource, options: { now?: Date } = {}): Promise<DemoContentSummary> {
  const started = performance.now();
  const now = (options.now ?? new Date()).getTime();
  const rnd = random(DEMO_RANDOM_SEED);
  const iso = (t: number) => new Date(Math.min(t, now - MIN)).toISOString();
  /**
   * A moment between `minDays` and `maxDays` ago, in office hours (8:00-18:00 local-ish), more
   * often recent than long ago: Plein caught on over the six weeks.
   */
  const when = (maxDays = HISTORY_DAYS, minDays = 0) => {
    const day = Math.min(maxDays, minDays + Math.floor((maxDays - minDays + 1) * rnd.next() ** 1.5));
    const t = now - day * DAY;
    const d = new Date(t);
    d.setUTCHours(7 + rnd.int(0, 9), rnd.int(0, 59), rnd.int(0, 59), 0);
    return Math.min(d.getTime(), now - rnd.int(5, 120) * MIN);
  };

  const people: P[] = (
    await db.query(
      `SELECT p.id, p.uid, d.code AS dept, d.id AS "deptId", d.name AS "deptName", p.employment_type AS type, p.manager_id AS "managerId", p.location
         FROM people p JOIN departments d ON d.id = p.department_id WHERE p.active ORDER BY p.uid`,
    )
  ).map((r: P) => r);
  const byUid = new Map(people.map((p) => [p.uid, p]));
  const u = (uid: string) => {
    const p = byUid.get(uid);
    if (!p) throw new Error(`demo content: no person ${uid}`);
    return p;
  };
  const inDept = (code: string) => people.filter((p) => p.dept === code);
  const head = (code: string) => people.find((p) => p.dept === code && p.managerId === u('demo.ceo').id) ?? inDept(code)[0];

  // The information barrier seeded below separates Wholesale from the shops (a telecom regulator's
  // classic: wholesale customers are the shops' competitors). Nothing seeded crosses it.
  const BARRIER = ['WHS', 'SHOPS'];
  const mayMeet = (a: P, b: P) => !(BARRIER.includes(a.dept) && BARRIER.includes(b.dept) && a.dept !== b.dept);
  const payroll = (p: P) => p.type === 'employee';

  // Most people take part; a few only read (and demo.employee stays a light user, for suggestions).
  const lurkers = new Set(rnd.sample(people.filter((p) => !p.uid.startsWith('demo.')), 8).map((p) => p.id));
  const posters = people.filter((p) => !lurkers.has(p.id));
  // Who is around when: a third joined Plein in its first week, the others over the next weeks, and
  // everyone skips a week now and then. People write, reply and like only while around, so the
  // insights show adoption growing instead of everybody active from day one.
  const joinedDaysAgo = new Map(people.map((p) => [p.id, p.uid.startsWith('demo.') || rnd.next() < 0.35 ? HISTORY_DAYS : rnd.int(5, HISTORY_DAYS - 7)]));
  const presence = new Map(
    people.map((p) => {
      const rate = p.uid.startsWith('demo.') ? 1 : lurkers.has(p.id) ? 0.45 : 0.6 + rnd.next() * 0.35;
      return [p.id, Array.from({ length: 8 }, () => rnd.next() < rate)];
    }),
  );
  const around = (p: P, t: number) => {
    const d = Math.max(0, Math.floor((now - t) / DAY));
    return d <= joinedDaysAgo.get(p.id)! && presence.get(p.id)![Math.min(7, Math.floor(d / 7))];
  };

  const substitute = (text: string, author: P, readers: P[]) => {
    const mate = rnd.pick(readers.filter((r) => r.id !== author.id && mayMeet(author, r)));
    return text
      .replace('{m}', `@${mate.uid}`)
      .replace('{loc}', author.location ?? 'Utrecht')
      .replace('{dept}', author.deptName);
  };
  const entitiesOf = (body: string): { entities: unknown; tags: string[]; mentionIds: string[] } => {
    const parsed: ParsedText = parseMessageText(body);
    const mentions = parsed.mentions.filter((m) => byUid.has(m.uid)).map((m) => ({ ...m, personId: byUid.get(m.uid)!.id }));
    return {
      entities: { links: parsed.links, mentions, hashtags: parsed.hashtags },
      tags: [...new Set(parsed.hashtags.map((h) => h.tag))],
      mentionIds: [...new Set(mentions.map((m) => m.personId))],
    };
  };
  const messages: Msg[] = [];
  const post = (author: P, audience: string, body: string, t: number, extra: Partial<Msg> = {}): Msg => {
    const m: Msg = {
      id: randomUUID(),
      author_id: author.id,
      audience,
      body,
      root_id: null,
      parent_id: null,
      reshare_of_id: null,
      created_at: iso(t),
      ...entitiesOf(body),
      ...extra,
    };
    messages.push(m);
    return m;
  };
  /** Who may read an audience: everyone, payroll staff, or a group's members. */
  const readersOf = new Map<string, P[]>([
    ['company', people],
    ['employees', people.filter(payroll)],
  ]);

  // ------------------------------------------------------------------ groups
  type GroupSpec = { key: string; name: string; description: string; category: string; kind: 'open' | 'closed' | 'secret'; payrollOnly: boolean; owner: P; members: P[] };
  const eligible = (owner: P, pool: P[], n: number, payrollOnly = false) =>
    [owner, ...rnd.sample(pool.filter((p) => p.id !== owner.id && (!payrollOnly || payroll(p))), n)];
  const net = u('demo.employee');
  const groupSpecs: GroupSpec[] = [
    { key: 'iphone', name: 'iPhone-gebruikers', description: 'Tips, vragen en nieuws over de iPhone, voor klantvragen en voor jezelf.', category: 'interest', kind: 'open', payrollOnly: false, owner: head('PROD'), members: [] },
    { key: 'hardlopen', name: 'Hardlopen', description: 'Samen trainen voor de Dam tot Damloop en de Zevenheuvelenloop.', category: 'social', kind: 'open', payrollOnly: false, owner: u('demo.moderator'), members: [] },
    { key: 'koffie', name: 'Koffieliefhebbers', description: 'Over bonen, bars en de koffiemachine op de tweede.', category: 'social', kind: 'open', payrollOnly: false, owner: head('FIN'), members: [] },
    { key: 'glasvezel', name: 'Project Glasvezel Oost', description: 'Planning, risico\'s en voortgang van de glasvezelaanleg in regio Oost.', category: 'project', kind: 'closed', payrollOnly: false, owner: net, members: [] },
    { key: 'reorganisatie', name: 'Stuurgroep Consumentenmarkt 2027', description: 'Vertrouwelijk overleg over de nieuwe inrichting van Consumentenmarkt.', category: 'project', kind: 'secret', payrollOnly: false, owner: u('demo.ceo'), members: [] },
    { key: 'salaris', name: 'Medewerkers in loondienst', description: 'Cao, pensioen en regelingen voor collega\'s in loondienst.', category: 'general', kind: 'open', payrollOnly: true, owner: u('demo.hr'), members: [] },
  ];
  const g = Object.fromEntries(groupSpecs.map((s) => [s.key, s])) as Record<string, GroupSpec>;
  g.iphone.members = eligible(g.iphone.owner, posters, 44);
  g.hardlopen.members = eligible(g.hardlopen.owner, posters, 14);
  g.koffie.members = eligible(g.koffie.owner, people, 19);
  g.glasvezel.members = eligible(net, [...inDept('NET'), ...inDept('CONS'), ...inDept('PROD')], 9);
  g.reorganisatie.members = [u('demo.ceo'), u('demo.hr'), head('CONS'), head('COMM'), head('FIN'), head('PROD')];
  g.salaris.members = eligible(g.salaris.owner, people, 30, true);
  const groupIds = new Map(groupSpecs.map((s) => [s.key, randomUUID()]));
  for (const s of groupSpecs) readersOf.set(`group:${groupIds.get(s.key)}`, s.members);
  // Waiting for the project group's owner (demo.employee): a request from customer care.
  const requester = rnd.pick(inDept('CARE').filter((p) => !g.glasvezel.members.includes(p)));

  // ------------------------------------------------------------------ messages
  // Each text once: the same words by two people would be (rightly) taken for a campaign.
  for (const text of COMPANY_POSTS) {
    const t = when();
    const author = rnd.pick(posters.filter((p) => around(p, t))) ?? rnd.pick(posters);
    post(author, 'company', substitute(text, author, people), t);
  }
  // demo.employee posted a little, early on.
  post(net, 'company', 'Eerste keer op Plein! Ik werk bij Netwerkbeheer in Rotterdam, vooral aan het 5G-netwerk. #welkom', when(HISTORY_DAYS, 35));
  for (const [i, text] of EMPLOYEE_POSTS.entries()) {
    const author = i % 2 ? rnd.pick(inDept('HR').filter(payroll)) : u('demo.hr');
    post(author, 'employees', text, when(30));
  }
  for (const s of groupSpecs) {
    const audience = `group:${groupIds.get(s.key)}`;
    for (const text of GROUP_POSTS[s.key] ?? []) post(rnd.pick(s.members), audience, text, when(s.key === 'reorganisatie' ? 10 : HISTORY_DAYS));
  }
  // The marketing campaign: one original, copies within two days, and a few personal versions.
  const marketing = [...inDept('CONS'), ...inDept('COMM'), ...inDept('SHOPS'), ...inDept('PROD')].filter((p) => !lurkers.has(p.id) && p.id !== head('CONS').id);
  const launch = now - 9 * DAY + 9 * 3600_000;
  const campaigners = rnd.sample(marketing, 10 + CAMPAIGN_PERSONAL.length);
  post(head('CONS'), 'company', CAMPAIGN_TEXT, launch);
  campaigners.slice(0, 10).forEach((p, i) => post(p, 'company', CAMPAIGN_TEXT, launch + (i + 1) * rnd.int(20, 240) * MIN));
  campaigners.slice(10, 10 + CAMPAIGN_PERSONAL.length).forEach((p, i) => post(p, 'company', CAMPAIGN_PERSONAL[i], launch + rnd.int(60, 2 * 24 * 60) * MIN));

  // Pictures, made here.
  const pictureSpecs = [
    { author: net, text: 'De nieuwe 5G-mast in Rotterdam staat! Wat een uitzicht vanaf boven. #5G', caption: '5G-mast Rotterdam-Zuid', hue: 205, days: 1 },
    { author: u('demo.moderator'), text: 'Zo zag de vrijdagmiddagborrel eruit. Dank aan iedereen die er was! #borrel', caption: 'Vrijdagmiddagborrel', hue: 25, days: 3 },
    { author: head('SHOPS'), text: 'Onze vernieuwde winkel in Zwolle is open. Kom langs! #winkels', caption: 'Winkel Zwolle', hue: 320, days: 6 },
  ];
  const pictureMessages = pictureSpecs.map((s) => post(s.author, 'company', s.text, now - s.days * DAY - 3 * 3600_000));

  // Moderation: one message waiting in the queue, one decided (removed) last week.
  const reportedAuthor = rnd.pick(inDept('CARE').filter((p) => p.id !== requester.id));
  const reported = post(reportedAuthor, 'company', REPORTED_TEXT, now - 2 * DAY);
  const spammer = people.find((p) => p.type === 'freelancer' && p.uid !== 'demo.freelancer' && !lurkers.has(p.id))!;
  const decided = post(spammer, 'company', DECIDED_TEXT, now - 8 * DAY, { moderation_state: 'removed', moderation_reason: 'Reclame voor een eigen webshop hoort niet op Plein.' });

  const topLevel = [...messages];
  // Replies: most conversations get a few, from people who may read and meet the author.
  for (const m of topLevel) {
    if (m.id === decided.id || rnd.next() < 0.2) continue;
    const readers = readersOf.get(m.audience)!.filter((r) => r.id !== m.author_id && !lurkers.has(r.id));
    const author = people.find((p) => p.id === m.author_id)!;
    let last = m;
    for (let k = rnd.int(1, 6); k > 0; k--) {
      const at = Date.parse(last.created_at) + rnd.int(4, 600) * MIN;
      if (at > now - MIN) break;
      const who = rnd.pick(readers.filter((r) => mayMeet(r, author) && around(r, at)));
      if (!who) break;
      last = post(who, m.audience, substitute(rnd.pick(REPLIES), who, readers), at, { root_id: m.id, parent_id: rnd.next() < 0.7 ? m.id : last.id });
    }
  }
  // The author answers the first reply now and then.
  // Reshares of company messages with a personal note (sometimes none).
  const shareable = topLevel.filter((m) => m.audience === 'company' && m.id !== decided.id && m.id !== reported.id);
  for (let i = 0; i < 30; i++) {
    const original = rnd.pick(shareable);
    const author = people.find((p) => p.id === original.author_id)!;
    const at = Date.parse(original.created_at) + rnd.int(30, 3 * 24 * 60) * MIN;
    if (at > now - MIN) continue;
    const who = rnd.pick(posters.filter((p) => p.id !== author.id && mayMeet(p, author) && around(p, at)));
    if (!who) continue;
    post(who, 'company', substitute(rnd.pick(RESHARE_NOTES), who, people), at, { reshare_of_id: original.id });
  }

  // Likes: popular posts collect many, replies a few.
  const likes: { message_id: string; person_id: string; created_at: string }[] = [];
  for (const m of messages) {
    if (m.id === decided.id) continue;
    const author = people.find((p) => p.id === m.author_id)!;
    const readers = readersOf.get(m.audience)!.filter((r) => r.id !== m.author_id && mayMeet(r, author) && around(r, Date.parse(m.created_at)));
    const n = m.root_id ? rnd.int(0, 3) : m.reshare_of_id ? rnd.int(0, 2) : Math.floor(rnd.next() ** 2 * 16);
    for (const r of rnd.sample(readers, n)) {
      likes.push({ message_id: m.id, person_id: r.id, created_at: iso(Date.parse(m.created_at) + rnd.int(1, 2 * 24 * 60) * MIN) });
    }
  }

  // ------------------------------------------------------------------ follows
  const follows = new Map<string, { follower_id: string; followee_id: string; created_at: string }>();
  const follow = (a: P, b: P) => {
    if (a.id === b.id || !mayMeet(a, b)) return;
    follows.set(`${a.id}:${b.id}`, { follower_id: a.id, followee_id: b.id, created_at: iso(when()) });
  };
  for (const p of people) {
    if (p.uid === 'demo.employee') continue; // a light user: suggestions show on the home page
    const manager = people.find((x) => x.id === p.managerId);
    if (manager) follow(p, manager);
    for (const c of rnd.sample(inDept(p.dept), rnd.int(2, 5))) follow(p, c);
    for (const c of rnd.sample(people, rnd.int(0, 4))) follow(p, c);
    if (rnd.next() < 0.5) follow(p, u('demo.ceo'));
  }
  follow(net, people.find((x) => x.id === net.managerId)!);
  follow(net, u('demo.ceo'));

  // ------------------------------------------------------------------ blogs
  const blogs: Record<string, unknown>[] = [];
  const posts: Record<string, unknown>[] = [];
  const comments: Record<string, unknown>[] = [];
  const personBlog = (p: P) => {
    const existing = blogs.find((b) => b.owner_person_id === p.id);
    if (existing) return existing.id as string;
    const id = randomUUID();
    blogs.push({ id, kind: 'person', owner_person_id: p.id, title: p.uid === 'demo.hr' ? 'Blog van de directeur HR' : `Blog van ${p.uid}`, created_at: iso(now - HISTORY_DAYS * DAY) });
    return id;
  };
  const blogPost = (author: P, spec: { title: string; body: string; tags?: string[] }, extra: Record<string, unknown>) => {
    const id = randomUUID();
    const tags = spec.tags ?? [];
    posts.push({
      id,
      blog_id: personBlog(author),
      author_id: author.id,
      audience: 'company',
      title: spec.title,
      body_html: spec.body,
      search_text: [spec.title, tags.join(' '), plainText(spec.body)].join('\n'),
      tags,
      status: 'published',
      publish_at: null,
      published_at: null,
      featured_from: null,
      featured_until: null,
      ...extra,
    });
    return id;
  };
  const hr = u('demo.hr');
  /** `daysAgo` at a given UTC hour: posts go out in the morning, not at the hour the seed runs. */
  const at = (daysAgo: number, hourUtc: number) => {
    const d = new Date(now - daysAgo * DAY);
    d.setUTCHours(hourUtc, 0, 0, 0);
    return Math.min(d.getTime(), now - 30 * MIN);
  };
  const hrPublished = at(12, 7);
  const hrPost = blogPost(hr, { ...HR_BLOG, tags: ['cao'] }, { published_at: iso(hrPublished), created_at: iso(hrPublished), updated_at: iso(hrPublished) });
  const critics = rnd.sample(posters.filter((p) => p.id !== hr.id), HR_BLOG.comments.length);
  HR_BLOG.comments.forEach((c, i) => {
    const posted = hrPublished + (i + 1) * rnd.int(20, 110) * MIN;
    const id = randomUUID();
    const answeredAt = c.answer ? posted + rnd.int(25, 240) * MIN : null;
    comments.push({ id, post_id: hrPost, author_id: critics[i].id, parent_id: null, body: c.text, created_at: iso(posted), answered_at: answeredAt ? iso(answeredAt) : null });
    if (c.answer) comments.push({ id: randomUUID(), post_id: hrPost, author_id: hr.id, parent_id: id, body: c.answer, created_at: iso(answeredAt!), answered_at: null });
  });
  const ceo = u('demo.ceo');
  const featuredAt = at(3, 8);
  const featured = blogPost(ceo, FEATURED_BLOG, { published_at: iso(featuredAt), created_at: iso(featuredAt), updated_at: iso(featuredAt), featured_from: iso(featuredAt), featured_until: new Date(now + 14 * DAY).toISOString() });
  for (const [i, text] of ['Wat een mijlpaal! Trots om hier aan mee te werken.', 'Ik was erbij in die proefwijk in Zwolle. Mooi om te zien hoe ver we zijn gekomen.', 'Op naar het platteland!'].entries()) {
    comments.push({ id: randomUUID(), post_id: featured, author_id: rnd.pick(inDept(['NET', 'CARE', 'CONS'][i]).filter((p) => !lurkers.has(p.id))).id, parent_id: null, body: text, created_at: iso(featuredAt + (i + 1) * rnd.int(30, 240) * MIN), answered_at: null });
  }
  blogPost(ceo, SCHEDULED_BLOG, { status: 'scheduled', publish_at: new Date(now + 3 * DAY).toISOString(), created_at: iso(now - DAY), updated_at: iso(now - DAY) });
  for (const b of OTHER_BLOGS) {
    const author = rnd.pick(inDept(b.uidHint).filter((p) => !lurkers.has(p.id)));
    const at = when(35, 2);
    const id = blogPost(author, b, { published_at: iso(at), created_at: iso(at), updated_at: iso(at) });
    for (const c of rnd.sample(posters.filter((p) => p.id !== author.id && mayMeet(p, author)), rnd.int(1, 3))) {
      comments.push({ id: randomUUID(), post_id: id, author_id: c.id, parent_id: null, body: rnd.pick(REPLIES).replace('{m} ', '').replace('{loc}', c.location), created_at: iso(at + rnd.int(30, 900) * MIN), answered_at: null });
    }
  }
  const blogLikes = posts
    .filter((p) => p.status === 'published')
    .flatMap((p) => rnd.sample(posters.filter((x) => x.id !== p.author_id), rnd.int(3, 18)).map((x) => ({ target_id: p.id, person_id: x.id, created_at: iso(Date.parse(p.published_at as string) + rnd.int(10, 3000) * MIN) })));

  // ------------------------------------------------------------------ write
  await db.transaction(async (em) => {
    await insert(em, 'groups', groupSpecs.map((s) => ({
      id: groupIds.get(s.key), name: s.name, name_key: s.name.toLowerCase(), description: s.description, category: s.category, kind: s.kind,
      payroll_only: s.payrollOnly, created_by: s.owner.id, member_count: s.members.length, created_at: iso(now - HISTORY_DAYS * DAY - DAY), updated_at: iso(now - HISTORY_DAYS * DAY),
    })));
    await insert(em, 'group_memberships', [
      ...groupSpecs.flatMap((s) => s.members.map((p) => ({ group_id: groupIds.get(s.key), person_id: p.id, role: p.id === s.owner.id ? 'owner' : 'member', status: 'active', created_at: iso(when()) }))),
      { group_id: groupIds.get('glasvezel'), person_id: requester.id, role: 'member', status: 'requested', created_at: iso(now - 5 * 3600_000) },
    ]);
    const row = (m: Msg) => ({
      id: m.id, author_id: m.author_id, audience: m.audience, body: m.body, entities: m.entities, root_id: m.root_id, parent_id: m.parent_id,
      reshare_of_id: m.reshare_of_id, created_at: m.created_at, moderation_state: m.moderation_state ?? 'visible', moderation_reason: m.moderation_reason ?? null,
    });
    // Roots and originals first: replies and reshares point at them.
    await insert(em, 'messages', messages.filter((m) => !m.root_id && !m.reshare_of_id).map(row));
    await insert(em, 'messages', messages.filter((m) => m.root_id || m.reshare_of_id).map(row));
    await insert(em, 'message_hashtags', messages.flatMap((m) => m.tags.map((tag) => ({ tag, message_id: m.id, created_at: m.created_at }))));
    await insert(em, 'message_mentions', messages.flatMap((m) => m.mentionIds.map((person_id) => ({ message_id: m.id, person_id }))));
    await insert(em, 'message_likes', likes);
    await em.query(`UPDATE messages m SET like_count = l.n FROM (SELECT message_id, count(*)::int AS n FROM message_likes GROUP BY 1) l WHERE l.message_id = m.id`);
    await em.query(`UPDATE messages m SET reply_count = r.n FROM (SELECT root_id, count(*)::int AS n FROM messages WHERE root_id IS NOT NULL GROUP BY 1) r WHERE r.root_id = m.id`);
    await em.query(`UPDATE messages m SET reshare_count = r.n FROM (SELECT reshare_of_id, count(*)::int AS n FROM messages WHERE reshare_of_id IS NOT NULL GROUP BY 1) r WHERE r.reshare_of_id = m.id`);
    const images = await Promise.all(pictureSpecs.map((s) => picture(s.caption, s.hue)));
    await insert(em, 'message_images', pictureMessages.map((m, i) => ({
      message_id: m.id, position: 0, alt: pictureSpecs[i].caption, content_type: 'image/webp', width: images[i].width, height: images[i].height,
      bytes: `\\x${images[i].bytes.toString('hex')}`, created_at: m.created_at,
    })));
    await insert(em, 'follows', [...follows.values()]);

    await insert(em, 'blogs', blogs);
    await insert(em, 'blog_posts', posts);
    await insert(em, 'blog_comments', comments);
    await insert(em, 'blog_likes', blogLikes);
    await em.query(`UPDATE blog_posts p SET comment_count = c.n FROM (SELECT post_id, count(*)::int AS n FROM blog_comments GROUP BY 1) c WHERE c.post_id = p.id`);
    await em.query(`UPDATE blog_posts p SET like_count = l.n FROM (SELECT target_id, count(*)::int AS n FROM blog_likes GROUP BY 1) l WHERE l.target_id = p.id`);
    await insert(em, 'blog_subscriptions', rnd.sample(posters, 20).filter((p) => p.id !== hr.id).map((p) => ({ blog_id: personBlog(hr), person_id: p.id, created_at: iso(when(10)) })));

    // Profiles: a headline for some, so the directory does not look empty.
    await insert(em, 'person_profiles', rnd.sample(posters, 24).map((p, i) => ({ person_id: p.id, headline: HEADLINES[i % HEADLINES.length] })));

    // Notices: an outage with its whole timeline (resolved), and planned maintenance under way.
    const noc = rnd.pick(inDept('NET'));
    const outageId = randomUUID();
    const outageStart = now - 5 * DAY - 6 * 3600_000;
    const last = OUTAGE.updates[OUTAGE.updates.length - 1];
    await insert(em, 'notices', [
      {
        id: outageId, title: OUTAGE.title, services: OUTAGE.services, regions: OUTAGE.regions, severity: 'major', status: 'resolved', audience: 'company',
        starts_at: iso(outageStart), expected_end_at: iso(outageStart + 4 * 3600_000), author_id: noc.id, affected_count: 7,
        search_text: [OUTAGE.title, ...OUTAGE.services, ...OUTAGE.regions, ...OUTAGE.updates.map((x) => x.text)].join('\n'),
        resolved_at: iso(outageStart + last.minutes * MIN), created_at: iso(outageStart), updated_at: iso(outageStart + last.minutes * MIN),
      },
      {
        id: randomUUID(), title: ACTIVE_NOTICE.title, services: ACTIVE_NOTICE.services, regions: ACTIVE_NOTICE.regions, severity: 'minor', status: 'investigating',
        audience: 'company', starts_at: iso(now - 2 * 3600_000), expected_end_at: new Date(now + 6 * 3600_000).toISOString(), author_id: noc.id, affected_count: 0,
        search_text: [ACTIVE_NOTICE.title, ...ACTIVE_NOTICE.services, ...ACTIVE_NOTICE.regions, ACTIVE_NOTICE.text].join('\n'),
        resolved_at: null, created_at: iso(now - 2 * 3600_000), updated_at: iso(now - 2 * 3600_000),
      },
    ]);
    await insert(em, 'notice_updates', OUTAGE.updates.map((x) => ({ notice_id: outageId, status: x.status, text: x.text, author_id: noc.id, created_at: iso(outageStart + x.minutes * MIN) })));
    await insert(em, 'notice_affected', rnd.sample(people.filter((p) => p.location === 'Rotterdam' || p.dept === 'CARE'), 7).map((p) => ({ notice_id: outageId, person_id: p.id, department_id: p.deptId, created_at: iso(outageStart + rnd.int(5, 90) * MIN) })));

    // Vacancies: one open to externals, one internal only.
    await insert(em, 'vacancies', VACANCIES.map((v, i) => ({
      title: v.title, department_id: head(v.dept).deptId, location: v.location, hours_per_week: v.hours, employment_type: v.employmentType,
      description_html: v.html, search_text: [v.title, v.location, plainText(v.html)].join('\n'), closes_on: new Date(now + (21 + i * 7) * DAY).toISOString().slice(0, 10),
      contact_id: head(v.dept).id, poster_id: head(v.dept).id, open_to_externals: v.externals, status: 'open', created_at: iso(now - (6 + i * 4) * DAY),
    })));

    // Moderation: an open report (in the queue) and a decided one (removed, with its audit trail).
    const moderator = u('demo.moderator');
    const reporter = rnd.pick(people.filter((p) => p.dept === 'SHOPS' && p.id !== reportedAuthor.id));
    const spamReporter = rnd.pick(posters.filter((p) => p.id !== spammer.id));
    await insert(em, 'moderation_reports', [
      { item_type: 'message', item_id: reported.id, reporter_id: reporter.id, reason: 'harassment_or_bullying', note: 'Dit is kwetsend naar een nieuwe collega.', status: 'open', created_at: iso(now - 2 * DAY + 40 * MIN), resolved_at: null },
      { item_type: 'message', item_id: decided.id, reporter_id: spamReporter.id, reason: 'spam_or_advertising', note: null, status: 'actioned', created_at: iso(now - 8 * DAY + 30 * MIN), resolved_at: iso(now - 8 * DAY + 95 * MIN) },
    ]);
    await insert(em, 'moderation_cases', [
      { item_type: 'message', item_id: reported.id, subject_id: reportedAuthor.id, group_id: null, status: 'open', first_reported_at: iso(now - 2 * DAY + 40 * MIN), first_action_at: null },
      { item_type: 'message', item_id: decided.id, subject_id: spammer.id, group_id: null, status: 'closed', first_reported_at: iso(now - 8 * DAY + 30 * MIN), first_action_at: iso(now - 8 * DAY + 95 * MIN) },
    ]);
    const actionId = randomUUID();
    await insert(em, 'moderation_actions', [{ id: actionId, kind: 'remove', item_type: 'message', item_id: decided.id, subject_id: spammer.id, moderator_id: moderator.id, reason: 'Reclame voor een eigen webshop hoort niet op Plein.', created_at: iso(now - 8 * DAY + 95 * MIN) }]);
    await insert(em, 'moderation_audit', [
      { created_at: iso(now - 8 * DAY + 30 * MIN), actor_id: spamReporter.id, event: 'report.created', item_type: 'message', item_id: decided.id, subject_id: spammer.id, reason: 'spam_or_advertising' },
      { created_at: iso(now - 8 * DAY + 95 * MIN), actor_id: moderator.id, event: 'action.remove', item_type: 'message', item_id: decided.id, subject_id: spammer.id, reason: 'Reclame voor een eigen webshop hoort niet op Plein.', before: { caseStatus: 'open', moderationState: 'visible' }, after: { caseStatus: 'closed', moderationState: 'removed', actionId } },
    ]);

    // The information barrier: Wholesale and the shops do not see each other.
    const admin = u('demo.admin');
    const segA = randomUUID();
    const segB = randomUUID();
    await insert(em, 'barrier_segments', [
      { id: segA, name: 'Wholesale', kind: 'department', department_id: head('WHS').deptId, value: null, created_by: admin.id, created_at: iso(now - 30 * DAY) },
      { id: segB, name: 'Winkels', kind: 'department', department_id: head('SHOPS').deptId, value: null, created_by: admin.id, created_at: iso(now - 30 * DAY) },
    ]);
    await em.query('SELECT plein_barrier_refresh_departments()');
    const barrierId = randomUUID();
    await insert(em, 'barriers', [{ id: barrierId, segment_a_id: segA, segment_b_id: segB, direction: 'two_way', created_by: admin.id, created_at: iso(now - 30 * DAY) }]);
    await insert(em, 'barrier_audit', [
      { actor_id: admin.id, action: 'segment.created', details: { segmentId: segA, name: 'Wholesale' }, created_at: iso(now - 30 * DAY) },
      { actor_id: admin.id, action: 'segment.created', details: { segmentId: segB, name: 'Winkels' }, created_at: iso(now - 30 * DAY) },
      { actor_id: admin.id, action: 'barrier.created', details: { barrierId, segmentAId: segA, segmentBId: segB, direction: 'two_way', suspendedFollows: 0, suspendedGroupMemberships: 0 }, created_at: iso(now - 30 * DAY) },
    ]);

    // Activity days: whoever wrote or liked something was there that day; readers came by too.
    await em.query(`INSERT INTO person_activity_days (person_id, day)
      SELECT author_id, created_at::date FROM messages UNION SELECT person_id, created_at::date FROM message_likes
      UNION SELECT author_id, created_at::date FROM blog_comments ON CONFLICT DO NOTHING`);
    const visits: { person_id: string; day: string }[] = [];
    for (const p of people) {
      // Some drop by daily, others now and then; only while around.
      const rate = (lurkers.has(p.id) ? 0.1 : 0.2) + rnd.next() * 0.4;
      for (let d = 0; d <= HISTORY_DAYS; d++) {
        const day = new Date(now - d * DAY);
        const r = rnd.next(); // drawn every day, so the stream does not depend on the weekday of `now`
        if (day.getUTCDay() % 6 !== 0 && r < rate && around(p, now - d * DAY)) visits.push({ person_id: p.id, day: day.toISOString().slice(0, 10) });
      }
    }
    await em.query(`INSERT INTO person_activity_days (person_id, day) SELECT person_id, day FROM jsonb_populate_recordset(NULL::person_activity_days, $1::jsonb) ON CONFLICT DO NOTHING`, [JSON.stringify(visits)]);
  });

  // HR's photos of some people, stored through the photos service (decoded, re-encoded in three sizes).
  const photos = new PhotosService(db);
  const photographed = [...['demo.ceo', 'demo.hr', 'demo.moderator', 'demo.admin'].map(u), ...rnd.sample(posters.filter((p) => !p.uid.startsWith('demo.')), 10)];
  for (let i = 0; i < photographed.length; i += 6) {
    await Promise.all(photographed.slice(i, i + 6).map(async (p, k) => photos.storePhoto(p.id, await portrait(i + k), 'hr')));
  }
  const written = performance.now();
  // Campaign detection as the worker would run it, message by message in time order.
  // CampaignsService.assign needs only the database; the policy and messages services serve reads.
  const campaigns = new CampaignsService(db, undefined as never, undefined as never);
  for (const m of messages.filter((x) => !x.root_id && !x.reshare_of_id && x.moderation_state !== 'removed').sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))) {
    await campaigns.assign({ id: m.id, author_id: m.author_id, body: m.body, created_at: new Date(m.created_at) });
  }
  const detected = performance.now();
  // And the insights, so the dashboard shows figures at once (rollup needs only the database and
  // what the content kinds count).
  const kinds = { insights: () => [...MESSAGE_INSIGHTS, ...BLOG_POST_INSIGHTS] } as unknown as ContentKinds;
  await new InsightsService(db, undefined as never, kinds).rollup();
  const rolled = performance.now();

  return {
    messages: messages.length,
    likes: likes.length,
    follows: follows.size,
    groups: groupSpecs.length,
    blogPosts: posts.length,
    ms: Math.round(rolled - started),
    phases: { content: Math.round(written - started), campaigns: Math.round(detected - written), insights: Math.round(rolled - detected) },
  };
}
