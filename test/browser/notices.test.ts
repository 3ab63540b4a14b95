/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import { browserSuite, DESK, expectAccessible, login, newContext, PHONE, screenshot } from './support.js';

describe('outage notices in the browser', () => {
  const suite = browserSuite({ WORKER_INLINE: 'true' });

  it('shows an outage banner live on every page while it lasts, and removes it when resolved', async () => {
    const page = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(page, 'demo.contractor');
    await page.getByLabel('Wat wil je delen?').waitFor();
    expect(await page.getByTestId('notice-banner').count()).toBe(0);

    const admin = (await suite.app.login('demo.admin')).accessToken;
    const published = await suite.app.gql(
      'mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { id } }',
      { input: { title: 'Storing mobiel internet Rotterdam', text: 'We onderzoeken een storing.', services: ['4G', '5G'], regions: ['Rotterdam'], severity: 'MAJOR', startsAt: new Date().toISOString(), audience: 'COMPANY' } },
      admin,
    );
    expect(published.body.errors).toBeUndefined();
    const id = published.body.data.publishNotice.id as string;

    const banner = page.getByTestId('notice-banner');
    await banner.getByText('Storing mobiel internet Rotterdam').waitFor({ timeout: 10_000 });
    await banner.getByText(/Wordt onderzocht/).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Collega’s' }).click();
    await banner.getByText('Storing mobiel internet Rotterdam').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'phone-notice-banner');

    await suite.app.gql('mutation($id: ID!) { postNoticeUpdate(noticeId: $id, status: IDENTIFIED, text: "Defecte router gevonden.") { id } }', { id }, admin);
    await banner.getByText(/Oorzaak gevonden/).waitFor({ timeout: 10_000 });
    await suite.app.gql('mutation($id: ID!) { postNoticeUpdate(noticeId: $id, status: RESOLVED, text: "Opgelost.") { id } }', { id }, admin);
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
  });
  it('a publisher publishes a notice through the form, another person sees it live, reports being affected, and it leaves the banner when resolved', async () => {
    // An admin makes Jan a notice publisher (the role counts from his next request).
    const admin = (await suite.app.login('demo.admin')).accessToken;
    const jan = (await suite.app.login('demo.employee')).person;
    const granted = await suite.app.gql('mutation($id: ID!) { grantRole(personId: $id, role: NOTICE_PUBLISHER) { roles } }', { id: jan.id }, admin);
    expect(granted.body.data.grantRole.roles).toContain('NOTICE_PUBLISHER');

    const reader = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(reader, 'demo.contractor');
    await reader.getByLabel('Wat wil je delen?').waitFor();
    expect(await reader.getByText('Glasvezelstoring Utrecht-Noord').count()).toBe(0);

    const publisher = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(publisher, 'demo.employee');
    await publisher.getByRole('navigation').getByRole('link', { name: 'Storingen', exact: true }).click();
    await publisher.getByRole('heading', { name: 'Storingen en incidenten' }).waitFor();
    await publisher.getByRole('link', { name: 'Storing melden' }).click();
    await publisher.getByLabel('Titel').fill('Glasvezelstoring Utrecht-Noord');
    await publisher.getByLabel('Eerste update (wat weten we?)').fill('Klanten in Utrecht-Noord hebben geen internet. We onderzoeken de oorzaak.');
    await publisher.getByLabel('Getroffen diensten').fill('Glasvezel, TV');
    await publisher.getByLabel('Regio’s').fill('Utrecht');
    await publisher.getByLabel('Ernst').selectOption({ label: 'Kritiek' });
    await publisher.getByLabel('Begonnen op').fill('2026-03-02T10:00');
    // An expected end before the start: the server refuses it and the form says so by the field.
    await publisher.getByLabel('Verwacht einde').fill('2026-03-02T09:00');
    await publisher.getByRole('button', { name: 'Publiceren' }).click();
    await publisher.getByText('The expected end must be after the start.').waitFor();
    await expect(publisher.getByLabel('Verwacht einde').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(publisher.evaluate(() => document.activeElement?.id)).resolves.toBe('n-end');
    await expectAccessible(publisher);
    await screenshot(publisher, 'notice-publish-form');
    expect(await reader.getByText('Glasvezelstoring Utrecht-Noord').count()).toBe(0);

    await publisher.getByLabel('Verwacht einde').fill('2099-03-02T18:00');
    await publisher.getByRole('button', { name: 'Publiceren' }).click();
    await publisher.getByRole('heading', { name: 'Glasvezelstoring Utrecht-Noord' }).waitFor();
    await publisher.getByTestId('notice-status').getByText('Wordt onderzocht').waitFor();

    // The contractor's open screen gets the banner live, and opens the notice from it.
    const banner = reader.getByTestId('notice-banner');
    await banner.getByText('Glasvezelstoring Utrecht-Noord').waitFor({ timeout: 15_000 });
    await screenshot(reader, 'phone-notice-banner-live');
    await banner.getByRole('link', { name: 'Glasvezelstoring Utrecht-Noord' }).click();
    await reader.getByRole('heading', { name: 'Tijdlijn' }).waitFor();
    await reader.getByRole('button', { name: 'Volg deze storing' }).click();
    await reader.getByRole('button', { name: 'Je volgt deze storing' }).waitFor();
    await reader.getByRole('button', { name: 'Dienst TV volgen' }).click();
    await reader.getByRole('button', { name: 'Dienst TV gevolgd', pressed: true }).waitFor();
    await reader.getByLabel('Wat merk je ervan? (optioneel)').fill('In de winkel Utrecht-Noord werkt de kassa niet.');
    await reader.getByRole('button', { name: 'Ik heb er ook last van' }).click();
    await reader.getByText('Je hebt gemeld dat je er last van hebt').waitFor();
    await reader.getByTestId('affected-count').getByText('1 collega heeft er last van').waitFor();
    // Names and comments are for publishers and admins only.
    expect(await reader.getByTestId('affected-people').count()).toBe(0);
    expect(await reader.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await expectAccessible(reader);
    await screenshot(reader, 'phone-notice-detail');

    // The publisher's detail screen follows live: the count and who said what.
    await publisher.getByTestId('affected-people').getByText('In de winkel Utrecht-Noord werkt de kassa niet.').waitFor({ timeout: 15_000 });
    await publisher.getByTestId('affected-count').getByText('1 collega heeft er last van').waitFor();

    await publisher.getByLabel('Status', { exact: true }).selectOption({ label: 'Oorzaak gevonden' });
    await publisher.getByLabel('Wat is er veranderd?').fill('Een kabel is doorgegraven bij werkzaamheden.');
    await publisher.getByRole('button', { name: 'Update plaatsen' }).click();
    await publisher.getByTestId('notice-timeline').getByText('Een kabel is doorgegraven bij werkzaamheden.').waitFor();
    await banner.getByText(/Oorzaak gevonden/).waitFor({ timeout: 15_000 });
    await reader.getByTestId('notice-timeline').getByText('Een kabel is doorgegraven bij werkzaamheden.').waitFor({ timeout: 15_000 });
    await expectAccessible(publisher);
    await screenshot(publisher, 'notice-detail-publisher');

    await publisher.getByLabel('Status', { exact: true }).selectOption({ label: 'Opgelost' });
    await publisher.getByLabel('Wat is er veranderd?').fill('De kabel is gerepareerd; iedereen is weer online.');
    await publisher.getByRole('button', { name: 'Update plaatsen' }).click();
    await publisher.getByTestId('notice-status').getByText('Opgelost').waitFor();
    // Resolved is final: no update form any more.
    expect(await publisher.getByRole('button', { name: 'Update plaatsen' }).count()).toBe(0);
    await banner.waitFor({ state: 'detached', timeout: 15_000 });

    // Resolved notices stay searchable with their timeline.
    await reader.getByRole('link', { name: '← Alle storingen' }).click();
    await reader.getByText('Er zijn nu geen storingen.').waitFor();
    await reader.getByRole('button', { name: 'tv ontvolgen' }).waitFor();
    await reader.getByLabel('Zoek op titel, dienst, regio of update').fill('doorgegraven');
    await reader.getByTestId('notice-results').getByRole('link', { name: 'Glasvezelstoring Utrecht-Noord' }).waitFor();
    await expectAccessible(reader);
    await screenshot(reader, 'phone-notices-search');
    await reader.getByTestId('notice-results').getByRole('link', { name: 'Glasvezelstoring Utrecht-Noord' }).click();
    await reader.getByTestId('notice-timeline').getByText('De kabel is gerepareerd; iedereen is weer online.').waitFor();
    await expect(reader.getByTestId('notice-timeline').locator('li').count()).resolves.toBe(3);

    // Following the notice brought its updates to the notifications, which lead back to it.
    await reader.goto('/notifications');
    const item = reader.getByTestId('notifications').locator('li').filter({ hasText: 'Nieuws over een storing die je volgt' });
    await item.waitFor({ timeout: 15_000 });
    await item.getByTestId('notification-link').click();
    await reader.getByRole('heading', { name: 'Glasvezelstoring Utrecht-Noord' }).waitFor();
  });

  it('does not offer the publish form to someone without the role', async () => {
    const page = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(page, 'demo.freelancer');
    await page.getByRole('navigation').getByRole('link', { name: 'Storingen', exact: true }).click();
    await page.getByRole('heading', { name: 'Storingen en incidenten' }).waitFor();
    expect(await page.getByRole('link', { name: 'Storing melden' }).count()).toBe(0);
    await page.goto('/notices/new');
    await page.getByText('Alleen storingsmelders en beheerders kunnen storingen publiceren.').waitFor();
  });
  it('an admin publishes a notice for one department with the department picker; only that department sees it', async () => {
    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    await jan.getByLabel('Wat wil je delen?').waitFor();

    const admin = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(admin, 'demo.admin');
    await admin.goto('/notices/new');
    await admin.getByLabel('Titel').fill('Onderhoud NOC-dashboard');
    await admin.getByLabel('Eerste update (wat weten we?)').fill('Het NOC-dashboard is vanavond een uur niet bereikbaar.');
    await admin.getByLabel('Ernst').selectOption({ label: 'Klein' });
    await admin.getByLabel('Gekozen afdelingen').check();
    // No department chosen yet: the server asks for one, by the picker.
    await admin.getByRole('button', { name: 'Publiceren' }).click();
    await admin.getByText('Choose at least one department.').waitFor();
    await expectAccessible(admin);
    await screenshot(admin, 'notice-publish-departments');
    await admin.getByRole('group', { name: 'Afdelingen (met hun onderafdelingen)' }).getByLabel('Netwerkbeheer').check();
    await admin.getByRole('button', { name: 'Publiceren' }).click();
    await admin.getByRole('heading', { name: 'Onderhoud NOC-dashboard' }).waitFor();
    await admin.getByText('Gekozen afdelingen: Netwerkbeheer').waitFor();

    // Jan works in Netwerkbeheer: his banner shows it live. Priya (IT & Digitaal) does not get it.
    await jan.getByTestId('notice-banner').getByText('Onderhoud NOC-dashboard').waitFor({ timeout: 15_000 });
    const priya = (await suite.app.login('demo.contractor')).accessToken;
    const active = await suite.app.gql('{ activeNotices { title } }', {}, priya);
    expect(active.body.data.activeNotices.map((n: { title: string }) => n.title)).not.toContain('Onderhoud NOC-dashboard');

    // Resolved from the detail screen: gone from Jan's banner too.
    await admin.getByLabel('Status', { exact: true }).selectOption({ label: 'Opgelost' });
    await admin.getByLabel('Wat is er veranderd?').fill('Onderhoud klaar.');
    await admin.getByRole('button', { name: 'Update plaatsen' }).click();
    await admin.getByTestId('notice-status').getByText('Opgelost').waitFor();
    await jan.getByTestId('notice-banner').getByText('Onderhoud NOC-dashboard').waitFor({ state: 'detached', timeout: 15_000 });
  });
});
