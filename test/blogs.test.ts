import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PolicyService, type Actor } from '@plein/policy';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from './support/app.js';

type Errs = { errors?: { message: string; extensions: { code: string } & Record<string, unknown> }[] };

const POST_FIELDS = 'id blogId audience title bodyHtml tags status publishAt publishedAt commentsClosed likeCount commentCount featuredUntil author { id }';

describe('blogs', () => {
  let app: TestApp;
  let db: DataSource;
  const tok: Record<string, string> = {};
  const pid: Record<string, string> = {};
  const actors: Record<string, Actor> = {};

  beforeAll(async () => {
    // Jobs run in the api: the scheduled-publication job and the notification fan-out.
    app = await bootApp({ WORKER_INLINE: 'true' });
    db = app.plein.app.get(DataSource);
    const users = ['demo.employee', 'demo.contractor', 'demo.freelancer', 'demo.hr', 'demo.moderator', 'demo.admin', 'demo.ceo'];
    const logins = await Promise.all(users.map((u) => app.login(u)));
    users.forEach((u, i) => {
      const short = u.slice(5);
      tok[short] = logins[i].accessToken;
      pid[short] = logins[i].person.id;
      actors[short] = { personId: logins[i].person.id, uid: u, displayName: logins[i].person.displayName, employmentType: logins[i].person.employmentType as Actor['employmentType'], departmentId: null, roles: logins[i].person.roles as Actor['roles'] };
    });
  });
  afterAll(() => app.close());

  const gql = async <T = any>(who: string, query: string, variables?: Record<string, unknown>) => (await app.gql<T>(query, variables, tok[who])).body as { data?: T } & Errs;
  const ok = async <T = any>(who: string, query: string, variables?: Record<string, unknown>): Promise<T> => {
    const body = await gql<T>(who, query, variables);
    if (body.errors) throw new Error(`${who}: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  };
  const err = (body: Errs) => body.errors?.[0];

  const create = async (who: string, input: Record<string, unknown>) =>
    (await ok(who, `mutation($input: CreateBlogPostInput!) { createBlogPost(input: $input) { post { ${POST_FIELDS} } sanitizeReport { removedTags removedAttributes } } }`, { input })).createBlogPost;
  const createRaw = (who: string, input: Record<string, unknown>) =>
    gql(who, `mutation($input: CreateBlogPostInput!) { createBlogPost(input: $input) { post { id } } }`, { input });
  const readPost = (who: string, id: string) => gql(who, `query($id: ID!) { blogPost(id: $id) { ${POST_FIELDS} } }`, { id });
  const comment = async (who: string, postId: string, text: string, parentId?: string) =>
    (await ok(who, 'mutation($p: ID!, $t: String!, $parent: ID) { commentOnBlogPost(postId: $p, text: $t, parentId: $parent) { id parentId answered } }', { p: postId, t: text, parent: parentId ?? null })).commentOnBlogPost;

  describe('bad input is refused with the field named', () => {
    it.each([
      ['an empty title', { title: '   ', bodyMarkdown: 'x' }, 'title'],
      ['a body over 200 KB', { title: 'Groot', bodyMarkdown: 'a'.repeat(300 * 1024) }, 'bodyMarkdown'],
      ['a schedule in the past', { title: 'Te laat', bodyMarkdown: 'x', publishAt: new Date(Date.now() - 60_000).toISOString() }, 'publishAt'],
      ['eleven tags', { title: 'Tags', bodyMarkdown: 'x', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags'],
      ['a body that is only a script', { title: 'Leeg', bodyHtml: '<script>alert(1)</script>' }, 'bodyHtml'],
    ])('%s', async (_name, input, field) => {
      const e = err(await createRaw('employee', input));
      expect(e?.extensions.code).toBe('BAD_USER_INPUT');
      expect(e?.extensions.field).toBe(field);
    });

    it('a 2 MB body (stopped by the 1 MB request limit before GraphQL, with the same code)', async () => {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tok.employee}` },
        body: JSON.stringify({ query: 'mutation($input: CreateBlogPostInput!) { createBlogPost(input: $input) { post { id } } }', variables: { input: { title: 'Groot', bodyMarkdown: 'a'.repeat(2 * 1024 * 1024) } } }),
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ code: 'BAD_USER_INPUT' });
    });

    it('an unknown tag filter', async () => {
      const e = err(await gql('employee', 'query { blogPosts(tag: "bestaatnietxyz") { edges { node { id } } } }'));
      expect(e?.extensions.code).toBe('BAD_USER_INPUT');
      expect(e?.extensions.field).toBe('tag');
      expect(e?.message).toContain('bestaatnietxyz');
    });
  });

  it('re-encodes the cover image so it outlives its upload: WebP, no EXIF, served by id; a non-image is refused', async () => {
    const upload = async (bytes: Buffer, name: string, type: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
      const res = await fetch(`${app.url}/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${tok.hr}` } });
      return ((await res.json()) as { id: string }).id;
    };
    const jpeg = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: { r: 200, g: 40, b: 40 } } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'geheim', Artist: 'Hendrik' } } })
      .toBuffer();
    const uploadId = await upload(jpeg, 'cover.jpg', 'image/jpeg');
    const made = await ok('hr', `mutation($input: CreateBlogPostInput!) { createBlogPost(input: $input) { post { id coverUrl } } }`, {
      input: { title: 'Met omslag', bodyMarkdown: 'Tekst', publish: true, coverUploadId: uploadId },
    });
    const url = made.createBlogPost.post.coverUrl as string;
    expect(url).toMatch(/^\/blog-covers\/[0-9a-f-]{36}$/);
    // The upload is gone (used), the cover stays.
    expect(await db.query('SELECT 1 FROM uploads WHERE id = $1', [uploadId])).toEqual([]);
    const res = await fetch(`${app.url}${url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    const served = Buffer.from(await res.arrayBuffer());
    const meta = await sharp(served).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBeLessThanOrEqual(1600);
    expect(meta.height).toBeLessThanOrEqual(900);
    expect(meta.exif).toBeUndefined();
    expect((await fetch(`${app.url}/blog-covers/00000000-0000-4000-8000-000000000000`)).status).toBe(404);

    // The author takes the cover off: the post has none, and the old image is gone.
    const removed = await ok('hr', 'mutation($id: ID!) { updateBlogPost(id: $id, input: { removeCover: true }) { post { coverUrl } } }', { id: made.createBlogPost.post.id });
    expect(removed.updateBlogPost.post.coverUrl).toBeNull();
    expect((await fetch(`${app.url}${url}`)).status).toBe(404);

    const text = await upload(Buffer.from('dit is geen plaatje'), 'nep.jpg', 'image/jpeg');
    const refused = await createRaw('hr', { title: 'Nep', bodyMarkdown: 'x', coverUploadId: text });
    expect(err(refused)?.extensions.code).toBe('BAD_USER_INPUT');
    expect(err(refused)?.extensions.field).toBe('coverUploadId');
  });

  it('cleans unsafe HTML and says what it removed; previews without saving', async () => {
    const saved = await create('employee', { title: 'Veilig', bodyHtml: '<p onclick="x()">Hallo <img src=x onerror=alert(1)></p><script>alert(1)</script><a href="javascript:alert(1)">klik</a>', publish: true });
    expect(saved.post.bodyHtml).not.toMatch(/script|onerror|onclick|javascript/i);
    expect(saved.sanitizeReport.removedTags).toContain('script');
    expect(saved.sanitizeReport.removedAttributes).toEqual(expect.arrayContaining(['p[onclick]', 'img[onerror]', 'a[href]']));
    const before = await db.query('SELECT count(*)::int AS n FROM blog_posts');
    const preview = (await ok('employee', 'query { previewBlogPost(input: { bodyMarkdown: "# Titel\\n\\n**vet** <iframe src=\\"https://x\\"></iframe>" }) { html sanitizeReport { removedTags } } }')).previewBlogPost;
    expect(preview.html).toContain('<strong>vet</strong>');
    expect(preview.sanitizeReport.removedTags).toEqual(expect.arrayContaining(['h1', 'iframe']));
    expect(await db.query('SELECT count(*)::int AS n FROM blog_posts')).toEqual(before);
  });

  it('drafts stay private, publish makes them readable, unpublish takes them back; the blog is made on the first post', async () => {
    expect((await ok('ceo', 'query($p: ID!) { personBlog(personId: $p) { id } }', { p: pid.ceo })).personBlog).toBeNull();
    const draft = (await create('ceo', { title: 'Concept', bodyMarkdown: 'Nog niet klaar.' })).post;
    expect(draft.status).toBe('DRAFT');
    expect(err(await readPost('employee', draft.id))?.extensions.code).toBe('NOT_FOUND');
    expect((await readPost('ceo', draft.id)).data?.blogPost.status).toBe('DRAFT');
    const blog = (await ok('ceo', 'query($p: ID!) { personBlog(personId: $p) { id kind canWrite unpublishedPosts { id } } }', { p: pid.ceo })).personBlog;
    expect(blog).toMatchObject({ id: draft.blogId, kind: 'PERSON', canWrite: true, unpublishedPosts: [{ id: draft.id }] });
    const published = (await ok('ceo', 'mutation($id: ID!) { publishBlogPost(id: $id) { status publishedAt } }', { id: draft.id })).publishBlogPost;
    expect(published.status).toBe('PUBLISHED');
    expect((await readPost('employee', draft.id)).data?.blogPost.title).toBe('Concept');
    // Only the author changes it.
    expect(err(await gql('employee', 'mutation($id: ID!) { unpublishBlogPost(id: $id) { id } }', { id: draft.id }))?.extensions.code).toBe('FORBIDDEN');
    await ok('ceo', 'mutation($id: ID!) { unpublishBlogPost(id: $id) { id } }', { id: draft.id });
    expect(err(await readPost('employee', draft.id))?.extensions.code).toBe('NOT_FOUND');
  });

  it('a scheduled post is published by the worker at its time', async () => {
    const at = new Date(Date.now() + 2500);
    const post = (await create('hr', { title: 'Gepland bericht', bodyMarkdown: 'Komt straks.', publishAt: at.toISOString() })).post;
    expect(post.status).toBe('SCHEDULED');
    expect(err(await readPost('employee', post.id))?.extensions.code).toBe('NOT_FOUND');
    let seen: any = null;
    for (let i = 0; i < 60 && !seen; i++) {
      await new Promise((r) => setTimeout(r, 250));
      seen = (await readPost('employee', post.id)).data?.blogPost ?? null;
    }
    expect(seen?.status).toBe('PUBLISHED');
    expect(new Date(seen.publishedAt).getTime()).toBeGreaterThanOrEqual(at.getTime() - 50);
    const e = err(await gql('hr', 'mutation($id: ID!, $at: DateTime) { publishBlogPost(id: $id, publishAt: $at) { id } }', { id: post.id, at: new Date(Date.now() - 1000).toISOString() }));
    expect(e?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publishAt' });
  });

  it('turns tags written with spaces into one tag on the server, and filters by them written either way', async () => {
    const post = (await create('hr', { title: 'Tags met spaties', bodyMarkdown: 'x', tags: ['cao onderhandelingen', '  Cao   Onderhandelingen ', '#HR!', 'R&D / innovatie'], publish: true })).post;
    expect(post.tags).toEqual(['cao-onderhandelingen', 'hr', 'r-d-innovatie']);
    expect((await db.query('SELECT tag FROM blog_post_tags WHERE post_id = $1 ORDER BY tag', [post.id])).map((r: any) => r.tag)).toEqual(['cao-onderhandelingen', 'hr', 'r-d-innovatie']);
    for (const tag of ['cao onderhandelingen', 'cao-onderhandelingen', '#Cao Onderhandelingen']) {
      const found = (await ok('employee', 'query($t: String) { blogPosts(tag: $t) { edges { node { id } } } }', { t: tag })).blogPosts.edges.map((e: any) => e.node.id);
      expect(found).toContain(post.id);
    }
    // What cannot be a tag at all is still refused, with the field and the limit.
    const e = err(await createRaw('hr', { title: 'Te lang', bodyMarkdown: 'x', tags: ['lang'.repeat(13)] }));
    expect(e?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'tags', max: 50, messageKey: 'input.invalidTag' });
  });

  it('the author marks one comment as the answer, explicitly (a reply never does), and can take it off; others cannot', async () => {
    const post = (await create('hr', { title: 'Wie weet het?', bodyMarkdown: 'Waar staat de nieuwe printer?', publish: true })).post;
    const q = await comment('employee', post.id, 'Op de tweede verdieping?');
    const a = await comment('contractor', post.id, 'Naast de koffieautomaat op 3.');
    const reply = await comment('hr', post.id, 'Dank je!', a.id);
    const answers = async (who = 'employee') =>
      (await ok(who, 'query($id: ID!) { blogPost(id: $id) { comments { id isAnswer replies { id isAnswer } } } }', { id: post.id })).blogPost.comments
        .flatMap((c: any) => [c, ...c.replies])
        .filter((c: any) => c.isAnswer)
        .map((c: any) => c.id);
    // The author replied in the thread: that answers it (answered), but marks nothing as the answer.
    expect(await answers()).toEqual([]);
    const mark = (who: string, id: string) => gql(who, 'mutation($c: ID!) { markBlogCommentAsAnswer(commentId: $c) { id } }', { c: id });
    const unmark = (who: string, id: string) => gql(who, 'mutation($c: ID!) { unmarkBlogCommentAsAnswer(commentId: $c) { id } }', { c: id });
    // Readers, the commenter included, and community managers cannot mark it; an unknown comment is not found.
    for (const who of ['employee', 'contractor', 'moderator']) expect(err(await mark(who, a.id))?.extensions.code).toBe('FORBIDDEN');
    expect(err(await mark('hr', '00000000-0000-4000-8000-000000000000'))?.extensions.code).toBe('NOT_FOUND');
    expect(err(await mark('hr', 'geen-id'))?.extensions.code).toBe('NOT_FOUND');
    expect(err(await mark('hr', a.id))).toBeUndefined();
    expect(await answers()).toEqual([a.id]);
    expect(await answers('contractor')).toEqual([a.id]);
    // One answer per post: marking another (a reply may be it too) moves the mark.
    expect(err(await mark('hr', reply.id))).toBeUndefined();
    expect(await answers()).toEqual([reply.id]);
    expect(err(await mark('hr', q.id))).toBeUndefined();
    expect(await answers()).toEqual([q.id]);
    expect(err(await unmark('employee', q.id))?.extensions.code).toBe('FORBIDDEN');
    expect(err(await unmark('hr', q.id))).toBeUndefined();
    expect(await answers()).toEqual([]);
    // Open pages hear of it.
    const [event] = await db.query(`SELECT audience, payload FROM realtime_events WHERE type = 'blog.comment.updated' AND payload->>'id' = $1 ORDER BY id DESC LIMIT 1`, [q.id]);
    expect(event).toMatchObject({ audience: 'company', payload: { postId: post.id, answer: false } });
  });

  it('tells each reader what they may do with a post: the author edits, communications staff and admins feature', async () => {
    const post = (await create('employee', { title: 'Mijn rechten', bodyMarkdown: 'Hallo **allemaal**', publish: true })).post;
    // The author edits what they wrote (the Markdown); readers only get the HTML.
    const source = async (who: string) => (await ok(who, 'query($id: ID!) { blogPost(id: $id) { bodyMarkdown bodyHtml } }', { id: post.id })).blogPost;
    expect(await source('employee')).toEqual({ bodyMarkdown: 'Hallo **allemaal**', bodyHtml: '<p>Hallo <strong>allemaal</strong></p>\n' });
    expect((await source('contractor')).bodyMarkdown).toBeNull();
    await ok('employee', 'mutation($id: ID!) { updateBlogPost(id: $id, input: { bodyMarkdown: "Hallo *iedereen*" }) { post { id } } }', { id: post.id });
    expect((await source('employee')).bodyMarkdown).toBe('Hallo *iedereen*');
    const can = async (who: string) => (await ok(who, 'query($id: ID!) { blogPost(id: $id) { viewerCan { edit feature seeStats } } }', { id: post.id })).blogPost.viewerCan;
    expect(await can('employee')).toEqual({ edit: true, feature: false, seeStats: true });
    expect(await can('contractor')).toEqual({ edit: false, feature: false, seeStats: false });
    expect(await can('moderator')).toEqual({ edit: false, feature: true, seeStats: false });
    expect(await can('admin')).toEqual({ edit: false, feature: true, seeStats: false });
    // What viewerCan promises, the mutations keep.
    const until = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    expect(err(await gql('contractor', 'mutation($id: ID!, $u: DateTime) { featureBlogPost(id: $id, until: $u) { id } }', { id: post.id, u: until }))?.extensions.code).toBe('FORBIDDEN');
    expect((await ok('moderator', 'mutation($id: ID!, $u: DateTime) { featureBlogPost(id: $id, until: $u) { featuredUntil } }', { id: post.id, u: until })).featureBlogPost.featuredUntil).toBe(until);
    expect((await ok('admin', 'mutation($id: ID!) { featureBlogPost(id: $id, until: null) { featuredUntil } }', { id: post.id })).featureBlogPost.featuredUntil).toBeNull();
    expect(err(await gql('admin', 'mutation($id: ID!) { unpublishBlogPost(id: $id) { id } }', { id: post.id }))?.extensions.code).toBe('FORBIDDEN');
  });

  it('a post\'s comment count is the same in the list and on the post: replies counted, hidden and removed ones and replies under a hidden comment not', async () => {
    const post = (await create('hr', { title: 'Tellen maar', bodyMarkdown: 'Hoeveel reacties?', tags: ['tellen'], publish: true })).post;
    const c1 = await comment('employee', post.id, 'Eerste');
    await comment('freelancer', post.id, 'Antwoord op eerste', c1.id);
    const removedReply = await comment('contractor', post.id, 'Weg ermee', c1.id);
    const c2 = await comment('contractor', post.id, 'Tweede, wordt verborgen');
    await comment('employee', post.id, 'Antwoord op tweede', c2.id);
    // Moderation hides the second comment (pending) and removes a reply (what ItemStates writes).
    await db.query(`UPDATE blog_comments SET moderation_state = 'hidden' WHERE id = $1`, [c2.id]);
    await db.query(`UPDATE blog_comments SET moderation_state = 'removed' WHERE id = $1`, [removedReply.id]);
    // The contractor, author of the hidden comment, still reads its thread (one reply more).
    for (const [who, expected] of [['employee', 2], ['freelancer', 2], ['hr', 2], ['contractor', 3]] as const) {
      const inList = (await ok(who, 'query { blogPosts(tag: "tellen") { edges { node { id commentCount } } } }')).blogPosts.edges.find((e: any) => e.node.id === post.id).node.commentCount;
      const page = (await ok(who, 'query($id: ID!) { blogPost(id: $id) { commentCount comments { moderationState replies { moderationState } } } }', { id: post.id })).blogPost;
      const shown = page.comments.flatMap((c: any) => [c, ...c.replies]).filter((c: any) => c.moderationState === 'visible').length;
      // Eerste and its visible reply: two, in the list, on the post, and on the page.
      expect({ who, inList, onPost: page.commentCount, shown }).toEqual({ who, inList: expected, onPost: expected, shown: expected });
    }
    // The contractor still sees their own hidden and removed comments, marked, and they are not counted.
    const own = (await ok('contractor', 'query($id: ID!) { blogPost(id: $id) { comments { id moderationState replies { id moderationState } } } }', { id: post.id })).blogPost.comments;
    expect(own.flatMap((c: any) => [c, ...c.replies]).filter((c: any) => c.moderationState !== 'visible').map((c: any) => c.id).sort()).toEqual([c2.id, removedReply.id].sort());
  });

  it('keeps revisions with a diff to the previous one', async () => {
    const post = (await create('employee', { title: 'Versies', bodyMarkdown: 'een\n\ntwee\n\ndrie', tags: ['Versie'] })).post;
    await ok('employee', 'mutation($id: ID!) { updateBlogPost(id: $id, input: { bodyMarkdown: "een\\n\\nTWEE\\n\\ndrie\\n\\nvier" }) { post { id } } }', { id: post.id });
    // Only audience changed: no new revision.
    await ok('employee', 'mutation($id: ID!) { updateBlogPost(id: $id, input: { audience: "employees" }) { post { audience } } }', { id: post.id });
    await ok('employee', 'mutation($id: ID!) { updateBlogPost(id: $id, input: { title: "Versies 2" }) { post { id } } }', { id: post.id });
    const revs = (await ok('employee', `query($id: ID!) { blogPost(id: $id) { revisions { number title titleChanged diff { op lines } } } }`, { id: post.id })).blogPost.revisions;
    expect(revs.map((r: any) => [r.number, r.title, r.titleChanged])).toEqual([[1, 'Versies', true], [2, 'Versies', false], [3, 'Versies 2', true]]);
    expect(revs[0].diff).toEqual([{ op: 'ADDED', lines: ['<p>een</p>', '<p>twee</p>', '<p>drie</p>'] }]);
    expect(revs[1].diff).toEqual([
      { op: 'EQUAL', lines: ['<p>een</p>'] },
      { op: 'REMOVED', lines: ['<p>twee</p>'] },
      { op: 'ADDED', lines: ['<p>TWEE</p>'] },
      { op: 'EQUAL', lines: ['<p>drie</p>'] },
      { op: 'ADDED', lines: ['<p>vier</p>'] },
    ]);
    expect(revs[2].diff).toEqual([{ op: 'EQUAL', lines: ['<p>een</p>', '<p>TWEE</p>', '<p>drie</p>', '<p>vier</p>'] }]);
    // Readers do not see the history.
    await ok('employee', 'mutation($id: ID!) { publishBlogPost(id: $id) { id } }', { id: post.id });
    expect(err(await gql('hr', 'query($id: ID!) { blogPost(id: $id) { revisions { number } } }', { id: post.id }))?.extensions.code).toBe('NOT_FOUND');
  });

  describe('audience matrix', () => {
    let company: string;
    let employees: string;
    beforeAll(async () => {
      company = (await create('employee', { title: 'Matrix voor iedereen', bodyMarkdown: 'Over de matrixwerkzaamheden.', tags: ['matrix'], publish: true })).post.id;
      employees = (await create('employee', { title: 'Matrix alleen personeel', bodyMarkdown: 'Over de matrixwerkzaamheden intern.', tags: ['matrix'], audience: 'employees', publish: true })).post.id;
    });

    it.each([
      ['employee', true],
      ['contractor', false],
      ['freelancer', false],
    ])('%s: company always, employees only when payroll (feed, single, search, comments, live)', async (who, payroll) => {
      const feed = (await ok(who, 'query { blogPosts(tag: "matrix", first: 50) { edges { node { id } } } }')).blogPosts.edges.map((e: any) => e.node.id);
      expect(feed).toContain(company);
      expect(feed.includes(employees)).toBe(payroll);
      expect((await readPost(who, company)).data?.blogPost.id).toBe(company);
      expect(err(await readPost(who, employees))?.extensions.code).toBe(payroll ? undefined : 'NOT_FOUND');
      const found = (await ok(who, 'query { searchBlogPosts(query: "matrixwerkzaamheden") { edges { node { id } } } }')).searchBlogPosts.edges.map((e: any) => e.node.id);
      expect(found).toContain(company);
      expect(found.includes(employees)).toBe(payroll);
      const c = await gql(who, 'mutation($p: ID!) { commentOnBlogPost(postId: $p, text: "Goed stuk") { id } }', { p: employees });
      expect(err(c)?.extensions.code).toBe(payroll ? undefined : 'NOT_FOUND');
      const comments = await gql(who, 'query($id: ID!) { blogPost(id: $id) { comments { id } } }', { id: employees });
      expect(!!comments.data?.blogPost).toBe(payroll);
      // Live: the comment event goes to the post's audience room, which only payroll sockets join.
      const policy = app.plein.app.get(PolicyService);
      const [event] = await db.query(`SELECT audience FROM realtime_events WHERE type = 'blog.comment.created' AND payload->>'postId' = $1 LIMIT 1`, [employees]);
      expect(event.audience).toBe('employees');
      expect(policy.roomsFor(actors[who]).includes(policy.roomForAudience('employees'))).toBe(payroll);
    });

    it('contractors cannot write for employees', async () => {
      expect(err(await createRaw('contractor', { title: 'Intern', bodyMarkdown: 'x', audience: 'employees' }))?.extensions.code).toBe('FORBIDDEN');
    });
  });

  it('comments thread two levels deep, carry answered marks, and can be closed', async () => {
    const post = (await create('hr', { title: 'Vraag het de HR-directeur', bodyMarkdown: 'Stel je vragen.', publish: true })).post;
    const q1 = await comment('employee', post.id, 'Hoe zit het met thuiswerken? @demo.moderator weet jij het?');
    const q2 = await comment('contractor', post.id, 'En voor externen?');
    const reply = await comment('freelancer', post.id, 'Goede vraag', q1.id);
    // A reply to a reply joins the thread (two levels).
    const deep = await comment('employee', post.id, 'Dank', reply.id);
    expect([reply.parentId, deep.parentId]).toEqual([q1.id, q1.id]);
    const unanswered = async () => (await ok('hr', 'query($p: ID) { unansweredComments(postId: $p) { id } }', { p: post.id })).unansweredComments.map((c: any) => c.id);
    // Addressed to the author: the two questions and the asker's follow-up in their own thread. The
    // freelancer's reply to the employee is readers talking among themselves: not a question to the author.
    expect(await unanswered()).toEqual([q1.id, q2.id, deep.id]);
    await comment('hr', post.id, 'Twee dagen per week.', q1.id);
    expect(await unanswered()).toEqual([q2.id]);
    const tree = (await ok('employee', 'query($id: ID!) { blogPost(id: $id) { commentCount comments { id answered author { id } replies { id answered author { id } } } } }', { id: post.id })).blogPost;
    expect(tree.commentCount).toBe(5);
    expect(tree.comments.map((c: any) => [c.id, c.answered, c.replies.length])).toEqual([[q1.id, true, 3], [q2.id, false, 0]]);
    expect(tree.comments[0].replies.map((r: any) => r.answered)).toEqual([false, true, false]);
    // Likes on posts and comments, idempotent.
    await ok('employee', 'mutation($id: ID!) { likeBlogPost(id: $id) { likeCount } }', { id: post.id });
    expect((await ok('employee', 'mutation($id: ID!) { likeBlogPost(id: $id) { likeCount likedByMe } }', { id: post.id })).likeBlogPost).toEqual({ likeCount: 1, likedByMe: true });
    expect((await ok('hr', 'mutation($id: ID!) { likeBlogComment(id: $id) { likeCount likedByMe } }', { id: q2.id })).likeBlogComment).toEqual({ likeCount: 1, likedByMe: true });
    // Live: comments and likes went to the audience room, and the author got live notifications.
    const events = await db.query(`SELECT audience, type FROM realtime_events WHERE payload->>'postId' = $1 OR payload->>'id' = $1 ORDER BY id`, [post.id]);
    expect(events).toEqual(expect.arrayContaining([
      { audience: 'company', type: 'blog.comment.created' },
      { audience: 'company', type: 'blog.post.updated' },
      { audience: `user:${pid.hr}`, type: 'blog.comment.notification' },
      { audience: `user:${pid.hr}`, type: 'blog.like.notification' },
    ]));
    // Closing comments.
    await ok('hr', 'mutation($id: ID!) { setBlogPostCommentsClosed(id: $id, closed: true) { commentsClosed } }', { id: post.id });
    expect(err(await gql('employee', 'mutation($p: ID!) { commentOnBlogPost(postId: $p, text: "Nog één") { id } }', { p: post.id }))?.extensions.code).toBe('FORBIDDEN');
    expect(err(await gql('employee', 'mutation($id: ID!) { setBlogPostCommentsClosed(id: $id, closed: false) { id } }', { id: post.id }))?.extensions.code).toBe('FORBIDDEN');
    // The author's notifications (fan-out on the worker) and the mention.
    await waitFor(async () => (await notificationKinds('hr')).includes('BLOG_COMMENT'));
    await waitFor(async () => (await notificationKinds('moderator')).includes('BLOG_MENTION'));
    // Answer figures.
    const stats = (await ok('hr', 'query($p: ID!) { blogPostStats(postId: $p) { comments commentsAnswered answeredShare medianSecondsToAnswer } }', { p: post.id })).blogPostStats;
    // The figures count what was said to the author: q1, q2 and the follow-up; the reply between readers is not a question.
    expect(stats).toMatchObject({ comments: 3, commentsAnswered: 2, answeredShare: 0.667 });
    expect(stats.medianSecondsToAnswer).toBeGreaterThanOrEqual(0);
  });

  it("unanswered means said to the author and not answered: a third person's reply never is; replies in the author's own thread are", async () => {
    const post = (await create('hr', { title: 'Open vragenuur', bodyMarkdown: 'Vraag maar raak.', publish: true })).post;
    const question = await comment('employee', post.id, 'Komt er een nieuwe laptopregeling?');
    const aside = await comment('contractor', post.id, 'Dat vroeg ik me ook af', question.id);
    const own = await comment('hr', post.id, 'Wie komt er vrijdag naar de borrel?');
    const toAuthor = await comment('freelancer', post.id, 'Ik kom!', own.id);
    const unanswered = async () => (await ok('hr', 'query($p: ID) { unansweredComments(postId: $p) { id } }', { p: post.id })).unansweredComments.map((c: any) => c.id);
    expect(await unanswered()).toEqual([question.id, toAuthor.id]);
    expect(await unanswered()).not.toContain(aside.id);
    await comment('hr', post.id, 'Ja, in maart.', question.id);
    await comment('hr', post.id, 'Leuk!', own.id);
    expect(await unanswered()).toEqual([]);
    const stats = (await ok('hr', 'query($p: ID!) { blogPostStats(postId: $p) { comments commentsAnswered answeredShare } }', { p: post.id })).blogPostStats;
    expect(stats).toMatchObject({ comments: 2, commentsAnswered: 2, answeredShare: 1 });
  });

  const notificationKinds = async (who: string): Promise<string[]> =>
    (await ok(who, 'query { notifications(first: 50) { edges { node { kind } } } }')).notifications.edges.map((e: any) => e.node.kind);
  const waitFor = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 40; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('timed out');
  };

  it('subscribers hear of new posts they may read', async () => {
    const first = (await create('moderator', { title: 'Eerste', bodyMarkdown: 'Hallo.', publish: true })).post;
    // The first post's own fan-out runs on the worker: let it finish before anyone subscribes, or a
    // subscriber made meanwhile hears of it too.
    await waitFor(async () => (await db.query(`SELECT 1 FROM pgboss.job WHERE name = 'blogs.fan-out' AND state NOT IN ('completed', 'failed')`)).length === 0);
    for (const who of ['freelancer', 'contractor', 'employee']) await ok(who, 'mutation($b: ID!) { subscribeToBlog(blogId: $b) { subscribedByMe } }', { b: first.blogId });
    await ok('contractor', 'mutation($b: ID!) { unsubscribeFromBlog(blogId: $b) { id } }', { b: first.blogId });
    await create('moderator', { title: 'Voor personeel', bodyMarkdown: 'Intern.', audience: 'employees', publish: true });
    await create('moderator', { title: 'Voor iedereen', bodyMarkdown: 'Openbaar.', publish: true });
    await waitFor(async () => (await notificationKinds('employee')).filter((k) => k === 'BLOG_POST').length >= 2);
    await waitFor(async () => (await notificationKinds('freelancer')).includes('BLOG_POST'));
    const rows = await db.query(`SELECT p.uid, count(*)::int AS n FROM notifications n JOIN people p ON p.id = n.recipient_id WHERE n.kind = 'blog_post' AND n.actor_ids[1] = $1 GROUP BY 1 ORDER BY 1`, [pid.moderator]);
    // The freelancer does not hear of the employees-only post; the contractor unsubscribed.
    expect(rows).toEqual([{ uid: 'demo.employee', n: 2 }, { uid: 'demo.freelancer', n: 1 }]);
  });

  it('reading figures: views, readers, read-through, groups of fewer than 5 left out', async () => {
    const post = (await create('ceo', { title: 'Cijfers', bodyMarkdown: 'Lees mij.', publish: true })).post;
    for (const who of ['employee', 'contractor']) await ok(who, 'mutation($p: ID!) { recordRead(postId: $p, completed: false) }', { p: post.id });
    await ok('employee', 'mutation($p: ID!) { recordRead(postId: $p, completed: false) }', { p: post.id });
    await ok('employee', 'mutation($p: ID!) { recordRead(postId: $p, completed: true) }', { p: post.id });
    expect((await ok('ceo', 'mutation($p: ID!) { recordRead(postId: $p, completed: true) }', { p: post.id })).recordRead).toBe(false);
    // Six more readers from the largest department, two from another, straight into the table.
    // The largest department none of the real readers is in (several tie; any will do, but not one
    // that already holds a reader, or its count would include them).
    const [big] = await db.query(
      `SELECT department_id FROM people WHERE active AND department_id IS NOT NULL AND id <> ALL($1::uuid[])
         AND department_id NOT IN (SELECT department_id FROM people WHERE id = ANY($1::uuid[]) AND department_id IS NOT NULL)
       GROUP BY 1 HAVING count(*) >= 6 ORDER BY count(*) DESC, 1 LIMIT 1`,
      [Object.values(pid)],
    );
    const many = await db.query(`SELECT id FROM people WHERE active AND department_id = $1 AND id <> ALL($2::uuid[]) LIMIT 6`, [big.department_id, Object.values(pid)]);
    const few = await db.query(`SELECT id FROM people WHERE active AND department_id <> $1 AND id <> ALL($2::uuid[]) AND department_id IS NOT NULL AND department_id NOT IN (SELECT department_id FROM people WHERE id = ANY($2::uuid[]) AND department_id IS NOT NULL) LIMIT 2`, [big.department_id, Object.values(pid)]);
    expect(many).toHaveLength(6);
    await db.query(`INSERT INTO blog_post_reads (post_id, person_id, views, completed) SELECT $1, unnest($2::uuid[]), 2, true`, [post.id, [...many, ...few].map((r: any) => r.id)]);
    const s = (await ok('ceo', 'query($p: ID!) { blogPostStats(postId: $p) { views uniqueReaders completedReaders readThroughRate minGroupSize byDepartment { label readers completed } byEmploymentType { label readers } } }', { p: post.id })).blogPostStats;
    const readers = 2 + many.length + few.length;
    expect(s).toMatchObject({ views: 3 + 2 * (many.length + few.length), uniqueReaders: readers, completedReaders: 1 + many.length + few.length, minGroupSize: 5 });
    const [bigName] = await db.query('SELECT name FROM departments WHERE id = $1', [big.department_id]);
    expect(s.byDepartment).toEqual([{ label: bigName.name, readers: 6, completed: 6 }]);
    expect(s.byDepartment.every((g: any) => g.readers >= 5)).toBe(true);
    expect(s.byEmploymentType.every((g: any) => g.readers >= 5)).toBe(true);
    expect(s.byEmploymentType.map((g: any) => g.label)).not.toContain('contractor');
    // Only those who write on the blog see the figures.
    expect(err(await gql('employee', 'query($p: ID!) { blogPostStats(postId: $p) { views } }', { p: post.id }))?.extensions.code).toBe('NOT_FOUND');
    // The number of readers on the author's own list; null for everyone else.
    const listed = async (who: string) => (await ok(who, 'query($b: ID!) { blogPosts(blogId: $b) { edges { node { id readerCount } } } }', { b: post.blogId })).blogPosts.edges.find((e: any) => e.node.id === post.id).node.readerCount;
    expect(await listed('ceo')).toBe(readers);
    expect(await listed('employee')).toBeNull();
  });

  it('search finds posts by title, tags and text with Dutch stemming', async () => {
    const post = (await create('employee', { title: 'Cao-nieuws', bodyMarkdown: 'De onderhandeling met de bonden is hervat.', tags: ['arbeidsvoorwaarden'], publish: true })).post;
    const search = async (query: string, tag?: string) => (await ok('freelancer', 'query($q: String!, $t: String) { searchBlogPosts(query: $q, tag: $t) { edges { node { id } } } }', { q: query, t: tag ?? null })).searchBlogPosts.edges.map((e: any) => e.node.id);
    expect(await search('onderhandelingen')).toContain(post.id);
    expect(await search('cao-nieuws')).toContain(post.id);
    expect(await search('arbeidsvoorwaarden')).toContain(post.id);
    expect(await search('onderhandelingen', '#Arbeidsvoorwaarden')).toEqual([post.id]);
    expect(err(await gql('freelancer', 'query { searchBlogPosts(query: "x", tag: "nergensvoor") { edges { cursor } } }'))?.extensions.field).toBe('tag');
  });

  it('a group blog: its members write and read, others do not', async () => {
    const group = (await ok('employee', 'mutation { createGroup(input: { name: "Blogclub gesloten", kind: CLOSED }) { id } }')).createGroup;
    expect(err(await gql('contractor', 'mutation($g: ID!) { createGroupBlog(groupId: $g, title: "Niet van mij") { id } }', { g: group.id }))?.extensions.code).toBe('FORBIDDEN');
    const blog = (await ok('employee', 'mutation($g: ID!) { createGroupBlog(groupId: $g, title: "Blogclub") { id kind groupId } }', { g: group.id })).createGroupBlog;
    expect(blog).toMatchObject({ kind: 'GROUP', groupId: group.id });
    const post = (await create('employee', { blogId: blog.id, title: 'Clubnieuws', bodyMarkdown: 'Alleen voor leden.', publish: true })).post;
    expect(post.audience).toBe(`group:${group.id}`);
    expect(err(await createRaw('contractor', { blogId: blog.id, title: 'Ik ook', bodyMarkdown: 'x' }))?.extensions.code).toBe('FORBIDDEN');
    expect(err(await readPost('contractor', post.id))?.extensions.code).toBe('NOT_FOUND');
    expect((await ok('employee', 'query($b: ID!) { blogPosts(blogId: $b) { edges { node { id } } } }', { b: blog.id })).blogPosts.edges).toHaveLength(1);
    expect((await ok('contractor', 'query($b: ID!) { blogPosts(blogId: $b) { edges { node { id } } } }', { b: blog.id })).blogPosts.edges).toHaveLength(0);
  });

  it('company blogs have several authors; featured posts top everyone\'s home page', async () => {
    expect(err(await gql('employee', 'mutation($a: [ID!]!) { createCompanyBlog(title: "Nope", authorIds: $a) { id } }', { a: [pid.employee] }))?.extensions.code).toBe('FORBIDDEN');
    const blog = (await ok('admin', 'mutation($a: [ID!]!) { createCompanyBlog(title: "Plein Bedrijfsblog", authorIds: $a) { id kind authors { id } } }', { a: [pid.ceo, pid.hr] })).createCompanyBlog;
    expect(blog.kind).toBe('COMPANY');
    expect(blog.authors.map((a: any) => a.id).sort()).toEqual([pid.ceo, pid.hr].sort());
    const post = (await create('hr', { blogId: blog.id, title: 'Van de HR-directeur', bodyMarkdown: 'Welkom.', publish: true })).post;
    expect(post.author.id).toBe(pid.hr);
    expect(err(await createRaw('employee', { blogId: blog.id, title: 'Ik ook', bodyMarkdown: 'x' }))?.extensions.code).toBe('FORBIDDEN');
    // The chief blogger may edit a colleague's post on the company blog.
    await ok('ceo', 'mutation($id: ID!) { updateBlogPost(id: $id, input: { title: "Van de HR-directeur (bijgewerkt)" }) { post { id } } }', { id: post.id });

    const until = new Date(Date.now() + 3600_000).toISOString();
    expect(err(await gql('employee', 'mutation($id: ID!, $u: DateTime) { featureBlogPost(id: $id, until: $u) { id } }', { id: post.id, u: until }))?.extensions.code).toBe('FORBIDDEN');
    await ok('moderator', 'mutation($id: ID!, $u: DateTime) { featureBlogPost(id: $id, until: $u) { featuredUntil } }', { id: post.id, u: until });
    for (const who of ['employee', 'contractor', 'freelancer']) {
      expect((await ok(who, 'query { featuredPosts { id } }')).featuredPosts.map((p: any) => p.id)).toContain(post.id);
    }
    await ok('admin', 'mutation($id: ID!) { featureBlogPost(id: $id, until: null) { featuredUntil } }', { id: post.id });
    expect((await ok('employee', 'query { featuredPosts { id } }')).featuredPosts.map((p: any) => p.id)).not.toContain(post.id);
  });
});
