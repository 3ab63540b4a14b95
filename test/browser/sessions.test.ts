/// <reference lib="dom" />
import { describe, it } from '@jest/globals';
import pg from 'pg';
import { browserSuite, DESK, login, newContext } from './support.js';

/**
 * The web app and the server ending sockets (issue 15): at the access token's expiry the server ends
 * the socket and the app reconnects with its refreshed token, so live updates go on; when the
 * person is deactivated, the app shows the login screen without a reload.
 */
describe('sessions in the browser', () => {
  // 20 s tokens: the app refreshes after 10 s, the server ends each socket at its token's 20 s.
  const suite = browserSuite({ WORKER_INLINE: 'true', ACCESS_TOKEN_TTL_SECONDS: '20' });

  it('live updates go on past the first token’s expiry; a deactivated person is sent to the login screen at once', async () => {
    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    const priya = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(priya, 'demo.contractor');
    await priya.getByRole('tab', { name: 'Iedereen' }).waitFor();
    await login(jan, 'demo.employee');
    // Past the expiry of Priya's first token (and so of the socket it opened).
    await priya.waitForTimeout(24_000);

    const text = `Na het verlopen van het token ${Date.now()}`;
    await jan.getByLabel('Wat wil je delen?').fill(text);
    await jan.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    await jan.getByText(text).waitFor();
    await priya.getByRole('button', { name: /1 nieuw bericht/ }).waitFor({ timeout: 10_000 });

    const db = new pg.Client({ connectionString: suite.app.databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE people SET active = false WHERE uid = 'demo.contractor'`);
      await priya.getByLabel('Gebruikersnaam').waitFor({ timeout: 5_000 });
    } finally {
      await db.query(`UPDATE people SET active = true WHERE uid = 'demo.contractor'`);
      await db.end();
    }
  }, 90_000);
});
