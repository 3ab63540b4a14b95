/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { browserSuite, expectAccessible, login, newContext, SCREENSHOTS, screenshot } from './support.js';

/** The sizes issue 16 names: a common phone and a common laptop. */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1366, height: 800 } };
const DEVICES = [
  ['phone', PHONE],
  ['desk', DESK],
] as const;

const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Waits until `check` holds (polling), failing after `ms`. */
async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('groups in the browser', () => {
  const suite = browserSuite();
  let n = 0;

  async function api<T = Record<string, unknown>>(uid: string, query: string, vars: Record<string, unknown> = {}): Promise<T> {
    const { accessToken } = await suite.app.login(uid);
    const res = await suite.app.gql<T>(query, vars, accessToken);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!;
  }
  const createGroup = async (uid: string, input: string, name = `Groep ${++n} ${Date.now() % 100000}`) =>
    (await api<{ createGroup: { id: string } }>(uid, `mutation($name: String!) { createGroup(input: { name: $name, ${input} }) { id } }`, { name })).createGroup.id;
  const membership = async (uid: string, groupId: string) =>
    (await api<{ group: { myMembership: { status: string; role: string } | null } }>(uid, `query($g: ID!) { group(id: $g) { myMembership { status role } } }`, { g: groupId })).group.myMembership;
  const pill = (page: Page) => page.locator('.group-head').getByTestId('membership-pill');

  it('starts a group; "Mijn groepen" and the other groups are two lists, and joining moves a group between them; a secret group stays invisible', async () => {
    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    await jan.getByRole('navigation').getByRole('link', { name: 'Groepen' }).click();
    await jan.getByRole('button', { name: 'Groep starten' }).click();
    await jan.getByLabel('Naam').fill('iPhone-liefhebbers');
    await jan.getByLabel('Omschrijving').fill('Alles over de iPhone op het werk.');
    await jan.getByRole('button', { name: 'Groep starten' }).last().click();
    await jan.getByRole('heading', { name: 'iPhone-liefhebbers', level: 1 }).waitFor();
    await pill(jan).filter({ hasText: /^Eigenaar$/ }).waitFor();
    await createGroup('demo.employee', 'kind: SECRET, description: "Niet verder vertellen"', 'Verrassingsfeest directie');

    for (const [name, device] of DEVICES) {
      // Priya (a contractor) is in no group yet: everything is under "Andere groepen".
      const priya = await (await newContext(suite.browser, suite.app.url, device)).newPage();
      await login(priya, name === 'phone' ? 'demo.contractor' : 'demo.freelancer');
      await priya.goto('/groups');
      const mine = priya.getByRole('region', { name: 'Mijn groepen' });
      const others = priya.getByRole('region', { name: 'Andere groepen' });
      await others.getByRole('link', { name: /iPhone-liefhebbers/ }).waitFor();
      expect(await mine.getByRole('link', { name: /iPhone-liefhebbers/ }).count()).toBe(0);
      expect(await noSideways(priya)).toBeLessThanOrEqual(0);
      await expectAccessible(priya);

      await priya.getByLabel('Zoek een groep').fill('iphone');
      await others.getByRole('link', { name: /iPhone-liefhebbers/ }).click();
      await priya.getByRole('button', { name: 'Lid worden' }).click();
      await pill(priya).filter({ hasText: /^Lid$/ }).waitFor();
      await priya.getByRole('button', { name: 'Verlaten' }).waitFor();

      // Back on the list: the group moved to "Mijn groepen", with its pill, and is not repeated below.
      await priya.getByRole('link', { name: 'Alle groepen' }).click();
      const card = mine.getByRole('link', { name: /iPhone-liefhebbers/ });
      await card.waitFor();
      expect(await card.getByTestId('membership-pill').textContent()).toBe('Lid');
      expect(await others.getByRole('link', { name: /iPhone-liefhebbers/ }).count()).toBe(0);
      if (name === 'phone') await screenshot(priya, 'groups-list-phone');

      await priya.getByLabel('Zoek een groep').fill('verrassing');
      await others.getByText('Geen groepen gevonden.').waitFor();
      expect(await priya.getByText('Verrassingsfeest directie').count()).toBe(0);
    }
  });

  it('has tabs for the conversation, the members and about, in the address; "Beheer" only for the group’s admins', async () => {
    const groupId = await createGroup('demo.employee', 'kind: OPEN, description: "Samen naar kantoor fietsen.", rules: "Altijd met licht en helm."', 'Fietsclub Utrecht');
    await api('demo.contractor', `mutation($g: ID!) { joinGroup(groupId: $g) { status } }`, { g: groupId });
    const say = (uid: string, text: string) => api(uid, `mutation($text: String!, $a: String) { postMessage(input: { text: $text, audience: $a }) { id } }`, { text, a: `group:${groupId}` });
    await say('demo.contractor', 'Ik fiets elke dag vanaf Houten, wie sluit aan?');
    await say('demo.employee', 'Zaterdag een rondje Kromme Rijn?');

    for (const [name, device] of DEVICES) {
      // A member: three tabs, no Beheer.
      const priya = await (await newContext(suite.browser, suite.app.url, device)).newPage();
      await login(priya, 'demo.contractor');
      await priya.goto(`/groups/${groupId}`);
      const tabs = priya.getByRole('tablist', { name: 'Onderdelen van de groep' });
      await tabs.waitFor();
      expect(await tabs.getByRole('tab').allTextContents()).toEqual(['Gesprek', 'Leden', 'Over']);
      expect(await tabs.getByRole('tab', { name: 'Gesprek' }).getAttribute('aria-selected')).toBe('true');
      await priya.getByRole('tabpanel', { name: 'Gesprek' }).getByText('Zaterdag een rondje Kromme Rijn?').waitFor();
      await pill(priya).filter({ hasText: /^Lid$/ }).waitFor();

      await tabs.getByRole('tab', { name: 'Leden' }).click();
      await priya.waitForURL(`**/groups/${groupId}?tab=leden`);
      const members = priya.getByTestId('member-list');
      await members.getByRole('listitem').filter({ hasText: 'Jan van der Berg' }).getByText('Eigenaar').waitFor();
      await members.getByRole('link', { name: 'Priya Ramdin' }).waitFor();
      // In an open group every member may invite colleagues: that is here, not under Beheer.
      await priya.getByRole('tabpanel', { name: 'Leden' }).getByRole('heading', { name: 'Collega’s uitnodigen' }).waitFor();
      expect(await noSideways(priya)).toBeLessThanOrEqual(0);
      await expectAccessible(priya);
      // The address opens the same tab.
      await priya.reload();
      expect(await priya.getByRole('tab', { name: 'Leden' }).getAttribute('aria-selected')).toBe('true');
      await members.getByRole('link', { name: 'Priya Ramdin' }).waitFor();

      await priya.getByRole('tab', { name: 'Over' }).click();
      await priya.waitForURL(`**/groups/${groupId}?tab=over`);
      const about = priya.getByRole('tabpanel', { name: 'Over' });
      await about.getByText('Samen naar kantoor fietsen.').waitFor();
      await about.getByText('Altijd met licht en helm.').waitFor();
      await expectAccessible(priya);

      // "Beheer" is not there for a member, not even by its address.
      await priya.goto(`/groups/${groupId}?tab=beheer`);
      await tabs.waitFor();
      expect(await priya.getByRole('tab', { name: 'Beheer' }).count()).toBe(0);
      expect(await priya.getByRole('tab', { name: 'Gesprek' }).getAttribute('aria-selected')).toBe('true');
      expect(await priya.getByTestId('group-admin').count()).toBe(0);

      // Reporting the group is in its menu, as a dialog. The menu works from the keyboard (its Radix code
      // is fetched on first use): Enter opens it, Escape closes it and focus is back on its button.
      if (name === 'desk') {
        await priya.getByRole('button', { name: 'Meer opties voor deze groep' }).focus();
        await priya.keyboard.press('Enter');
        await priya.getByRole('menuitem', { name: 'Groep rapporteren' }).waitFor();
        await priya.keyboard.press('Escape');
        await priya.getByRole('menu').waitFor({ state: 'detached' });
        expect(await priya.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Meer opties voor deze groep');
      }
      await priya.getByRole('button', { name: 'Meer opties voor deze groep' }).click();
      await priya.getByRole('menuitem', { name: 'Groep rapporteren' }).click();
      const report = priya.getByRole('dialog', { name: 'Deze groep rapporteren' });
      await report.getByLabel('Reden').waitFor();
      await expectAccessible(priya);
      await priya.screenshot({ path: `${SCREENSHOTS}/group-report-dialog-${name}.png` });
      await report.getByRole('button', { name: 'Annuleren' }).click();
      await report.waitFor({ state: 'detached' });

      // The owner has Beheer as a fourth tab.
      const jan = await (await newContext(suite.browser, suite.app.url, device)).newPage();
      await login(jan, 'demo.employee');
      await jan.goto(`/groups/${groupId}`);
      await jan.getByRole('tab', { name: 'Beheer' }).click();
      await jan.waitForURL(`**/groups/${groupId}?tab=beheer`);
      const admin = jan.getByRole('tabpanel', { name: 'Beheer' });
      await admin.getByRole('heading', { name: 'Aanvragen om lid te worden' }).waitFor();
      await admin.getByTestId('group-members').getByRole('link', { name: 'Priya Ramdin' }).waitFor();
      expect(await noSideways(jan)).toBeLessThanOrEqual(0);
      await expectAccessible(jan);
      await screenshot(jan, `group-admin-${name}`);

      // The group page as README shows it: the conversation tab.
      await jan.getByRole('tab', { name: 'Gesprek' }).click();
      await jan.getByText('Zaterdag een rondje Kromme Rijn?').waitFor();
      await jan.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await jan.mouse.move(1, 1);
      await jan.screenshot({ path: `${SCREENSHOTS}/readme-group-page-${name}.png` });
    }
  });

  it('the membership pill: "Aanvraag verstuurd" at once, "Lid" live when approved, "Beheerder" when promoted; the approved requester is notified with a link to the group', async () => {
    const groupId = await createGroup('demo.employee', 'kind: CLOSED, description: "Alleen op aanvraag."');
    const priya = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(priya, 'demo.contractor');
    await priya.goto(`/groups/${groupId}`);
    await priya.getByText('Word lid om de berichten te lezen.').waitFor();
    expect(await pill(priya).count()).toBe(0);
    await priya.getByRole('button', { name: 'Lidmaatschap aanvragen' }).click();
    await pill(priya).filter({ hasText: /^Aanvraag verstuurd$/ }).waitFor();
    await priya.getByRole('button', { name: 'Aanvraag intrekken' }).waitFor();
    expect(await priya.getByRole('button', { name: 'Lidmaatschap aanvragen' }).count()).toBe(0);
    expect(await membership('demo.contractor', groupId)).toEqual({ status: 'REQUESTED', role: 'MEMBER' });
    await expectAccessible(priya);

    // Jan (desk) has Beheer open: the request is there; rejecting asks first, and "Annuleren" keeps it.
    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    await jan.goto(`/groups/${groupId}?tab=beheer`);
    await pill(jan).filter({ hasText: /^Eigenaar$/ }).waitFor();
    const requests = jan.getByTestId('join-requests');
    await requests.getByRole('link', { name: 'Priya Ramdin' }).waitFor();
    await requests.getByRole('button', { name: 'Afwijzen Priya Ramdin' }).click();
    const confirm = jan.getByRole('alertdialog', { name: 'Aanvraag van Priya Ramdin afwijzen?' });
    await confirm.getByText('Priya Ramdin wordt geen lid en kan later opnieuw een aanvraag doen.').waitFor();
    await expectAccessible(jan);
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await membership('demo.contractor', groupId)).toEqual({ status: 'REQUESTED', role: 'MEMBER' });

    // Approved: Priya's open page says "Lid" without a reload, and she can read the group.
    const badge = priya.getByTestId('unread-count').first();
    const unreadBefore = (await badge.count()) ? Number(await badge.textContent()) : 0;
    await requests.getByRole('button', { name: 'Toelaten Priya Ramdin' }).click();
    await jan.getByText('Priya Ramdin is nu lid.').waitFor();
    await pill(priya).filter({ hasText: /^Lid$/ }).waitFor({ timeout: 10_000 });
    await priya.getByRole('button', { name: 'Verlaten' }).waitFor();
    await priya.getByText('Nog geen berichten in deze groep.', { exact: false }).waitFor();

    // The notification: counted live, in her language, naming Jan, leading to the group.
    await until(async () => (await badge.count()) > 0 && Number(await badge.textContent()) === unreadBefore + 1);
    await priya.goto('/notifications');
    const note = priya.getByTestId('notifications').getByRole('link', { name: /Jan van der Berg heeft je aanvraag goedgekeurd: je bent nu lid van de groep/ });
    await note.waitFor();
    await expectAccessible(priya);
    await note.click();
    await priya.waitForURL(`**/groups/${groupId}`);
    await pill(priya).filter({ hasText: /^Lid$/ }).waitFor();

    // Promoted to admin: her pill says "Beheerder" and Beheer appears for her, live.
    await jan.getByTestId('group-members').getByLabel('Rol van Priya Ramdin').selectOption('ADMIN');
    await jan.getByText('De rol van Priya Ramdin is gewijzigd.').waitFor();
    await pill(priya).filter({ hasText: /^Beheerder$/ }).waitFor({ timeout: 10_000 });
    await priya.getByRole('tab', { name: 'Beheer' }).waitFor();
    expect(await noSideways(priya)).toBeLessThanOrEqual(0);
  });

  it('asks before what cannot be undone: removing and banning a member, archiving and deleting the group; the admin tools still edit and pin', async () => {
    const groupId = await createGroup('demo.employee', 'kind: OPEN, description: "Samen naar kantoor fietsen."');
    await api('demo.contractor', `mutation($g: ID!) { joinGroup(groupId: $g) { status } }`, { g: groupId });
    await api('demo.hr', `mutation($g: ID!) { joinGroup(groupId: $g) { status } }`, { g: groupId });
    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    await jan.goto(`/groups/${groupId}?tab=beheer`);
    const members = jan.getByTestId('group-members');
    await members.getByRole('link', { name: 'Priya Ramdin' }).waitFor();

    // Remove: a confirmation first; "Annuleren" changes nothing.
    await members.getByRole('button', { name: 'Verwijderen Priya Ramdin' }).click();
    let confirm = jan.getByRole('alertdialog', { name: 'Priya Ramdin uit de groep verwijderen?' });
    await confirm.waitFor();
    await expectAccessible(jan);
    await screenshot(jan, 'group-confirm-remove');
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await membership('demo.contractor', groupId))?.status).toBe('ACTIVE');
    // Focus is back on the button that asked.
    expect(await jan.evaluate(() => document.activeElement?.textContent)).toContain('Verwijderen');
    await members.getByRole('button', { name: 'Verwijderen Priya Ramdin' }).click();
    confirm = jan.getByRole('alertdialog', { name: 'Priya Ramdin uit de groep verwijderen?' });
    await confirm.getByRole('button', { name: 'Verwijderen', exact: true }).click();
    await jan.getByText('Priya Ramdin is uit de groep verwijderd.').waitFor();
    await members.getByRole('link', { name: 'Priya Ramdin' }).waitFor({ state: 'detached' });
    expect(await membership('demo.contractor', groupId)).toBeNull();

    // Ban: also asked; confirmed, Hendrik is in the banned list.
    await members.getByRole('button', { name: 'Verbannen Hendrik de Ruijter' }).click();
    confirm = jan.getByRole('alertdialog', { name: 'Hendrik de Ruijter verbannen?' });
    await confirm.getByRole('button', { name: 'Verbannen', exact: true }).click();
    await jan.getByTestId('group-banned').getByRole('link', { name: 'Hendrik de Ruijter' }).waitFor();
    expect((await membership('demo.hr', groupId))?.status).toBe('BANNED');

    // Edit (a server error shows as it comes, then a good save) and pin a message.
    await jan.getByLabel('Naam', { exact: true }).fill('Fc');
    await jan.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await jan.getByRole('alert').filter({ hasText: /3/ }).waitFor();
    await jan.getByLabel('Naam', { exact: true }).fill('Fietsclub Utrecht Centraal');
    await jan.getByLabel('Categorie').selectOption('SOCIAL');
    await jan.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await jan.getByRole('heading', { name: 'Fietsclub Utrecht Centraal', level: 1 }).waitFor();
    await jan.getByRole('tab', { name: 'Gesprek' }).click();
    await jan.getByLabel('Schrijf in de groep').fill('Zaterdag een rondje Kromme Rijn?');
    await jan.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    await jan.locator('[data-testid="message"]', { hasText: 'Kromme Rijn' }).waitFor();
    await jan.getByRole('button', { name: 'Vastzetten' }).first().click();
    await jan.getByRole('region', { name: 'Vastgezet' }).getByText('Zaterdag een rondje Kromme Rijn?').waitFor();

    // Archive asks, then the group says it is read-only.
    await jan.getByRole('tab', { name: 'Beheer' }).click();
    await jan.getByRole('button', { name: 'Archiveren (alleen lezen)' }).click();
    confirm = jan.getByRole('alertdialog', { name: /archiveren\?$/ });
    await confirm.getByRole('button', { name: 'Archiveren', exact: true }).click();
    await jan.getByText('Gearchiveerd: alleen lezen').waitFor();

    // Delete asks; "Annuleren" keeps the group, "Ja, verwijderen" deletes it.
    await jan.getByRole('button', { name: 'Groep verwijderen' }).click();
    confirm = jan.getByRole('alertdialog', { name: 'Groep verwijderen' });
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await membership('demo.employee', groupId)).toEqual({ status: 'ACTIVE', role: 'OWNER' });
    await jan.getByRole('button', { name: 'Groep verwijderen' }).click();
    await jan.getByRole('alertdialog', { name: 'Groep verwijderen' }).getByRole('button', { name: 'Ja, verwijderen' }).click();
    await jan.getByRole('heading', { name: 'Groepen', exact: true }).waitFor();
    const { accessToken } = await suite.app.login('demo.employee');
    const gone = await suite.app.gql(`query($g: ID!) { group(id: $g) { id } }`, { g: groupId }, accessToken);
    expect(gone.body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('shows a group post once: my own, even when its live event comes before the server’s answer, and a colleague’s, live', async () => {
    const groupId = await createGroup('demo.employee', 'kind: OPEN');
    await api('demo.hr', `mutation($g: ID!) { joinGroup(groupId: $g) { status } }`, { g: groupId });
    for (const [name, device] of DEVICES) {
      const jan = await (await newContext(suite.browser, suite.app.url, device)).newPage();
      await login(jan, 'demo.employee');
      // Hold the answer to my post back: its live event reaches the page first.
      await jan.route('**/graphql', async (route) => {
        if (!route.request().postData()?.includes('postMessage')) return route.continue();
        const response = await route.fetch();
        await new Promise((r) => setTimeout(r, 1500));
        await route.fulfill({ response });
      });
      await jan.goto(`/groups/${groupId}`);
      const mine = `Eén keer graag (${name})`;
      await jan.getByLabel('Schrijf in de groep').fill(mine);
      await jan.getByRole('button', { name: 'Plaatsen', exact: true }).click();
      const cards = jan.locator('[data-testid="message"]', { hasText: mine });
      await cards.first().waitFor();
      // The composer empties once the answer is in; by then both ways have delivered the post.
      await until(async () => (await jan.getByLabel('Schrijf in de groep').inputValue()) === '');
      await jan.waitForTimeout(1000);
      expect(await cards.count()).toBe(1);

      // A colleague posts: it arrives live, once, on top.
      const theirs = `Ik ben er ook bij (${name})`;
      await api('demo.hr', `mutation($text: String!, $a: String) { postMessage(input: { text: $text, audience: $a }) { id } }`, { text: theirs, a: `group:${groupId}` });
      const live = jan.locator('[data-testid="message"]', { hasText: theirs });
      await live.waitFor({ timeout: 10_000 });
      await jan.waitForTimeout(1000);
      expect(await live.count()).toBe(1);
      expect(await jan.locator('[data-testid="message"]').first().textContent()).toContain(theirs);
      expect(await cards.count()).toBe(1);
      await expectAccessible(jan);
    }
  });
});
