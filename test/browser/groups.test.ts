/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import { browserSuite, DESK, expectAccessible, login, newContext, screenshot } from './support.js';

describe('groups in the browser', () => {
  const suite = browserSuite();

  it('starts a group, a colleague finds and joins it and reads the group feed; a secret group stays invisible', async () => {
    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    await jan.getByRole('navigation').getByRole('link', { name: 'Groepen' }).click();
    await jan.getByRole('button', { name: 'Groep starten' }).click();
    await jan.getByLabel('Naam').fill('iPhone-liefhebbers');
    await jan.getByLabel('Omschrijving').fill('Alles over de iPhone op het werk.');
    await jan.getByRole('button', { name: 'Groep starten' }).last().click();
    await jan.getByRole('heading', { name: 'iPhone-liefhebbers' }).waitFor();
    await jan.getByLabel('Schrijf in de groep').fill('Welkom! Wie heeft de nieuwe al?');
    await jan.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    await jan.getByText('Welkom! Wie heeft de nieuwe al?').waitFor();
    await expectAccessible(jan);
    await screenshot(jan, 'group');

    // A secret group by Jan.
    await jan.getByRole('navigation').getByRole('link', { name: 'Groepen' }).click();
    await jan.getByRole('button', { name: 'Groep starten' }).click();
    await jan.getByLabel('Naam').fill('Verrassingsfeest directie');
    await jan.getByRole('radio', { name: /Geheim/ }).check();
    await jan.getByRole('button', { name: 'Groep starten' }).last().click();
    await jan.getByRole('heading', { name: 'Verrassingsfeest directie' }).waitFor();

    const priya = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(priya, 'demo.contractor');
    await priya.getByRole('navigation').getByRole('link', { name: 'Groepen' }).click();
    await priya.getByLabel('Zoek een groep').fill('iphone');
    await priya.getByRole('link', { name: /iPhone-liefhebbers/ }).click();
    await priya.getByRole('button', { name: 'Lid worden' }).click();
    await priya.getByText('Je bent lid').waitFor();
    await priya.getByText('Welkom! Wie heeft de nieuwe al?').waitFor();

    await priya.getByRole('navigation').getByRole('link', { name: 'Groepen' }).click();
    await priya.getByLabel('Zoek een groep').fill('verrassing');
    await priya.getByText('Geen groepen gevonden.').waitFor();
    expect(await priya.getByText('Verrassingsfeest directie').count()).toBe(0);
  });

  it('gives the group admin tools: a join request appears live and is approved, the group is edited, a message pinned, a member removed, then archived and deleted', async () => {
    const janApi = await suite.app.login('demo.employee');
    const priyaApi = await suite.app.login('demo.contractor');
    const created = await suite.app.gql<{ createGroup: { id: string } }>(
      `mutation { createGroup(input: { name: "Fietsclub Utrecht", description: "Samen naar kantoor fietsen.", kind: CLOSED }) { id } }`,
      {},
      janApi.accessToken,
    );
    expect(created.body.errors).toBeUndefined();
    const groupId = created.body.data!.createGroup.id;

    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    await jan.goto(`/groups/${groupId}`);
    await jan.getByRole('heading', { name: 'Groep beheren' }).waitFor();
    const requests = jan.getByTestId('join-requests');
    await jan.getByText('Geen open aanvragen.').waitFor();

    // Priya asks to join; Jan's open page shows it without a reload.
    const asked = await suite.app.gql(`mutation($g: ID!) { joinGroup(groupId: $g) { status } }`, { g: groupId }, priyaApi.accessToken);
    expect(asked.body.errors).toBeUndefined();
    await requests.locator('strong', { hasText: 'Priya Ramdin' }).waitFor({ timeout: 15_000 });
    await expectAccessible(jan);
    await screenshot(jan, 'group-admin-request');
    await requests.getByRole('button', { name: 'Toelaten Priya Ramdin' }).click();
    await jan.getByText('Priya Ramdin is nu lid.').waitFor();
    const members = jan.getByTestId('group-members');
    await members.locator('strong', { hasText: 'Priya Ramdin' }).waitFor();
    expect(await requests.locator('strong', { hasText: 'Priya Ramdin' }).count()).toBe(0);

    // Edit: a server error is shown as it comes, then a good save.
    await jan.getByText('Groep bewerken').click();
    await jan.getByLabel('Naam', { exact: true }).fill('Fc');
    await jan.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await jan.getByRole('alert').filter({ hasText: /3/ }).waitFor();
    await jan.getByLabel('Naam', { exact: true }).fill('Fietsclub Utrecht Centraal');
    await jan.getByLabel('Huisregels').fill('Altijd met licht en helm.');
    await jan.getByLabel('Categorie').selectOption('SOCIAL');
    await jan.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await jan.getByRole('heading', { name: 'Fietsclub Utrecht Centraal' }).waitFor();
    await jan.getByText('Opgeslagen.').waitFor();

    // Pin a message.
    await jan.getByLabel('Schrijf in de groep').fill('Zaterdag een rondje Kromme Rijn?');
    await jan.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    await jan.locator('[data-testid="message"]', { hasText: 'Kromme Rijn' }).waitFor();
    await jan.getByRole('button', { name: 'Vastzetten' }).first().click();
    const pinned = jan.getByRole('region', { name: 'Vastgezet' });
    await pinned.getByText('Zaterdag een rondje Kromme Rijn?').waitFor();
    await expectAccessible(jan);
    await screenshot(jan, 'group-admin-tools');

    // The admin tools fit a 360 px phone without sideways scrolling.
    await jan.setViewportSize({ width: 360, height: 780 });
    expect(await jan.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(jan, 'group-admin-phone');
    await jan.setViewportSize(DESK.viewport);

    // Remove Priya: she leaves the list, and the server agrees.
    await members.getByRole('button', { name: 'Verwijderen Priya Ramdin' }).click();
    await jan.getByText('Priya Ramdin is uit de groep verwijderd.').waitFor();
    await members.locator('strong', { hasText: 'Priya Ramdin' }).waitFor({ state: 'detached' });
    const mine = await suite.app.gql<{ group: { myMembership: unknown } }>(`query($g: ID!) { group(id: $g) { myMembership { status } } }`, { g: groupId }, priyaApi.accessToken);
    expect(mine.body.data!.group.myMembership).toBeNull();

    // Archive, then delete.
    await jan.getByRole('button', { name: 'Archiveren (alleen lezen)' }).click();
    await jan.getByText('Gearchiveerd: alleen lezen').waitFor();
    await jan.getByRole('button', { name: 'Groep verwijderen' }).click();
    await jan.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await jan.getByRole('heading', { name: 'Groepen', exact: true }).waitFor();
    const gone = await suite.app.gql(`query($g: ID!) { group(id: $g) { id } }`, { g: groupId }, janApi.accessToken);
    expect(gone.body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});
