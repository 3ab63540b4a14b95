import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from './support/app.js';
import { ids, messagesClient, type Msg } from './support/messages.js';

describe('messages: post, reply, like, reshare, edit, delete', () => {
  let app: TestApp;
  let db: DataSource;
  let m: ReturnType<typeof messagesClient>;
  let employee: string;
  let hr: string;
  let contractor: string;
  let contractorId: string;
  let freelancer: string;

  beforeAll(async () => {
    app = await bootApp();
    db = app.plein.app.get(DataSource);
    m = messagesClient(app);
    const [e, h, c, f] = await Promise.all(['demo.employee', 'demo.hr', 'demo.contractor', 'demo.freelancer'].map((u) => app.login(u)));
    employee = e.accessToken;
    hr = h.accessToken;
    contractor = c.accessToken;
    contractorId = c.person.id;
    freelancer = f.accessToken;
  });
  afterAll(() => app.close());

  const codeOf = (body: { errors?: { extensions: { code: string }; message: string }[] }) => body.errors?.[0]?.extensions.code;
  const messageOf = (body: { errors?: { message: string }[] }) => body.errors?.[0]?.message;

  describe('validation', () => {
    it.each([
      ['empty', { text: '', audience: 'company' }, 'BAD_USER_INPUT', 'cannot be empty'],
      ['whitespace only', { text: ' \n\t  ', audience: 'company' }, 'BAD_USER_INPUT', 'cannot be empty'],
      ['over 1000 characters', { text: 'a'.repeat(1001), audience: 'company' }, 'BAD_USER_INPUT', 'at most 1000 characters'],
      ['no audience', { text: 'hoi' }, 'BAD_USER_INPUT', 'Choose an audience'],
      ['an unknown audience', { text: 'hoi', audience: 'everyone' }, 'BAD_USER_INPUT', 'Unknown audience "everyone"'],
      ['a group nobody is a member of', { text: 'hoi', audience: 'group:22222222-2222-4222-8222-222222222222' }, 'BAD_USER_INPUT', 'Unknown audience'],
      ['a reply to a message that does not exist', { text: 'hoi', replyToId: '22222222-2222-4222-8222-222222222222' }, 'NOT_FOUND', 'you reply to does not exist'],
      ['a quote of a message that does not exist', { text: 'hoi', audience: 'company', quotedMessageId: 'nope' }, 'NOT_FOUND', 'quoted message does not exist'],
    ])('refuses %s', async (_name, input, code, message) => {
      const body = await m.postRaw(employee, input);
      expect(codeOf(body)).toBe(code);
      expect(messageOf(body)).toContain(message);
    });

    it('accepts exactly 1000 characters (emoji count as one)', async () => {
      const msg = await m.post(employee, { text: '🙂'.repeat(1000), audience: 'company' });
      expect([...msg.text]).toHaveLength(1000);
    });

    it('lets only payroll staff post to employees', async () => {
      const body = await m.postRaw(contractor, { text: 'intern nieuws', audience: 'employees' });
      expect(codeOf(body)).toBe('FORBIDDEN');
      expect((await m.post(employee, { text: 'intern nieuws', audience: 'employees' })).audience).toBe('employees');
    });

    it('refuses a reply to a deleted message and to one the replier cannot see', async () => {
      const gone = await m.post(employee, { text: 'straks weg', audience: 'company' });
      await m.remove(employee, gone.id);
      expect(codeOf(await m.postRaw(hr, { text: 'reactie', replyToId: gone.id }))).toBe('NOT_FOUND');

      const internal = await m.post(employee, { text: 'alleen voor personeel', audience: 'employees' });
      const body = await m.postRaw(contractor, { text: 'reactie', replyToId: internal.id });
      expect(codeOf(body)).toBe('NOT_FOUND');
      expect(messageOf(body)).not.toContain('employees');
    });
  });

  it('stores plain text as given and returns links, mentions and hashtags as entities', async () => {
    const text = '<script>alert(1)</script> Zie https://plein.example/x. @demo.contractor @nobody.here #iPhone #Café';
    const msg = await m.post(employee, { text: `  ${text}  `, audience: 'company' });
    expect(msg.text).toBe(text);
    expect(msg.links).toEqual([{ url: 'https://plein.example/x', start: text.indexOf('https'), end: text.indexOf('https') + 'https://plein.example/x'.length }]);
    expect(msg.entities.mentions).toEqual([expect.objectContaining({ uid: 'demo.contractor', personId: contractorId })]);
    expect(msg.mentions).toEqual([{ uid: 'demo.contractor' }]);
    expect(msg.hashtags).toEqual(['iphone', 'café']);
    const stored: { tag: string }[] = await db.query('SELECT tag FROM message_hashtags WHERE message_id = $1 ORDER BY tag', [msg.id]);
    expect(stored.map((r) => r.tag)).toEqual(['café', 'iphone']);
  });

  it('keeps replies one level deep, counts them and quotes another message', async () => {
    const root = await m.post(employee, { text: 'Wie gaat er mee lunchen?', audience: 'company' });
    const other = await m.post(hr, { text: 'Ander bericht', audience: 'company' });
    const r1 = await m.post(hr, { text: 'Ik!', replyToId: root.id });
    const r2 = await m.post(freelancer, { text: 'Ik ook, zie dit', replyToId: r1.id, quotedMessageId: other.id });
    expect(r1).toMatchObject({ rootId: root.id, parentId: root.id, audience: 'company' });
    expect(r2).toMatchObject({ rootId: root.id, parentId: r1.id, quoted: { id: other.id } });
    const thread = (await m.thread(contractor, r2.id)).data!.thread;
    expect(thread.root).toMatchObject({ id: root.id, replyCount: 2 });
    expect(ids(thread.replies)).toEqual([r1.id, r2.id]);

    const body = await m.postRaw(hr, { text: 'naar elders', replyToId: root.id, audience: 'employees' });
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    expect(messageOf(body)).toContain('audience of its thread');
  });

  it('likes idempotently, and likedByMe follows the viewer', async () => {
    const msg = await m.post(employee, { text: 'Like mij', audience: 'company' });
    expect((await m.like(hr, msg.id)).data!.likeMessage).toMatchObject({ likeCount: 1, likedByMe: true });
    expect((await m.like(hr, msg.id)).data!.likeMessage).toMatchObject({ likeCount: 1, likedByMe: true });
    expect((await m.like(contractor, msg.id)).data!.likeMessage).toMatchObject({ likeCount: 2, likedByMe: true });
    expect((await m.message(employee, msg.id)).data!.message).toMatchObject({ likeCount: 2, likedByMe: false });
    expect((await m.unlike(hr, msg.id)).data!.unlikeMessage).toMatchObject({ likeCount: 1, likedByMe: false });
    expect((await m.unlike(hr, msg.id)).data!.unlikeMessage).toMatchObject({ likeCount: 1, likedByMe: false });
    const internal = await m.post(employee, { text: 'intern', audience: 'employees' });
    expect(codeOf(await m.like(contractor, internal.id))).toBe('NOT_FOUND');
  });

  it('reshares with a personal note shown above the original, never to a wider audience', async () => {
    const original = await m.post(hr, { text: 'Nieuwe huisstijl is live', audience: 'company' });
    const reshare = (await m.reshare(employee, { messageId: original.id, note: 'Mooi geworden!' })).data!.reshareMessage;
    expect(reshare).toMatchObject({ note: 'Mooi geworden!', text: 'Mooi geworden!', audience: 'company', original: { id: original.id, text: 'Nieuwe huisstijl is live', author: { uid: 'demo.hr' } } });
    const bare = (await m.reshare(contractor, { messageId: reshare.id })).data!.reshareMessage;
    expect(bare).toMatchObject({ note: null, original: { id: original.id } }); // a reshare of a reshare shares the original
    expect((await m.message(hr, original.id)).data!.message.reshareCount).toBe(2);
    const narrower = (await m.reshare(employee, { messageId: original.id, audience: 'employees' })).data!.reshareMessage;
    expect(narrower.audience).toBe('employees');

    const internal = await m.post(employee, { text: 'intern', audience: 'employees' });
    const wider = await m.reshare(hr, { messageId: internal.id, audience: 'company' });
    expect(codeOf(wider)).toBe('BAD_USER_INPUT');
    expect(codeOf(await m.reshare(hr, { messageId: original.id, note: 'x'.repeat(1001) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await m.reshare(freelancer, { messageId: internal.id }))).toBe('NOT_FOUND');
  });

  it('lets the author edit within 15 minutes, keeping the history', async () => {
    const msg = await m.post(employee, { text: 'Vergadering om 10:00 #planning', audience: 'company' });
    const edited = (await m.edit(employee, msg.id, 'Vergadering om 11:00 #agenda')).data!.editMessage;
    expect(edited.text).toBe('Vergadering om 11:00 #agenda');
    expect(edited.editedAt).not.toBeNull();
    expect(edited.hashtags).toEqual(['agenda']);
    const revisions: { body: string }[] = await db.query('SELECT body FROM message_revisions WHERE message_id = $1', [msg.id]);
    expect(revisions.map((r) => r.body)).toEqual(['Vergadering om 10:00 #planning']);
    expect(ids(await m.hashtagFeed(employee, 'planning'))).not.toContain(msg.id);
    expect(ids(await m.hashtagFeed(employee, 'agenda'))).toContain(msg.id);

    const notMine = await m.edit(hr, msg.id, 'gehackt');
    expect(codeOf(notMine)).toBe('FORBIDDEN');
    expect(codeOf(await m.edit(employee, msg.id, '   '))).toBe('BAD_USER_INPUT');

    await db.query(`UPDATE messages SET created_at = now() - interval '16 minutes' WHERE id = $1`, [msg.id]);
    const late = await m.edit(employee, msg.id, 'te laat');
    expect(codeOf(late)).toBe('FORBIDDEN');
    expect(messageOf(late)).toContain('15 minutes');
  });

  it('deletes softly: gone from every read, kept for moderation', async () => {
    const tag = `weg${Date.now()}`;
    const msg = await m.post(employee, { text: `Oeps, verkeerd bericht over zonnepanelen #${tag} @demo.hr`, audience: 'company' });
    const reply = await m.post(hr, { text: 'reactie', replyToId: msg.id });
    expect(codeOf(await m.remove(hr, msg.id))).toBe('FORBIDDEN');
    expect((await m.remove(employee, msg.id)).data!.deleteMessage).toBe(msg.id);

    for (const token of [employee, hr, contractor]) {
      expect(ids(await m.companyFeed(token, { first: 100 }))).not.toContain(msg.id);
      expect(ids(await m.homeFeed(token, { first: 100 }))).not.toContain(msg.id);
      expect(ids(await m.hashtagFeed(token, tag))).toEqual([]);
      expect(ids(await m.search(token, { query: 'zonnepanelen' }))).toEqual([]);
      expect(codeOf(await m.message(token, msg.id))).toBe('NOT_FOUND');
      expect(codeOf(await m.thread(token, reply.id))).toBe('NOT_FOUND');
    }
    expect(ids(await m.mentionsFeed(hr))).not.toContain(msg.id);
    expect(ids(await m.personFeed(hr, (await app.login('demo.employee')).person.id, { first: 100 }))).not.toContain(msg.id);
    expect(codeOf(await m.remove(employee, msg.id))).toBe('NOT_FOUND');
    const [row]: { body: string; deleted_at: Date | null }[] = await db.query('SELECT body, deleted_at FROM messages WHERE id = $1', [msg.id]);
    expect(row.body).toContain('zonnepanelen');
    expect(row.deleted_at).not.toBeNull();
  });

  it('lets a community manager delete any message', async () => {
    const moderator = (await app.login('demo.moderator')).accessToken;
    const msg: Msg = await m.post(contractor, { text: 'Ongepast bericht', audience: 'company' });
    expect((await m.remove(moderator, msg.id)).data!.deleteMessage).toBe(msg.id);
    expect(codeOf(await m.message(contractor, msg.id))).toBe('NOT_FOUND');
  });
});
