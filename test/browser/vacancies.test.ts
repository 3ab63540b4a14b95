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
  it('a vacancy poster posts vacancies through the form; a contractor sees only the one open to externals; the poster sees interest and closes it', async () => {
    const admin = (await suite.app.login('demo.admin')).accessToken;
    const jan = await suite.app.login('demo.employee');
    const granted = await suite.app.gql('mutation($id: ID!) { grantRole(personId: $id, role: VACANCY_POSTER) { roles } }', { id: jan.person.id }, admin);
    expect(granted.body.data.grantRole.roles).toContain('VACANCY_POSTER');
    const dept = (await suite.app.gql('{ me { department { name } } }', {}, jan.accessToken)).body.data.me.department.name as string;

    // A contractor who may not post is not offered the form, and is refused it when opened directly.
    const priya = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(priya, 'demo.contractor');
    await priya.getByRole('navigation').getByRole('link', { name: 'Vacatures' }).click();
    await priya.getByRole('heading', { name: 'Interne vacatures' }).waitFor();
    expect(await priya.getByRole('link', { name: 'Vacature plaatsen' }).count()).toBe(0);
    await priya.goto('/vacancies/new');
    await priya.getByText('Alleen beheerders, vacatureplaatsers en leidinggevenden kunnen vacatures plaatsen.').waitFor();

    const page = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(page, 'demo.employee');
    const post = async (title: string, openToExternals: boolean, closesOn: string) => {
      await page.getByRole('navigation').getByRole('link', { name: 'Vacatures' }).click();
      await page.getByRole('link', { name: 'Vacature plaatsen' }).click();
      await page.getByLabel('Functietitel').fill(title);
      await page.getByLabel('Afdeling', { exact: true }).selectOption({ label: dept });
      await page.getByLabel('Plaats', { exact: true }).fill('Utrecht');
      await page.getByLabel('Uren per week').fill('32');
      await page.getByLabel('Omschrijving').fill(`Je bouwt het **nieuwe** 5G-netwerk.\n\n- storingen oplossen\n- netwerk uitbreiden\n\n<script>alert(1)</script>`);
      await page.getByLabel('Sluitingsdatum').fill(closesOn);
      // The contact person: someone else than the poster, picked by searching a name.
      await page.getByRole('button', { name: 'Wijzigen' }).click();
      await page.getByLabel('Contactpersoon').fill('Hendrik de Ruijter');
      await page.getByRole('button', { name: /Hendrik de Ruijter/ }).click();
      await page.getByTestId('picked-person').getByText('Hendrik de Ruijter').waitFor();
      if (openToExternals) await page.getByLabel('Ook tonen aan gedetacheerden en zzp’ers').check();
      await page.getByRole('button', { name: 'Vacature plaatsen' }).click();
    };
    const future = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);

    // A closing date in the past: the server's message shows by the field, and nothing is posted.
    await post('Netwerkspecialist 5G', false, '2020-01-01');
    await page.getByText('Kies een datum in de toekomst.').waitFor();
    await expect(page.getByLabel('Sluitingsdatum').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('v-closes');
    await page.getByRole('button', { name: 'Voorbeeld' }).click();
    await page.getByRole('region', { name: 'Voorbeeld' }).locator('strong', { hasText: 'nieuwe' }).waitFor();
    expect(await page.getByRole('region', { name: 'Voorbeeld' }).locator('script').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'vacancy-post-form');
    await page.getByLabel('Sluitingsdatum').fill(future);
    await page.getByRole('button', { name: 'Vacature plaatsen' }).click();
    await page.getByRole('heading', { name: 'Netwerkspecialist 5G' }).waitFor();

    await post('Freelance netwerkarchitect', true, future);
    await page.getByRole('heading', { name: 'Freelance netwerkarchitect' }).waitFor();

    // The description was stored as sanitised HTML.
    const stored = await suite.app.gql('{ vacancies(filters: { query: "5G" }) { edges { node { title descriptionHtml } } } }', {}, jan.accessToken);
    const html = stored.body.data.vacancies.edges.find((e: { node: { title: string } }) => e.node.title === 'Netwerkspecialist 5G').node.descriptionHtml as string;
    expect(html).toContain('<strong>nieuwe</strong>');
    expect(html).not.toContain('<script');

    // Jan tips Priya off. Not for the payroll-only one (she cannot see it), but for the open one.
    const cardOf = (p: typeof page, title: string) => p.getByRole('article').filter({ has: p.getByRole('heading', { name: title }) });
    const refer = async (title: string) => {
      const card = cardOf(page, title);
      await card.getByRole('button', { name: 'Tip een collega' }).click();
      await card.getByLabel('Welke collega?').fill('Priya Ramdin');
      await card.getByRole('button', { name: /Priya Ramdin/ }).click();
      await card.getByLabel('Persoonlijke boodschap (optioneel)').fill('Dit is echt iets voor jou!');
      await card.getByRole('button', { name: 'Tip versturen' }).click();
      return card;
    };
    const refused = await refer('Netwerkspecialist 5G');
    await refused.getByText(/kan deze vacature niet zien/).waitFor();
    const referred = await refer('Freelance netwerkarchitect');
    await referred.getByText('Priya Ramdin heeft je tip gekregen.').waitFor();

    // The contractor sees only the one open to externals, with Jan's tip, saves it and shows interest.
    await priya.goto('/vacancies');
    await priya.getByRole('heading', { name: 'Freelance netwerkarchitect' }).waitFor();
    expect(await priya.getByRole('heading', { name: 'Netwerkspecialist 5G' }).count()).toBe(0);
    await priya.getByTestId('vacancy-referrals').getByText('Jan van der Berg tipt je voor Freelance netwerkarchitect').waitFor();
    await priya.getByTestId('vacancy-referrals').getByText('“Dit is echt iets voor jou!”').waitFor();
    await cardOf(priya, 'Freelance netwerkarchitect').getByRole('button', { name: 'Bewaren' }).click();
    await cardOf(priya, 'Freelance netwerkarchitect').getByRole('button', { name: 'Bewaard', pressed: true }).waitFor();
    await expectAccessible(priya);
    await screenshot(priya, 'vacancies-contractor');
    await cardOf(priya, 'Freelance netwerkarchitect').getByText('Een notitie meesturen').click();
    await cardOf(priya, 'Freelance netwerkarchitect').getByLabel(/Notitie voor de contactpersoon/).fill('Ik heb vijf jaar ervaring met 5G-netwerken.');
    await priya.getByRole('button', { name: 'Ik heb interesse' }).click();
    await priya.getByText(/Interesse doorgegeven/).waitFor();
    expect(await priya.getByTestId('vacancy-interests').count()).toBe(0);

    // The poster sees who is interested, and closes the vacancy.
    await page.reload();
    const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Freelance netwerkarchitect' }) });
    await card.getByTestId('vacancy-interests').getByRole('link', { name: 'Priya Ramdin' }).waitFor();
    await card.getByTestId('vacancy-interests').getByText('Ik heb vijf jaar ervaring met 5G-netwerken.').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'vacancies-poster');

    // Priya changes her mind: the poster no longer sees her.
    await cardOf(priya, 'Freelance netwerkarchitect').getByRole('button', { name: 'Interesse intrekken' }).click();
    await cardOf(priya, 'Freelance netwerkarchitect').getByRole('button', { name: 'Ik heb interesse' }).waitFor();
    await page.reload();
    await card.getByTestId('vacancy-interests').getByText('Nog niemand heeft interesse getoond.').waitFor();
    page.once('dialog', (d) => void d.accept());
    await card.getByRole('button', { name: 'Vacature sluiten' }).click();
    await page.getByRole('heading', { name: 'Freelance netwerkarchitect' }).waitFor({ state: 'detached' });
    const closed = await suite.app.gql('{ vacancies { edges { node { title } } } }', {}, jan.accessToken);
    expect(closed.body.data.vacancies.edges.map((e: { node: { title: string } }) => e.node.title)).not.toContain('Freelance netwerkarchitect');
  });
});
