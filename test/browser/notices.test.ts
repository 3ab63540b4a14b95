/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import { browserSuite, expectAccessible, login, newContext, PHONE, screenshot } from './support.js';

describe('outage notices in the browser', () => {
  const suite = browserSuite();

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
});
