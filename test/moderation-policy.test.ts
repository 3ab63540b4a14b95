import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from './support/app.js';
import { messagesClient } from './support/messages.js';
import { collect, connectSocket, nextEvent } from './support/socket.js';

/**
 * The moderation permission matrix: member, community manager, admin, suspended person, the
 * reported item's author and its reporter × report, queue, claim, act, appeal, audit.
 */
type Role = 'member' | 'communityManager' | 'admin' | 'suspended' | 'author' | 'reporter';
type Op = 'report' | 'queue' | 'claim' | 'act' | 'appeal' | 'audit';
const OK = 'OK';

const MATRIX: Record<Role, Record<Op, string>> = {
  member: { report: OK, queue: 'FORBIDDEN', claim: 'FORBIDDEN', act: 'FORBIDDEN', appeal: 'NOT_FOUND', audit: 'FORBIDDEN' },
  communityManager: { report: OK, queue: OK, claim: OK, act: OK, appeal: 'NOT_FOUND', audit: 'FORBIDDEN' },
  admin: { report: OK, queue: OK, claim: OK, act: OK, appeal: 'NOT_FOUND', audit: OK },
  suspended: { report: 'FORBIDDEN', queue: 'FORBIDDEN', claim: 'FORBIDDEN', act: 'FORBIDDEN', appeal: 'FORBIDDEN', audit: 'FORBIDDEN' },
  // The author reports their own item (BAD_USER_INPUT) and appeals its removal (OK).
  author: { report: 'BAD_USER_INPUT', queue: 'FORBIDDEN', claim: 'FORBIDDEN', act: 'FORBIDDEN', appeal: OK, audit: 'FORBIDDEN' },
  // The reporter reports the same item again (CONFLICT).
  reporter: { report: 'CONFLICT', queue: 'FORBIDDEN', claim: 'FORBIDDEN', act: 'FORBIDDEN', appeal: 'NOT_FOUND', audit: 'FORBIDDEN' },
};

describe('moderation permission matrix', () => {
  let app: TestApp;
  let db: DataSource;
  let m: ReturnType<typeof messagesClient>;
  const token = {} as Record<Role, string>;
  let moderatorToken: string;

  const gql = async (t: string, query: string, variables: Record<string, unknown> = {}) => (await app.gql(query, variables, t)).body;
  const codeOf = (body: { errors?: { extensions: { code: string } }[] }) => body.errors?.[0]?.extensions.code ?? OK;
  const report = (t: string, itemId: string) => gql(t, `mutation($id: ID!) { reportContent(input: { itemType: MESSAGE, itemId: $id, reason: SPAM_OR_ADVERTISING }) { id } }`, { id: itemId });
  const act = (t: string, itemId: string, action: string, extra: Record<string, unknown> = {}) =>
    gql(t, `mutation($input: ModerateItemInput!) { moderateItem(input: $input) { id } }`, { input: { itemType: 'MESSAGE', itemId, action, reason: 'Matrix', ...extra } });

  /** A message by the author, reported by the reporter: a fresh open item. */
  const freshItem = async () => {
    const id = (await m.post(token.author, { text: `Gemeld bericht ${Math.random()}`, audience: 'company' })).id;
    expect(codeOf(await report(token.reporter, id))).toBe(OK);
    return id;
  };

  beforeAll(async () => {
    app = await bootApp();
    db = app.plein.app.get(DataSource);
    m = messagesClient(app);
    const [member, cm, admin, suspended, author, reporter] = await Promise.all(
      ['demo.hr', 'demo.moderator', 'demo.admin', 'demo.freelancer', 'demo.ceo', 'demo.employee'].map((u) => app.login(u)),
    );
    Object.assign(token, { member: member.accessToken, communityManager: cm.accessToken, admin: admin.accessToken, suspended: suspended.accessToken, author: author.accessToken, reporter: reporter.accessToken });
    moderatorToken = cm.accessToken;
    // Suspend the freelancer (their token stays in hand: every use of it must now be refused).
    const theirs = (await m.post(token.suspended, { text: 'Reclame reclame reclame', audience: 'company' })).id;
    await report(token.reporter, theirs);
    expect(codeOf(await act(token.admin, theirs, 'SUSPEND', { suspendDays: 2 }))).toBe(OK);
  });
  afterAll(() => app.close());
  beforeEach(() => db.query(`DELETE FROM rate_limit_buckets WHERE key LIKE 'moderation.report:%'`));

  const run: Record<Op, (role: Role) => Promise<string>> = {
    report: async (role) => {
      // Everyone reports the same kind of item: the author's message, already reported by the reporter.
      const id = await freshItem();
      return codeOf(await report(token[role], id));
    },
    queue: async (role) => codeOf(await gql(token[role], `{ moderationQueue { itemId reporters } }`)),
    claim: async (role) => {
      const id = await freshItem();
      return codeOf(await gql(token[role], `mutation($id: ID!) { claimReportedItem(itemType: MESSAGE, itemId: $id) { itemId } }`, { id }));
    },
    act: async (role) => codeOf(await act(token[role], await freshItem(), 'WARN')),
    appeal: async (role) => {
      const id = await freshItem();
      const removal = (await act(moderatorToken, id, 'REMOVE')).data.moderateItem.id;
      return codeOf(await gql(token[role], `mutation($id: ID!) { appealModeration(actionId: $id, text: "Graag opnieuw bekijken") { id } }`, { id: removal }));
    },
    audit: async (role) => codeOf(await gql(token[role], `{ moderationAuditCsv }`)),
  };

  for (const role of Object.keys(MATRIX) as Role[]) {
    for (const op of Object.keys(MATRIX[role]) as Op[]) {
      it(`${role} × ${op} → ${MATRIX[role][op]}`, async () => {
        expect(await run[op](role)).toBe(MATRIX[role][op]);
      });
    }
  }

  /**
   * The same matrix for blog posts and blog comments, with the decisions that take content down:
   * report, HIDE, REMOVE and the author's appeal of a removal.
   */
  const BLOG_MATRIX: Record<Role, Record<'report' | 'hide' | 'remove' | 'appeal', string>> = {
    member: { report: OK, hide: 'FORBIDDEN', remove: 'FORBIDDEN', appeal: 'NOT_FOUND' },
    communityManager: { report: OK, hide: OK, remove: OK, appeal: 'NOT_FOUND' },
    admin: { report: OK, hide: OK, remove: OK, appeal: 'NOT_FOUND' },
    suspended: { report: 'FORBIDDEN', hide: 'FORBIDDEN', remove: 'FORBIDDEN', appeal: 'FORBIDDEN' },
    author: { report: 'BAD_USER_INPUT', hide: 'FORBIDDEN', remove: 'FORBIDDEN', appeal: OK },
    reporter: { report: 'CONFLICT', hide: 'FORBIDDEN', remove: 'FORBIDDEN', appeal: 'NOT_FOUND' },
  };
  const reportAs = (t: string, itemType: string, itemId: string) =>
    gql(t, `mutation($t: ReportItemType!, $id: ID!) { reportContent(input: { itemType: $t, itemId: $id, reason: SPAM_OR_ADVERTISING }) { id } }`, { t: itemType, id: itemId });
  const actAs = (t: string, itemType: string, itemId: string, action: string) =>
    gql(t, `mutation($input: ModerateItemInput!) { moderateItem(input: $input) { id } }`, { input: { itemType, itemId, action, reason: 'Matrix' } });
  /** A blog post by the author (or a comment by the author on the member's post), reported by the reporter. */
  const freshBlogItem = async (itemType: 'BLOG_POST' | 'BLOG_COMMENT') => {
    const create = (t: string, title: string) =>
      gql(t, `mutation($input: CreateBlogPostInput!) { createBlogPost(input: $input) { post { id } } }`, { input: { title, bodyMarkdown: 'Tekst.', publish: true } });
    let id: string;
    if (itemType === 'BLOG_POST') id = (await create(token.author, `Gemelde post ${Math.random()}`)).data.createBlogPost.post.id;
    else {
      const post = (await create(token.member, `Post ${Math.random()}`)).data.createBlogPost.post.id;
      id = (await gql(token.author, `mutation($p: ID!) { commentOnBlogPost(postId: $p, text: "Gemelde reactie") { id } }`, { p: post })).data.commentOnBlogPost.id;
    }
    expect(codeOf(await reportAs(token.reporter, itemType, id))).toBe(OK);
    return id;
  };
  for (const itemType of ['BLOG_POST', 'BLOG_COMMENT'] as const) {
    for (const role of Object.keys(BLOG_MATRIX) as Role[]) {
      for (const op of ['report', 'hide', 'remove', 'appeal'] as const) {
        it(`${itemType} · ${role} × ${op} → ${BLOG_MATRIX[role][op]}`, async () => {
          const id = await freshBlogItem(itemType);
          let got: string;
          if (op === 'report') got = codeOf(await reportAs(token[role], itemType, id));
          else if (op === 'appeal') {
            const removal = (await actAs(moderatorToken, itemType, id, 'REMOVE')).data.moderateItem.id;
            got = codeOf(await gql(token[role], `mutation($id: ID!) { appealModeration(actionId: $id, text: "Graag opnieuw bekijken") { id } }`, { id: removal }));
          } else got = codeOf(await actAs(token[role], itemType, id, op.toUpperCase()));
          expect(got).toBe(BLOG_MATRIX[role][op]);
        });
      }
    }
  }

  it('drops a removed blog comment from the open screens of its readers at once', async () => {
    const reader = await connectSocket(app.url, token.member);
    try {
      const id = await freshBlogItem('BLOG_COMMENT');
      const heard = nextEvent<{ id: string; postId: string }>(reader, 'blog.comment.removed', 15_000);
      expect(codeOf(await actAs(moderatorToken, 'BLOG_COMMENT', id, 'REMOVE'))).toBe(OK);
      expect((await heard).id).toBe(id);
    } finally {
      reader.close();
    }
  });

  it('tells moderators live when a report arrives, and never the reported author', async () => {
    const moderator = await connectSocket(app.url, moderatorToken);
    const author = await connectSocket(app.url, token.author);
    try {
      const heard = nextEvent<{ itemId: string; reporters: number }>(moderator, 'moderation.queue');
      const authorHeard = collect(author, 'moderation.queue', 1000);
      const id = await freshItem();
      expect(await heard).toMatchObject({ itemId: id, reporters: 1 });
      expect(await authorHeard).toEqual([]);
    } finally {
      moderator.close();
      author.close();
    }
  });

  it('refuses a suspended person on the socket too', async () => {
    await expect(connectSocket(app.url, token.suspended)).rejects.toThrow('FORBIDDEN');
  });
});
