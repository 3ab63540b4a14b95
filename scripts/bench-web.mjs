// npm run bench:web — how fast the first screen is in a real browser, and how much JavaScript it
// needs. Boots the built app as `npm start` does (embedded PostgreSQL and LDAP, demo data) on a
// throwaway data dir, then drives Debian's Chromium (playwright-core) over loopback:
//   - login → home: from submitting the login form to the home feed being interactive;
//   - cold load of / with a session: a fresh browser context (empty HTTP cache) that carries the
//     refresh cookie, from navigation start to the home feed being interactive;
// "interactive" = the composer is on screen, the feed has finished loading (aria-busy false) and
// the main thread has had an idle moment after that (requestIdleCallback), measured inside the page.
// Also reports the gzipped size of the first screen's JavaScript: the entry chunk and the chunks it
// imports statically (the modulepreload links Vite writes into index.html), against 300 KB.
// Options: --runs N (default 7), --messages N messages in the feed first (default 40).
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
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
const TARGET_MS = 2000;
const TARGET_KB = 300;

/** The first screen's JavaScript: entry script plus its static imports, each gzipped (level 9). */
function bundleSize() {
  const html = readFileSync(path.join(WEB, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  const rows = files.map((f) => {
    const bytes = readFileSync(path.join(WEB, f.replace(/^\//, '')));
    return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
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

  const login = [];
  const cold = [];
  let state = warm.state;
  for (let i = 0; i < RUNS; i++) {
    const r = await loginRun(browser, app.url);
    login.push(r.ms);
    state = r.state;
    cold.push(await coldRun(browser, app.url, state));
  }

  const f = (ms) => Math.round(ms);
  console.log(`\nFirst screen in headless Chromium, ${os.cpus().length} cores, Node ${process.version}, ${RUNS} runs each, ${MESSAGES} messages in the feed`);
  console.log('| measurement | p50 ms | p95 ms | max ms |\n| --- | ---: | ---: | ---: |');
  console.log(`| log in: submit → home feed interactive | ${f(pct(login, 50))} | ${f(pct(login, 95))} | ${f(Math.max(...login))} |`);
  console.log(`| cold load of / with a session: navigation → home feed interactive | ${f(pct(cold, 50))} | ${f(pct(cold, 95))} | ${f(Math.max(...cold))} |`);
  const worst = Math.max(pct(login, 95), pct(cold, 95));
  console.log(`\nTarget: interactive within ${TARGET_MS} ms: ${worst <= TARGET_MS ? 'met' : 'NOT met'} (p95 ${f(worst)} ms)`);

  console.log('\n| first-screen JavaScript | bytes | gzipped |\n| --- | ---: | ---: |');
  for (const r of bundle) console.log(`| ${r.file} | ${r.raw} | ${r.gzip} |`);
  const total = bundle.reduce((a, r) => a + r.gzip, 0);
  console.log(`| total | ${bundle.reduce((a, r) => a + r.raw, 0)} | ${total} |`);
  console.log(`\nTarget: under ${TARGET_KB} KB gzipped: ${total / 1024 < TARGET_KB ? 'met' : 'NOT met'} (${(total / 1024).toFixed(1)} KB)`);
} finally {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
}
