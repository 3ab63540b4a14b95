import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { bootApp, type TestApp } from './support/app.js';

/**
 * The api serves the built web app (`npm run build:web`, part of `npm test`'s build) with the
 * precompressed brotli or gzip file the browser accepts, and caches hashed assets for a year.
 * The first screen's JavaScript stays within its budget of 150 KB over the wire.
 */
const WEB_DIR = path.resolve(import.meta.dirname, '..', 'dist', 'web');
const FIRST_SCREEN_BUDGET = 150 * 1024;

/** node:http, because fetch decodes the body and hides what travelled. */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web assets', () => {
  let app: TestApp;
  let html: string;

  beforeAll(async () => {
    expect(existsSync(path.join(WEB_DIR, 'index.html'))).toBe(true);
    app = await bootApp();
    html = (await get(`${app.url}/`, { accept: 'text/html' })).body.toString('utf8');
  });
  afterAll(() => app?.close());

  const entry = () => /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;

  it('serves a client-side route as index.html, never cached', async () => {
    const res = await get(`${app.url}/groups`, { accept: 'text/html' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body.toString('utf8')).toContain('<div id="root"></div>');
  });

  it('sends the brotli file to a browser that accepts it, cached for a year', async () => {
    const original = readFileSync(path.join(WEB_DIR, entry()));
    const res = await get(`${app.url}${entry()}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.body.length).toBeLessThan(original.length / 2);
    expect(brotliDecompressSync(res.body).equals(original)).toBe(true);
  });

  it('sends gzip to a browser without brotli, and the plain file to one without either', async () => {
    const original = readFileSync(path.join(WEB_DIR, entry()));
    const gz = await get(`${app.url}${entry()}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(original)).toBe(true);
    const plain = await get(`${app.url}${entry()}`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });

  it('keeps the first screen’s JavaScript within 150 KB over the wire, and loads other pages on demand', async () => {
    const scripts = [entry(), ...[...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)"/g)].map((m) => m[1]!)];
    let wire = 0;
    for (const src of scripts) wire += (await get(`${app.url}${src}`, { 'accept-encoding': 'br' })).body.length;
    expect(wire).toBeGreaterThan(10 * 1024);
    expect(wire).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET);
    // Admin screens (one file per page) are not part of the first screen: the entry imports each on demand.
    const entrySource = readFileSync(path.join(WEB_DIR, entry()), 'utf8');
    for (const page of ['Audit', 'Roles', 'Scim', 'HrImport', 'ProfileFields']) {
      expect([page, new RegExp(`import\\([\`"']\\./${page}-[\\w-]+\\.js[\`"']\\)`).test(entrySource)]).toEqual([page, true]);
      expect(scripts.some((src) => new RegExp(`/${page}-[\\w-]+\\.js$`).test(src))).toBe(false);
    }
  });
});
