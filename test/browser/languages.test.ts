/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSuite, DESK } from './support.js';

/**
 * Plein speaks the reader's language everywhere. In Dutch and in English, a member and an
 * admin/moderator walk every screen of the web app (the routes in App.tsx), with every notification
 * kind waiting, a moderated message, an HR import report, a validation error and a network failure;
 * the visible text (and labels, placeholders, alt texts) must hold no string of the other language:
 * none of the other catalog's distinctive phrases (2+ words that the reader's catalog does not have),
 * and in Dutch none of the English sentences the server used to send.
 */
const root = path.resolve(import.meta.dirname, '../..');
type Language = 'nl' | 'en';
const catalog = (l: Language) => JSON.parse(readFileSync(path.join(root, `apps/web/src/locales/${l}.json`), 'utf8')) as Record<string, string>;
const catalogs: Record<Language, Record<string, string>> = { nl: catalog('nl'), en: catalog('en') };

/** The literal text of an ICU message between its arguments ("{who} liked your message" → "liked your message"). */
function fragments(message: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of message) {
    if (ch === '{') {
      if (depth === 0) out.push(current);
      current = '';
      depth++;
    } else if (ch === '}') depth--;
    else if (depth === 0) current += ch;
  }
  out.push(current);
  return out.map((f) => f.replace(/\s+/g, ' ').trim().replace(/^[\s:;,.·–—-]+|[\s:;,.·–—-]+$/g, '')).filter((f) => (f.match(/\p{L}{2,}/gu) ?? []).length >= 2);
}

/** Phrases only the other language's catalog has: what a reader of `language` must never see. */
function foreignPhrases(language: Language): string[] {
  const other: Language = language === 'nl' ? 'en' : 'nl';
  const own = Object.values(catalogs[language]).join('\n').toLowerCase();
  const phrases = new Set(Object.values(catalogs[other]).flatMap(fragments));
  return [...phrases].filter((p) => !own.includes(p.toLowerCase()));
}

/** English the server used to write for people (notifications, placeholders, import reasons, errors). */
const ENGLISH_SERVER_PHRASES = [
  'commented on a blog post of yours',
  'published a new blog post',
  'mentioned you in a blog comment',
  'Moderation acted on your content',
  'A report you made has been reviewed',
  'liked your message',
  'started following you',
  'replied to your message',
  'Removed by moderation',
  'is not a valid email address',
  'Failed to fetch',
  '[Network]',
  '[GraphQL]',
  'Something went wrong',
  'is not a tag',
  'already appears on line',
];

const MEMBER_ROUTES = ['/', '/profile', '/profile/linkedin', '/notifications', '/people', '/groups', '/blogs', '/blogs/write', '/vacancies', '/notices', '/insights', '/my/reports', '/my/moderation', '/no-such-page'];
const ADMIN_ROUTES = ['/admin/hr-import', '/admin/barriers', '/admin/roles', '/admin/profile-fields', '/admin/scim', '/admin/audit', '/vacancies/new', '/notices/new', '/insights'];
const MODERATOR_ROUTES = ['/moderation', '/notifications'];
const ALL_KINDS = ['mention', 'reply', 'like', 'reshare', 'follow', 'moderation', 'report_outcome', 'blog_post', 'blog_comment', 'blog_mention', 'notice_update', 'vacancy_match', 'vacancy_referral', 'vacancy_interest', 'poll_closed', 'group_approved'];

describe('the web app in Dutch and in English', () => {
  const suite = browserSuite({ WORKER_INLINE: 'true' });
  const ids: { person: string; group?: string; post?: string; notice?: string } = { person: '' };

  async function ok<T = any>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await suite.app.gql<T>(query, variables, token);
    if (res.body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.body.errors)}`);
    return res.body.data as T;
  }

  /** Every notification kind waiting for demo.employee: real actions where they are one call, the rest as stored rows. */
  async function produceNotifications(): Promise<void> {
    const employee = await suite.app.login('demo.employee');
    const ceo = await suite.app.login('demo.ceo');
    const hr = await suite.app.login('demo.hr');
    const moderator = await suite.app.login('demo.moderator');
    ids.person = ceo.person.id;
    const post = (token: string, text: string, extra: Record<string, unknown> = {}) =>
      ok<{ postMessage: { id: string } }>(token, 'mutation P($input: PostMessageInput!) { postMessage(input: $input) { id } }', { input: { text, audience: 'company', ...extra } }).then((d) => d.postMessage.id);

    const mine = await post(employee.accessToken, 'Wie gaat er mee lunchen vandaag?');
    await ok(ceo.accessToken, 'mutation L($id: ID!) { likeMessage(id: $id) { id } }', { id: mine });
    await ok(hr.accessToken, 'mutation L($id: ID!) { likeMessage(id: $id) { id } }', { id: mine });
    await ok(ceo.accessToken, 'mutation P($input: PostMessageInput!) { postMessage(input: $input) { id } }', { input: { text: 'Ik schuif aan!', replyToId: mine } });
    await ok(ceo.accessToken, 'mutation F($id: ID!) { follow(personId: $id) { id } }', { id: employee.person.id });
    await post(ceo.accessToken, 'Goed werk van @demo.employee deze week.');

    // Moderation: the employee's message is removed (MODERATION); the employee's own report is decided (REPORT_OUTCOME).
    const rude = await post(employee.accessToken, 'Dit bericht gaat te ver.');
    const REPORT = 'mutation R($input: ReportInput!) { reportContent(input: $input) { id } }';
    const ACT = 'mutation A($input: ModerateItemInput!) { moderateItem(input: $input) { id } }';
    await ok(hr.accessToken, REPORT, { input: { itemType: 'MESSAGE', itemId: rude, reason: 'HARASSMENT_OR_BULLYING' } });
    await ok(moderator.accessToken, ACT, { input: { itemType: 'MESSAGE', itemId: rude, action: 'REMOVE', reason: 'Kwetsend voor collega’s.' } });
    const ceoMessage = await post(ceo.accessToken, 'Koop nu mijn fiets, superaanbieding!');
    await ok(employee.accessToken, REPORT, { input: { itemType: 'MESSAGE', itemId: ceoMessage, reason: 'SPAM_OR_ADVERTISING' } });
    await ok(moderator.accessToken, ACT, { input: { itemType: 'MESSAGE', itemId: ceoMessage, action: 'DISMISS', reason: 'Past bij de marktplaatsgroep.' } });

    // Blog, notice and vacancy kinds are stored as the fan-out jobs store them (their flows have their own tests).
    const db = new pg.Client({ connectionString: suite.app.databaseUrl });
    await db.connect();
    try {
      const have = new Set((await db.query(`SELECT DISTINCT kind FROM notifications WHERE recipient_id = $1`, [employee.person.id])).rows.map((r) => r.kind as string));
      const subject: Record<string, string> = {
        blog_post: `blog-post:${crypto.randomUUID()}`,
        blog_comment: `blog-comment:${crypto.randomUUID()}`,
        blog_mention: `blog-mention:${crypto.randomUUID()}`,
        notice_update: `notice:${crypto.randomUUID()}`,
        vacancy_match: `vacancy-match:${crypto.randomUUID()}`,
        vacancy_referral: `vacancy-referral:${crypto.randomUUID()}`,
        vacancy_interest: `vacancy-interest:${crypto.randomUUID()}`,
        reshare: `reshare:${crypto.randomUUID()}`,
        mention: `mention:${crypto.randomUUID()}`,
        poll_closed: `poll:${crypto.randomUUID()}`,
        group_approved: `group-approved:${crypto.randomUUID()}`,
      };
      for (const kind of ALL_KINDS.filter((k) => !have.has(k))) {
        const actors = kind === 'vacancy_match' || kind === 'moderation' || kind === 'report_outcome' || kind === 'poll_closed' ? [] : [ceo.person.id];
        await db.query(`INSERT INTO notifications (recipient_id, kind, actor_ids, actor_count, group_key) VALUES ($1, $2, $3::uuid[], $4, $5)`, [employee.person.id, kind, actors, actors.length, subject[kind] ?? null]);
      }
      const kinds = (await db.query(`SELECT DISTINCT kind FROM notifications WHERE recipient_id = $1`, [employee.person.id])).rows.map((r) => r.kind as string);
      expect(kinds.sort()).toEqual([...ALL_KINDS].sort());
      // The real flows made the server-side kinds the old web app showed as English summaries.
      expect(have.has('moderation') && have.has('report_outcome') && have.has('like') && have.has('follow')).toBe(true);
      ids.group = (await db.query(`SELECT id FROM groups WHERE kind = 'open' ORDER BY created_at LIMIT 1`)).rows[0]?.id;
      ids.post = (await db.query(`SELECT id FROM blog_posts WHERE status = 'published' AND moderation_state = 'visible' ORDER BY published_at DESC LIMIT 1`)).rows[0]?.id;
      ids.notice = (await db.query(`SELECT id FROM notices ORDER BY created_at DESC LIMIT 1`)).rows[0]?.id;
    } finally {
      await db.end();
    }
  }

  async function open(language: Language): Promise<{ context: BrowserContext; page: Page }> {
    const context = await suite.browser.newContext({ baseURL: suite.app.url, locale: language === 'nl' ? 'nl-NL' : 'en-GB', ...DESK });
    await context.addInitScript((l) => localStorage.setItem('plein.language', l), language);
    return { context, page: await context.newPage() };
  }

  async function login(page: Page, language: Language, username: string): Promise<void> {
    const t = catalogs[language];
    await page.goto('/');
    await page.getByLabel(t['login.username']!).fill(username);
    await page.getByLabel(t['login.password']!).fill('plein-demo');
    await page.getByRole('button', { name: t['login.submit'], exact: true }).click();
    await page.getByTestId('me-name').waitFor({ state: 'attached' });
  }

  /** What a reader sees on the page: its text, and the labels, placeholders and alt texts. */
  async function visibleText(page: Page): Promise<string> {
    return page.evaluate(() => {
      const attrs = [...document.querySelectorAll('[aria-label], [placeholder], [alt], [title]')].flatMap((el) =>
        ['aria-label', 'placeholder', 'alt', 'title'].map((a) => el.getAttribute(a) ?? ''),
      );
      return `${document.title}\n${document.body.innerText}\n${attrs.join('\n')}`.replace(/\s+/g, ' ');
    });
  }

  async function settle(page: Page, language: Language): Promise<void> {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.getByText(catalogs[language]['app.loading']!).first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  }

  function leaks(text: string, language: Language): string[] {
    const foreign = foreignPhrases(language);
    const server = language === 'nl' ? ENGLISH_SERVER_PHRASES : [];
    return [...new Set([...foreign, ...server].filter((p) => text.includes(p)))];
  }

  async function walk(page: Page, language: Language, routes: string[], found: Record<string, string[]>): Promise<void> {
    for (const route of routes) {
      await page.goto(route);
      await page.getByTestId('me-name').waitFor({ state: 'attached' });
      await settle(page, language);
      const leaked = leaks(await visibleText(page), language);
      if (leaked.length) found[route] = leaked;
    }
  }

  it.each(['nl', 'en'] as Language[])('shows no %s reader a string of the other language, on any screen, notification, error or report', async (language) => {
    if (!ids.person) await produceNotifications();
    const t = catalogs[language];
    const found: Record<string, string[]> = {};
    // What the reader must see besides (checked last, so a failure first lists what leaked).
    const saw: Record<string, boolean> = {};
    const shows = (locator: ReturnType<Page['getByText']>) => locator.first().waitFor({ timeout: 5_000 }).then(() => true, () => false);
    expect(foreignPhrases(language).length).toBeGreaterThan(300);

    // A member walks every screen (and the detail screens of a person, group, blog post and notice).
    const member = await open(language);
    await login(member.page, language, 'demo.employee');
    const details = [`/people/${ids.person}`, ids.group && `/groups/${ids.group}`, ids.post && `/blogs/${ids.post}`, ids.notice && `/notices/${ids.notice}`].filter((r): r is string => !!r);
    await walk(member.page, language, [...MEMBER_ROUTES, ...details], found);

    // Every notification kind is listed, each said in the reader's language.
    await member.page.goto('/notifications');
    const list = member.page.getByTestId('notifications');
    await list.waitFor();
    await list.locator('li').nth(ALL_KINDS.length - 1).waitFor();
    found['/notifications (list)'] = leaks(await visibleText(member.page), language);
    saw['every kind listed'] = (await list.locator('li').count()) >= ALL_KINDS.length;
    saw['moderation notification'] = await shows(list.getByText(t['notifications.MODERATION']!));
    saw['report outcome notification'] = await shows(list.getByText(t['notifications.REPORT_OUTCOME']!));
    saw['blog comment notification'] = await shows(list.getByText(t['notifications.BLOG_COMMENT']!.replace('{who}', 'Marjolein van Houten')));

    // The removed message shows its moderation state to its author, in the reader's language.
    await member.page.goto('/profile');
    await settle(member.page, language);
    found['/profile (removed message)'] = leaks(await visibleText(member.page), language);

    // A validation error from the server: a tag it refuses, said with its limit in the reader's language.
    await member.page.goto('/blogs/write');
    await settle(member.page, language);
    await member.page.locator('#b-title').fill('Onze nieuwe kantine');
    await member.page.locator('#b-body').fill('De kantine is open.');
    // Spaces and punctuation become hyphens (one tag); only a tag over 50 characters is refused.
    await member.page.locator('#b-tags').fill(`kantine, ${'lang'.repeat(13)}`);
    await member.page.getByRole('button', { name: t['blogs.publish'], exact: true }).click();
    await member.page.getByRole('alert').waitFor();
    found['/blogs/write (refused tag)'] = leaks(await visibleText(member.page), language);
    saw['refused tag, with its limit'] = await shows(member.page.getByRole('alert').getByText(t['error.input.invalidTag']!.replace('{max}', '50')));

    // No connection: the composer says so in the reader's language: the post is kept and retried (issue 16).
    await member.page.goto('/');
    await settle(member.page, language);
    await member.context.setOffline(true);
    // The composer is one line until tapped; tapping it shows the post button.
    const composer = member.page.locator('form.composer').first();
    await composer.locator('textarea').first().click();
    await composer.locator('textarea').first().fill('Dit gaat niet aankomen.');
    await composer.getByRole('button', { name: t['composer.post'], exact: true }).click();
    await composer.getByRole('alert').waitFor({ timeout: 15_000 });
    found['/ (offline)'] = leaks(await visibleText(member.page), language);
    saw['no connection'] = await shows(composer.getByText(t['error.offlineSaved']!));
    await member.context.setOffline(false);
    await member.context.close();

    // An admin walks the admin screens and runs an HR import with a rejected row.
    const admin = await open(language);
    await login(admin.page, language, 'demo.admin');
    await walk(admin.page, language, ADMIN_ROUTES, found);
    await admin.page.goto('/admin/hr-import');
    await admin.page.locator('#hr-file').setInputFiles({
      name: 'personeel.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('employee_number,given_name,family_name,email,employment_type\nZ001,Kees,Bakker,kees.at.plein-telecom.nl,employee\nZ002,Mira,Dekker,mira.dekker@plein-telecom.nl,stagiair\n'),
    });
    await admin.page.getByRole('button', { name: t['admin.hr.start'], exact: true }).click();
    await admin.page.getByTestId('hr-status').getByText(t['admin.hr.status.SUCCEEDED']!).waitFor({ timeout: 30_000 });
    await admin.page.getByTestId('hr-status').locator('li').nth(1).waitFor();
    found['/admin/hr-import (report)'] = leaks(await visibleText(admin.page), language);
    saw['import reason'] = await shows(admin.page.getByTestId('hr-status').getByText(t['import.reason.invalid_email']!.replace('{value}', 'kees.at.plein-telecom.nl')));
    await admin.context.close();

    // A moderator walks the moderation queue.
    const moderator = await open(language);
    await login(moderator.page, language, 'demo.moderator');
    await walk(moderator.page, language, MODERATOR_ROUTES, found);
    await moderator.context.close();

    expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length))).toEqual({});
    expect(saw).toEqual(Object.fromEntries(Object.keys(saw).map((k) => [k, true])));
    expect(Object.keys(saw).length).toBe(7);
  }, 240_000);
});
