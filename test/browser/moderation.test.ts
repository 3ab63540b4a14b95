/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { browserSuite, DESK, expectAccessible, login, newContext, PHONE, screenshot } from './support.js';

/** The phone and desk of the screenshots. */
const PHONE_390 = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESK_1366 = { viewport: { width: 1366, height: 800 } };
/** Screenshots the README shows live in docs/screenshots/. */
/** Nothing scrolls sideways. */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const docShot = async (page: Page, name: string) => {
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
};

describe('report abuse and moderation in the browser', () => {
  const suite = browserSuite({ WORKER_INLINE: 'true' });

  it('a reported message removed by the community manager vanishes live from the reader’s screen', async () => {
    const author = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(author, 'demo.ceo');
    const text = `Dit is een kwetsend bericht ${Date.now()}`;
    await author.getByLabel('Wat wil je delen?').fill(text);
    await author.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    await author.getByText(text).waitFor();

    const reader = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(reader, 'demo.employee');
    const card = reader.locator('[data-testid="message"]', { hasText: text });
    await card.waitFor();
    await card.getByRole('button', { name: 'Meer acties' }).click();
    await card.getByRole('button', { name: 'Rapporteren' }).click();
    await card.getByLabel('Reden').selectOption('HARASSMENT_OR_BULLYING');
    await card.getByLabel('Toelichting (niet zichtbaar voor de schrijver)').fill('Dit gaat te ver.');
    await card.getByRole('button', { name: 'Rapportage versturen' }).click();
    await card.getByText(/Bedankt\. Een communitymanager kijkt ernaar/).waitFor();
    await expectAccessible(reader);

    const moderator = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(moderator, 'demo.moderator');
    // Admin and moderation tools are under one "Beheer" entry, with their own menu.
    await moderator.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
    await moderator.getByRole('navigation', { name: 'Beheeronderdelen' }).getByRole('link', { name: 'Moderatie' }).click();
    const item = moderator.getByTestId('moderation-queue').locator('li', { hasText: text });
    await item.waitFor();
    await expect(item.getByText(/gerapporteerd door 1 persoon\b/).isVisible()).resolves.toBe(true);
    await expectAccessible(moderator);
    await screenshot(moderator, 'moderation-queue');
    await item.getByLabel('Reden voor je besluit').fill('Intimidatie van een collega.');
    await item.getByRole('button', { name: 'Verwijderen' }).click();
    await moderator.getByText('Afgehandeld.').waitFor();

    // Gone from the reader's open screen without a reload.
    await card.waitFor({ state: 'detached', timeout: 10_000 });
    await reader.reload();
    await reader.getByLabel('Wat wil je delen?').waitFor();
    expect(await reader.getByText(text).count()).toBe(0);
  });

  it('a reported blog comment removed by the community manager vanishes live from the reader’s open post', async () => {
    const author = await suite.app.login('demo.ceo');
    const commenter = await suite.app.login('demo.freelancer');
    const title = `Over de verbouwing ${Date.now()}`;
    const created = await suite.app.gql(`mutation($input: CreateBlogPostInput!) { createBlogPost(input: $input) { post { id } } }`, { input: { title, bodyMarkdown: 'De kantine gaat dicht.', publish: true } }, author.accessToken);
    const postId = (created.body.data as { createBlogPost: { post: { id: string } } }).createBlogPost.post.id;
    const text = `Wat een waardeloze directie ${Date.now()}`;
    await suite.app.gql(`mutation($p: ID!, $t: String!) { commentOnBlogPost(postId: $p, text: $t) { id } }`, { p: postId, t: text }, commenter.accessToken);

    // The reader has the post open on a phone.
    const reader = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(reader, 'demo.employee');
    await reader.goto(`${suite.app.url}/blogs/${postId}`);
    await reader.getByRole('heading', { name: title }).waitFor();
    const comment = reader.locator('li.comment', { hasText: text });
    await comment.getByRole('button', { name: 'Rapporteren' }).click();
    await comment.getByText('Deze reactie rapporteren').waitFor();
    await comment.getByLabel('Reden').selectOption('HARASSMENT_OR_BULLYING');
    await comment.getByLabel('Toelichting (niet zichtbaar voor de schrijver)').fill('Beledigend voor collega’s.');
    await expectAccessible(reader);
    await comment.getByRole('button', { name: 'Rapportage versturen' }).click();
    await comment.getByText(/Bedankt\. Een communitymanager kijkt ernaar/).waitFor();

    const moderator = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(moderator, 'demo.moderator');
    // Admin and moderation tools are under one "Beheer" entry, with their own menu.
    await moderator.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
    await moderator.getByRole('navigation', { name: 'Beheeronderdelen' }).getByRole('link', { name: 'Moderatie' }).click();
    const item = moderator.getByTestId('moderation-queue').locator('li', { hasText: text });
    await item.waitFor();
    await item.getByText('Blogreactie').waitFor();
    await item.getByText(`Reactie op “${title}”`).waitFor();
    await expectAccessible(moderator);
    await screenshot(moderator, 'moderation-queue-blog-comment');
    await item.getByLabel('Reden voor je besluit').fill('Beledigend.');
    await item.getByRole('button', { name: 'Verwijderen' }).click();
    await moderator.getByText('Afgehandeld.').waitFor();

    // Gone from the reader's open post without a reload, and after one.
    await comment.waitFor({ state: 'detached', timeout: 15_000 });
    await reader.reload();
    await reader.getByRole('heading', { name: title }).waitFor();
    expect(await reader.getByText(text).count()).toBe(0);
    await screenshot(reader, 'blog-comment-removed-phone');

    // Its author sees the removal with the reason under the post and appeals it there.
    const own = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(own, 'demo.freelancer');
    await own.goto(`${suite.app.url}/blogs/${postId}`);
    const mine = own.locator('li.comment', { hasText: 'Reden: Beledigend.' });
    await mine.getByRole('button', { name: 'Bezwaar maken' }).click();
    await mine.getByLabel('Waarom vind je dit besluit niet terecht?').fill('Het was kritiek op een besluit, geen belediging.');
    await mine.getByRole('button', { name: 'Bezwaar indienen' }).click();
    await mine.getByText('Bezwaar ingediend, in behandeling.').waitFor();
    await expectAccessible(own);
    await own.reload();
    await own.locator('li.comment', { hasText: 'Reden: Beledigend.' }).getByText('Bezwaar ingediend, in behandeling.').waitFor();
  });

  it('the owner of a profile hidden by moderation sees why on their own page; a colleague sees no profile text', async () => {
    const owner = await suite.app.login('demo.contractor');
    const reporter = await suite.app.login('demo.employee');
    const moderator = await suite.app.login('demo.moderator');
    const headline = `Koop mijn cryptomunten ${Date.now()}`;
    const ok = (res: { body: { errors?: unknown } }) => expect(res.body.errors).toBeUndefined();
    ok(await suite.app.gql(`mutation($input: UpdateProfileInput!) { updateMyProfile(input: $input) { id } }`, { input: { headline } }, owner.accessToken));
    ok(await suite.app.gql(`mutation($input: ReportInput!) { reportContent(input: $input) { id } }`, { input: { itemType: 'PROFILE', itemId: owner.person.id, reason: 'SPAM_OR_ADVERTISING', note: 'Reclame.' } }, reporter.accessToken));
    ok(await suite.app.gql(`mutation($input: ModerateItemInput!) { moderateItem(input: $input) { id } }`, { input: { itemType: 'PROFILE', itemId: owner.person.id, action: 'HIDE', reason: 'Reclame in het profiel.' } }, moderator.accessToken));

    const page = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(page, 'demo.contractor');
    await page.goto(`${suite.app.url}/profile`);
    const notice = page.getByTestId('profile-moderated');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain('Reclame in het profiel.');
    await expectAccessible(page);
    await screenshot(page, 'profile-moderated-owner');

    const colleague = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(colleague, 'demo.employee');
    await colleague.goto(`${suite.app.url}/people/${owner.person.id}`);
    await colleague.getByRole('heading', { level: 1 }).waitFor();
    await expect(colleague.getByText(headline).count()).resolves.toBe(0);
    await expect(colleague.getByTestId('profile-moderated').count()).resolves.toBe(0);
  });

  // Each run writes its own words (the filters below find this run's rows among the other run's).
  const WORDS = {
    phone: {
      firstNote: 'Scheldt een hele afdeling uit.',
      secondNote: 'Kwetsend voor de collega’s van Inkoop.',
      reasonTail: 'Spreek collega’s met respect aan.',
      appeal: 'Het was een uit de hand gelopen grap; ik heb het al goedgemaakt met Inkoop.',
      openPost: 'Morgen taart bij de koffie, op kosten van de zaak! Wie doet er mee?',
    },
    desk: {
      firstNote: 'Zet een afdeling weg als sukkels.',
      secondNote: 'Dit raakt mijn collega’s bij Inkoop.',
      reasonTail: 'Houd het respectvol, ook als je het ergens niet mee eens bent.',
      appeal: 'Ik bedoelde de situatie, niet de mensen; ik heb Inkoop mijn excuses aangeboden.',
      openPost: 'Te koop: mijn oude racefiets, nu voor een prikkie. Interesse? Stuur me een bericht.',
    },
  };
  for (const [device, viewport] of [['phone', PHONE_390], ['desk', DESK_1366]] as const) {
    const words = WORDS[device];
    it(`closes the loop on a ${device}: report, remove with a template, the author sees why and appeals from the card, the reporter sees the outcome, the record shows the appeal, the audit says it in words`, async () => {
      const author = await suite.app.login('demo.freelancer');
      const other = await suite.app.login('demo.contractor');
      const gqlOk = async (query: string, variables: Record<string, unknown>, token: string) => {
        const res = await suite.app.gql(query, variables, token);
        expect(res.body.errors).toBeUndefined();
        return res.body.data;
      };
      const text = `Wat een sukkels op de afdeling Inkoop ${device} ${Date.now()}`;
      const posted = await gqlOk(`mutation($input: PostMessageInput!) { postMessage(input: $input) { id } }`, { input: { text, audience: 'company' } }, author.accessToken);
      const id = (posted as { postMessage: { id: string } }).postMessage.id;
      // A first reporter with a note of their own; the queue must show both notes, not only the first.
      const firstNote = words.firstNote;
      await gqlOk(`mutation($input: ReportInput!) { reportContent(input: $input) { id } }`, { input: { itemType: 'MESSAGE', itemId: id, reason: 'DISCRIMINATION', note: firstNote } }, other.accessToken);

      // The reporter reports from the card.
      const reporter = await (await newContext(suite.browser, suite.app.url, viewport)).newPage();
      await login(reporter, 'demo.employee');
      await reporter.goto(`/messages/${id}`);
      const card = reporter.locator(`[data-message-id="${id}"]`);
      await card.getByText(text).waitFor();
      await card.getByRole('button', { name: 'Meer acties' }).click();
      await card.getByRole('button', { name: 'Rapporteren' }).click();
      await card.getByLabel('Reden').selectOption('HARASSMENT_OR_BULLYING');
      const secondNote = words.secondNote;
      await card.getByLabel('Toelichting (niet zichtbaar voor de schrijver)').fill(secondNote);
      await card.getByRole('button', { name: 'Rapportage versturen' }).click();
      await card.getByText(/Bedankt\. Een communitymanager kijkt ernaar/).waitFor();

      // The moderator sees every reporter's note and removes it with a template.
      const moderator = await (await newContext(suite.browser, suite.app.url, viewport)).newPage();
      await login(moderator, 'demo.moderator');
      await moderator.goto('/moderation');
      const item = moderator.getByTestId('moderation-queue').locator('li.queue-item', { hasText: text });
      await item.waitFor();
      const notes = item.getByTestId('reporter-notes');
      await notes.getByText(firstNote).waitFor();
      await notes.getByText(secondNote).waitFor();
      await expect(notes.locator('li').count()).resolves.toBe(2);
      await notes.getByText('Discriminatie').waitFor();
      await notes.getByText('Intimidatie of pesten').waitFor();
      const template = 'Verwijderd omdat het intimiderend of kwetsend is voor een collega.';
      await item.getByLabel('Standaardreden').selectOption({ label: template });
      await expect(item.getByLabel('Reden voor je besluit').inputValue()).resolves.toBe(template);
      // The moderator may still adjust it: what is stored is the text in the field.
      const reason = `${template} ${words.reasonTail}`;
      await item.getByLabel('Reden voor je besluit').fill(reason);
      await expectAccessible(moderator);
      await expect(sideways(moderator)).resolves.toBeLessThanOrEqual(0);
      await screenshot(moderator, `moderation-queue-notes-${device}`);
      await item.getByRole('button', { name: 'Verwijderen' }).click();
      await moderator.getByText('Afgehandeld.').waitFor();
      // Anyone but the author who can still open it (a moderator) sees a neutral placeholder: no words, no reason, no actions.
      await moderator.goto(`/messages/${id}`);
      const neutral = moderator.locator(`[data-message-id="${id}"]`);
      await neutral.getByTestId('moderated-placeholder').getByText('Verwijderd door de moderatie.').waitFor();
      await expect(neutral.getByTestId('moderation-decision').count()).resolves.toBe(0);
      await expect(neutral.getByText(text).count()).resolves.toBe(0);
      await expect(neutral.getByText(reason).count()).resolves.toBe(0);
      await expect(neutral.getByRole('button').count()).resolves.toBe(0);

      // The author: the notification leads to the record, the record to the card, the card says why and takes the appeal.
      const page = await (await newContext(suite.browser, suite.app.url, viewport)).newPage();
      await login(page, 'demo.freelancer');
      await page.goto('/notifications');
      const toRecord = page.getByTestId('notifications').locator('a[href="/my/moderation"]').first();
      await toRecord.getByText('De moderatie heeft iets gedaan met je inhoud of account.', { exact: false }).waitFor();
      await toRecord.click();
      await page.getByRole('heading', { name: 'Mijn moderatiedossier', level: 1 }).waitFor();
      const entry = page.getByTestId('record-entry').filter({ hasText: reason });
      await entry.getByText('Verwijderd', { exact: true }).waitFor();
      await entry.getByRole('link', { name: 'Bekijken' }).click();
      const removed = page.locator(`[data-message-id="${id}"]`);
      const decision = removed.getByTestId('moderation-decision');
      await decision.getByText('Verwijderd door de moderatie. Alleen jij ziet dit nog.').waitFor();
      await decision.getByText(`Reden: ${reason}`).waitFor();
      // A removed card offers no like, share or edit (and no report).
      await expect(removed.getByRole('button', { name: /Vind ik leuk/ }).count()).resolves.toBe(0);
      await expect(removed.getByRole('button', { name: /Delen/ }).count()).resolves.toBe(0);
      await expect(removed.getByTestId('like-count').count()).resolves.toBe(0);
      await expect(page.getByLabel('Jouw reactie').count()).resolves.toBe(0);
      await removed.getByRole('button', { name: 'Meer acties' }).click();
      await expect(removed.getByRole('button', { name: 'Bewerken' }).count()).resolves.toBe(0);
      await removed.getByRole('button', { name: 'Verwijderen' }).waitFor();
      await removed.getByRole('button', { name: 'Meer acties' }).click();
      await decision.getByRole('button', { name: 'Bezwaar maken' }).click();
      const appealText = words.appeal;
      await decision.getByLabel('Waarom vind je dit besluit niet terecht?').fill(appealText);
      await expectAccessible(page);
      await removed.screenshot({ path: `docs/screenshots/moderation-removed-card-${device}.png` });
      await docShot(page, `moderation-appeal-${device}`);
      await decision.getByRole('button', { name: 'Bezwaar indienen' }).click();
      await decision.getByTestId('appeal-status').getByText('Bezwaar ingediend, in behandeling.').waitFor();
      await expect(decision.getByRole('button', { name: 'Bezwaar maken' }).count()).resolves.toBe(0);

      // The author's record shows the appeal; a second appeal is not offered.
      await page.goto('/my/moderation');
      const appealed = page.getByTestId('record-entry').filter({ hasText: reason });
      await appealed.getByTestId('appeal-status').getByText('Bezwaar ingediend, in behandeling.').waitFor();
      await expect(appealed.getByRole('button', { name: 'Bezwaar maken' }).count()).resolves.toBe(0);
      await expectAccessible(page);
      await expect(sideways(page)).resolves.toBeLessThanOrEqual(0);
      await screenshot(page, `moderation-record-${device}`);

      // The reporter: the notification leads to "Mijn rapportages", which shows the outcome.
      await reporter.goto('/notifications');
      await reporter.getByTestId('notifications').locator('a[href="/my/reports"]').first().click();
      await reporter.getByRole('heading', { name: 'Mijn rapportages', level: 1 }).waitFor();
      const mine = reporter.getByTestId('my-report').filter({ hasText: secondNote });
      await mine.getByText('Bekeken: de moderatie heeft ingegrepen').waitFor();
      await mine.getByText('Intimidatie of pesten').waitFor();
      await mine.getByText('Niet meer te zien.').waitFor();
      // The reporter never learns the moderator's reason, and the removed words are gone.
      await expect(reporter.getByText(reason).count()).resolves.toBe(0);
      await expect(reporter.getByText(text).count()).resolves.toBe(0);
      // Other reports of mine: one still open (the message is shown and can be opened), one dismissed.
      const openText = words.openPost;
      const openId = ((await gqlOk(`mutation($input: PostMessageInput!) { postMessage(input: $input) { id } }`, { input: { text: openText, audience: 'company' } }, other.accessToken)) as { postMessage: { id: string } }).postMessage.id;
      const employee = await suite.app.login('demo.employee');
      const REPORT_IT = `mutation($input: ReportInput!) { reportContent(input: $input) { id } }`;
      await gqlOk(REPORT_IT, { input: { itemType: 'MESSAGE', itemId: openId, reason: 'SPAM_OR_ADVERTISING', note: 'Lijkt op reclame.' } }, employee.accessToken);
      await reporter.reload();
      const open = reporter.getByTestId('my-report').filter({ hasText: openText });
      await open.getByText('In behandeling').waitFor();
      await open.getByRole('link', { name: 'Bekijken' }).waitFor();
      await expect(open.getByRole('link', { name: 'Bekijken' }).getAttribute('href')).resolves.toBe(`/messages/${openId}`);
      await expectAccessible(reporter);
      await expect(sideways(reporter)).resolves.toBeLessThanOrEqual(0);
      await docShot(reporter, `moderation-my-reports-${device}`);
      // Reachable without a notification too: from my profile.
      await reporter.goto('/profile');
      await reporter.getByRole('link', { name: 'Mijn rapportages' }).click();
      await reporter.getByRole('heading', { name: 'Mijn rapportages', level: 1 }).waitFor();
      if (device === 'phone') {
        // And from the phone's "Meer" sheet.
        await reporter.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('button', { name: 'Meer' }).click();
        await reporter.getByRole('navigation', { name: 'Meer onderdelen' }).getByRole('link', { name: 'Mijn moderatiedossier' }).click();
        await reporter.getByRole('heading', { name: 'Mijn moderatiedossier', level: 1 }).waitFor();
        await reporter.getByText('Er is nooit iets van jou gemodereerd.').waitFor();
      }

      // The audit log says what happened in words.
      const admin = await (await newContext(suite.browser, suite.app.url, viewport)).newPage();
      await login(admin, 'demo.admin');
      await admin.goto('/admin/audit');
      const audit = admin.getByTestId('audit-table');
      const removal = audit.getByTestId('audit-entry').filter({ hasText: reason });
      await removal.getByRole('rowheader', { name: 'Verwijderd' }).waitFor();
      await removal.getByText('Bericht: zichtbaar → verwijderd').waitFor();
      await removal.getByText('Zaak: open → afgesloten').waitFor();
      const reported = audit.getByTestId('audit-entry').filter({ hasText: secondNote });
      await reported.getByRole('rowheader', { name: 'Rapportage gedaan' }).waitFor();
      await reported.getByText(`Intimidatie of pesten: ${secondNote}`).waitFor();
      await audit.getByTestId('audit-entry').filter({ hasText: appealText }).getByRole('rowheader', { name: 'Bezwaar ingediend' }).waitFor();
      const auditText = (await audit.innerText()).toLowerCase();
      for (const code of ['action.remove', 'report.created', 'appeal.created', 'harassment_or_bullying', 'messagestate']) expect(auditText).not.toContain(code);
      await expectAccessible(admin);
      await screenshot(admin, `moderation-audit-words-${device}`);
      for (const p of [reporter, moderator, page, admin]) await p.context().close();
    });
  }
});

