import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { BlogJobs } from '@plein/blogs';
import { PhotosService } from '@plein/directory';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from './support/app.js';
import { ids, messagesClient } from './support/messages.js';

type Who = 'employee' | 'contractor' | 'freelancer' | 'hr' | 'moderator' | 'admin' | 'ceo';

describe('moderation: reports, queue, decisions, appeals, audit', () => {
  let app: TestApp;
  let db: DataSource;
  let m: ReturnType<typeof messagesClient>;
  const token = {} as Record<Who, string>;
  const pid = {} as Record<Who, string>;

  beforeAll(async () => {
    app = await bootApp();
    db = app.plein.app.get(DataSource);
    m = messagesClient(app);
    const who: Who[] = ['employee', 'contractor', 'freelancer', 'hr', 'moderator', 'admin', 'ceo'];
    const sessions = await Promise.all(who.map((w) => app.login(`demo.${w}`)));
    who.forEach((w, i) => {
      token[w] = sessions[i].accessToken;
      pid[w] = sessions[i].person.id;
    });
  });
  afterAll(() => app.close());
  // Each test starts with fresh report budgets (the rate limit has its own test).
  beforeEach(() => db.query(`DELETE FROM rate_limit_buckets WHERE key LIKE 'moderation.report:%'`));

  const call = async (w: Who | string, query: string, variables: Record<string, unknown> = {}) => (await app.gql(query, variables, w in token ? token[w as Who] : w)).body;
  const ok = async <T = any>(w: Who | string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const body = await call(w, query, variables);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };
  const code = (body: { errors?: { extensions: { code: string } }[] }) => body.errors?.[0]?.extensions.code;

  const REPORT = `mutation R($input: ReportInput!) { reportContent(input: $input) { id itemType itemId reason note status } }`;
  const report = (w: Who, itemId: string, reason = 'HARASSMENT_OR_BULLYING', note?: string, itemType = 'MESSAGE') =>
    call(w, REPORT, { input: { itemType, itemId, reason, note } });
  const QUEUE = `query Q($sort: ModerationQueueSort, $reason: ReportReason, $itemType: ReportItemType, $departmentId: ID) {
    moderationQueue(sort: $sort, reason: $reason, itemType: $itemType, departmentId: $departmentId) { itemType itemId status reporters reasons subject { id } claimedBy { id } } }`;
  const queue = async (w: Who, vars: Record<string, unknown> = {}) => (await ok<{ moderationQueue: any[] }>(w, QUEUE, vars)).moderationQueue;
  const ACT = `mutation A($input: ModerateItemInput!) { moderateItem(input: $input) { id kind reason until } }`;
  const act = (w: Who, itemId: string, action: string, reason = 'Against the community rules.', extra: Record<string, unknown> = {}) =>
    call(w, ACT, { input: { itemType: 'MESSAGE', itemId, action, reason, ...extra } });
  const CLAIM = `mutation C($id: ID!) { claimReportedItem(itemType: MESSAGE, itemId: $id) { itemId claimedBy { id } claimedUntil } }`;
  const post = async (w: Who, text: string, audience = 'company') => (await m.post(token[w], { text, audience })).id;

  describe('reporting', () => {
    it('validates the reason, the note and the item', async () => {
      const id = await post('employee', 'Een bericht om te melden');
      expect(code(await report('contractor', id, 'RUDE'))).toBe('BAD_USER_INPUT');
      const other = await report('contractor', id, 'OTHER');
      expect(code(other)).toBe('BAD_USER_INPUT');
      expect(other.errors?.[0].message).toContain('note is required');
      expect(code(await report('contractor', id, 'SPAM_OR_ADVERTISING', 'x'.repeat(1001)))).toBe('BAD_USER_INPUT');
      expect(code(await report('contractor', '22222222-2222-4222-8222-222222222222'))).toBe('NOT_FOUND');
      expect(code(await report('contractor', 'not-an-id'))).toBe('NOT_FOUND');
    });

    it('refuses your own content, something you cannot see, and a second open report', async () => {
      const id = await post('employee', 'Alleen voor collega’s op de loonlijst', 'employees');
      expect(code(await report('employee', id))).toBe('BAD_USER_INPUT');
      // A contractor cannot read an employees message: it does not exist for them.
      expect(code(await report('contractor', id))).toBe('NOT_FOUND');
      expect((await report('hr', id)).data.reportContent.status).toBe('OPEN');
      const again = await report('hr', id, 'SPAM_OR_ADVERTISING');
      expect(code(again)).toBe('CONFLICT');
    });

    it('reports a profile, a photo-less profile owner, and a group; not your own profile', async () => {
      expect(code(await report('employee', pid.employee, 'OTHER', 'mijzelf', 'PROFILE'))).toBe('BAD_USER_INPUT');
      expect((await report('employee', pid.contractor, 'OTHER', 'Nep-functietitel', 'PROFILE')).data.reportContent.itemType).toBe('PROFILE');
      const group = (await ok('hr', `mutation { createGroup(input: { name: "Geheime club ${Date.now() % 100000}", kind: SECRET }) { id } }`)).createGroup.id;
      expect(code(await report('employee', group, 'SPAM_OR_ADVERTISING', undefined, 'GROUP'))).toBe('NOT_FOUND');
    });

    it('rate-limits mass reporting with a clear message', async () => {
      const targets = await Promise.all(Array.from({ length: 11 }, (_, i) => post('freelancer', `Spam nummer ${i}`)));
      for (const id of targets.slice(0, 10)) expect(code(await report('ceo', id, 'SPAM_OR_ADVERTISING'))).toBeUndefined();
      const limited = await report('ceo', targets[10], 'SPAM_OR_ADVERTISING');
      expect(code(limited)).toBe('RATE_LIMITED');
      expect(limited.errors?.[0].message).toMatch(/10 reports in the last 10 minutes/);
    });

    it('lets the reporter follow their reports; the author never sees who reported', async () => {
      const id = await post('employee', 'Iets wat de HR-directeur niet bevalt');
      await report('hr', id, 'PRIVACY_BREACH', 'Noemt een zieke collega');
      const mine = (await ok('hr', `{ myReports { itemId reason note status } }`)).myReports;
      expect(mine.find((r: any) => r.itemId === id)).toMatchObject({ reason: 'PRIVACY_BREACH', status: 'OPEN' });
      // The author's view of their record has no reporters, and no report shows up as "theirs".
      expect((await ok('employee', `{ myReports { itemId } }`)).myReports.map((r: any) => r.itemId)).not.toContain(id);
      expect(JSON.stringify(await ok('employee', `{ moderationRecord { id kind reason } }`))).not.toContain(pid.hr);
      // And the author does not see the item in a queue.
      expect(code(await call('employee', QUEUE))).toBe('FORBIDDEN');
    });
  });

  describe('the queue and claims', () => {
    it('groups reports by item with distinct reporters, sorts and filters', async () => {
      const a = await post('freelancer', 'Eerste gemeld bericht');
      const b = await post('freelancer', 'Tweede gemeld bericht');
      await report('employee', a, 'DISCRIMINATION');
      await report('employee', b, 'DISCRIMINATION');
      await report('contractor', b, 'HARASSMENT_OR_BULLYING');
      await report('hr', b, 'DISCRIMINATION');
      const oldest = (await queue('moderator')).map((q) => q.itemId);
      expect(oldest.indexOf(a)).toBeLessThan(oldest.indexOf(b));
      const most = await queue('moderator', { sort: 'MOST_REPORTED' });
      expect(most[0]).toMatchObject({ itemId: b, reporters: 3, reasons: ['DISCRIMINATION', 'HARASSMENT_OR_BULLYING'], subject: { id: pid.freelancer } });
      const harassment = (await queue('moderator', { reason: 'HARASSMENT_OR_BULLYING' })).map((q) => q.itemId);
      expect(harassment).toContain(b);
      expect(harassment).not.toContain(a);
      expect((await queue('moderator', { itemType: 'PROFILE' })).every((q) => q.itemType === 'PROFILE')).toBe(true);
      const [{ department_id }] = await db.query('SELECT department_id FROM people WHERE id = $1', [pid.freelancer]);
      expect((await queue('moderator', { departmentId: department_id })).map((q) => q.itemId)).toContain(b);
      const [other] = await db.query('SELECT id FROM departments WHERE id <> $1 LIMIT 1', [department_id]);
      expect((await queue('moderator', { departmentId: other.id })).map((q) => q.itemId)).not.toContain(b);
    });

    it('shows the item in context: the thread around it and the author history, never reporter ids', async () => {
      const root = await post('ceo', 'Wat vinden jullie van de nieuwe koffie?');
      const reply = (await m.post(token.freelancer, { text: 'Smerig, net als het management', replyToId: root })).id;
      await m.post(token.employee, { text: 'Ik vind hem prima', replyToId: root });
      await report('employee', reply, 'HARASSMENT_OR_BULLYING', 'Beledigend');
      const item = (
        await ok(
          'moderator',
          `query I($id: ID!) { reportedItem(itemType: MESSAGE, itemId: $id) { reporters originalText message { id text } thread { id text }
              reports { reason note } subject { id } subjectHistory { kind } } }`,
          { id: reply },
        )
      ).reportedItem;
      expect(item.message.id).toBe(reply);
      expect(item.thread.map((t: any) => t.id)[0]).toBe(root);
      expect(item.thread).toHaveLength(3);
      expect(item.reports).toEqual([{ reason: 'HARASSMENT_OR_BULLYING', note: 'Beledigend' }]);
      expect(JSON.stringify(item)).not.toContain(pid.employee);
    });

    it('lets one moderator claim an item; a second claim is a CONFLICT naming who has it', async () => {
      const id = await post('freelancer', 'Claim mij');
      await report('employee', id);
      const claimed = (await ok('moderator', CLAIM, { id })).claimReportedItem;
      expect(claimed.claimedBy.id).toBe(pid.moderator);
      const second = await call('admin', CLAIM, { id });
      expect(code(second)).toBe('CONFLICT');
      expect(second.errors?.[0].message).toContain('Aïsha');
      expect(code(await act('admin', id, 'DISMISS'))).toBe('CONFLICT');
      // Claims expire after 15 minutes.
      await db.query(`UPDATE moderation_cases SET claimed_until = now() - interval '1 second' WHERE item_id = $1`, [id]);
      expect((await ok('admin', CLAIM, { id })).claimReportedItem.claimedBy.id).toBe(pid.admin);
    });
  });

  describe('decisions', () => {
    it('hides a message from everyone but its author and moderators, and dismissing brings it back', async () => {
      const id = await post('freelancer', 'Verborgen tot nader order #moderatietest');
      await report('employee', id);
      expect(code(await act('moderator', id, 'HIDE', ''))).toBe('BAD_USER_INPUT');
      expect(code(await act('moderator', id, 'HIDE', 'Even nakijken'))).toBeUndefined();
      expect(ids(await m.companyFeed(token.employee, { first: 50 }))).not.toContain(id);
      expect(ids(await m.hashtagFeed(token.employee, 'moderatietest'))).not.toContain(id);
      expect(code(await m.message(token.employee, id))).toBe('NOT_FOUND');
      const mine = await ok('freelancer', `query($id: ID!) { message(id: $id) { text moderationState moderationReason } }`, { id });
      expect(mine.message).toEqual({ text: 'Verborgen tot nader order #moderatietest', moderationState: 'hidden', moderationReason: 'Even nakijken' });
      expect(ids(await m.companyFeed(token.moderator, { first: 50 }))).toContain(id);
      // Still open (pending a decision); dismissing restores it.
      expect((await queue('moderator')).map((q) => q.itemId)).toContain(id);
      expect(code(await act('moderator', id, 'DISMISS', 'Valt mee'))).toBeUndefined();
      expect(ids(await m.companyFeed(token.employee, { first: 50 }))).toContain(id);
      expect((await ok('employee', `{ myReports { itemId status } }`)).myReports.find((r: any) => r.itemId === id).status).toBe('DISMISSED');
    });

    it('removes a message: the author sees "removed by moderation" and the reason, nobody else anything, not even after a reconnect', async () => {
      const [{ max }] = await db.query('SELECT coalesce(max(id), 0)::text AS max FROM realtime_events');
      const id = await post('freelancer', 'Vertrouwelijke kwartaalcijfers uitgelekt');
      const reply = (await m.post(token.employee, { text: 'Oei', replyToId: id })).id;
      await report('employee', id, 'CONFIDENTIAL_OR_INSIDER_INFORMATION');
      expect(code(await act('moderator', id, 'REMOVE', 'Koersgevoelige informatie'))).toBeUndefined();
      expect(code(await m.message(token.employee, id))).toBe('NOT_FOUND');
      expect(code(await m.thread(token.employee, reply))).toBe('NOT_FOUND');
      expect(ids(await m.search(token.employee, { query: 'kwartaalcijfers' }))).not.toContain(id);
      const mine = await ok('freelancer', `query($id: ID!) { message(id: $id) { text moderationState moderationReason } }`, { id });
      expect(mine.message).toEqual({ text: 'Removed by moderation.', moderationState: 'removed', moderationReason: 'Koersgevoelige informatie' });
      const events = (await ok('employee', `query($id: ID!) { eventsSince(lastEventId: $id) { type payload } }`, { id: max })).eventsSince;
      expect(events.some((e: any) => e.type === 'message.created' && JSON.parse(e.payload).id === id)).toBe(false);
      expect(events.some((e: any) => e.type === 'message.deleted' && JSON.parse(e.payload).id === id)).toBe(true);
      expect((await ok('employee', `{ myReports { itemId status } }`)).myReports.find((r: any) => r.itemId === id).status).toBe('ACTIONED');
      // Reporter and author are told.
      const kinds = async (w: Who) => (await ok(w, `{ notifications(first: 50) { edges { node { kind summary } } } }`)).notifications.edges.map((e: any) => e.node.kind);
      expect(await kinds('employee')).toContain('REPORT_OUTCOME');
      expect(await kinds('freelancer')).toContain('MODERATION');
    });

    it('links moderation notifications to "my reports" and "my moderation record", and shows the author the decision to appeal on the item itself', async () => {
      const id = await post('freelancer', 'Een grap die verkeerd viel');
      const reshare = (await m.reshare(token.contractor, { messageId: id })).data!.reshareMessage.id;
      await report('employee', id, 'HARASSMENT_OR_BULLYING', 'Kwetsend voor het team');
      const MINE = `query($id: ID!) { message(id: $id) { moderationState moderationAction { id kind reason appealStatus canAppeal } } }`;
      // While visible, nobody gets a decision.
      expect((await ok('freelancer', MINE, { id })).message.moderationAction).toBeNull();
      const action = (await act('moderator', id, 'REMOVE', 'Grappen ten koste van collega’s horen hier niet')).data.moderateItem;

      const urls = async (w: Who, kind: string) =>
        (await ok(w, `{ notifications(first: 50) { edges { node { kind url } } } }`)).notifications.edges.map((e: any) => e.node).filter((n: any) => n.kind === kind).map((n: any) => n.url);
      expect(await urls('employee', 'REPORT_OUTCOME')).toContain('/my/reports');
      expect(await urls('freelancer', 'MODERATION')).toContain('/my/moderation');
      expect([...(await urls('employee', 'REPORT_OUTCOME')), ...(await urls('freelancer', 'MODERATION'))].every((u: string) => u === '/my/reports' || u === '/my/moderation')).toBe(true);

      // The author sees the decision on the message itself (and through a reshare of it) and may appeal it, once.
      const mine = (await ok('freelancer', MINE, { id })).message;
      expect(mine).toEqual({ moderationState: 'removed', moderationAction: { id: action.id, kind: 'remove', reason: 'Grappen ten koste van collega’s horen hier niet', appealStatus: null, canAppeal: true } });
      const viaReshare = await ok('freelancer', `query($id: ID!) { message(id: $id) { original { id moderationAction { id } } } }`, { id: reshare });
      expect(viaReshare.message.original).toEqual({ id, moderationAction: { id: action.id } });
      // Moderators see the removed message, never a decision to appeal; the reporter never sees the message.
      expect((await ok('admin', MINE, { id })).message).toEqual({ moderationState: 'removed', moderationAction: null });
      expect(code(await call('employee', MINE, { id }))).toBe('NOT_FOUND');
      // The reporter's report no longer carries the message they can no longer read.
      const reports = (await ok('employee', `{ myReports { itemId status message { id } } }`)).myReports;
      expect(reports.find((r: any) => r.itemId === id)).toEqual({ itemId: id, status: 'ACTIONED', message: null });

      await ok('freelancer', `mutation($id: ID!) { appealModeration(actionId: $id, text: "Het was een grap onder vrienden") { id } }`, { id: action.id });
      expect((await ok('freelancer', MINE, { id })).message.moderationAction).toMatchObject({ appealStatus: 'open', canAppeal: false });
      const record = (await ok('freelancer', `{ moderationRecord { id kind appealStatus canAppeal } }`)).moderationRecord;
      expect(record.find((a: any) => a.id === action.id)).toEqual({ id: action.id, kind: 'remove', appealStatus: 'open', canAppeal: false });
      // Someone else's record, read by a moderator: never appealable by the reader.
      const theirs = (await ok('moderator', `query($p: ID) { moderationRecord(personId: $p) { id canAppeal } }`, { p: pid.freelancer })).moderationRecord;
      expect(theirs.every((a: any) => a.canAppeal === false)).toBe(true);
    });

    it('shows the reporter the message of an open report while they can still read it', async () => {
      const id = await post('contractor', 'Wie wil mijn oude laptop kopen?');
      await report('employee', id, 'SPAM_OR_ADVERTISING');
      const reports = (await ok('employee', `{ myReports { itemId status message { id text } } }`)).myReports;
      expect(reports.find((r: any) => r.itemId === id)).toEqual({ itemId: id, status: 'OPEN', message: { id, text: 'Wie wil mijn oude laptop kopen?' } });
    });

    it('never lets a moderator act on their own content or a report about themselves', async () => {
      const own = await post('moderator', 'Een bericht van de moderator zelf');
      await report('employee', own);
      expect((await queue('moderator')).map((q) => q.itemId)).not.toContain(own);
      expect(code(await act('moderator', own, 'DISMISS'))).toBe('FORBIDDEN');
      expect(code(await call('moderator', CLAIM, { id: own }))).toBe('FORBIDDEN');
      expect(code(await act('admin', own, 'WARN', 'Toon wat meer geduld'))).toBeUndefined();
      expect((await ok('moderator', `{ moderationRecord { kind reason } }`)).moderationRecord[0]).toEqual({ kind: 'warn', reason: 'Toon wat meer geduld' });
    });

    it('escalates to admins: community managers can no longer decide it', async () => {
      const id = await post('freelancer', 'Lastig geval');
      await report('employee', id);
      expect(code(await act('moderator', id, 'ESCALATE', 'Juridisch advies nodig'))).toBeUndefined();
      expect((await queue('admin')).find((q) => q.itemId === id).status).toBe('escalated');
      expect(code(await act('moderator', id, 'DISMISS'))).toBe('FORBIDDEN');
      expect(code(await act('admin', id, 'DISMISS', 'Na juridisch advies: toegestaan'))).toBeUndefined();
    });

    it('suspends the author: login and every request refused with "suspended until", content stays', async () => {
      const target = await app.login('demo.contractor');
      const id = await post('contractor', 'Blijft staan na de schorsing');
      await report('employee', id);
      expect(code(await act('moderator', id, 'SUSPEND', 'Herhaalde intimidatie'))).toBe('BAD_USER_INPUT');
      expect(code(await act('moderator', id, 'SUSPEND', 'Herhaalde intimidatie', { suspendDays: 3 }))).toBeUndefined();
      const res = await fetch(`${app.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo.contractor', password: 'plein-demo' }) });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { message: string }).message).toMatch(/suspended until \d{4}-/);
      const refused = await app.gql(`mutation { postMessage(input: { text: "nog één keer", audience: "company" }) { id } }`, {}, target.accessToken);
      expect(refused.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(refused.body.errors?.[0].message).toContain('suspended until');
      expect(ids(await m.companyFeed(token.employee, { first: 50 }))).toContain(id);
      // The suspended person cannot log in, so they appeal with their credentials, once.
      const appealHttp = (body: Record<string, unknown>) =>
        fetch(`${app.url}/moderation/suspension-appeal`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await appealHttp({ username: 'demo.contractor', password: 'wrong', text: 'Onterecht' })).status).toBe(401);
      expect((await appealHttp({ username: 'demo.employee', password: 'plein-demo', text: 'Ik ben niet geschorst' })).status).toBe(400);
      const appealed = await appealHttp({ username: 'demo.contractor', password: 'plein-demo', text: 'Het was een misverstand' });
      expect(appealed.status).toBe(201);
      const { id: appealId } = (await appealed.json()) as { id: string };
      expect((await appealHttp({ username: 'demo.contractor', password: 'plein-demo', text: 'Nog eens' })).status).toBe(409);
      // Another moderator overturns it: the person is back.
      const DECIDE = `mutation($id: ID!, $r: String!) { decideAppeal(appealId: $id, overturn: true, reason: $r) { status } }`;
      expect(code(await call('moderator', DECIDE, { id: appealId, r: 'Zelf besloten' }))).toBe('FORBIDDEN');
      expect((await ok('admin', DECIDE, { id: appealId, r: 'Misverstand, opgehelderd' })).decideAppeal.status).toBe('overturned');
      token.contractor = (await app.login('demo.contractor')).accessToken;
    });
  });

  describe('appeals, audit, figures', () => {
    it('lets the author appeal a removal once; the deciding moderator cannot decide the appeal', async () => {
      const id = await post('freelancer', 'Dit was echt niet zo bedoeld');
      await report('employee', id);
      const action = (await act('moderator', id, 'REMOVE', 'Kwetsend')).data.moderateItem;
      const APPEAL = `mutation($id: ID!, $text: String!) { appealModeration(actionId: $id, text: $text) { id status actionKind } }`;
      expect(code(await call('employee', APPEAL, { id: action.id, text: 'Niet van mij' }))).toBe('NOT_FOUND');
      const appeal = (await ok('freelancer', APPEAL, { id: action.id, text: 'Het was ironisch bedoeld' })).appealModeration;
      expect(appeal).toMatchObject({ status: 'open', actionKind: 'remove' });
      expect(code(await call('freelancer', APPEAL, { id: action.id, text: 'Nog een keer' }))).toBe('CONFLICT');
      const DECIDE = `mutation($id: ID!, $o: Boolean!, $r: String!) { decideAppeal(appealId: $id, overturn: $o, reason: $r) { status } }`;
      expect(code(await call('moderator', DECIDE, { id: appeal.id, o: true, r: 'Mijn eigen besluit' }))).toBe('FORBIDDEN');
      expect(code(await call('employee', DECIDE, { id: appeal.id, o: true, r: 'x' }))).toBe('FORBIDDEN');
      expect((await ok('admin', `{ moderationAppeals { id } }`)).moderationAppeals.map((a: any) => a.id)).toContain(appeal.id);
      expect((await ok('admin', DECIDE, { id: appeal.id, o: true, r: 'Context maakt het duidelijk ironisch' })).decideAppeal.status).toBe('overturned');
      expect((await m.message(token.employee, id)).data?.message.text).toBe('Dit was echt niet zo bedoeld');
      const record = (await ok('moderator', `query($p: ID) { moderationRecord(personId: $p) { kind appealStatus } }`, { p: pid.freelancer })).moderationRecord;
      expect(record).toEqual(expect.arrayContaining([{ kind: 'appeal_overturned', appealStatus: null }, { kind: 'remove', appealStatus: 'overturned' }]));
    });

    it('keeps an append-only audit log that admins read and export as CSV', async () => {
      expect(code(await call('moderator', `{ moderationAuditCsv }`))).toBe('FORBIDDEN');
      const entries = (await ok('admin', `{ moderationAudit(first: 500) { event actorId reason before after } }`)).moderationAudit;
      expect(entries.map((e: any) => e.event)).toEqual(expect.arrayContaining(['report.created', 'action.hide', 'action.remove', 'action.suspend', 'appeal.created', 'appeal.overturned']));
      const removal = entries.find((e: any) => e.event === 'action.remove');
      expect(JSON.parse(removal.before)).toMatchObject({ messageState: 'visible' });
      expect(JSON.parse(removal.after)).toMatchObject({ messageState: 'removed' });
      const csv: string = (await ok('admin', `{ moderationAuditCsv }`)).moderationAuditCsv;
      // In the admin's language (Dutch by default): headers and the event in words, its code kept beside it.
      expect(csv.split('\r\n')[0]).toBe('id,tijdstip,door (id),gebeurtenis (code),gebeurtenis,soort item,item (id),betreft (id),reden,voor,na');
      expect(csv).toContain('"action.remove","Verwijderd","Bericht"');
      expect(csv).toContain('"report.created","Rapportage gedaan"');
      await ok('admin', `mutation { setMyLanguage(language: "en") { id } }`);
      try {
        const en: string = (await ok('admin', `{ moderationAuditCsv }`)).moderationAuditCsv;
        expect(en.split('\r\n')[0]).toBe('id,at,by (id),event (code),event,item type,item (id),about (id),reason,before,after');
        expect(en).toContain('"action.remove","Removed","Message"');
        expect(en).not.toContain('Verwijderd');
      } finally {
        await ok('admin', `mutation { setMyLanguage(language: "nl") { id } }`);
      }
      // A plain client, so the refused statements do not end up in the app's error log.
      const raw = new pg.Client({ connectionString: app.databaseUrl });
      await raw.connect();
      try {
        await expect(raw.query(`UPDATE moderation_audit SET reason = 'rewritten'`)).rejects.toThrow(/append-only/);
        await expect(raw.query(`DELETE FROM moderation_audit`)).rejects.toThrow(/append-only/);
        await expect(raw.query(`TRUNCATE moderation_audit`)).rejects.toThrow(/append-only/);
      } finally {
        await raw.end();
      }
    });

    it('hides automatically after N distinct reporters when an admin turns it on, pending review', async () => {
      const SET = `mutation($t: Int) { setModerationAutoHide(threshold: $t) { autoHideThreshold } }`;
      expect(code(await call('moderator', SET, { t: 2 }))).toBe('FORBIDDEN');
      expect(code(await call('admin', SET, { t: 1 }))).toBe('BAD_USER_INPUT');
      expect((await ok('admin', SET, { t: 2 })).setModerationAutoHide.autoHideThreshold).toBe(2);
      const id = await post('freelancer', 'Iedereen vindt dit vervelend');
      await report('employee', id);
      expect(code(await m.message(token.hr, id))).toBeUndefined();
      await report('hr', id);
      expect(code(await m.message(token.contractor, id))).toBe('NOT_FOUND');
      expect((await queue('moderator')).find((q) => q.itemId === id)).toMatchObject({ reporters: 2, status: 'open' });
      await ok('admin', SET, { t: null });
    });

    it('gives the team its figures', async () => {
      const stats = (await ok('moderator', `{ moderationStats { openReports openItems medianMinutesToFirstAction reasonsByWeek { week reason count } } }`)).moderationStats;
      expect(stats.openReports).toBeGreaterThan(0);
      expect(stats.medianMinutesToFirstAction).not.toBeNull();
      expect(stats.reasonsByWeek.find((r: any) => r.reason === 'DISCRIMINATION').count).toBeGreaterThanOrEqual(3);
      expect(code(await call('employee', `{ moderationStats { openReports } }`))).toBe('FORBIDDEN');
    });
  });

  describe('group admins', () => {
    it('see reports about content in their group and may dismiss, hide or remove there, not warn', async () => {
      const group = (await ok('employee', `mutation { createGroup(input: { name: "Modgroep ${Date.now() % 100000}", kind: OPEN }) { id } }`)).createGroup.id;
      await ok('freelancer', `mutation($g: ID!) { joinGroup(groupId: $g) { status } }`, { g: group });
      const id = await post('freelancer', 'Ongepast in de groep', `group:${group}`);
      await report('hr', id);
      expect((await queue('employee')).map((q) => q.itemId)).toEqual([id]);
      expect(code(await act('employee', id, 'WARN'))).toBe('FORBIDDEN');
      expect(code(await act('employee', id, 'REMOVE', 'Niet in deze groep'))).toBeUndefined();
      // A report about the group admin's own content goes to community managers only.
      const own = await post('employee', 'Bericht van de groepsbeheerder', `group:${group}`);
      await report('freelancer', own);
      expect((await queue('employee').catch(() => [])).map((q: any) => q.itemId)).not.toContain(own);
      expect((await queue('moderator')).map((q) => q.itemId)).toContain(own);
    });
  });

  describe('blog posts, blog comments, profiles, photos and groups', () => {
    const blogPost = async (w: Who, title: string, audience = 'company', body = 'Een lang verhaal over de kantine.') =>
      (await ok(w, `mutation($input: CreateBlogPostInput!) { createBlogPost(input: $input) { post { id } } }`, { input: { title, bodyMarkdown: body, audience, publish: true } })).createBlogPost.post.id as string;
    const blogComment = async (w: Who, postId: string, text: string, parentId?: string) =>
      (await ok(w, `mutation($p: ID!, $t: String!, $parent: ID) { commentOnBlogPost(postId: $p, text: $t, parentId: $parent) { id } }`, { p: postId, t: text, parent: parentId ?? null })).commentOnBlogPost.id as string;
    const actOn = (w: Who, itemType: string, itemId: string, action: string, reason = 'Against the community rules.') =>
      call(w, ACT, { input: { itemType, itemId, action, reason } });
    const readPost = (w: Who, id: string) => call(w, `query($id: ID!) { blogPost(id: $id) { id title bodyHtml moderationState moderationReason commentCount comments { id text moderationState moderationReason replies { id } } } }`, { id });
    const postIds = async (w: Who, query: string, field: string) => ((await ok(w, query)) as any)[field].edges.map((e: any) => e.node.id);
    const since = async () => (await db.query('SELECT coalesce(max(id), 0)::text AS max FROM realtime_events'))[0].max as string;
    const eventsSince = async (w: Who, id: string) => (await ok(w, `query($id: ID!) { eventsSince(lastEventId: $id) { type payload } }`, { id })).eventsSince.map((e: any) => ({ type: e.type, ...JSON.parse(e.payload) }));

    it('tells open feeds live when a hidden message is restored', async () => {
      const id = await post('freelancer', 'Even weg, dan weer terug');
      await report('employee', id);
      await act('moderator', id, 'HIDE', 'Even nakijken');
      const start = await since();
      await act('moderator', id, 'DISMISS', 'Valt mee');
      expect((await eventsSince('employee', start)).filter((e: any) => e.id === id).map((e: any) => e.type)).toEqual(['message.restored']);
    });

    it('reports blog posts and comments with the same rules as messages', async () => {
      const post = await blogPost('freelancer', 'Een post om te melden');
      expect(code(await report('freelancer', post, 'SPAM_OR_ADVERTISING', undefined, 'BLOG_POST'))).toBe('BAD_USER_INPUT');
      expect((await report('employee', post, 'SPAM_OR_ADVERTISING', undefined, 'BLOG_POST')).data.reportContent.itemType).toBe('BLOG_POST');
      expect(code(await report('employee', post, 'OTHER', 'nog eens', 'BLOG_POST'))).toBe('CONFLICT');
      // A payroll-only post does not exist for a contractor, nor its comments.
      const payroll = await blogPost('employee', 'Alleen voor de loonlijst', 'employees');
      const onPayroll = await blogComment('hr', payroll, 'Interne reactie');
      expect(code(await report('contractor', payroll, 'SPAM_OR_ADVERTISING', undefined, 'BLOG_POST'))).toBe('NOT_FOUND');
      expect(code(await report('contractor', onPayroll, 'SPAM_OR_ADVERTISING', undefined, 'BLOG_COMMENT'))).toBe('NOT_FOUND');
      expect(code(await report('hr', onPayroll, 'SPAM_OR_ADVERTISING', undefined, 'BLOG_COMMENT'))).toBe('BAD_USER_INPUT');
      expect((await report('employee', onPayroll, 'SPAM_OR_ADVERTISING', undefined, 'BLOG_COMMENT')).data.reportContent.status).toBe('OPEN');
      expect(code(await report('employee', post, 'SPAM_OR_ADVERTISING', undefined, 'BLOG_COMMENT'))).toBe('NOT_FOUND');
    });

    it('hides a blog post from every list, search, feature slot and notification; dismissing brings it back', async () => {
      const word = `kantinepost${Date.now() % 100000}`;
      const warmUp = await blogPost('freelancer', 'Mijn blog bestaat');
      const blogId = (await ok('freelancer', `query($id: ID!) { blogPost(id: $id) { blog { id } } }`, { id: warmUp })).blogPost.blog.id;
      await ok('employee', `mutation($b: ID!) { subscribeToBlog(blogId: $b) { id } }`, { b: blogId });
      const blogNotes = async () =>
        (await ok('employee', `{ notifications(first: 100) { edges { node { kind } } } }`)).notifications.edges.filter((e: any) => e.node.kind === 'BLOG_POST').length;
      const before = await blogNotes();
      const form = new FormData();
      const jpeg = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 40, g: 160, b: 40 } } }).jpeg().toBuffer();
      form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'omslag.jpg');
      const uploaded = (await (await fetch(`${app.url}/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token.freelancer}` } })).json()) as { id: string };
      const post = (
        await ok('freelancer', `mutation($input: CreateBlogPostInput!) { createBlogPost(input: $input) { post { id } } }`, {
          input: { title: `Verborgen post ${word}`, bodyMarkdown: `Over de ${word} en meer.`, publish: true, coverUploadId: uploaded.id },
        })
      ).createBlogPost.post.id as string;
      const cover = (await ok('employee', `query($id: ID!) { blogPost(id: $id) { coverUrl } }`, { id: post })).blogPost.coverUrl as string;
      expect((await fetch(`${app.url}${cover}`)).status).toBe(200);
      const second = await blogPost('freelancer', `Tweede post ${word}`);
      await ok('moderator', `mutation($id: ID!, $u: DateTime) { featureBlogPost(id: $id, until: $u) { id } }`, { id: post, u: new Date(Date.now() + 86_400_000).toISOString() });
      // The subscriber is told of both posts (the job the worker runs; this api runs no jobs, so it is called here).
      const jobs = app.plein.app.get(BlogJobs);
      expect(await jobs.fanOut({ kind: 'post', postId: post })).toBe(1);
      expect(await jobs.fanOut({ kind: 'post', postId: second })).toBe(1);
      expect(await blogNotes()).toBe(before + 2);
      await report('employee', post, 'SPAM_OR_ADVERTISING', undefined, 'BLOG_POST');
      expect(code(await actOn('moderator', 'BLOG_POST', post, 'HIDE', 'Even nakijken'))).toBeUndefined();
      expect(code(await readPost('employee', post))).toBe('NOT_FOUND');
      expect((await fetch(`${app.url}${cover}`)).status).toBe(404);
      expect(await postIds('employee', `{ blogPosts(first: 50) { edges { node { id } } } }`, 'blogPosts')).not.toContain(post);
      expect(await postIds('employee', `{ searchBlogPosts(query: "${word}") { edges { node { id } } } }`, 'searchBlogPosts')).toEqual([second]);
      expect((await ok('employee', `{ featuredPosts { id } }`)).featuredPosts.map((p: any) => p.id)).not.toContain(post);
      expect(await blogNotes()).toBe(before + 1);
      // A job still queued for it notifies nobody.
      await db.query(`DELETE FROM notifications WHERE group_key = $1`, [`blog-post:${post}`]);
      expect(await jobs.fanOut({ kind: 'post', postId: post })).toBe(0);
      expect(code(await call('employee', `mutation($id: ID!) { likeBlogPost(id: $id) { id } }`, { id: post }))).toBe('NOT_FOUND');
      // The author still has it, marked, with the reason; and cannot edit around the decision.
      expect((await readPost('freelancer', post)).data.blogPost).toMatchObject({ moderationState: 'hidden', moderationReason: 'Even nakijken', title: `Verborgen post ${word}` });
      expect(await postIds('freelancer', `{ blogPosts(first: 50) { edges { node { id } } } }`, 'blogPosts')).toContain(post);
      expect(code(await call('freelancer', `mutation($id: ID!) { updateBlogPost(id: $id, input: { title: "Nieuwe titel" }) { post { id } } }`, { id: post }))).toBe('FORBIDDEN');
      const start = await since();
      expect(code(await actOn('moderator', 'BLOG_POST', post, 'DISMISS', 'Valt mee'))).toBeUndefined();
      expect((await readPost('employee', post)).data.blogPost.moderationState).toBe('visible');
      expect((await fetch(`${app.url}${cover}`)).status).toBe(200);
      expect((await ok('employee', `{ featuredPosts { id } }`)).featuredPosts.map((p: any) => p.id)).toContain(post);
      expect(await jobs.fanOut({ kind: 'post', postId: post })).toBe(1);
      expect(await blogNotes()).toBe(before + 2);
      // Open screens hear that it is back.
      expect((await eventsSince('employee', start)).some((e: any) => e.type === 'blog.post.published' && e.id === post)).toBe(true);
      await ok('moderator', `mutation($id: ID!) { featureBlogPost(id: $id, until: null) { id } }`, { id: post });
    });

    it('removes a blog comment: gone for readers, live and on replay; its author sees the removal and the reason; an appeal can restore it', async () => {
      const post = await blogPost('ceo', 'Over de nieuwe koffie');
      const top = await blogComment('employee', post, 'Prima koffie');
      const bad = await blogComment('freelancer', post, 'Smerige koffie, net als het management', top);
      const start = await since();
      await report('employee', bad, 'HARASSMENT_OR_BULLYING', 'Beledigend', 'BLOG_COMMENT');
      const item = (
        await ok(
          'moderator',
          `query($id: ID!) { reportedItem(itemType: BLOG_COMMENT, itemId: $id) { itemState originalText blogPost { id title } blogComment { id text } blogThread { id } subject { id } subjectHistory { kind } reports { reason note } } }`,
          { id: bad },
        )
      ).reportedItem;
      expect(item).toMatchObject({ itemState: 'visible', originalText: 'Smerige koffie, net als het management', blogPost: { id: post }, blogComment: { id: bad }, subject: { id: pid.freelancer } });
      expect(item.blogThread.map((c: any) => c.id)).toEqual([top, bad]);
      expect(JSON.stringify(item)).not.toContain(pid.employee);
      const action = (await actOn('moderator', 'BLOG_COMMENT', bad, 'REMOVE', 'Kwetsend')).data.moderateItem;
      const reader = (await readPost('employee', post)).data.blogPost;
      expect(reader.comments.flatMap((c: any) => [c.id, ...c.replies.map((r: any) => r.id)])).not.toContain(bad);
      expect(reader.commentCount).toBe(1);
      const authorView = (await readPost('freelancer', post)).data.blogPost.comments[0].replies;
      expect(authorView).toHaveLength(1);
      const own = (await readPost('freelancer', post)).data.blogPost.comments.flatMap((c: any) => c.replies);
      expect(own).toHaveLength(1);
      const mine = (await ok('freelancer', `query($id: ID!) { blogPost(id: $id) { comments { replies { id text moderationState moderationReason moderationAction { id canAppeal } } } } }`, { id: post })).blogPost.comments[0].replies[0];
      expect(mine).toEqual({ id: bad, text: 'Removed by moderation.', moderationState: 'removed', moderationReason: 'Kwetsend', moderationAction: { id: action.id, canAppeal: true } });
      expect(code(await call('employee', `mutation($id: ID!) { likeBlogComment(id: $id) { id } }`, { id: bad }))).toBe('NOT_FOUND');
      const events = await eventsSince('employee', start);
      expect(events.some((e: any) => e.type === 'blog.comment.removed' && e.id === bad)).toBe(true);
      expect(events.some((e: any) => e.type === 'blog.comment.created' && e.id === bad)).toBe(false);
      // Reporter and author are told; the decision is audited with the states.
      expect((await ok('employee', `{ myReports { itemId status } }`)).myReports.find((r: any) => r.itemId === bad).status).toBe('ACTIONED');
      const audit = (await ok('admin', `{ moderationAudit(first: 20) { event itemType itemId before after } }`)).moderationAudit.find((e: any) => e.event === 'action.remove' && e.itemId === bad);
      expect(JSON.parse(audit.before)).toMatchObject({ blogCommentState: 'visible' });
      expect(JSON.parse(audit.after)).toMatchObject({ blogCommentState: 'removed' });
      // The author appeals; another moderator overturns: the comment is back.
      const appeal = (await ok('freelancer', `mutation($id: ID!) { appealModeration(actionId: $id, text: "Het was een grap") { id } }`, { id: action.id })).appealModeration;
      await ok('admin', `mutation($id: ID!) { decideAppeal(appealId: $id, overturn: true, reason: "Grap, geen belediging") { status } }`, { id: appeal.id });
      const back = (await readPost('employee', post)).data.blogPost;
      expect(back.comments[0].replies.map((r: any) => r.id)).toEqual([bad]);
      expect(back.commentCount).toBe(2);
    });

    it('sends reports about group blog content to the group admins, unless it is about a group admin', async () => {
      const group = (await ok('employee', `mutation { createGroup(input: { name: "Blogmodgroep ${Date.now() % 100000}", kind: OPEN }) { id } }`)).createGroup.id;
      await ok('employee', `mutation($g: ID!) { createGroupBlog(groupId: $g, title: "Groepsblog") { id } }`, { g: group });
      await ok('freelancer', `mutation($g: ID!) { joinGroup(groupId: $g) { status } }`, { g: group });
      await ok('hr', `mutation($g: ID!) { joinGroup(groupId: $g) { status } }`, { g: group });
      const post = await blogPost('employee', 'Groepspost', `group:${group}`);
      const theirs = await blogComment('freelancer', post, 'Ongepast in de groep');
      const adminOwn = await blogComment('employee', post, 'Reactie van de beheerder');
      await report('hr', theirs, 'HARASSMENT_OR_BULLYING', undefined, 'BLOG_COMMENT');
      await report('hr', adminOwn, 'HARASSMENT_OR_BULLYING', undefined, 'BLOG_COMMENT');
      expect((await queue('employee')).map((q) => q.itemId)).toEqual([theirs]);
      expect(code(await actOn('employee', 'BLOG_COMMENT', theirs, 'WARN'))).toBe('FORBIDDEN');
      expect(code(await actOn('employee', 'BLOG_COMMENT', theirs, 'REMOVE', 'Niet in deze groep'))).toBeUndefined();
      expect((await queue('moderator')).map((q) => q.itemId)).toContain(adminOwn);
      expect(code(await actOn('employee', 'BLOG_COMMENT', adminOwn, 'DISMISS'))).toBe('FORBIDDEN');
    });

    it('hides and removes the self-written parts of a profile; the name stays, the owner sees why', async () => {
      await ok('contractor', `mutation { updateMyProfile(input: { headline: "Kampioen roddelen", about: "Ik weet alles over iedereen.", skills: ["roddelen"] }) { id } }`);
      const PROFILE = `query($id: ID!) { person(id: $id) { displayName profile { headline about skills moderationState moderationReason } } }`;
      await report('employee', pid.contractor, 'HARASSMENT_OR_BULLYING', undefined, 'PROFILE');
      expect((await ok('moderator', `query($id: ID!) { reportedItem(itemType: PROFILE, itemId: $id) { originalText } }`, { id: pid.contractor })).reportedItem.originalText).toContain('Ik weet alles over iedereen.');
      const bySkill = async () => (await ok('employee', `{ searchPeople(skill: "roddelen") { totalCount } }`)).searchPeople.totalCount;
      expect(await bySkill()).toBe(1);
      expect(code(await actOn('moderator', 'PROFILE', pid.contractor, 'HIDE', 'Even nakijken'))).toBeUndefined();
      // Its skills no longer find the person in staff search.
      expect(await bySkill()).toBe(0);
      const seen = (await ok('employee', PROFILE, { id: pid.contractor })).person;
      expect(seen.displayName).toBeTruthy();
      expect(seen.profile).toEqual({ headline: null, about: null, skills: [], moderationState: null, moderationReason: null });
      expect((await ok('contractor', PROFILE, { id: pid.contractor })).person.profile).toMatchObject({ headline: 'Kampioen roddelen', moderationState: 'hidden', moderationReason: 'Even nakijken' });
      expect(code(await actOn('moderator', 'PROFILE', pid.contractor, 'DISMISS', 'Valt mee'))).toBeUndefined();
      expect((await ok('employee', PROFILE, { id: pid.contractor })).person.profile.headline).toBe('Kampioen roddelen');
      expect(await bySkill()).toBe(1);
      // Removal: the text is gone for everyone; the owner sees the reason until they write a new profile.
      await report('employee', pid.contractor, 'HARASSMENT_OR_BULLYING', undefined, 'PROFILE');
      expect(code(await actOn('moderator', 'PROFILE', pid.contractor, 'REMOVE', 'Roddels over collega’s'))).toBeUndefined();
      expect((await ok('employee', PROFILE, { id: pid.contractor })).person.profile.about).toBeNull();
      expect((await ok('contractor', PROFILE, { id: pid.contractor })).person.profile).toEqual({ headline: null, about: null, skills: [], moderationState: 'removed', moderationReason: 'Roddels over collega’s' });
      expect((await ok('employee', `{ searchPeople(query: "roddelen", skill: "roddelen") { totalCount } }`)).searchPeople.totalCount).toBe(0);
      // An overturned appeal brings the text back from the audit.
      const removal = (await ok('contractor', `{ moderationRecord { id kind } }`)).moderationRecord.find((a: any) => a.kind === 'remove');
      const appeal = (await ok('contractor', `mutation($id: ID!) { appealModeration(actionId: $id, text: "Het was satire") { id } }`, { id: removal.id })).appealModeration;
      await ok('admin', `mutation($id: ID!) { decideAppeal(appealId: $id, overturn: true, reason: "Satire, toegestaan") { status } }`, { id: appeal.id });
      expect((await ok('employee', PROFILE, { id: pid.contractor })).person.profile).toMatchObject({ headline: 'Kampioen roddelen', skills: ['roddelen'], moderationState: null });
      // Removed again, the owner's next edit is a new profile that shows.
      await report('employee', pid.contractor, 'HARASSMENT_OR_BULLYING', undefined, 'PROFILE');
      expect(code(await actOn('moderator', 'PROFILE', pid.contractor, 'REMOVE', 'Nog steeds roddels'))).toBeUndefined();
      await ok('contractor', `mutation { updateMyProfile(input: { headline: "DevOps engineer" }) { id } }`);
      expect((await ok('employee', PROFILE, { id: pid.contractor })).person.profile).toMatchObject({ headline: 'DevOps engineer', about: null });
    });

    it('takes a profile photo down: served as none, the URL stops working, dismissing puts it back', async () => {
      const photos = app.plein.app.get(PhotosService);
      const bytes = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 10, g: 120, b: 200 } } }).jpeg().toBuffer();
      const photo = await photos.storePhoto(pid.freelancer, bytes, 'upload');
      const PHOTO = `query($id: ID!) { person(id: $id) { photo { id small } } }`;
      const url = (await ok('employee', PHOTO, { id: pid.freelancer })).person.photo.small;
      expect((await fetch(`${app.url}${url}`)).status).toBe(200);
      await report('employee', photo.id, 'DISCRIMINATION', undefined, 'PHOTO');
      expect(code(await actOn('moderator', 'PHOTO', photo.id, 'HIDE', 'Even nakijken'))).toBeUndefined();
      expect((await ok('employee', PHOTO, { id: pid.freelancer })).person.photo).toBeNull();
      expect((await ok('freelancer', PHOTO, { id: pid.freelancer })).person.photo).toBeNull();
      expect((await fetch(`${app.url}${url}`)).status).toBe(404);
      // The same photo again (HR's daily import, or an upload) does not bring it back.
      await photos.storePhoto(pid.freelancer, bytes, 'hr');
      expect((await ok('employee', PHOTO, { id: pid.freelancer })).person.photo).toBeNull();
      await expect(photos.storePhoto(pid.freelancer, bytes, 'upload')).rejects.toThrow(/taken down by moderation/);
      expect(code(await actOn('moderator', 'PHOTO', photo.id, 'DISMISS', 'Valt mee'))).toBeUndefined();
      expect((await ok('employee', PHOTO, { id: pid.freelancer })).person.photo.id).toBe(photo.id);
      expect((await fetch(`${app.url}${url}`)).status).toBe(200);
    });

    it('hides a group from lists and search; its page answers as removed to members, not to moderators', async () => {
      const name = `Verdachte club ${Date.now() % 100000}`;
      const group = (await ok('hr', `mutation($n: String!) { createGroup(input: { name: $n, kind: OPEN }) { id } }`, { n: name })).createGroup.id;
      await ok('employee', `mutation($g: ID!) { joinGroup(groupId: $g) { status } }`, { g: group });
      const listed = async (w: Who) => (await ok(w, `query($q: String) { groups(query: $q, first: 50) { edges { node { id } } } }`, { q: name })).groups.edges.map((e: any) => e.node.id);
      expect(await listed('employee')).toContain(group);
      await report('employee', group, 'SPAM_OR_ADVERTISING', undefined, 'GROUP');
      expect((await ok('moderator', `query($id: ID!) { reportedItem(itemType: GROUP, itemId: $id) { originalText subject { id } } }`, { id: group })).reportedItem).toEqual({ originalText: name, subject: { id: pid.hr } });
      expect(code(await actOn('moderator', 'GROUP', group, 'HIDE', 'Reclameclub'))).toBeUndefined();
      expect(await listed('employee')).not.toContain(group);
      expect((await ok('employee', `{ myGroups(first: 100) { edges { node { id } } } }`)).myGroups.edges.map((e: any) => e.node.id)).not.toContain(group);
      const page = await call('employee', `query($id: ID!) { group(id: $id) { id } }`, { id: group });
      expect(code(page)).toBe('NOT_FOUND');
      expect(page.errors?.[0].message).toBe('This group was removed by moderation.');
      expect(code(await call('hr', `query($id: ID!) { group(id: $id) { id } }`, { id: group }))).toBe('NOT_FOUND');
      // Nobody posts in it any more (the same answer as for any group one cannot post in).
      expect(code(await m.postRaw(token.employee, { text: 'Nog iemand?', audience: `group:${group}` }))).toBe('BAD_USER_INPUT');
      expect((await ok('moderator', `query($id: ID!) { group(id: $id) { id } }`, { id: group })).group.id).toBe(group);
      expect(code(await actOn('moderator', 'GROUP', group, 'DISMISS', 'Toch een echte club'))).toBeUndefined();
      expect(await listed('employee')).toContain(group);
      // Removal: for good (until an appeal is upheld in the owner's favour).
      await report('employee', group, 'SPAM_OR_ADVERTISING', undefined, 'GROUP');
      expect(code(await actOn('moderator', 'GROUP', group, 'REMOVE', 'Toch reclame'))).toBeUndefined();
      expect(await listed('employee')).not.toContain(group);
      expect(code(await report('ceo', group, 'SPAM_OR_ADVERTISING', undefined, 'GROUP'))).toBe('NOT_FOUND');
    });
  });
});
