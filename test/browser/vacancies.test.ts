/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { bootApp, type TestApp } from '../support/app.js';
import { DESK, expectAccessible, launchBrowser, login, newContext, screenshot } from './support.js';

describe('vacancies in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await bootApp({ WORKER_INLINE: 'true' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('staff find a payroll-only vacancy and express interest; a contractor does not see it', async () => {
    const ceo = await app.login('demo.ceo');
    const me = await app.gql('{ me { id department { id } } }', {}, ceo.accessToken);
    const closesOn = new Date(Date.now() + 20 * 86400_000).toISOString().slice(0, 10);
    const posted = await app.gql(
      'mutation($input: PostVacancyInput!) { postVacancy(input: $input) { id } }',
      { input: { title: 'Monteur glasvezel', departmentId: me.body.data.me.department.id, location: 'Rotterdam', hoursPerWeek: 36, employmentType: 'EMPLOYEE', description: 'Je legt **glasvezel** aan.', closesOn, contactId: me.body.data.me.id, openToExternals: false } },
      ceo.accessToken,
    );
    expect(posted.body.errors).toBeUndefined();

    const jan = await (await newContext(browser, app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    await jan.getByRole('navigation').getByRole('link', { name: 'Vacatures' }).click();
    await jan.getByLabel('Zoek op functie of omschrijving').fill('glasvezel');
    await jan.getByRole('heading', { name: 'Monteur glasvezel' }).waitFor();
    await jan.getByRole('button', { name: 'Ik heb interesse' }).click();
    await jan.getByText(/Interesse doorgegeven/).waitFor();
    await expectAccessible(jan);
    await screenshot(jan, 'vacancies');

    const priya = await (await newContext(browser, app.url, DESK)).newPage();
    await login(priya, 'demo.contractor');
    await priya.getByRole('navigation').getByRole('link', { name: 'Vacatures' }).click();
    await priya.getByText('Geen vacatures gevonden.').waitFor();
    expect(await priya.getByText('Monteur glasvezel').count()).toBe(0);
  });
});
