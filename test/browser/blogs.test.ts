/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { browserSuite, expectAccessible, login, newContext, screenshot } from './support.js';

/** The two screens of issue 16: a phone and a desk. */
const DEVICES = [
  ['phone', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
  ['desk', { viewport: { width: 1366, height: 800 } }],
] as const;

const DOCS = path.resolve('docs/screenshots');

/** A cover picture: a coloured gradient, as a JPEG. */
function coverImage(hue: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="hsl(${hue},55%,45%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},60%,70%)"/></linearGradient></defs>
    <rect width="1600" height="900" fill="url(#g)"/><circle cx="1250" cy="250" r="160" fill="rgba(255,255,255,0.35)"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** The page never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** A second picture: the comments with the answer on top. */
async function answerOnTop(page: Page, device: string): Promise<void> {
  await page.getByRole('heading', { name: /reacties/ }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, -80));
  await page.screenshot({ path: path.join(DOCS, `blog-answer-${device}.png`) });
}

describe.each(DEVICES)('blogs in the browser on a %s', (device, screen) => {
  const suite = browserSuite({ WORKER_INLINE: 'true' });
  const open = async (user: string) => {
    const page = await (await newContext(suite.browser, suite.app.url, screen)).newPage();
    await login(page, user);
    return page;
  };
  /** A published post by `user`, made through the API (each test makes its own). */
  const publish = async (user: string, title: string, extra: Record<string, unknown> = {}) => {
    const { accessToken } = await suite.app.login(user);
    const res = await suite.app.gql<{ createBlogPost: { post: { id: string } } }>(
      'mutation($input: CreateBlogPostInput!) { createBlogPost(input: $input) { post { id } } }',
      { input: { title, bodyMarkdown: 'De **onderhandelingen** lopen.\n\nWe houden jullie op de hoogte.', publish: true, ...extra } },
      accessToken,
    );
    expect(res.body.errors).toBeUndefined();
    return { id: res.body.data!.createBlogPost.post.id, token: accessToken };
  };
  const comment = async (token: string, postId: string, text: string, parentId?: string) => {
    const res = await suite.app.gql<{ commentOnBlogPost: { id: string } }>(
      'mutation($p: ID!, $t: String!, $parent: ID) { commentOnBlogPost(postId: $p, text: $t, parentId: $parent) { id } }',
      { p: postId, t: text, parent: parentId ?? null },
      token,
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.commentOnBlogPost.id;
  };

  it('writes with a preview, shows tags with spaces as they will be stored, uploads a cover (and removes one), and the list shows the cover and the same comment count as the post', async () => {
    const hr = await open('demo.hr');
    await hr.goto('/blogs');
    await hr.getByRole('link', { name: 'Schrijven' }).click();
    const title = `Stand van de cao-onderhandelingen (${device})`;
    await hr.getByLabel('Titel').fill(title);
    await hr.getByLabel('Tekst (Markdown)').fill('## Waar staan we?\n\nDe **onderhandelingen** lopen. <script>alert(1)</script>\n\n<img src=x onerror=alert(2)>');
    // Tags with spaces are not refused: the editor shows the one tag each will be.
    await hr.getByLabel('Tags (gescheiden door komma’s)').fill('cao onderhandelingen, HR Nieuws');
    await hr.getByTestId('tags-stored').filter({ hasText: 'Wordt opgeslagen als: #cao-onderhandelingen #hr-nieuws' }).waitFor();
    // A cover: chosen, removed, chosen again (uploaded through POST /uploads).
    await hr.locator('input[type=file]').setInputFiles({ name: 'omslag.jpg', mimeType: 'image/jpeg', buffer: await coverImage(150) });
    await hr.getByRole('img', { name: 'Gekozen omslagafbeelding' }).waitFor();
    await hr.getByRole('button', { name: 'Omslag verwijderen' }).click();
    await hr.getByText('Geen omslagafbeelding.').waitFor();
    await hr.locator('input[type=file]').setInputFiles({ name: 'omslag.jpg', mimeType: 'image/jpeg', buffer: await coverImage(150) });
    await hr.getByRole('img', { name: 'Gekozen omslagafbeelding' }).waitFor();
    await hr.getByRole('button', { name: 'Voorbeeld' }).click();
    await hr.getByText(/Voor de veiligheid verwijderd: .*script/).waitFor();
    await hr.getByRole('heading', { name: 'Waar staan we?' }).waitFor();
    await expectAccessible(hr);
    await expectNoSidewaysScroll(hr);
    await screenshot(hr, `blog-editor-${device}`);
    await hr.getByRole('button', { name: 'Publiceren', exact: true }).click();
    await hr.getByRole('heading', { name: title }).waitFor();
    const postId = /\/blogs\/([0-9a-f-]{36})$/.exec(hr.url())![1]!;
    // No script survived into the page; the cover and the stored tags show.
    expect(await hr.locator('.blog-body script').count()).toBe(0);
    expect(await hr.locator('.blog-body [onerror]').count()).toBe(0);
    await hr.locator('article img.post-cover').waitFor();
    expect(await hr.locator('article img.post-cover').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await hr.getByText('#cao-onderhandelingen #hr-nieuws').waitFor();

    // Three comments, one a reply: the list and the post both say 3.
    const { accessToken } = await suite.app.login('demo.employee');
    const first = await comment(accessToken, postId, 'Wanneer komt er een akkoord?');
    await comment(accessToken, postId, 'En wat betekent het voor de pensioenen?');
    await comment((await suite.app.login('demo.contractor')).accessToken, postId, 'Dat vroeg ik me ook af.', first);
    const reader = await open('demo.employee');
    await reader.goto(`/blogs/${postId}`);
    await reader.getByTestId('comment-count').filter({ hasText: '3 reacties' }).waitFor();
    await reader.goto('/blogs');
    const item = reader.getByTestId('post-item').filter({ hasText: title });
    await item.getByTestId('post-comments').filter({ hasText: '3 reacties' }).waitFor();
    await item.locator('img.post-item-cover').waitFor();
    await expectAccessible(reader);
    await expectNoSidewaysScroll(reader);
    await item.locator('img.post-item-cover').evaluate((img: HTMLImageElement) => img.decode());
    mkdirSync(DOCS, { recursive: true });
    await reader.screenshot({ path: path.join(DOCS, `blogs-list-${device}.png`) });
    // Search still finds it by a word form of the text.
    await reader.getByLabel('Zoek in blogs').fill('onderhandeling');
    await reader.getByRole('link', { name: new RegExp(title.replace(/[()]/g, '\\$&')) }).waitFor();
  });

  it('likes a post at once (optimistic), and the author marks a comment as the answer explicitly, shown on top, and takes it off', async () => {
    const cover = await coverImage(200);
    const form = new FormData();
    const hrLogin = await suite.app.login('demo.hr');
    form.append('file', new Blob([new Uint8Array(cover)], { type: 'image/jpeg' }), 'omslag.jpg');
    const upload = (await (await fetch(`${suite.app.url}/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${hrLogin.accessToken}` } })).json()) as { id: string };
    const title = `Nieuwe thuiswerkregeling vanaf maart (${device})`;
    const { id: postId } = await publish('demo.hr', title, { coverUploadId: upload.id, tags: ['thuiswerken', 'hr nieuws'] });

    const reader = await open('demo.employee');
    await reader.goto(`/blogs/${postId}`);
    await reader.getByRole('heading', { name: title }).waitFor();
    const like = reader.getByRole('button', { name: /Vind ik leuk/ });
    await like.click();
    // The heart and the count change at once, and stay after a reload (the server kept it).
    await reader.getByRole('button', { name: /Vind ik niet meer leuk/ }).waitFor();
    await reader.getByTestId('like-count').filter({ hasText: /^1$/ }).waitFor();
    expect(await reader.getByRole('button', { name: /Vind ik niet meer leuk/ }).getAttribute('aria-pressed')).toBe('true');
    await reader.reload();
    await reader.getByTestId('like-count').filter({ hasText: /^1$/ }).waitFor();
    await reader.getByLabel('Reageer op deze post').fill('Geldt dit ook voor parttimers?');
    await reader.getByRole('button', { name: 'Reageren' }).click();
    await reader.getByText('Geldt dit ook voor parttimers?').waitFor();
    const other = await comment((await suite.app.login('demo.contractor')).accessToken, postId, 'Ja, naar rato: het staat in de regeling, artikel 4.');
    expect(other).toBeTruthy();

    const hr = await open('demo.hr');
    await hr.goto(`/blogs/${postId}`);
    const question = hr.getByTestId('comment').filter({ hasText: 'Geldt dit ook voor parttimers?' });
    await question.getByRole('button', { name: 'Antwoorden' }).click();
    await hr.getByLabel(/Antwoord aan/).fill('Goede vraag, zie de reactie hieronder.');
    await hr.getByRole('button', { name: 'Reageren' }).click();
    await hr.getByText('Goede vraag, zie de reactie hieronder.').waitFor();
    // Replying marks nothing: no answer on top.
    expect(await hr.getByTestId('answer').count()).toBe(0);
    const answer = hr.getByTestId('comment').filter({ hasText: 'Ja, naar rato' });
    await answer.getByRole('button', { name: 'Markeer als antwoord' }).click();
    await hr.getByTestId('answer').filter({ hasText: 'Ja, naar rato: het staat in de regeling, artikel 4.' }).waitFor();
    await answer.getByRole('button', { name: 'Geen antwoord meer' }).waitFor();
    await expectAccessible(hr);
    await expectNoSidewaysScroll(hr);

    // The reader sees the answer on top, live, and has no button to mark one.
    await reader.getByTestId('answer').filter({ hasText: 'Ja, naar rato' }).waitFor({ timeout: 10_000 });
    expect(await reader.getByRole('button', { name: 'Markeer als antwoord' }).count()).toBe(0);
    await expectAccessible(reader);
    mkdirSync(DOCS, { recursive: true });
    // The screen as the reader sees it first (a full-page shot would paint the phone's fixed tab bar mid-page).
    await reader.evaluate(() => window.scrollTo(0, 0));
    await reader.screenshot({ path: path.join(DOCS, `blog-post-${device}.png`) });
    await answerOnTop(reader, device);

    // Unliking brings the count back; the author takes the answer mark off.
    await reader.getByRole('button', { name: /Vind ik niet meer leuk/ }).click();
    await reader.getByTestId('like-count').filter({ hasText: /^0$/ }).waitFor();
    await answer.getByRole('button', { name: 'Geen antwoord meer' }).click();
    await hr.getByTestId('answer').waitFor({ state: 'detached' });
    await reader.getByTestId('answer').waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('communications staff feature a post from the post itself and unfeature it; home shows it in between', async () => {
    const title = `Open dag op 12 april (${device})`;
    const { id: postId } = await publish('demo.employee', title);
    const author = await open('demo.employee');
    await author.goto(`/blogs/${postId}`);
    await author.getByRole('heading', { name: title }).waitFor();
    // The author is not communications staff: no feature control.
    expect(await author.getByRole('button', { name: 'Uitlichten', exact: true }).count()).toBe(0);

    const comms = await open('demo.moderator');
    await comms.goto(`/blogs/${postId}`);
    await comms.getByRole('button', { name: 'Uitlichten', exact: true }).waitFor();
    expect(await comms.getByTestId('featured-badge').count()).toBe(0);
    await comms.getByLabel('Uitlichten voor').selectOption('14');
    await comms.getByRole('button', { name: 'Uitlichten', exact: true }).click();
    await comms.getByTestId('featured-badge').filter({ hasText: 'Uitgelicht' }).waitFor();
    await comms.getByRole('button', { name: 'Niet meer uitlichten' }).waitFor();
    await expectAccessible(comms);

    const titled = new RegExp(title.replace(/[()]/g, '\\$&'));
    await author.goto('/');
    await author.getByRole('region', { name: 'Uitgelicht' }).getByRole('link', { name: titled }).waitFor();

    await comms.getByRole('button', { name: 'Niet meer uitlichten' }).click();
    await comms.getByRole('button', { name: 'Uitlichten', exact: true }).waitFor();
    expect(await comms.getByTestId('featured-badge').count()).toBe(0);
    // The blogs list loads featured and all posts at once: the post is in the list, not featured.
    await author.goto('/blogs');
    await author.getByTestId('post-item').filter({ hasText: title }).first().waitFor();
    expect(await author.getByRole('region', { name: 'Uitgelicht' }).getByRole('link', { name: titled }).count()).toBe(0);
  });

  it('the author sees readers and comment counts, edits the post, and unpublishes it only after confirming', async () => {
    const title = `Verbouwing kantine (${device})`;
    const { id: postId } = await publish('demo.hr', title, { tags: ['kantine'] });
    const reader = await open('demo.employee');
    await reader.goto(`/blogs/${postId}`);
    await reader.getByRole('heading', { name: title }).waitFor();
    // Readers get neither the figures nor the author's tools.
    expect(await reader.getByTestId('post-figures').count()).toBe(0);
    expect(await reader.getByRole('link', { name: 'Bewerken' }).count()).toBe(0);
    expect(await reader.getByRole('button', { name: 'Depubliceren' }).count()).toBe(0);
    await comment((await suite.app.login('demo.employee')).accessToken, postId, 'Hoe lang duurt het?');

    // The reader's visit is counted (the page records it as it opens) before the author looks.
    const { accessToken: hrToken } = await suite.app.login('demo.hr');
    for (let i = 0; i < 40; i++) {
      const stats = await suite.app.gql<{ blogPostStats: { uniqueReaders: number } }>('query($p: ID!) { blogPostStats(postId: $p) { uniqueReaders } }', { p: postId }, hrToken);
      if (stats.body.data?.blogPostStats.uniqueReaders === 1) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const hr = await open('demo.hr');
    await hr.goto(`/blogs/${postId}`);
    const figures = hr.getByTestId('post-figures');
    await figures.getByTestId('figure-readers').filter({ hasText: /^1$/ }).waitFor();
    await figures.getByTestId('figure-comments').filter({ hasText: /^1$/ }).waitFor();
    await figures.getByText('Alleen totalen: nooit wie het las. Alleen jij ziet deze cijfers.').waitFor();
    await expectAccessible(hr);
    await screenshot(hr, `blog-author-${device}`);
    // The same figures beside each of the author's posts on the blogs page.
    await hr.goto('/blogs');
    await hr.getByTestId('my-posts').getByRole('listitem').filter({ hasText: title }).getByTestId('my-post-figures').filter({ hasText: '1 lezer · 1 reactie' }).waitFor();
    await expectAccessible(hr);
    await expectNoSidewaysScroll(hr);
    await hr.goto(`/blogs/${postId}`);

    // Edit: the editor opens with the Markdown the author wrote.
    await hr.getByRole('link', { name: 'Bewerken' }).click();
    await hr.getByRole('heading', { name: 'Blogpost bewerken' }).waitFor();
    expect(await hr.getByLabel('Tekst (Markdown)').inputValue()).toContain('De **onderhandelingen** lopen.');
    await hr.getByLabel('Titel').fill(`${title}: de planning`);
    await hr.getByLabel('Tags (gescheiden door komma’s)').fill('kantine, verbouwing begane grond');
    await hr.getByTestId('tags-stored').filter({ hasText: '#kantine #verbouwing-begane-grond' }).waitFor();
    await expectAccessible(hr);
    await hr.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await hr.getByRole('heading', { name: `${title}: de planning` }).waitFor();
    await hr.getByText('#kantine #verbouwing-begane-grond').waitFor();

    // Unpublish asks first; cancelling keeps it published.
    await hr.getByRole('button', { name: 'Depubliceren' }).click();
    const dialog = hr.getByRole('dialog', { name: 'Deze post depubliceren?' });
    await dialog.waitFor();
    await expectAccessible(hr);
    await hr.screenshot({ path: path.join('test-results/screenshots', `blog-unpublish-${device}.png`) });
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await hr.getByText('Dit is een concept: alleen jij ziet het.').count()).toBe(0);
    await hr.getByRole('button', { name: 'Depubliceren' }).click();
    await dialog.getByRole('button', { name: 'Ja, depubliceren' }).click();
    await hr.getByText('Dit is een concept: alleen jij ziet het.').waitFor();
    await hr.getByRole('button', { name: 'Publiceren', exact: true }).waitFor();
    // Gone for the reader, live.
    await reader.getByText('Deze blogpost is niet meer beschikbaar.').waitFor({ timeout: 10_000 });
  });
});
