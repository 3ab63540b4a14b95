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
});
