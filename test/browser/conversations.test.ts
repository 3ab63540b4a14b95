/// <reference lib="dom" />
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { bootApp } from '../support/app.js';
import { browserSuite, DESK, expectAccessible, login, newContext, PHONE, SCREENSHOTS, screenshot } from './support.js';

/**
 * Issue 16, conversations: a message has its own page with the whole thread, live; cards, names,
 * hashtags, mentions and notifications lead to what they are about; reshares and group posts show
 * at once, once.
 */
describe('conversations in the browser', () => {
  const suite = browserSuite({ WORKER_INLINE: 'true' });

  async function post(uid: string, text: string, audience = 'company', replyToId?: string): Promise<string> {
    const { accessToken } = await suite.app.login(uid);
    const res = await suite.app.gql<{ postMessage: { id: string } }>(
      `mutation($input: PostMessageInput!) { postMessage(input: $input) { id } }`,
      { input: replyToId ? { text, replyToId } : { text, audience } },
      accessToken,
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.postMessage.id;
  }

  /** What the screen shows (not the whole page: a phone's tab bar stays at the bottom), for the README. */
  const docShot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}/readme-${name}.png` });
  const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  it('opens a message as a thread from its card and its reply count, and new replies arrive live', async () => {
    const text = `Wie heeft er tips voor de nieuwe koffiemachine? ${Date.now()}`;
    const rootId = await post('demo.employee', text);
    await post('demo.hr', 'Eerst de melk opwarmen, dan pas de espresso.', 'company', rootId);

    // Priya, on a phone, taps the card itself (not a button in it): the thread opens.
    const priya = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(priya, 'demo.contractor');
    const card = priya.locator('[data-testid="message"]', { hasText: text });
    await card.getByText(text).click();
    await priya.waitForURL(`**/messages/${rootId}`);
    const replies = priya.getByTestId('replies');
    await replies.getByText('Eerst de melk opwarmen').waitFor();
    await priya.getByRole('heading', { name: '1 reactie' }).waitFor();
    expect(await noSideways(priya)).toBeLessThanOrEqual(0);
    await expectAccessible(priya);

    // Jan, on a desk, opens it from the reply count on his card.
    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    const janCard = jan.locator('[data-testid="message"]', { hasText: text });
    await janCard.getByRole('link', { name: 'Reageren 1 reactie' }).click();
    await jan.waitForURL(`**/messages/${rootId}#reply`);
    await jan.getByTestId('replies').getByText('Eerst de melk opwarmen').waitFor();
    // The reply box has the focus: he can type straight away.
    expect(await jan.evaluate(() => document.activeElement?.id)).toBe('reply');

    // Priya answers in the thread; it shows on her screen at once and on Jan's open thread live, oldest first.
    await priya.getByLabel('Jouw reactie').fill('Ik zet er altijd een dubbele shot in.');
    await priya.getByRole('button', { name: 'Versturen' }).click();
    await replies.getByText('Ik zet er altijd een dubbele shot in.').waitFor();
    await jan.getByTestId('replies').getByText('Ik zet er altijd een dubbele shot in.').waitFor({ timeout: 10_000 });
    const order = await jan.getByTestId('replies').locator('[data-testid="message"] .message-text').allTextContents();
    expect(order).toEqual(['Eerst de melk opwarmen, dan pas de espresso.', 'Ik zet er altijd een dubbele shot in.']);
    await jan.getByRole('heading', { name: '2 reacties' }).waitFor();
    await expectAccessible(jan);
    await screenshot(jan, 'thread-desk');
    await screenshot(priya, 'thread-phone');
    await docShot(jan, 'thread-desk');
    await docShot(priya, 'thread-phone');

    // A link inside a card does its own thing: the author's name opens the profile, not the thread.
    await jan.goto('/');
    await jan.locator('[data-testid="message"]', { hasText: text }).getByRole('link', { name: 'Jan van der Berg' }).click();
    await jan.getByRole('heading', { name: 'Jan van der Berg', level: 1 }).waitFor();
  });

  it('makes every notification a link to what it is about', async () => {
    const jan = await suite.app.login('demo.employee');
    const priya = await suite.app.login('demo.contractor');
    const rootId = await post('demo.employee', `Notificatietest ${Date.now()}`);
    const replyId = await post('demo.contractor', 'Een reactie die een melding geeft.', 'company', rootId);
    const followed = await suite.app.gql(`mutation($id: ID!) { follow(personId: $id) { id } }`, { id: jan.person.id }, priya.accessToken);
    expect(followed.body.errors).toBeUndefined();

    // The server says where each one leads (fan-out runs after the write: wait for both).
    let urls: { kind: string; url: string | null }[] = [];
    for (let i = 0; i < 50 && !(urls.some((n) => n.kind === 'FOLLOW') && urls.some((n) => n.url === `/messages/${replyId}`)); i++) {
      if (i) await new Promise((r) => setTimeout(r, 200));
      const res = await suite.app.gql<{ notifications: { edges: { node: { kind: string; url: string | null } }[] } }>(
        `{ notifications(first: 50) { edges { node { kind url } } } }`,
        {},
        jan.accessToken,
      );
      urls = res.body.data!.notifications.edges.map((e) => e.node);
    }
    expect(urls).toEqual(expect.arrayContaining([{ kind: 'REPLY', url: `/messages/${replyId}` }, { kind: 'FOLLOW', url: `/people/${priya.person.id}` }]));

    // A comment on my blog post leads to the post.
    const hr = await suite.app.login('demo.hr');
    const written = await suite.app.gql<{ createBlogPost: { post: { id: string } } }>(
      `mutation($input: CreateBlogPostInput!) { createBlogPost(input: $input) { post { id } } }`,
      { input: { title: `Onze nieuwe werkplekken ${Date.now()}`, bodyMarkdown: 'Vanaf januari flexplekken.', publish: true } },
      hr.accessToken,
    );
    expect(written.body.errors).toBeUndefined();
    const postId = written.body.data!.createBlogPost.post.id;
    const commented = await suite.app.gql(`mutation($id: ID!) { commentOnBlogPost(postId: $id, text: "Fijn, wanneer kunnen we kijken?") { id } }`, { id: postId }, jan.accessToken);
    expect(commented.body.errors).toBeUndefined();
    let blogUrls: (string | null)[] = [];
    for (let i = 0; i < 50 && !blogUrls.length; i++) {
      if (i) await new Promise((r) => setTimeout(r, 200));
      const res = await suite.app.gql<{ notifications: { edges: { node: { kind: string; url: string | null } }[] } }>(`{ notifications(first: 50) { edges { node { kind url } } } }`, {}, hr.accessToken);
      blogUrls = res.body.data!.notifications.edges.filter((e) => e.node.kind === 'BLOG_COMMENT').map((e) => e.node.url);
    }
    expect(blogUrls).toEqual([`/blogs/${postId}`]);

    const page = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(page, 'demo.employee');
    await page.goto('/notifications');
    const reply = page.getByTestId('notifications').locator('li', { hasText: 'Priya Ramdin reageerde op je bericht' }).first();
    await reply.waitFor({ timeout: 15_000 });
    await expectAccessible(page);
    await reply.getByTestId('notification-link').click();
    // The thread opens with the reply in view, highlighted.
    await page.waitForURL(`**/messages/${replyId}`);
    await page.locator(`#reply-${replyId}.highlight`).getByText('Een reactie die een melding geeft.').waitFor();

    await page.goto('/notifications');
    await page.getByTestId('notifications').locator('li', { hasText: 'Priya Ramdin volgt je nu' }).getByTestId('notification-link').click();
    await page.getByRole('heading', { name: 'Priya Ramdin', level: 1 }).waitFor();
  });

  it('links names, avatars, mentions and hashtags, shows relative times, and a hashtag page fills live', async () => {
    const tag = `koffie${Date.now() % 100000}`;
    await post('demo.hr', `Nieuwe bonen in de keuken! #${tag} @demo.contractor`);

    const page = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(page, 'demo.employee');
    const card = page.locator('[data-testid="message"]', { hasText: 'Nieuwe bonen in de keuken!' });
    await card.waitFor();
    // The mention reads as a name; times are relative, with the full date for machines and on hover.
    await card.getByRole('link', { name: '@Priya Ramdin' }).waitFor();
    const time = card.locator('time').first();
    expect(await time.textContent()).toMatch(/^(nu|\d+ min\. geleden)$/);
    expect(Date.parse((await time.getAttribute('datetime'))!)).toBeGreaterThan(Date.now() - 5 * 60_000);
    expect(await time.getAttribute('title')).toMatch(/\d{4}/);
    // The avatar and the name both lead to the author.
    expect(await card.locator('a.avatar-link').getAttribute('href')).toMatch(/^\/people\/[0-9a-f-]{36}$/);
    expect(await card.getByRole('link', { name: 'Hendrik de Ruijter' }).getAttribute('href')).toBe(await card.locator('a.avatar-link').getAttribute('href'));

    // The hashtag opens its feed; a new message with the tag arrives there without a reload.
    await card.getByRole('link', { name: `#${tag}` }).click();
    await page.waitForURL(`**/hashtags/${tag}`);
    await page.getByRole('heading', { name: `#${tag}` }).waitFor();
    await page.locator('[data-testid="message"]', { hasText: 'Nieuwe bonen in de keuken!' }).waitFor();
    await post('demo.ceo', `Ik trakteer op taart bij de #${tag}`);
    await page.locator('[data-testid="message"]', { hasText: 'Ik trakteer op taart' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="message"]').count()).toBe(2);
    expect(await noSideways(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await screenshot(page, 'hashtag-phone');
  });

  it('shows my reshare at once with its counts, names the group of a group message, and shows my group post once', async () => {
    const hr = await suite.app.login('demo.hr');
    const created = await suite.app.gql<{ createGroup: { id: string } }>(
      `mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
      { input: { name: `Fietsclub ${Date.now() % 100000}`, description: 'Samen naar kantoor fietsen.', kind: 'OPEN', payrollOnly: false } },
      hr.accessToken,
    );
    expect(created.body.errors).toBeUndefined();
    const groupId = created.body.data!.createGroup.id;
    const joined = await suite.app.gql(`mutation($id: ID!) { joinGroup(groupId: $id) { status } }`, { id: groupId }, (await suite.app.login('demo.employee')).accessToken);
    expect(joined.body.errors).toBeUndefined();
    const original = `Wie fietst er morgen mee vanaf Utrecht CS? ${Date.now()}`;
    await post('demo.hr', original, `group:${groupId}`);

    const jan = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(jan, 'demo.employee');
    const card = jan.locator('[data-testid="message"]', { hasText: original }).first();
    await card.waitFor();
    // The card says which group it is from, and leads there.
    const groupLink = card.getByTestId('message-group');
    expect(await groupLink.textContent()).toMatch(/^in Fietsclub \d+$/);
    expect(await groupLink.getAttribute('href')).toBe(`/groups/${groupId}`);

    // Resharing puts my reshare at the top of my feed at once, with the original's counts.
    await card.getByRole('button', { name: /Delen/ }).click();
    await card.getByLabel('Jouw noot').fill('Goed initiatief, doe mee!');
    await card.getByRole('button', { name: 'Delen', exact: true }).last().click();
    const reshare = jan.locator('[data-testid="message"]', { hasText: 'Goed initiatief, doe mee!' });
    await reshare.waitFor();
    expect(await jan.locator('[data-testid="message"]').first().textContent()).toContain('Goed initiatief, doe mee!');
    await reshare.getByTestId('reshare-count').filter({ hasText: /^1$/ }).waitFor({ timeout: 10_000 });
    await reshare.getByRole('button', { name: /Vind ik leuk/ }).click();
    await reshare.getByTestId('like-count').filter({ hasText: /^1$/ }).waitFor();

    // In the group, my own post shows once, also after its live event came back.
    await groupLink.click();
    await jan.waitForURL(`**/groups/${groupId}`);
    const mine = `Ik fiets mee! ${Date.now()}`;
    await jan.getByLabel('Schrijf in de groep').fill(mine);
    await jan.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    await jan.locator('[data-testid="message"]', { hasText: mine }).waitFor();
    await jan.waitForTimeout(1500);
    expect(await jan.locator('[data-testid="message"]', { hasText: mine }).count()).toBe(1);
    // On the group's own page the card does not repeat the group's name.
    expect(await jan.getByTestId('message-group').count()).toBe(0);
    await expectAccessible(jan);
    await screenshot(jan, 'group-desk');
    await docShot(jan, 'group-desk');
    const phone = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(phone, 'demo.hr');
    await phone.goto(`/groups/${groupId}`);
    await phone.locator('[data-testid="message"]', { hasText: mine }).waitFor();
    expect(await noSideways(phone)).toBeLessThanOrEqual(0);
    await expectAccessible(phone);
    await docShot(phone, 'group-phone');
  });

  it('shows a profile with recent messages, groups and blog posts; mail and phone are links; reporting is in a menu', async () => {
    const hr = await suite.app.login('demo.hr');
    const text = `Vanaf maandag staat de nieuwe verlofregeling online ${Date.now()}`;
    await post('demo.hr', text);
    const group = await suite.app.gql(`mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }`, { input: { name: `HR-spreekuur ${Date.now() % 100000}`, description: 'Vragen over HR.', kind: 'OPEN', payrollOnly: false } }, hr.accessToken);
    expect(group.body.errors).toBeUndefined();
    const blog = await suite.app.gql(
      `mutation($input: CreateBlogPostInput!) { createBlogPost(input: $input) { post { id } } }`,
      { input: { title: 'Zo werkt het nieuwe verlof', bodyMarkdown: 'Alles over **verlof**.', publish: true } },
      hr.accessToken,
    );
    expect(blog.body.errors).toBeUndefined();
    const contacts = await suite.app.gql(
      `mutation($input: UpdateProfileInput!) { updateMyProfile(input: $input) { id } }`,
      { input: { contacts: [{ kind: 'MOBILE', value: '06 12 34 56 78' }] } },
      hr.accessToken,
    );
    expect(contacts.body.errors).toBeUndefined();

    for (const device of [PHONE, DESK]) {
      const page = await (await newContext(suite.browser, suite.app.url, device)).newPage();
      await login(page, 'demo.employee');
      await page.goto(`/people/${hr.person.id}`);
      await page.getByRole('heading', { name: 'Hendrik de Ruijter', level: 1 }).waitFor();
      await page.getByTestId('profile-messages').getByText(text).waitFor();
      await page.getByTestId('profile-groups').getByRole('link', { name: /HR-spreekuur/ }).waitFor();
      await page.getByTestId('profile-posts').getByRole('link', { name: 'Zo werkt het nieuwe verlof' }).waitFor();
      expect(await page.locator('a[href^="mailto:"]').first().getAttribute('href')).toMatch(/^mailto:.+@.+/);
      expect(await page.getByRole('link', { name: '06 12 34 56 78' }).getAttribute('href')).toBe('tel:0612345678');
      // No big report button next to "Volgen": it is in the menu.
      expect(await page.getByRole('button', { name: 'Profiel rapporteren' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Meer opties voor dit profiel' }).click();
      await page.getByRole('button', { name: 'Profiel rapporteren' }).click();
      await page.getByLabel('Reden').waitFor();
      expect(await noSideways(page)).toBeLessThanOrEqual(0);
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Annuleren' }).click();
      await screenshot(page, device === PHONE ? 'profile-phone' : 'profile-desk');
      await docShot(page, device === PHONE ? 'profile-phone' : 'profile-desk');
    }
  });

  it('is phone-first: a bottom tab bar with a live unread count, a one-line composer, card actions on one row, nothing sideways', async () => {
    const page = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(page, 'demo.employee');
    const tabs = page.getByRole('navigation', { name: 'Hoofdmenu' });
    for (const name of ['Start', 'Collega’s', 'Groepen', 'Meldingen']) await tabs.getByRole('link', { name }).waitFor();
    await tabs.getByRole('button', { name: 'Meer' }).waitFor();
    const bar = await tabs.boundingBox();
    expect(bar!.y + bar!.height).toBeCloseTo(780, 0);

    // The composer is one line until tapped.
    const box = page.getByLabel('Wat wil je delen?');
    expect((await box.boundingBox())!.height).toBeLessThan(56);
    expect(await page.getByRole('button', { name: 'Plaatsen', exact: true }).isVisible()).toBe(false);
    await box.click();
    await page.getByRole('button', { name: 'Plaatsen', exact: true }).waitFor();
    expect((await box.boundingBox())!.height).toBeGreaterThan(56);

    // Card actions fit one row.
    await post('demo.hr', `Een bericht om op te reageren ${Date.now()}`);
    await page.reload();
    const card = page.locator('[data-testid="message"]').first();
    await card.waitFor();
    const tops = await card.locator('.message-actions > *').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThanOrEqual(4);
    expect(new Set(tops).size).toBe(1);
    expect(await noSideways(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await screenshot(page, 'home-phone');
    await docShot(page, 'home-phone');

    // The unread count in the tab bar moves live.
    const jan = await suite.app.login('demo.employee');
    const mine = await post('demo.employee', `Reageer maar ${Date.now()}`);
    await post('demo.contractor', 'Leuk idee!', 'company', mine);
    await tabs.getByTestId('unread-count').waitFor({ timeout: 15_000 });
    expect(Number(await tabs.getByTestId('unread-count').textContent())).toBeGreaterThan(0);
    expect(jan.person.displayName).toBe('Jan van der Berg');

    // "Meer" holds the rest; my avatar at the top is my profile.
    await tabs.getByRole('button', { name: 'Meer' }).click();
    await page.getByRole('dialog', { name: 'Meer' }).getByRole('link', { name: 'Blogs' }).click();
    await page.waitForURL('**/blogs');
    await page.getByRole('link', { name: 'Mijn profiel' }).click();
    await page.getByRole('heading', { name: 'Jan van der Berg', level: 1 }).waitFor();
    for (const path of ['/groups', '/people', '/notifications']) {
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      expect(await noSideways(page)).toBeLessThanOrEqual(0);
    }
  });

  it('fits every tab bar label on a 360 px phone, in Dutch and in English', async () => {
    const page = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await login(page, 'demo.employee');
    const tabs = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await tabs.getByRole('link', { name: 'Meldingen' }).waitFor();
    // A label is cut off when its text is wider than its box (text-overflow: ellipsis).
    const cut = () => tabs.locator('.nav-label').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
    expect(await cut()).toEqual([]);
    await tabs.getByRole('button', { name: 'Meer' }).click();
    await page.getByRole('dialog', { name: 'Meer' }).getByLabel('Taal').selectOption('en');
    const en = page.getByRole('navigation', { name: 'Main menu' });
    for (const name of ['Home', 'Colleagues', 'Groups', 'Alerts']) await en.getByRole('link', { name }).waitFor();
    expect(await en.locator('.nav-label').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent))).toEqual([]);
    await screenshot(page, 'tabbar-phone-en');
    // Back to Dutch for the tests after this one (the choice is stored on the person).
    const sheet = page.getByRole('dialog', { name: 'More' });
    if (!(await sheet.isVisible())) await page.getByRole('button', { name: 'More' }).click();
    await sheet.getByLabel('Language').selectOption('nl');
    await tabs.getByRole('link', { name: 'Meldingen' }).waitFor();
  });

  it('on a desk shows every destination in a side bar that never wraps, with admin tools under one "Beheer" entry', async () => {
    for (const [uid, tools] of [['demo.admin', ['Moderatie', 'Inzichten', 'Barrières', 'HR-import']], ['demo.moderator', ['Moderatie', 'Inzichten']]] as const) {
      const page = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
      await login(page, uid);
      const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
      const links = await nav.getByRole('link').allTextContents();
      expect(links).toEqual(expect.arrayContaining(['Start', 'Collega’s', 'Groepen', 'Blogs', 'Vacatures', 'Storingen', 'Mijn profiel', 'Beheer']));
      // One entry for the tools: none of them sits in the main menu itself.
      for (const tool of ['Moderatie', 'Inzichten', 'Barrières']) expect(links).not.toContain(tool);
      // A side bar: every entry is left-aligned in one column; the top bar stays one row.
      const lefts = await nav.getByRole('link').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
      expect(new Set(lefts).size).toBe(1);
      expect((await page.locator('header.topbar').boundingBox())!.height).toBeLessThan(72);
      await nav.getByRole('link', { name: 'Beheer' }).click();
      const adminNav = page.getByRole('navigation', { name: 'Beheeronderdelen' });
      for (const tool of tools) await adminNav.getByRole('link', { name: tool, exact: true }).waitFor();
      await expectAccessible(page);
      if (uid === 'demo.admin') {
        await screenshot(page, 'admin-desk');
        // The tools' own menu is one row too (it scrolls within itself), with the open screen in view.
        await page.goto('/admin/sent-mail');
        const current = adminNav.getByRole('link', { name: 'Verzonden mail' });
        await page.getByRole('heading', { name: 'Verzonden mail' }).waitFor();
        const tops = await adminNav.getByRole('link').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
        expect(new Set(tops).size).toBe(1);
        const [box, bar] = [(await current.boundingBox())!, (await adminNav.boundingBox())!];
        expect(box.x).toBeGreaterThanOrEqual(bar.x);
        expect(box.x + box.width).toBeLessThanOrEqual(bar.x + bar.width + 1);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        await screenshot(page, 'admin-sent-mail-desk');
      }
    }
    await post('demo.hr', 'Welkom op Plein! Vertel je collega’s waar je aan werkt. #welkom');
    const home = await (await newContext(suite.browser, suite.app.url, DESK)).newPage();
    await login(home, 'demo.employee');
    await home.locator('[data-testid="message"]').first().waitFor();
    await expectAccessible(home);
    await screenshot(home, 'home-desk');
    await docShot(home, 'home-desk');
  });

  it('shows the demo password on the login screen only when the demo organisation is seeded', async () => {
    const page = await (await newContext(suite.browser, suite.app.url, PHONE)).newPage();
    await page.goto('/');
    await page.getByTestId('login-demo').getByText(/plein-demo/).waitFor();
    await expectAccessible(page);

    const bare = await bootApp({ SEED_DEMO: 'false' });
    try {
      expect(await (await fetch(`${bare.url}/auth/login-info`)).json()).toEqual({ demo: false });
      const login = await (await newContext(suite.browser, bare.url, PHONE)).newPage();
      await login.goto('/');
      await login.getByLabel('Gebruikersnaam').waitFor();
      await login.waitForLoadState('networkidle');
      expect(await login.getByText(/plein-demo/).count()).toBe(0);
    } finally {
      await bare.close();
    }
  });
});
