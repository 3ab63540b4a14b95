import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from './support/app.js';
import { collect, connectSocket } from './support/socket.js';

type Errs = { errors?: { message: string; extensions: { code: string } }[] };

/**
 * Information barriers over blogs, as a matrix (the same sides as test/barriers.test.ts). Two-way:
 * Wholesale (demo.employee moved there) ↔ Consumentenmarkt (demo.freelancer, in a sub-department).
 * One-way: HR (demo.hr) reads IT (demo.contractor); IT sees nothing of HR. demo.moderator (COMM) is
 * on neither side: their post is where everyone comments.
 */
describe('information barriers over blogs', () => {
  let app: TestApp;
  let db: DataSource;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const posts: Record<string, string> = {};
  const blogs: Record<string, string> = {};
  /** Top-level comments on the moderator's post, by author. */
  const comments: Record<string, string> = {};
  const sockets: Socket[] = [];
  let earlyPost = '';
  let earlyComment = '';
  const people = ['employee', 'freelancer', 'hr', 'contractor', 'moderator'];

  const gql = async (query: string, vars: Record<string, unknown>, who: string) => (await app.gql(query, vars, tokens[who])).body as { data?: any } & Errs;
  const ok = async <T = any>(query: string, vars: Record<string, unknown>, who: string): Promise<T> => {
    const body = await gql(query, vars, who);
    if (body.errors) throw new Error(`${who}: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  };
  const publish = async (who: string, title: string, tag: string) =>
    (
      await ok<{ createBlogPost: { post: { id: string; blogId: string } } }>(
        `mutation($i: CreateBlogPostInput!) { createBlogPost(input: $i) { post { id blogId } } }`,
        { i: { title, bodyMarkdown: `Een stuk over ${tag}.`, tags: [tag], publish: true } },
        who,
      )
    ).createBlogPost.post;
  const comment = (who: string, postId: string, text: string, parentId?: string) =>
    gql(`mutation($p: ID!, $t: String!, $parent: ID) { commentOnBlogPost(postId: $p, text: $t, parentId: $parent) { id mentionIds } }`, { p: postId, t: text, parent: parentId ?? null }, who);
  const edgeIds = (conn: { edges: { node: { id: string } }[] }) => conn.edges.map((e) => e.node.id);
  const waitFor = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 80; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('timed out');
  };

  beforeAll(async () => {
    // Jobs (the notification fan-out) run in the api.
    app = await bootApp({ WORKER_INLINE: 'true' });
    db = app.plein.app.get(DataSource);
    await db.query(`UPDATE people SET department_id = (SELECT id FROM departments WHERE code = 'WHS') WHERE uid = 'demo.employee'`);
    for (const who of [...people, 'admin']) {
      const { accessToken, person } = await app.login(`demo.${who}`);
      tokens[who] = accessToken;
      ids[who] = person.id;
    }
    // Before any barrier: blogs, subscriptions across what will be the barrier, and a comment.
    const freelancerFirst = await publish('freelancer', 'Eerste winkelblog', 'winkelstart');
    blogs.freelancer = freelancerFirst.blogId;
    for (const who of ['employee', 'moderator']) await ok(`mutation($b: ID!) { subscribeToBlog(blogId: $b) { id } }`, { b: blogs.freelancer }, who);
    blogs.hr = (await publish('hr', 'Eerste HR-blog', 'hrstart')).blogId;
    blogs.contractor = (await publish('contractor', 'Eerste IT-blog', 'itstart')).blogId;
    await ok(`mutation($b: ID!) { subscribeToBlog(blogId: $b) { id } }`, { b: blogs.hr }, 'contractor');
    await ok(`mutation($b: ID!) { subscribeToBlog(blogId: $b) { id } }`, { b: blogs.contractor }, 'hr');
    earlyPost = (await publish('employee', 'Wholesale vooraf', 'wholesalestart')).id;
    earlyComment = (await ok<{ commentOnBlogPost: { id: string } }>(`mutation($p: ID!) { commentOnBlogPost(postId: $p, text: "Vraag van de winkel") { id } }`, { p: earlyPost }, 'freelancer')).commentOnBlogPost.id;

    const dept = async (c: string) => ((await db.query('SELECT id FROM departments WHERE code = $1', [c])) as { id: string }[])[0].id;
    const seg = async (name: string, departmentId: string) =>
      (await ok<{ createBarrierSegment: { id: string } }>(`mutation($n: String!, $d: ID!) { createBarrierSegment(input: { name: $n, kind: DEPARTMENT, departmentId: $d }) { id } }`, { n: name, d: departmentId }, 'admin'))
        .createBarrierSegment.id;
    const create = `mutation($a: ID!, $b: ID!, $d: BarrierDirection!) { createInformationBarrier(input: { segmentAId: $a, segmentBId: $b, direction: $d }) { barrier { id } } }`;
    await ok(create, { a: await seg('Wholesale', await dept('WHS')), b: await seg('Retail', await dept('CONS')), d: 'TWO_WAY' }, 'admin');
    await ok(create, { a: await seg('HR', await dept('HR')), b: await seg('IT', await dept('IT')), d: 'ONE_WAY' }, 'admin');

    for (const who of people) {
      const p = await publish(who, `Blog van ${who}`, `blogbarriere${who}`);
      posts[who] = p.id;
      blogs[who] = p.blogId;
      await ok(`mutation($id: ID!, $u: DateTime) { featureBlogPost(id: $id, until: $u) { id } }`, { id: p.id, u: new Date(Date.now() + 86_400_000).toISOString() }, 'moderator');
    }
    for (const who of people.filter((p) => p !== 'moderator')) {
      const res = await comment(who, posts.moderator, `Reactie van ${who}`);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      comments[who] = res.data.commentOnBlogPost.id;
    }
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app.close();
  });

  // reader → author → visible?
  const matrix: [string, string, boolean][] = [
    ['employee', 'freelancer', false],
    ['freelancer', 'employee', false],
    ['hr', 'contractor', true], // one-way: HR reads IT
    ['contractor', 'hr', false], // IT sees nothing of HR
    ['moderator', 'employee', true],
    ['moderator', 'freelancer', true],
    ['employee', 'hr', true],
  ];

  it.each(matrix)('%s reading %s: blog lists, one blog, featured, post by id, tag, search, comments, blog → %s', async (reader, author, visible) => {
    const id = posts[author];
    expect(edgeIds((await ok(`{ blogPosts(first: 100) { edges { node { id } } } }`, {}, reader)).blogPosts).includes(id)).toBe(visible);
    const ofBlog = await ok(`query($b: ID!) { blogPosts(blogId: $b, first: 100) { edges { node { id } } } }`, { b: blogs[author] }, reader);
    expect(edgeIds(ofBlog.blogPosts).includes(id)).toBe(visible);
    const featured = (await ok(`{ featuredPosts { id } }`, {}, reader)).featuredPosts.map((p: { id: string }) => p.id);
    expect(featured.includes(id)).toBe(visible);
    const single = await gql(`query($id: ID!) { blogPost(id: $id) { id } }`, { id }, reader);
    expect(single.data?.blogPost?.id === id).toBe(visible);
    if (!visible) expect(single.errors?.[0].extensions.code).toBe('NOT_FOUND');
    // A tag only the hidden post carries is unknown to the reader (as a typo would be).
    const tagged = await gql(`query($t: String!) { blogPosts(tag: $t) { edges { node { id } } } }`, { t: `blogbarriere${author}` }, reader);
    if (visible) expect(edgeIds(tagged.data.blogPosts)).toContain(id);
    else expect(tagged.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const found = await ok(`query($q: String!) { searchBlogPosts(query: $q) { edges { node { id } } } }`, { q: `blogbarriere${author}` }, reader);
    expect(edgeIds(found.searchBlogPosts).includes(id)).toBe(visible);
    const onModerator = (await ok(`query($id: ID!) { blogPost(id: $id) { comments { id } } }`, { id: posts.moderator }, reader)).blogPost.comments.map((c: { id: string }) => c.id);
    if (comments[author]) expect(onModerator.includes(comments[author])).toBe(visible);
    const personBlog = (await ok(`query($p: ID!) { personBlog(personId: $p) { id } }`, { p: ids[author] }, reader)).personBlog;
    expect(personBlog?.id === blogs[author]).toBe(visible);
    const blog = await gql(`query($b: ID!) { blog(id: $b) { id } }`, { b: blogs[author] }, reader);
    expect(blog.data?.blog?.id === blogs[author]).toBe(visible);
    const read = await gql(`mutation($p: ID!) { recordRead(postId: $p, completed: false) }`, { p: id }, reader);
    expect(!read.errors).toBe(visible);
  });

  it('a comment from before the barrier leaves the post and the author\'s unanswered list', async () => {
    const onPost = (await ok(`query($id: ID!) { blogPost(id: $id) { comments { id } } }`, { id: earlyPost }, 'employee')).blogPost.comments.map((c: { id: string }) => c.id);
    expect(onPost).not.toContain(earlyComment);
    expect((await ok(`{ unansweredComments { id } }`, {}, 'employee')).unansweredComments.map((c: { id: string }) => c.id)).not.toContain(earlyComment);
    expect((await ok(`query($id: ID!) { blogPost(id: $id) { comments { id } } }`, { id: earlyPost }, 'moderator')).blogPost.comments.map((c: { id: string }) => c.id)).toContain(earlyComment);
    // Nor can the reader act on it.
    expect((await gql(`mutation($id: ID!) { likeBlogComment(id: $id) { id } }`, { id: earlyComment }, 'employee')).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await comment('employee', earlyPost, 'Antwoord', earlyComment)).errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  // actor → other → may interact? (any barrier, either direction, forbids it)
  const pairs: [string, string, boolean][] = [
    ['employee', 'freelancer', false],
    ['freelancer', 'employee', false],
    ['hr', 'contractor', false],
    ['contractor', 'hr', false],
    ['moderator', 'freelancer', true],
    ['employee', 'hr', true],
  ];

  it.each(pairs)('%s interacting with %s: comment, reply, like a post and a comment, subscribe, mention → %s', async (actor, other, allowed) => {
    const codes = (r: Errs) => r.errors?.[0].extensions.code;
    const commented = await comment(actor, posts[other], 'Mooi stuk');
    expect(!commented.errors).toBe(allowed);
    const replied = await comment(actor, posts.moderator, 'Eens', comments[other]);
    expect(!replied.errors).toBe(allowed);
    const liked = await gql(`mutation($id: ID!) { likeBlogPost(id: $id) { id } }`, { id: posts[other] }, actor);
    expect(!liked.errors).toBe(allowed);
    const likedComment = await gql(`mutation($id: ID!) { likeBlogComment(id: $id) { id } }`, { id: comments[other] }, actor);
    expect(!likedComment.errors).toBe(allowed);
    const subscribed = await gql(`mutation($b: ID!) { subscribeToBlog(blogId: $b) { id } }`, { b: blogs[other] }, actor);
    expect(!subscribed.errors).toBe(allowed);
    if (!allowed) {
      // Hidden: NOT_FOUND; readable but behind a (one-way) barrier: FORBIDDEN.
      for (const r of [commented, replied, liked, likedComment, subscribed]) expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codes(r));
      if (actor === 'hr') expect([codes(commented), codes(liked), codes(subscribed)]).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    }
    const mention = await comment(actor, posts.moderator, `Hoi @demo.${other}`);
    expect(mention.data.commentOnBlogPost.mentionIds).toEqual(allowed ? [ids[other]] : []);
  });

  it('subscribers across a barrier hear nothing of new posts; others do', async () => {
    const post = await publish('freelancer', 'Tweede winkelblog', 'winkelvervolg');
    const hrPost = await publish('hr', 'Tweede HR-blog', 'hrvervolg');
    const itPost = await publish('contractor', 'Tweede IT-blog', 'itvervolg');
    const rows = (key: string) => db.query(`SELECT recipient_id FROM notifications WHERE group_key = $1`, [key]) as Promise<{ recipient_id: string }[]>;
    await waitFor(async () => (await rows(`blog-post:${post.id}`)).length > 0 && (await rows(`blog-post:${itPost.id}`)).length > 0);
    // Fan-out of the HR post ran too (it is queued before the IT post's and handled in order or in parallel): give it the same chance.
    await waitFor(async () => (await db.query(`SELECT 1 FROM pgboss.job WHERE name = 'blogs.fan-out' AND state NOT IN ('completed', 'failed')`)).length === 0);
    expect((await rows(`blog-post:${post.id}`)).map((r) => r.recipient_id)).toEqual([ids.moderator]);
    expect((await rows(`blog-post:${itPost.id}`)).map((r) => r.recipient_id)).toEqual([ids.hr]); // one-way: HR reads IT
    // IT hears nothing of HR; the wholesale employee (subscribed in the interaction matrix) does.
    expect((await rows(`blog-post:${hrPost.id}`)).map((r) => r.recipient_id)).toEqual([ids.employee]);
  });

  it('live: posts and comments skip the segments shut out from their author and from the post they sit in; replay agrees', async () => {
    const s: Record<string, Socket> = {};
    for (const who of people) {
      s[who] = await connectSocket(app.url, tokens[who]);
      sockets.push(s[who]);
    }
    const [last] = (await db.query('SELECT max(id)::text AS id FROM realtime_events')) as { id: string }[];
    const published: Record<string, Promise<{ authorId: string }[]>> = {};
    const commented: Record<string, Promise<{ postId: string; authorId: string }[]>> = {};
    for (const who of people) {
      published[who] = collect(s[who], 'blog.post.published', 2500);
      commented[who] = collect(s[who], 'blog.comment.created', 2500);
    }
    const shop = await publish('freelancer', 'Live uit de winkels', 'livewinkel');
    await publish('hr', 'Live uit HR', 'livehr');
    // A neutral person's comment on the shop's post: its author is readable by all, the post is not.
    const neutral = await comment('moderator', shop.id, 'Goed bezig');
    expect(neutral.errors).toBeUndefined();
    const authors = async (who: string) => (await published[who]).map((e) => e.authorId);
    expect(await authors('employee')).not.toContain(ids.freelancer);
    expect(await authors('moderator')).toEqual(expect.arrayContaining([ids.freelancer, ids.hr]));
    expect(await authors('contractor')).not.toContain(ids.hr);
    expect(await authors('contractor')).toContain(ids.freelancer);
    const onShop = async (who: string) => (await commented[who]).filter((c) => c.postId === shop.id).length;
    expect(await onShop('employee')).toBe(0);
    expect(await onShop('hr')).toBe(1);
    expect(await onShop('moderator')).toBe(1);
    const replay = (await ok(`query($e: ID!) { eventsSince(lastEventId: $e) { type payload } }`, { e: last.id }, 'employee')).eventsSince as { type: string; payload: string }[];
    const blogEvents = replay.filter((e) => e.type.startsWith('blog.')).map((e) => JSON.parse(e.payload) as { authorId?: string; postId?: string; id: string });
    expect(blogEvents.some((e) => e.authorId === ids.freelancer || e.postId === shop.id || e.id === shop.id)).toBe(false);
    expect(blogEvents.some((e) => e.authorId === ids.hr)).toBe(true);
  });

  it('an HR move changes an open socket\'s segment rooms at once, without reconnecting', async () => {
    // demo.moderator (COMM) is on neither side; moved into IT, they must see nothing of HR (one-way), live.
    const socket = await connectSocket(app.url, tokens.moderator);
    sockets.push(socket);
    const authorsOf = async (events: Promise<{ authorId: string }[]>) => (await events).map((e) => e.authorId);
    const [{ department_id: home }] = (await db.query(`SELECT department_id FROM people WHERE uid = 'demo.moderator'`)) as { department_id: string }[];
    await db.query(`UPDATE people SET department_id = (SELECT id FROM departments WHERE code = 'IT') WHERE uid = 'demo.moderator'`);
    let got = collect<{ authorId: string }>(socket, 'blog.post.published', 2500);
    await publish('hr', 'Na de verhuizing', 'naverhuizing');
    await publish('contractor', 'IT na de verhuizing', 'itnaverhuizing');
    expect(await authorsOf(got)).toEqual([ids.contractor]);
    // And back: HR's posts reach the socket again.
    await db.query(`UPDATE people SET department_id = $1 WHERE uid = 'demo.moderator'`, [home]);
    got = collect<{ authorId: string }>(socket, 'blog.post.published', 2500);
    await publish('hr', 'Terug van de verhuizing', 'terugverhuizing');
    expect(await authorsOf(got)).toEqual([ids.hr]);
  });
});
