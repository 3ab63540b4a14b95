import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CampaignsService } from '../libs/insights/src/campaigns/campaigns.service.js';
import { bootApp, type TestApp } from './support/app.js';

const TEXT = 'Trots op ons nieuwe 5G-netwerk: vanaf vandaag in heel Nederland het snelste mobiele internet! #trots https://plein.example/5g';

describe('campaigns (authentic sharing)', () => {
  let app: TestApp;
  let campaigns: CampaignsService;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const posted: Record<string, string> = {};

  const ok = async <T = any>(query: string, vars: Record<string, unknown>, who: string): Promise<T> => {
    const res = await app.gql(query, vars, tokens[who]);
    if (res.body.errors) throw new Error(`${who}: ${JSON.stringify(res.body.errors)}`);
    return res.body.data as T;
  };
  const post = async (who: string, text: string) => (await ok(`mutation($t: String!) { postMessage(input: { text: $t, audience: "company" }) { id } }`, { t: text }, who)).postMessage.id as string;

  beforeAll(async () => {
    app = await bootApp();
    campaigns = app.plein.app.get(CampaignsService, { strict: false });
    for (const who of ['employee', 'contractor', 'freelancer', 'hr', 'ceo', 'moderator', 'admin']) {
      const { accessToken, person } = await app.login(`demo.${who}`);
      tokens[who] = accessToken;
      ids[who] = person.id;
    }
    posted.employee = await post('employee', TEXT);
    posted.contractor = await post('contractor', `${TEXT.toUpperCase()} @demo.ceo #werkenbij`);
    posted.freelancer = await post('freelancer', `${TEXT} Mijn team heeft hier twee jaar keihard aan gewerkt, ik ben er blij mee.`);
    posted.hr = await post('hr', 'De kantine is morgen gesloten wegens onderhoud aan de keuken, neem zelf een lunch mee');
    posted.employeeAgain = await post('employee', 'Wie gaat er vrijdag mee naar de borrel op het dakterras van het kantoor in Den Haag?');
    posted.ceoDup = await post('ceo', 'Wie gaat er vrijdag mee naar de borrel op het dakterras van het kantoor in Den Haag?');
    await ok(`mutation($id: ID!) { likeMessage(id: $id) { id } }`, { id: posted.freelancer }, 'hr');
    await ok(`mutation($id: ID!) { likeMessage(id: $id) { id } }`, { id: posted.freelancer }, 'ceo');
    expect(await campaigns.scanNew()).toBe(6);
    expect(await campaigns.scanNew()).toBe(0); // each message once
  });
  afterAll(async () => {
    await app.close();
  });

  const MESSAGE = `query($id: ID!) { message(id: $id) { campaignId campaignSize campaign { id size authorCount sample } } }`;

  it('clusters near-identical posts by different people, personalised ones included', async () => {
    const a = (await ok(MESSAGE, { id: posted.employee }, 'moderator')).message;
    const b = (await ok(MESSAGE, { id: posted.contractor }, 'moderator')).message;
    const c = (await ok(MESSAGE, { id: posted.freelancer }, 'moderator')).message;
    expect(a.campaignId).toBeTruthy();
    expect(b.campaignId).toBe(a.campaignId);
    expect(c.campaignId).toBe(a.campaignId);
    expect(a.campaignSize).toBe(3);
    expect(a.campaign).toEqual({ id: a.campaignId, size: 3, authorCount: 3, sample: TEXT });
    expect((await ok(MESSAGE, { id: posted.hr }, 'moderator')).message.campaignId).toBeNull();
    // Two people, one borrel invitation: a campaign of two.
    expect((await ok(MESSAGE, { id: posted.ceoDup }, 'moderator')).message.campaignSize).toBe(2);
  });

  it('shows campaign fields in feeds so clients can collapse them', async () => {
    const feed = await ok(`{ companyFeed(first: 20) { edges { node { id campaignId campaignSize } } } }`, {}, 'employee');
    const sizes = feed.companyFeed.edges.filter((e: { node: { campaignSize: number | null } }) => e.node.campaignSize === 3);
    expect(sizes).toHaveLength(3);
  });

  it('tells the composer when a text matches a circulating campaign, and stays quiet otherwise', async () => {
    const hit = (await ok(`query($t: String!) { matchCampaign(text: $t) { similarity campaign { size sample } } }`, { t: `Vanaf vandaag! ${TEXT}` }, 'admin')).matchCampaign;
    expect(hit.campaign.size).toBe(3);
    expect(hit.similarity).toBeGreaterThan(0.5);
    expect((await ok(`query($t: String!) { matchCampaign(text: $t) { similarity } }`, { t: 'Ik heb een vraag over mijn declaratie van vorige maand, wie kan helpen?' }, 'admin')).matchCampaign).toBeNull();
    expect((await ok(`query { matchCampaign(text: "Kort") { similarity } }`, {}, 'admin')).matchCampaign).toBeNull();
  });

  it('gives community managers reach and engagement of copies vs personalised posts', async () => {
    const denied = await app.gql(`{ campaigns { reach } }`, {}, tokens.employee);
    expect(denied.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const stats = (await ok(`{ campaigns(first: 10) { reach copies copyEngagement personalised personalisedEngagement campaign { size } } }`, {}, 'moderator')).campaigns;
    const big = stats.find((s: { campaign: { size: number } }) => s.campaign.size === 3);
    expect(big.copies).toBe(2);
    expect(big.personalised).toBe(1);
    expect(big.personalisedEngagement).toBe(2);
    expect(big.copyEngagement).toBe(0);
    expect(big.reach).toBeGreaterThanOrEqual(0);
  });
});
