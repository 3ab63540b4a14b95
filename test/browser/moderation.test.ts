/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import { browserSuite, DESK, expectAccessible, login, newContext, PHONE, screenshot } from './support.js';

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
    await reader.getByRole('menuitem', { name: 'Rapporteren' }).click();
    // The report form is a modal dialog named after what is reported.
    const dialog = reader.getByRole('dialog', { name: 'Dit bericht rapporteren' });
    await dialog.getByLabel('Reden').selectOption('HARASSMENT_OR_BULLYING');
    await dialog.getByLabel('Toelichting (niet zichtbaar voor de schrijver)').fill('Dit gaat te ver.');
    await dialog.getByRole('button', { name: 'Rapportage versturen' }).click();
    await dialog.getByText(/Bedankt\. Een communitymanager kijkt ernaar/).waitFor();
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
    const dialog = reader.getByRole('dialog', { name: 'Deze reactie rapporteren' });
    await dialog.getByLabel('Reden').selectOption('HARASSMENT_OR_BULLYING');
    await dialog.getByLabel('Toelichting (niet zichtbaar voor de schrijver)').fill('Beledigend voor collega’s.');
    await expectAccessible(reader);
    await dialog.getByRole('button', { name: 'Rapportage versturen' }).click();
    await dialog.getByText(/Bedankt\. Een communitymanager kijkt ernaar/).waitFor();

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
});
