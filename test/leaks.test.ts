import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { CampaignsService } from '../libs/insights/src/campaigns/campaigns.service.js';
import { bootApp, type TestApp } from './support/app.js';
import { eventually } from './support/messages.js';

const PAYROLL_TEXT = 'Beste collega’s, de nieuwe cao geeft ons per januari drie procent meer loon en een extra vrije dag, deel dit!';
const SECRET_TEXT = 'Vertrouwelijk: de overname van het glasvezelbedrijf in Zeeland wordt volgende week maandag bekendgemaakt aan iedereen';
const MIXED_TEXT = 'Kom zaterdag naar de open dag in ons datacenter in Groningen en neem je familie en vrienden mee voor een rondleiding';

/**
 * The leaks the hardening issue found (issue 15, "Leaks"): numbers and people that told more than
 * a list would show. Each block proves one: campaigns and reshare counts over messages the reader
 * may not read, a person's details behind an information barrier reached through other lists, and
 * eventsSince replaying a deleted message.
 */
describe('leaks: what counts, lists of people and catch-up may tell', () => {
  let app: TestApp;
  let db: DataSource;
  let campaigns: CampaignsService;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const gql = (query: string, vars: Record<string, unknown>, who: string) => app.gql(query, vars, tokens[who]);
  const ok = async <T = any>(query: string, vars: Record<string, unknown>, who: string): Promise<T> => {
    const res = await gql(query, vars, who);
    if (res.body.errors) throw new Error(`${who}: ${JSON.stringify(res.body.errors)}`);
    return res.body.data as T;
  };
  const post = async (who: string, text: string, audience: string) =>
    (await ok<{ postMessage: { id: string } }>(`mutation($t: String!, $a: String!) { postMessage(input: { text: $t, audience: $a }) { id } }`, { t: text, a: audience }, who)).postMessage.id;
  const MATCH = `query($t: String!) { matchCampaign(text: $t) { similarity campaign { id size authorCount sampleMessageId sample firstAt } } }`;
  const CAMPAIGN_OF = `query($id: ID!) { message(id: $id) { campaignId campaignSize campaign { size authorCount sampleMessageId sample } } }`;

  beforeAll(async () => {
    app = await bootApp({ WORKER_INLINE: 'true', POST_RATE_LIMIT_PER_MINUTE: '10000' });
    db = app.plein.app.get(DataSource);
    campaigns = app.plein.app.get(CampaignsService, { strict: false });
    for (const who of ['employee', 'contractor', 'freelancer', 'hr', 'ceo', 'moderator', 'admin']) {
      const { accessToken, person } = await app.login(`demo.${who}`);
      tokens[who] = accessToken;
      ids[who] = person.id;
    }
  });
  afterAll(async () => {
    await app.close();
  });

  describe('campaigns and reshare counts count only what the reader may read', () => {
    const posted: Record<string, string> = {};
    let secretGroupId = '';

    beforeAll(async () => {
      // A payroll-only text posted by three payroll staff.
      for (const who of ['ceo', 'hr', 'employee']) posted[`payroll-${who}`] = await post(who, PAYROLL_TEXT, 'employees');
      // A secret group's text, posted by its three members.
      secretGroupId = (await ok(`mutation { createGroup(input: { name: "Project Zeeland", kind: SECRET }) { id } }`, {}, 'ceo')).createGroup.id;
      await ok(`mutation($g: ID!, $p: [ID!]!) { inviteToGroup(groupId: $g, personIds: $p) { personId } }`, { g: secretGroupId, p: [ids.moderator, ids.employee] }, 'ceo');
      for (const who of ['moderator', 'employee']) await ok(`mutation($g: ID!) { joinGroup(groupId: $g) { status } }`, { g: secretGroupId }, who);
      for (const who of ['ceo', 'moderator', 'employee']) posted[`secret-${who}`] = await post(who, SECRET_TEXT, `group:${secretGroupId}`);
      // One campaign, partly for everyone and partly payroll-only.
      posted['mixed-contractor'] = await post('contractor', MIXED_TEXT, 'company');
      posted['mixed-freelancer'] = await post('freelancer', MIXED_TEXT, 'company');
      posted['mixed-hr'] = await post('hr', MIXED_TEXT, 'employees');
      posted['mixed-ceo'] = await post('ceo', MIXED_TEXT, 'employees');
      await campaigns.scanNew();
    });

    it('matchCampaign tells a contractor nothing of a payroll-only text, nor of a paraphrase of it', async () => {
      const seen = (await ok(MATCH, { t: PAYROLL_TEXT }, 'employee')).matchCampaign;
      expect(seen.campaign).toMatchObject({ size: 3, authorCount: 3, sample: PAYROLL_TEXT });
      expect((await ok(MATCH, { t: PAYROLL_TEXT }, 'contractor')).matchCampaign).toBeNull();
      expect((await ok(MATCH, { t: `Echt waar! ${PAYROLL_TEXT} Fijn.` }, 'contractor')).matchCampaign).toBeNull();
      expect((await ok(MATCH, { t: PAYROLL_TEXT }, 'freelancer')).matchCampaign).toBeNull();
    });

    it("matchCampaign tells a non-member nothing of a secret group's text", async () => {
      expect((await ok(MATCH, { t: SECRET_TEXT }, 'moderator')).matchCampaign.campaign.size).toBe(3);
      // hr is payroll staff and sees every employees message, but is not in the group; admins neither.
      expect((await ok(MATCH, { t: SECRET_TEXT }, 'hr')).matchCampaign).toBeNull();
      expect((await ok(MATCH, { t: `Let op. ${SECRET_TEXT}` }, 'admin')).matchCampaign).toBeNull();
    });

    it("a message's campaign counts only the copies the reader may read", async () => {
      const forContractor = (await ok(CAMPAIGN_OF, { id: posted['mixed-contractor'] }, 'contractor')).message;
      expect(forContractor.campaignSize).toBe(2);
      expect(forContractor.campaign).toEqual({ size: 2, authorCount: 2, sampleMessageId: posted['mixed-contractor'], sample: MIXED_TEXT });
      const forEmployee = (await ok(CAMPAIGN_OF, { id: posted['mixed-contractor'] }, 'employee')).message;
      expect(forEmployee.campaignSize).toBe(4);
      expect(forEmployee.campaign.authorCount).toBe(4);
      // The same holds on a feed page, and in the composer's hint.
      const feed = (await ok(`{ companyFeed(first: 50) { edges { node { id campaignSize } } } }`, {}, 'contractor')).companyFeed.edges;
      expect(feed.find((e: { node: { id: string } }) => e.node.id === posted['mixed-freelancer']).node.campaignSize).toBe(2);
      expect((await ok(MATCH, { t: MIXED_TEXT }, 'contractor')).matchCampaign.campaign).toMatchObject({ size: 2, authorCount: 2 });
    });

    it('a campaign the reader sees only one post of is no campaign for them', async () => {
      // The contractor and hr in an employees campaign with the ceo: the contractor sees only their own post.
      const text = 'Onze klantenservice is vanaf maandag ook op zondag bereikbaar via chat en telefoon, vertel het verder';
      const own = await post('contractor', text, 'company');
      await post('hr', text, 'employees');
      await post('ceo', text, 'employees');
      await campaigns.scanNew();
      expect((await ok(CAMPAIGN_OF, { id: own }, 'employee')).message.campaignSize).toBe(3);
      expect((await ok(CAMPAIGN_OF, { id: own }, 'contractor')).message).toEqual({ campaignId: null, campaignSize: null, campaign: null });
    });

    it('reshareCount does not count a payroll-only reshare for a contractor', async () => {
      const original = await post('ceo', 'De nieuwe huisstijl staat online, bekijk hem op het intranet', 'company');
      await ok(`mutation($id: ID!) { reshareMessage(input: { messageId: $id, audience: "employees", note: "Alleen voor ons" }) { id } }`, { id: original }, 'hr');
      const count = async (who: string) => (await ok(`query($id: ID!) { message(id: $id) { reshareCount } }`, { id: original }, who)).message.reshareCount;
      expect(await count('employee')).toBe(1);
      expect(await count('contractor')).toBe(0);
      const feed = (await ok(`{ companyFeed(first: 50) { edges { node { id reshareCount } } } }`, {}, 'contractor')).companyFeed.edges;
      expect(feed.find((e: { node: { id: string } }) => e.node.id === original).node.reshareCount).toBe(0);
      const payrollFeed = (await ok(`{ companyFeed(first: 50) { edges { node { id reshareCount } } } }`, {}, 'employee')).companyFeed.edges;
      expect(payrollFeed.find((e: { node: { id: string } }) => e.node.id === original).node.reshareCount).toBe(1);
    });
  });

  describe('eventsSince', () => {
    it('never replays a message deleted since, to another reader or to its author', async () => {
      const [{ last }]: { last: string }[] = await db.query('SELECT coalesce(max(id), 0)::text AS last FROM realtime_events');
      const secret = await post('employee', 'Bel me privé op 06-12345678 als het dringend is', 'company');
      await ok(`mutation($id: ID!) { editMessage(id: $id, text: "Bel me privé op 06-12345678, ook in het weekend") { id } }`, { id: secret }, 'employee');
      const kept = await post('employee', 'Deze blijft gewoon staan', 'company');
      await ok(`mutation($id: ID!) { deleteMessage(id: $id) }`, { id: secret }, 'employee');
      for (const who of ['contractor', 'hr', 'employee']) {
        const events = (await ok(`query($e: ID!) { eventsSince(lastEventId: $e) { type payload } }`, { e: last }, who)).eventsSince as { type: string; payload: string }[];
        const about = (id: string) => events.filter((e) => JSON.parse(e.payload).id === id).map((e) => e.type);
        expect(about(kept)).toEqual(['message.created']);
        expect(about(secret)).toEqual(['message.deleted']);
        expect(events.some((e) => e.payload.includes('12345678'))).toBe(false);
      }
    });
  });

  describe('information barriers hold wherever a person is resolved', () => {
    let groupId = '';
    let likedMessage = '';
    const HR_FIELDS = `id displayName jobTitle email location roles phone department { id } manager { id } photo { small }
      profile { headline } contacts { value } customFields { key } directReports { id } groups { id }`;
    const blank = (p: Record<string, unknown>) =>
      expect(p).toMatchObject({ id: ids.hr, displayName: 'Hendrik de Ruijter', jobTitle: null, email: '', location: null, roles: [], phone: null, department: null,
        manager: null, photo: null, profile: { headline: null }, contacts: [], customFields: [], directReports: [], groups: [] });

    beforeAll(async () => {
      // Before the barrier: hr has a headline and a contact, follows and is followed, is in an open
      // group, and liked the freelancer's message (an aggregated like notification).
      await ok(`mutation { updateMyProfile(input: { headline: "HR en cultuur", contacts: [{ kind: PHONE, value: "+31612345678", visibility: EVERYONE }] }) { id } }`, {}, 'hr');
      await ok(`mutation($id: ID!) { follow(personId: $id) { id } }`, { id: ids.moderator }, 'hr');
      await ok(`mutation($id: ID!) { follow(personId: $id) { id } }`, { id: ids.hr }, 'moderator');
      groupId = (await ok(`mutation { createGroup(input: { name: "Lunchwandelen", kind: OPEN }) { id } }`, {}, 'moderator')).createGroup.id;
      await ok(`mutation($g: ID!) { joinGroup(groupId: $g) { status } }`, { g: groupId }, 'hr');
      likedMessage = await post('freelancer', 'Wie wandelt er mee in de lunchpauze?', 'company');
      await ok(`mutation($id: ID!) { likeMessage(id: $id) { id } }`, { id: likedMessage }, 'hr');
      await eventually(
        async () => (await ok(`{ notifications(first: 20) { edges { node { kind actors { id } } } } }`, {}, 'freelancer')).notifications.edges.find((e: any) => e.node.kind === 'LIKE' && e.node.actors.some((a: { id: string }) => a.id === ids.hr)),
        10_000,
        'the like notification',
      );
      // Now a barrier: the freelancer's department (PROD) and HR.
      const dept = async (c: string) => ((await db.query('SELECT id FROM departments WHERE code = $1', [c])) as { id: string }[])[0].id;
      const seg = async (name: string, code: string) =>
        (await ok(`mutation($n: String!, $d: ID!) { createBarrierSegment(input: { name: $n, kind: DEPARTMENT, departmentId: $d }) { id } }`, { n: name, d: await dept(code) }, 'admin')).createBarrierSegment.id;
      const a = await seg('Product', 'PROD');
      const b = await seg('Personeelszaken', 'HR');
      await ok(`mutation($a: ID!, $b: ID!) { createInformationBarrier(input: { segmentAId: $a, segmentBId: $b, direction: TWO_WAY }) { barrier { id } } }`, { a, b }, 'admin');
    });

    it('person(id) shows the name only (as before)', async () => {
      blank((await ok(`query($id: ID!) { person(id: $id) { ${HR_FIELDS} } }`, { id: ids.hr }, 'freelancer')).person);
      // Someone on neither side sees it all.
      const full = (await ok(`query($id: ID!) { person(id: $id) { jobTitle email profile { headline } } }`, { id: ids.hr }, 'moderator')).person;
      expect(full).toEqual({ jobTitle: 'Directeur HR', email: expect.stringContaining('@'), profile: { headline: 'HR en cultuur' } });
    });

    it("a department's people, direct reports, a group's members, followers and following blank the person too", async () => {
      const hrDept = ((await db.query(`SELECT id FROM departments WHERE code = 'HR'`)) as { id: string }[])[0].id;
      const inDept = (await ok(`query($id: ID!) { department(id: $id) { people(first: 100) { edges { node { ${HR_FIELDS} } } } } }`, { id: hrDept }, 'freelancer')).department.people.edges;
      blank(inDept.find((e: any) => e.node.id === ids.hr).node);
      const reports = (await ok(`query($id: ID!) { person(id: $id) { directReports { ${HR_FIELDS} } } }`, { id: ids.ceo }, 'freelancer')).person.directReports;
      blank(reports.find((p: any) => p.id === ids.hr));
      const members = (await ok(`query($g: ID!) { group(id: $g) { members(first: 50) { edges { node { person { ${HR_FIELDS} } } } } } }`, { g: groupId }, 'freelancer')).group.members.edges;
      blank(members.find((e: any) => e.node.person.id === ids.hr).node.person);
      const followers = (await ok(`query($id: ID!) { followers(personId: $id) { edges { node { ${HR_FIELDS} } } } }`, { id: ids.moderator }, 'freelancer')).followers.edges;
      blank(followers.find((e: any) => e.node.id === ids.hr).node);
      const following = (await ok(`query($id: ID!) { following(personId: $id) { edges { node { ${HR_FIELDS} } } } }`, { id: ids.moderator }, 'freelancer')).following.edges;
      blank(following.find((e: any) => e.node.id === ids.hr).node);
      // And the other way round: hr sees the freelancer's name only.
      const back = (await ok(`query($g: ID!) { group(id: $g) { members(first: 50) { edges { node { person { id jobTitle } } } } } }`, { g: groupId }, 'hr')).group.members.edges;
      expect(back.every((e: any) => e.node.person.jobTitle !== null || e.node.person.id === ids.freelancer)).toBe(true);
      // Colleagues on neither side still see hr's details in the same lists.
      const forModerator = (await ok(`query($id: ID!) { department(id: $id) { people(first: 100) { edges { node { id jobTitle } } } } }`, { id: hrDept }, 'moderator')).department.people.edges;
      expect(forModerator.find((e: any) => e.node.id === ids.hr).node.jobTitle).toBe('Directeur HR');
    });

    it('an old aggregated like notification no longer names the person behind the new barrier', async () => {
      const notes = (await ok(`{ notifications(first: 20) { edges { node { kind summary actorCount actors { id } } } } }`, {}, 'freelancer')).notifications.edges.map((e: any) => e.node);
      const like = notes.find((n: { kind: string }) => n.kind === 'LIKE');
      expect(like.actorCount).toBe(1);
      expect(like.actors).toEqual([]);
      expect(like.summary).not.toContain('Ruijter');
      expect(like.summary).toContain('liked your message');
    });
  });
});
