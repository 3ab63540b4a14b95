/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { CampaignsService } from '../../libs/insights/src/campaigns/campaigns.service.js';
import { InsightsService } from '../../libs/insights/src/dashboard/insights.service.js';
import { browserSuite, DESK, expectAccessible, login, newContext, PHONE, screenshot } from './support.js';

/** No sideways scrolling of the page itself (wide tables scroll inside their own box). */
async function expectNoPageOverflow(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 8)
      .map((e) => `${e.tagName}.${e.className}#${e.id}:${Math.round(e.getBoundingClientRect().right)}`),
  }));
  if (widths.scroll > widths.client) console.log(widths.wide);
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

describe('information barriers, community insights and campaigns in the browser', () => {
  const suite = browserSuite({ WORKER_INLINE: 'true' });

  const token = async (uid: string) => (await suite.app.login(uid)).accessToken;
  const gql = async (uid: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await suite.app.gql(query, variables, await token(uid));
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data as any;
  };
  /** Three people post (nearly) the same words, the third with words of their own; detection runs. */
  const seedCampaign = async (text: string) => {
    await gql('demo.ceo', `mutation($t: String!) { postMessage(input: { text: $t, audience: "company" }) { id } }`, { t: text });
    await gql('demo.hr', `mutation($t: String!) { postMessage(input: { text: $t, audience: "company" }) { id } }`, { t: `${text} #trots` });
    await gql('demo.contractor', `mutation($t: String!) { postMessage(input: { text: $t, audience: "company" }) { id } }`, { t: `${text}. Ik ben er trots op!` });
    await suite.app.plein.app.get(CampaignsService, { strict: false }).scanNew();
  };

  it('admins set up segments and a barrier, see what it suspended and the audit log, and remove it', async () => {
    const db = suite.app.plein.app.get(DataSource);
    await db.query(`UPDATE people SET department_id = (SELECT id FROM departments WHERE code = 'WHS') WHERE uid = 'demo.employee'`);
    const [whs] = (await db.query(`SELECT name FROM departments WHERE code = 'WHS'`)) as { name: string }[];
    const [cons] = (await db.query(`SELECT name FROM departments WHERE code = 'CONS'`)) as { name: string }[];
    const freelancer = (await suite.app.login('demo.freelancer')).person;
    const employee = (await suite.app.login('demo.employee')).person;
    await gql('demo.employee', `mutation($id: ID!) { follow(personId: $id) { id } }`, { id: freelancer.id });

    const page = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(page, 'demo.admin');
    // Admin and moderation tools are under one "Beheer" entry, with their own menu.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
    await page.getByRole('navigation', { name: 'Beheeronderdelen' }).getByRole('link', { name: 'Barrières' }).click();
    await page.getByRole('heading', { name: 'Informatiebarrières' }).waitFor();
    await page.getByText('Nog geen segmenten.').waitFor();
    await page.getByText('Nog geen barrières.').waitFor();
    await expectAccessible(page);

    for (const [name, department] of [['Wholesale', whs.name], ['Retail', cons.name]]) {
      await page.getByLabel('Naam van het segment').fill(name);
      await page.getByLabel('Soort').selectOption('DEPARTMENT');
      await page.getByLabel('Afdeling', { exact: true }).selectOption({ label: department });
      await page.getByRole('button', { name: 'Segment toevoegen' }).click();
      await page.getByTestId('segments').getByText(name, { exact: true }).waitFor();
    }
    // A segment by employment type, to show the other kinds.
    await page.getByLabel('Naam van het segment').fill('Externen');
    await page.getByLabel('Soort').selectOption('EMPLOYMENT_TYPE');
    await page.getByLabel('Dienstverband').selectOption('freelancer');
    await page.getByRole('button', { name: 'Segment toevoegen' }).click();
    await page.getByTestId('segments').getByText('Externen', { exact: true }).waitFor();

    await page.getByLabel('Segment A').selectOption({ label: 'Wholesale' });
    await page.getByLabel('Segment B').selectOption({ label: 'Retail' });
    await expect(page.getByLabel('Tweerichting: geen van beide ziet de ander').isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Barrière instellen' }).click();
    const report = page.getByTestId('barrier-report');
    await report.getByText('Barrière ingesteld. Opgeschort: 1 volgrelatie en 0 groepslidmaatschappen.').waitFor();
    await report.getByText(`${employee.displayName} volgt ${freelancer.displayName}`).waitFor();
    await page.getByTestId('barriers').getByText('Wholesale ⇄ Retail: geen van beide ziet de ander').waitFor();
    const audit = await page.getByTestId('barrier-audit').locator('li').allTextContents();
    expect(audit[0]).toContain('Barrière ingesteld: Wholesale ⇄ Retail');
    expect(audit.filter((a) => a.includes('Segment toegevoegd'))).toHaveLength(3);
    await expectAccessible(page);
    await screenshot(page, 'admin-barriers');

    // The suspended follow stops counting at once.
    const followers = await gql('demo.moderator', `query($id: ID!) { person(id: $id) { followersCount } }`, { id: freelancer.id });
    expect(followers.person.followersCount).toBe(0);

    // On a phone.
    const phone = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(phone, 'demo.admin');
    await phone.goto('/admin/barriers');
    await phone.getByTestId('barriers').waitFor();
    await expectNoPageOverflow(phone);
    await screenshot(phone, 'admin-barriers-phone');

    await page.getByRole('button', { name: 'Wholesale – Retail verwijderen' }).click();
    await page.getByText('Nog geen barrières.').waitFor();
    await page.getByTestId('barrier-audit').locator('li').first().getByText('Barrière opgeheven: Wholesale ⇄ Retail').waitFor();
    // A segment no barrier uses can go.
    await page.getByRole('button', { name: 'Externen verwijderen' }).click();
    await page.getByText('Verwijderd.').waitFor();
    // The list reloads after the confirmation: wait for the row to go, then check it is gone.
    await page.getByTestId('segments').getByText('Externen', { exact: true }).waitFor({ state: 'detached' });
    expect(await page.getByTestId('segments').getByText('Externen', { exact: true }).count()).toBe(0);
  });

  it('community managers read the insights dashboard, mark an ambassador, see campaigns and export CSV', async () => {
    const CAMPAIGN = 'Trots op ons team: de nieuwe glasvezelwijk in Almere is vandaag live gegaan voor alle bewoners';
    await seedCampaign(CAMPAIGN);
    await suite.app.plein.app.get(InsightsService, { strict: false }).rollup();
    const hr = (await suite.app.login('demo.hr')).person;

    const page = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(page, 'demo.moderator');
    // Admin and moderation tools are under one "Beheer" entry, with their own menu.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
    await page.getByRole('navigation', { name: 'Beheeronderdelen' }).getByRole('link', { name: 'Inzichten' }).click();
    await page.getByRole('heading', { name: 'Inzichten in de community' }).waitFor();
    await page.getByTestId('insights-computed').getByText(/Berekend op/).waitFor();
    expect(await page.getByTestId('adoption-trend').locator('tbody tr').count()).toBe(12);
    await page.getByTestId('adoption-type').getByText('Medewerker').waitFor();
    for (const heading of ['Gebruik', 'Deelname', 'Verbinding tussen afdelingen', 'Betrokkenheid van leidinggevenden', 'Echtheid', 'Veiligheid', 'Ambassadeurs', 'Campagnes']) {
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    }
    await page.getByTestId('leadership').waitFor();
    await page.getByTestId('safety').waitFor();
    const campaign = page.getByTestId('campaigns').locator('li').filter({ hasText: 'glasvezelwijk' });
    await campaign.getByText(CAMPAIGN, { exact: false }).waitFor();
    expect(await campaign.locator('dd').first().textContent()).toBe('3');

    // Ambassadors: empty, then mark one by searching.
    await page.getByText('Nog geen ambassadeurs.').waitFor();
    await page.getByLabel('Collega zoeken om ambassadeur te maken').fill(hr.displayName);
    await page.getByRole('button', { name: `Maak ${hr.displayName} ambassadeur` }).click();
    await page.getByText(`${hr.displayName} is nu ambassadeur.`).waitFor();
    await page.getByTestId('ambassadors').getByRole('link', { name: hr.displayName }).waitFor();
    await page.getByTestId('ambassadors').getByText('Gemiddeld per persoon').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'insights-dashboard');

    // CSV export downloads the same figures.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteren als CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    // In the reader's language (Dutch here): headers are words, not column codes.
    expect(csv.split('\n')[0]).toMatch(/^Week \(maandag\),Actieve mensen,Aandeel actief,/);
    expect(csv).toContain(`\n${hr.displayName},`);

    // The badge on the ambassador's profile.
    await page.goto(`/people/${hr.id}`);
    await page.getByTestId('ambassador-badge').getByText('Ambassadeur').waitFor();

    // On a phone: wide tables scroll in their own box, the page does not.
    const phone = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(phone, 'demo.moderator');
    await phone.goto('/insights');
    await phone.getByTestId('adoption-trend').waitFor();
    await expectNoPageOverflow(phone);
    await screenshot(phone, 'insights-dashboard-phone');

    // Unmark again.
    await page.goto('/insights');
    await page.getByRole('button', { name: `${hr.displayName} is geen ambassadeur meer` }).click();
    await page.getByText('Nog geen ambassadeurs.').waitFor();
  });

  it('the feed shows a campaign once with its versions on request, and the composer invites own words', async () => {
    const CAMPAIGN = 'Vanaf maandag werken alle monteurs in de regio Utrecht met de nieuwe planningsapp op hun telefoon';
    await seedCampaign(CAMPAIGN);
    const page = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(page, 'demo.freelancer');
    const cluster = page.getByTestId('campaign-cluster').filter({ hasText: 'planningsapp' });
    await cluster.getByText(/en 2 collega’s plaatsten dit$/).waitFor();
    expect(await cluster.locator('[data-testid="message"]').count()).toBe(1);
    await cluster.getByRole('button', { name: 'Toon alle 3 versies' }).click();
    await expect(cluster.locator('[data-testid="message"]').count()).resolves.toBe(3);
    await cluster.getByText('Ik ben er trots op!', { exact: false }).waitFor();

    await page.getByLabel('Wat wil je delen?').fill(`${CAMPAIGN}!`);
    await page.getByTestId('campaign-nudge').getByText(/Dit lijkt op een bericht dat 3 collega’s al plaatsten/).waitFor({ timeout: 10_000 });
    await expectAccessible(page);
    await screenshot(page, 'feed-campaign-cluster');
    // Never a block: it posts.
    await page.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    await page.waitForFunction(() => (document.getElementById('composer-text') as HTMLTextAreaElement).value === '');
  });

  it('does not offer insights or barriers to a member, and refuses them if opened directly', async () => {
    const page = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(page, 'demo.employee');
    for (const name of ['Inzichten', 'Barrières']) expect(await page.getByRole('navigation').getByRole('link', { name }).count()).toBe(0);
    for (const path of ['/insights', '/admin/barriers']) {
      await page.goto(path);
      await page.getByText('Alleen beheerders kunnen dit doen.').waitFor();
    }
  });
});
