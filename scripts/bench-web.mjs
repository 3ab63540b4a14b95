// npm run bench:web — how fast the first screen is in a real browser, and how much JavaScript it
// needs. Boots the built app as `npm start` does (embedded PostgreSQL and LDAP, demo data) on a
// throwaway data dir, then drives Debian's Chromium (playwright-core) over loopback:
//   - login → home: from submitting the login form to the home feed being interactive;
//   - cold load of / with a session: a fresh browser context (empty HTTP cache) that carries the
//     refresh cookie, from navigation start to the home feed being interactive;
// "interactive" = the composer is on screen, the feed has finished loading (aria-busy false) and
// the main thread has had an idle moment after that (requestIdleCallback), measured inside the page.
//   - a thread page: cold load of /messages/<id> with a session (a demo conversation with replies),
//     navigation → the root, its replies and the reply box on screen and idle; and the same page
//     opened from the home feed by clicking the card (client-side navigation);
// Also reports the size of the first screen's JavaScript over the wire (the brotli files the api
// serves; gzip beside it): the entry chunk and the chunks it imports statically (the modulepreload
// links Vite writes into index.html), against 150 KB. Targets (issues #16, #18): interactive within 1 s.
// Options: --runs N (default 7), --messages N messages in the feed first (default 40), --replies N in the thread (default 12).
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { pct } from './bench-support.mjs';

const ENTRY = 'dist/apps/api/apps/api/src/main.js';
const WEB = path.resolve('dist/web');
const CHROMIUM = process.env.PLEIN_CHROMIUM ?? '/usr/bin/chromium';
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 7);
const MESSAGES = arg('messages', 40);
const REPLIES = arg('replies', 12);
const TARGET_MS = 1000;
const TARGET_KB = 150;

/** The first screen's JavaScript: entry script plus its static imports, brotli (as served) and gzipped (level 9). */
function bundleSize() {
  const html = readFileSync(path.join(WEB, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  const rows = files.map((f) => {
    const bytes = readFileSync(path.join(WEB, f.replace(/^\//, '')));
    const file = path.join(WEB, f.replace(/^\//, ''));
    let br;
    try {
      br = readFileSync(`${file}.br`).length; // what the api sends to a browser that accepts br
    } catch {
      br = brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
    }
    return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, br };
  });
  return rows;
}

async function startApp(dataDir) {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: '0',
    HOST: '127.0.0.1',
    PLEIN_DATA_DIR: dataDir,
    // Many logins from one address in a few seconds is the benchmark, not an attack.
    LOGIN_RATE_LIMIT_PER_IP: '100000',
    POST_RATE_LIMIT_PER_MINUTE: '100000',
  };
  const child = spawn(process.execPath, [ENTRY], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      const m = /"msg":"Plein is ready","url":"([^"]+)"/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the app exited ${code}\n${out.slice(-2000)}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function apiLogin(url, username) {
  const res = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'plein-demo' }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return (await res.json()).accessToken;
}

/** Fills the company feed, so the first screen has a full page of messages to show. */
async function seedFeed(url) {
  const authors = await Promise.all(['demo.hr', 'demo.ceo', 'demo.contractor', 'demo.freelancer'].map((u) => apiLogin(url, u)));
  for (let i = 0; i < MESSAGES; i++) {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${authors[i % authors.length]}` },
      body: JSON.stringify({
        query: 'mutation($input: PostMessageInput!) { postMessage(input: $input) { id } }',
        variables: { input: { text: `Bericht ${i + 1} voor de benchmark: wie gaat er mee naar de #kerstborrel? https://plein.example/agenda`, audience: 'company' } },
      }),
    });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  }
}

/**
 * Installed in every page: when the login form is submitted it notes the time, and from then on (or
 * from navigation start) it watches each frame for the home feed, then waits for an idle moment.
 */
const PROBE = () => {
  const w = window;
  w.__plein = { submitAt: null, readyAt: null };
  document.addEventListener('submit', () => (w.__plein.submitAt ??= performance.now()), true);
  const ready = () => document.querySelector('#composer-text') && document.querySelector('.feed[aria-busy="false"]');
  const tick = () => {
    if (ready()) requestIdleCallback(() => (w.__plein.readyAt = performance.now()));
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

/** The thread page is ready when the root, the replies list and the reply box are on screen, then idle. */
const THREAD_PROBE = () => {
  const w = window;
  w.__thread = { clickAt: null, readyAt: null };
  document.addEventListener('click', () => (w.__thread.clickAt ??= performance.now()), true);
  const ready = () => location.pathname.startsWith('/messages/') && document.querySelector('[data-testid="replies"] li') && document.querySelector('#reply');
  const tick = () => {
    if (ready()) requestIdleCallback(() => (w.__thread.readyAt = performance.now()));
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

/**
 * The conversation the thread rows open: the newest message on the company feed (the bench's last,
 * so its card is on the home feed's first screen) with REPLIES replies by four people.
 */
async function seedThread(url) {
  const authors = await Promise.all(['demo.hr', 'demo.ceo', 'demo.contractor', 'demo.freelancer'].map((u) => apiLogin(url, u)));
  const post = async (token, input) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation($input: PostMessageInput!) { postMessage(input: $input) { id } }', variables: { input } }),
    });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data.postMessage.id;
  };
  const id = await post(authors[0], { text: 'Wie denkt er mee over de nieuwe #thuiswerkregeling? Ik hoor graag jullie ervaringen.', audience: 'company' });
  for (let i = 0; i < REPLIES; i++) await post(authors[(i + 1) % authors.length], { text: `Reactie ${i + 1}: bij ons team werkt twee dagen thuis goed, mits de overleggen op vaste dagen vallen.`, replyToId: id });
  return { id, replyCount: REPLIES };
}

async function threadColdRun(browser, url, state, id) {
  const context = await browser.newContext({ baseURL: url, locale: 'nl-NL', viewport: { width: 1280, height: 860 }, storageState: state });
  await context.addInitScript(THREAD_PROBE);
  const page = await context.newPage();
  await page.goto(`/messages/${id}`);
  await page.waitForFunction(() => window.__thread.readyAt !== null, null, { timeout: 30_000 });
  const { readyAt } = await page.evaluate(() => window.__thread);
  await context.close();
  return readyAt;
}

/** From the home feed (loaded and idle), click the conversation's card: click → thread interactive. */
async function threadClickRun(browser, url, state, id) {
  const context = await browser.newContext({ baseURL: url, locale: 'nl-NL', viewport: { width: 1280, height: 860 }, storageState: state });
  const page = await context.newPage();
  await page.goto('/');
  const card = page.locator(`[data-testid="message"][data-message-id="${id}"]`).first();
  await card.waitFor({ timeout: 30_000 });
  await page.evaluate(THREAD_PROBE);
  await card.locator('.time-link').click();
  await page.waitForFunction(() => window.__thread.readyAt !== null, null, { timeout: 30_000 });
  const { clickAt, readyAt } = await page.evaluate(() => window.__thread);
  await context.close();
  return readyAt - clickAt;
}

async function loginRun(browser, url) {
  const context = await browser.newContext({ baseURL: url, locale: 'nl-NL', viewport: { width: 1280, height: 860 } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Gebruikersnaam').fill('demo.employee');
  await page.getByLabel('Wachtwoord').fill('plein-demo');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForFunction(() => window.__plein.readyAt !== null, null, { timeout: 30_000 });
  const { submitAt, readyAt } = await page.evaluate(() => window.__plein);
  const state = await context.storageState();
  await context.close();
  return { ms: readyAt - submitAt, state };
}

async function coldRun(browser, url, state) {
  const context = await browser.newContext({ baseURL: url, locale: 'nl-NL', viewport: { width: 1280, height: 860 }, storageState: state });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  await page.goto('/');
  await page.waitForFunction(() => window.__plein.readyAt !== null, null, { timeout: 30_000 });
  const { readyAt } = await page.evaluate(() => window.__plein);
  await context.close();
  return readyAt; // performance.now() counts from navigation start
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'plein-bench-web-'));
chmodSync(dir, 0o755);
let app;
let browser;
try {
  const bundle = bundleSize();
  app = await startApp(dir);
  await seedFeed(app.url);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  // One unmeasured round warms the api (JIT, statement cache) as a running server would be.
  const warm = await loginRun(browser, app.url);
  await coldRun(browser, app.url, warm.state);

  const thread = await seedThread(app.url);
  await threadColdRun(browser, app.url, warm.state, thread.id);

  const login = [];
  const cold = [];
  const threadCold = [];
  const threadClick = [];
  let state = warm.state;
  for (let i = 0; i < RUNS; i++) {
    const r = await loginRun(browser, app.url);
    login.push(r.ms);
    state = r.state;
    cold.push(await coldRun(browser, app.url, state));
    threadCold.push(await threadColdRun(browser, app.url, state, thread.id));
    threadClick.push(await threadClickRun(browser, app.url, state, thread.id));
  }

  const f = (ms) => Math.round(ms);
  console.log(`\nFirst screen in headless Chromium, ${os.cpus().length} cores, Node ${process.version}, ${RUNS} runs each, ${MESSAGES} messages in the feed`);
  console.log('| measurement | p50 ms | p95 ms | max ms |\n| --- | ---: | ---: | ---: |');
  console.log(`| log in: submit → home feed interactive | ${f(pct(login, 50))} | ${f(pct(login, 95))} | ${f(Math.max(...login))} |`);
  console.log(`| cold load of / with a session: navigation → home feed interactive | ${f(pct(cold, 50))} | ${f(pct(cold, 95))} | ${f(Math.max(...cold))} |`);
  console.log(`| thread page (${thread.replyCount} replies), cold load with a session: navigation → interactive | ${f(pct(threadCold, 50))} | ${f(pct(threadCold, 95))} | ${f(Math.max(...threadCold))} |`);
  console.log(`| thread page from the home feed: click → interactive | ${f(pct(threadClick, 50))} | ${f(pct(threadClick, 95))} | ${f(Math.max(...threadClick))} |`);
  const worst = Math.max(pct(login, 95), pct(cold, 95), pct(threadCold, 95), pct(threadClick, 95));
  console.log(`\nTarget: interactive within ${TARGET_MS} ms: ${worst <= TARGET_MS ? 'met' : 'NOT met'} (p95 ${f(worst)} ms)`);

  console.log('\n| first-screen JavaScript | bytes | gzip | brotli (served) |\n| --- | ---: | ---: | ---: |');
  for (const r of bundle) console.log(`| ${r.file} | ${r.raw} | ${r.gzip} | ${r.br} |`);
  const sum = (k) => bundle.reduce((a, r) => a + r[k], 0);
  const total = sum('br');
  console.log(`| total | ${sum('raw')} | ${sum('gzip')} | ${total} |`);
  console.log(`\nTarget: at most ${TARGET_KB} KB over the wire (brotli): ${total / 1024 <= TARGET_KB ? 'met' : 'NOT met'} (${(total / 1024).toFixed(1)} KB; gzip ${(sum('gzip') / 1024).toFixed(1)} KB)`);
} finally {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
}
