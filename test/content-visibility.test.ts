import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ContentKinds } from '@plein/policy';
import sharp from 'sharp';
import { bootApp, type TestApp } from './support/app.js';

type Who = 'author' | 'reader' | 'moderator';
type Errs = { errors?: { extensions: { code: string } }[] };

/**
 * The one content-visibility rule (libs/policy content-visibility.ts) across kinds, and the
 * registry of content kinds: content hidden by moderation stays readable by its author and by
 * moderators (blog posts too, which used to be author-only); public assets of hidden content (a
 * message's images) are not served until the hiding is dismissed (they used to stay online).
 */
describe('content kinds and the one visibility rule', () => {
  let app: TestApp;
  const token = {} as Record<Who, string>;
  const gql = async (who: Who, query: string, variables: Record<string, unknown> = {}) => (await app.gql(query, variables, token[who])).body as { data?: any } & Errs;
  const code = (b: Errs) => b.errors?.[0]?.extensions.code ?? 'OK';
  const ok = async (who: Who, query: string, variables: Record<string, unknown> = {}) => {
    const body = await gql(who, query, variables);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const decide = (itemType: string, itemId: string, action: string) =>
    ok('moderator', `mutation($input: ModerateItemInput!) { moderateItem(input: $input) { id } }`, { input: { itemType, itemId, action, reason: 'Nakijken' } });
  const report = (itemType: string, itemId: string) =>
    ok('reader', `mutation($t: ReportItemType!, $id: ID!) { reportContent(input: { itemType: $t, itemId: $id, reason: SPAM_OR_ADVERTISING }) { id } }`, { t: itemType, id: itemId });

  beforeAll(async () => {
    app = await bootApp();
    for (const [who, uid] of [['author', 'demo.freelancer'], ['reader', 'demo.employee'], ['moderator', 'demo.moderator']] as [Who, string][]) token[who] = (await app.login(uid)).accessToken;
  });
  afterAll(() => app.close());

  it('registers every reportable kind, each with the whole moderation part of the contract', () => {
    const kinds = app.plein.app.get(ContentKinds);
    expect(kinds.reportable().map((k) => k.name).sort()).toEqual(['blog_comment', 'blog_post', 'group', 'message', 'photo', 'poll', 'profile']);
    for (const k of kinds.reportable()) expect([typeof k.moderation.resolve, typeof k.moderation.state, typeof k.moderation.apply, typeof k.moderation.originalText]).toEqual(['function', 'function', 'function', 'function']);
    expect(kinds.insights().map((i) => i.metric)).toEqual(expect.arrayContaining(['messages', 'replies', 'likes', 'posters', 'blog_posts', 'poll_votes']));
  });

  it('keeps a hidden blog post readable by its author and by moderators, and by nobody else', async () => {
    const post = (await ok('author', `mutation($i: CreateBlogPostInput!) { createBlogPost(input: $i) { post { id } } }`, { i: { title: 'Zichtbaarheid', bodyMarkdown: 'Over één regel.', publish: true } }))
      .createBlogPost.post.id as string;
    await report('BLOG_POST', post);
    await decide('BLOG_POST', post, 'HIDE');
    const read = (who: Who) => gql(who, `query($id: ID!) { blogPost(id: $id) { id moderationState } }`, { id: post });
    expect(code(await read('reader'))).toBe('NOT_FOUND');
    expect((await read('author')).data.blogPost.moderationState).toBe('hidden');
    expect((await read('moderator')).data.blogPost.moderationState).toBe('hidden');
  });

  it("takes a hidden message's images offline until the hiding is dismissed", async () => {
    const form = new FormData();
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 40 } } }).jpeg().toBuffer();
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'rood.jpg');
    const upload = (await (await fetch(`${app.url}/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token.author}` } })).json()) as { id: string };
    const message = (await ok('author', `mutation($input: PostMessageInput!) { postMessage(input: $input) { id images { url } } }`, { input: { text: 'Met foto', audience: 'company', images: [{ uploadId: upload.id }] } }))
      .postMessage as { id: string; images: { url: string }[] };
    const image = `${app.url}${message.images[0].url}`;
    expect((await fetch(image)).status).toBe(200);
    await report('MESSAGE', message.id);
    await decide('MESSAGE', message.id, 'HIDE');
    expect((await fetch(image)).status).toBe(404);
    await decide('MESSAGE', message.id, 'DISMISS');
    expect((await fetch(image)).status).toBe(200);
  });
});
