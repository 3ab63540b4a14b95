import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DigestService, MAIL_TUNING, NotificationMailService, type MailTuning } from '../libs/mail/src/index.js';
import { bootApp, type TestApp } from './support/app.js';
import { startSmtp, type Received } from './support/smtp.js';

/**
 * E-mail end to end: the real api sends through a real SMTP server started here (smtp-server) and
 * the test reads what arrives (mailparser). Digest day 3..7 keeps the demo organisation (day 1) out.
 */
describe('mail: the weekly digest and notification mail', () => {
  let app: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let db: DataSource;
  let digest: DigestService;
  let notify: NotificationMailService;
  const NOW = new Date('2026-12-09T06:00:00Z');
  const DAY_AGO = new Date(NOW.getTime() - 86_400_000);
  let seq = 0;

  const person = async (o: { type?: string; lang?: string; dept?: string | null; location?: string; day?: number; active?: boolean; start?: string }) => {
    const n = ++seq;
    const [row]: { id: string }[] = await db.query(
      `INSERT INTO people (given_name, family_name, display_name, email, employment_type, language, department_id, location, active, start_date)
       VALUES ($1::text, 'Test', $1::text || ' Test', $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [`P${n}`, `p${n}@mail.test`, o.type ?? 'employee', o.lang ?? 'nl', o.dept ?? null, o.location ?? null, o.active ?? true, o.start ?? null],
    );
    await db.query(`INSERT INTO mail_people (person_id, digest_day) VALUES ($1, $2)`, [row.id, o.day ?? 3]);
    return { id: row.id, email: `p${n}@mail.test` };
  };
  const message = async (authorId: string, audience: string, body: string, o: { replies?: number; state?: string; at?: Date } = {}) => {
    const [row]: { id: string }[] = await db.query(
      `INSERT INTO messages (author_id, audience, body, entities, reply_count, moderation_state, created_at) VALUES ($1, $2, $3, '{}', $4, $5, $6) RETURNING id`,
      [authorId, audience, body, o.replies ?? 3, o.state ?? 'visible', o.at ?? DAY_AGO],
    );
    return row.id;
  };
  const follow = (follower: string, followee: string) => db.query(`INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2)`, [follower, followee]);
  const mailsTo = (email: string): Received[] => smtp.received.filter((r) => r.to === email);
  /** The URL in the raw List-Unsubscribe header (`<https://…>`). */
  const unsubscribeUrl = (r: Received): string => {
    const line = r.mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    return /<(https?:[^>]+)>/.exec(line)?.[1] ?? '';
  };
  const text = (r: Received) => `${r.mail.subject}\n${r.mail.text}\n${typeof r.mail.html === 'string' ? r.mail.html : ''}`;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await bootApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://plein.test' });
    db = app.plein.app.get(DataSource);
    digest = app.plein.app.get(DigestService);
    notify = app.plein.app.get(NotificationMailService);
    Object.assign(app.plein.app.get<symbol, MailTuning>(MAIL_TUNING), { retries: 2, backoffMs: 10, concurrency: 3 });
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  describe('the digest picks per reader, as the feeds would', () => {
    const found: Record<string, string> = {};
    let e: { id: string; email: string }, c: typeof e, o: typeof e, m: typeof e, x: typeof e, newbie: typeof e;

    beforeAll(async () => {
      const [dept]: { id: string }[] = await db.query(`INSERT INTO departments (code, name) VALUES ('MAILD', 'Mail Department') RETURNING id`);
      const [other]: { id: string }[] = await db.query(`INSERT INTO departments (code, name) VALUES ('MAILO', 'Elsewhere') RETURNING id`);
      const author = await person({ location: 'Mars', dept: other.id, day: 6 });
      e = await person({ dept: dept.id });
      c = await person({ type: 'contractor', lang: 'en', dept: dept.id });
      o = await person({ location: 'Venus', dept: other.id });
      m = await person({ dept: other.id });
      x = await person({ dept: dept.id, active: false });
      newbie = await person({ dept: dept.id, start: '2026-12-07', day: 6 });
      // An information barrier between Mars and Venus.
      const [mars]: { id: string }[] = await db.query(`INSERT INTO barrier_segments (name, kind, value) VALUES ('Mars', 'location', 'Mars') RETURNING id`);
      const [venus]: { id: string }[] = await db.query(`INSERT INTO barrier_segments (name, kind, value) VALUES ('Venus', 'location', 'Venus') RETURNING id`);
      await db.query(`INSERT INTO barriers (segment_a_id, segment_b_id, direction) VALUES ($1, $2, 'two_way')`, [mars.id, venus.id]);
      for (const p of [e, c, o, m, x]) await follow(p.id, author.id);
      const [secret]: { id: string }[] = await db.query(
        `INSERT INTO groups (name, name_key, category, kind, created_by) VALUES ('Geheim', 'geheim', 'project', 'secret', $1) RETURNING id`,
        [author.id],
      );
      await db.query(`INSERT INTO group_memberships (group_id, person_id, role, status) VALUES ($1, $2, 'owner', 'active'), ($1, $3, 'member', 'active')`, [secret.id, author.id, m.id]);
      found.company = await message(author.id, 'company', 'Wie gaat er mee naar de kerstborrel?');
      found.employees = await message(author.id, 'employees', 'Loonstroken staan klaar voor december');
      found.secret = await message(author.id, `group:${secret.id}`, 'Geheim project Zeppelin loopt');
      found.removed = await message(author.id, 'company', 'Verwijderd door moderatie', { replies: 9, state: 'removed' });
      found.old = await message(author.id, 'company', 'Oud nieuws van vorige maand', { replies: 20, at: new Date(NOW.getTime() - 20 * 86_400_000) });
      const vac = (title: string, externals: boolean) =>
        db.query(
          `INSERT INTO vacancies (title, department_id, location, hours_per_week, employment_type, description_html, search_text, closes_on, contact_id, poster_id, open_to_externals, created_at)
           VALUES ($1::text, $2, 'Utrecht', 36, 'permanent', '<p>x</p>', $1::text, '2027-01-31', $3, $3, $4, $5)`,
          [title, dept.id, author.id, externals, DAY_AGO],
        );
      await vac('Alleen voor eigen personeel', false);
      await vac('Ook voor externen', true);
      // Open outages: company-wide, one for the reader's department, one only for another department.
      const notice = (title: string, departments: string[], services: string[] = []) =>
        db.query(
          `INSERT INTO notices (title, services, severity, status, audience, department_ids, starts_at, author_id, search_text)
           VALUES ($1::text, $2::text[], 'major', 'investigating', 'company', $3::uuid[], $4, $5, $1::text)`,
          [title, services, departments, DAY_AGO, author.id],
        );
      await notice('Storing overal: e-mail traag', []);
      await notice('Storing bij de Mail Department', [dept.id]);
      await notice('Storing alleen elders', [other.id]);
      await notice('Storing in de VPN elders', [other.id], ['vpn']);
      await db.query(`INSERT INTO service_follows (person_id, service) VALUES ($1, 'vpn')`, [c.id]);
      await digest.run({ week: '2026-12-07', day: 3, now: NOW });
    });

    it('gives payroll staff payroll-only and company items, in Dutch, with links into the web app', () => {
      const [mail, ...more] = mailsTo(e.email);
      expect(more).toHaveLength(0);
      expect(mail.mail.subject).toBe('Plein deze week');
      const all = text(mail);
      expect(all).toContain('Wie gaat er mee naar de kerstborrel?');
      expect(all).toContain('Loonstroken staan klaar voor december');
      expect(all).toContain('Alleen voor eigen personeel');
      expect(all).toContain('Ook voor externen');
      expect(all).toContain('Nieuwe collega’s op je afdeling');
      expect(all).toContain(`https://plein.test/people/${newbie.id}`);
      // A conversation opens its thread page.
      expect(all).toContain(`https://plein.test/messages/${found.company}`);
      for (const hidden of ['Geheim project Zeppelin', 'Verwijderd door moderatie', 'Oud nieuws']) expect(all).not.toContain(hidden);
      // Outages that affect them: company-wide and their department's, not another department's.
      expect(all).toContain('Storing overal: e-mail traag');
      expect(all).toContain('Storing bij de Mail Department');
      expect(all).not.toContain('Storing alleen elders');
      expect(all).not.toContain('Storing in de VPN elders');
      // A plain-text part, the reader's language, RFC 8058 one-click unsubscribe.
      expect(mail.mail.text).toContain('LEVENDIGE GESPREKKEN');
      expect(mail.mail.headers.get('content-language')).toBe('nl');
      expect(unsubscribeUrl(mail)).toMatch(/^https:\/\/plein\.test\/mail\/unsubscribe\?t=/);
      expect(mail.mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    });

    it('never gives a contractor payroll-only content or vacancies, and speaks English to them', () => {
      const [mail, ...more] = mailsTo(c.email);
      expect(more).toHaveLength(0);
      expect(mail.mail.subject).toBe('Plein this week');
      const all = text(mail);
      expect(all).toContain('Wie gaat er mee naar de kerstborrel?');
      expect(all).toContain('Ook voor externen');
      expect(all).toContain('Lively conversations');
      for (const hidden of ['Loonstroken', 'Alleen voor eigen personeel', 'Geheim project Zeppelin']) expect(all).not.toContain(hidden);
      // Another department's outage reaches them through the service they follow.
      expect(all).toContain('Storing in de VPN elders');
      expect(all).not.toContain('Storing alleen elders');
    });

    it('holds information barriers, secret groups and deactivation', () => {
      const venus = mailsTo(o.email).map(text).join('\n');
      // Across the barrier: none of the author's messages (the vacancies are not the author's content).
      expect(venus).toContain('Alleen voor eigen personeel');
      for (const hidden of ['kerstborrel', 'Loonstroken', 'Zeppelin']) expect(venus).not.toContain(hidden);
      const member = text(mailsTo(m.email)[0]);
      expect(member).toContain('Geheim project Zeppelin loopt');
      expect(mailsTo(x.email)).toHaveLength(0);
    });

    it('the one-click unsubscribe works without a session, and a forged token does nothing', async () => {
      const url = unsubscribeUrl(mailsTo(e.email)[0]).replace('https://plein.test', app.url);
      const forged = await fetch(url.replace(/t=[^&]+/, 't=abc.def'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(forged.status).toBe(400);
      const get = await fetch(url, { headers: { accept: 'text/html' } });
      expect(await get.text()).toContain('<form method="post"');
      const [before]: { disabled: string[] }[] = await db.query(`SELECT disabled_kinds AS disabled FROM mail_people WHERE person_id = $1`, [e.id]);
      expect(before.disabled).toEqual([]);
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('afgemeld');
      const [after]: { disabled: string[] }[] = await db.query(`SELECT disabled_kinds AS disabled FROM mail_people WHERE person_id = $1`, [e.id]);
      expect(after.disabled).toEqual(['digest']);
      const count = smtp.received.length;
      await digest.run({ week: '2026-12-14', day: 3, now: new Date(NOW.getTime() + 7 * 86_400_000 - 3600_000) });
      expect(smtp.received.slice(count).map((r) => r.to)).not.toContain(e.email);
    });
  });

  it('a run that dies halfway is resumed by the next one: nobody twice, nobody skipped', async () => {
    const author = await person({ day: 6 });
    const readers = [];
    for (let i = 0; i < 7; i++) {
      const r = await person({ day: 4 });
      await follow(r.id, author.id);
      readers.push(r);
    }
    await message(author.id, 'company', 'Een levendig gesprek over de nieuwe kantine');
    let recorded = 0;
    const tuning = app.plein.app.get<symbol, MailTuning>(MAIL_TUNING);
    tuning.concurrency = 1;
    await expect(
      digest.run({
        week: '2026-12-07',
        day: 4,
        now: NOW,
        // One mail at a time: the third one's hook "kills" the run while the fourth reader of the
        // batch is claimed but not yet sent.
        batchSize: 4,
        afterEach: () => {
          if (++recorded === 3) throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    tuning.concurrency = 3;
    const first = readers.filter((r) => mailsTo(r.email).length).length;
    expect(first).toBe(3);
    // Rows the dead run claimed but did not send are still 'sending': within the lease a new run
    // leaves them alone (the old one may be alive but slow), after it the new run takes them over.
    const early = await digest.run({ week: '2026-12-07', day: 4, now: NOW, batchSize: 2 });
    expect(readers.filter((r) => mailsTo(r.email).length > 1)).toHaveLength(0);
    expect(readers.filter((r) => mailsTo(r.email).length === 0)).toHaveLength(1);
    expect(early.sent).toBe(readers.length - first - 1);
    await db.query(`UPDATE mail_digest_ledger SET claimed_at = claimed_at - interval '11 minutes' WHERE status = 'sending'`);
    await digest.run({ week: '2026-12-07', day: 4, now: NOW, batchSize: 2 });
    for (const r of readers) expect(mailsTo(r.email)).toHaveLength(1);
    // And a third run has nothing left to do.
    const again = await digest.run({ week: '2026-12-07', day: 4, now: NOW, leaseSeconds: 0 });
    expect(again.sent).toBe(0);
  });

  it('a refused address is marked and not tried again; a relay that defers is retried, then reported', async () => {
    const author = await person({ day: 6 });
    const bad = await person({ day: 5 });
    const deferred = await person({ day: 5 });
    for (const p of [bad, deferred]) await follow(p.id, author.id);
    await message(author.id, 'company', 'Nieuws voor iedereen');
    let deferrals = 0;
    smtp.setRefuse((to) => {
      if (to === bad.email) return { code: 550, message: 'No such user' };
      if (to === deferred.email && deferrals++ < 10) return { code: 451, message: 'Try again later' };
      return null;
    });
    const report = await digest.run({ week: '2026-12-07', day: 5, now: NOW });
    expect(report).toMatchObject({ bounced: 1, failed: 1, sent: 0 });
    // Three attempts (two retries) for the deferred one.
    expect(deferrals).toBe(3);
    const [b]: { bounced_at: Date | null }[] = await db.query(`SELECT bounced_at FROM mail_people WHERE person_id = $1`, [bad.id]);
    expect(b.bounced_at).not.toBeNull();
    smtp.setRefuse(() => null);
    deferrals = 100;
    // The next run retries the failed one and leaves the bounced address alone.
    const next = await digest.run({ week: '2026-12-07', day: 5, now: NOW });
    expect(next).toMatchObject({ sent: 1, bounced: 0 });
    expect(mailsTo(deferred.email)).toHaveLength(1);
    expect(mailsTo(bad.email)).toHaveLength(0);
  });

  describe('notification mail', () => {
    const notification = (recipientId: string, actorId: string, kind: string, at: Date, messageId: string | null = null) =>
      db.query(`INSERT INTO notifications (recipient_id, kind, actor_ids, actor_count, message_id, updated_at, created_at) VALUES ($1, $2, ARRAY[$3::uuid], 1, $4, $5, $5)`, [
        recipientId,
        kind,
        actorId,
        messageId,
        at,
      ]);

    it('mails what matters while people are away: at most one mail per 15 minutes, nothing when active or already read', async () => {
      const t0 = new Date(Date.now() + 3600_000);
      const min = (n: number) => new Date(t0.getTime() + n * 60_000);
      const actor = await person({ day: 6 });
      const away = await person({ day: 6, lang: 'en' });
      const active = await person({ day: 6 });
      const reader = await person({ day: 6 });
      const msg = await message(actor.id, 'company', 'Kun je hier even naar kijken?', { at: min(-10) });
      await notification(away.id, actor.id, 'mention', min(-5), msg);
      await notification(active.id, actor.id, 'mention', min(-5), msg);
      await notification(reader.id, actor.id, 'mention', min(-5), msg);
      await db.query(`UPDATE notifications SET read_at = $2 WHERE recipient_id = $1`, [reader.id, min(-4)]);
      await db.query(`UPDATE mail_people SET last_seen_at = $2 WHERE person_id = $1`, [active.id, min(-1)]);
      await notify.tick(t0);
      const first = mailsTo(away.email);
      expect(first).toHaveLength(1);
      expect(first[0].mail.subject).toBe('P' + (seq - 3) + ' Test mentioned you');
      expect(first[0].mail.text).toContain('Kun je hier even naar kijken?');
      expect(first[0].mail.text).toContain('https://plein.test/notifications');
      // The mention opens the message's thread.
      expect(first[0].mail.text).toContain(`https://plein.test/messages/${msg}`);
      expect(mailsTo(active.email)).toHaveLength(0);
      expect(mailsTo(reader.email)).toHaveLength(0);
      // A reply two minutes later: batched, no second mail within 15 minutes…
      await notification(away.id, actor.id, 'reply', min(1), msg);
      await notify.tick(min(6));
      expect(mailsTo(away.email)).toHaveLength(1);
      // …and then one mail with just the new item.
      await notify.tick(min(16));
      const all = mailsTo(away.email);
      expect(all).toHaveLength(2);
      expect(all[1].mail.subject).toContain('replied to your message');
      expect(all[1].mail.text).not.toContain('mentioned you');
      // Nothing new: nothing sent.
      await notify.tick(min(40));
      expect(mailsTo(away.email)).toHaveLength(2);

      // A batch of two kinds (a mention and a reply): its one-click unsubscribe switches off both.
      await notification(away.id, actor.id, 'mention', min(41), msg);
      await notification(away.id, actor.id, 'reply', min(42), msg);
      await notify.tick(min(60));
      const batch = mailsTo(away.email);
      expect(batch).toHaveLength(3);
      expect(batch[2].mail.text).toContain('mentioned you');
      expect(batch[2].mail.text).toContain('replied to your message');
      const url = unsubscribeUrl(batch[2]).replace('https://plein.test', app.url);
      const asked = await (await fetch(url, { headers: { accept: 'text/html' } })).text();
      expect(asked).toContain('mail when someone mentions you and mail about replies to your messages');
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(res.status).toBe(200);
      const [after]: { disabled: string[] }[] = await db.query(`SELECT disabled_kinds AS disabled FROM mail_people WHERE person_id = $1`, [away.id]);
      expect([...after.disabled].sort()).toEqual(['mention', 'reply']);
      // Neither kind is mailed any more.
      await notification(away.id, actor.id, 'mention', min(61), msg);
      await notification(away.id, actor.id, 'reply', min(62), msg);
      await notify.tick(min(90));
      expect(mailsTo(away.email)).toHaveLength(3);
    });
  });

  it('settings and language through GraphQL; the language is only shown on oneself', async () => {
    const me = await app.login('demo.employee');
    const set = await app.gql(`mutation { setMyLanguage(language: "en") { id language } }`, {}, me.accessToken);
    expect(set.body.data.setMyLanguage.language).toBe('en');
    const bad = await app.gql(`mutation { setMyLanguage(language: "de") { id } }`, {}, me.accessToken);
    expect(bad.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const other = await app.login('demo.hr');
    const seen = await app.gql(`query($id: ID!) { person(id: $id) { language } }`, { id: me.person.id }, other.accessToken);
    expect(seen.body.data.person.language).toBeNull();
    const upd = await app.gql(
      `mutation { updateMailSettings(input: { kinds: [{ kind: DIGEST, enabled: false }, { kind: MENTION, enabled: false }], digestDay: 5 }) { digestDay kinds { kind enabled } } }`,
      {},
      me.accessToken,
    );
    expect(upd.body.data.updateMailSettings.digestDay).toBe(5);
    expect(upd.body.data.updateMailSettings.kinds.filter((k: { enabled: boolean }) => !k.enabled).map((k: { kind: string }) => k.kind).sort()).toEqual(['DIGEST', 'MENTION']);
    const badDay = await app.gql(`mutation { updateMailSettings(input: { digestDay: 9 }) { digestDay } }`, {}, me.accessToken);
    expect(badDay.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const notAdmin = await app.gql(`{ sentMail { id } }`, {}, me.accessToken);
    expect(notAdmin.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const anon = await app.gql(`{ myMailSettings { digestDay } }`);
    expect(anon.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
