/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import { browserSuite, DESK, expectAccessible, login, newContext, screenshot } from './support.js';

describe('vacancies in the browser', () => {
  const suite = browserSuite({ WORKER_INLINE: 'true' });

  it('staff find a payroll-only vacancy and express interest; a contractor does not see it', async () => {
    const ceo = await suite.app.login('demo.ceo');
    const me = await suite.app.gql('{ me { id department { id } } }', {}, ceo.accessToken);
    const closesOn = new Date(Date.now() + 20 * 86400_000).toISOString().slice(0, 10);
    const posted = await suite.app.gql(
      'mutation($input: PostVacancyInput!) { postVacancy(input: $input) { id } }',
      { input: { title: 'Monteur glasvezel', departmentId: me.body.data.me.department.id, location: 'Rotterdam', hoursPerWeek: 36, employmentType: 'EMPLOYEE', description: 'Je legt **glasvezel** aan.', closesOn, contactId: me.body.data.me.id, openToExternals: false } },
      ceo.accessToken,
    );
    expect(posted.body.errors).toBeUndefined();

    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    await jan.getByRole('navigation').getByRole('link', { name: 'Vacatures' }).click();
    await jan.getByLabel('Zoek op functie of omschrijving').fill('glasvezel');
    await jan.getByRole('heading', { name: 'Monteur glasvezel' }).waitFor();
    await jan.getByRole('button', { name: 'Ik heb interesse' }).click();
    await jan.getByText(/Interesse doorgegeven/).waitFor();
    await expectAccessible(jan);
    await screenshot(jan, 'vacancies');

    const priya = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(priya, 'demo.contractor');
    await priya.getByRole('navigation').getByRole('link', { name: 'Vacatures' }).click();
    await priya.getByText('Geen vacatures gevonden.').waitFor();
    expect(await priya.getByText('Monteur glasvezel').count()).toBe(0);
  });
});
