import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { EMBEDDED_PASSWORD, EMBEDDED_USER } from '@plein/core';
import { connectSocket } from './support/socket.js';

const ENTRY = 'dist/apps/api/apps/api/src/main.js';

interface Run {
  url: string;
  pgPort: number;
  startupMs: number;
  output: () => string;
  stop(): Promise<number | null>;
}

/** `npm start` as a user runs it: the built api with no DATABASE_URL, LDAP_URL or JWT_SECRET. */
function start(dataDir: string): Promise<Run> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` (npm test does it first)`);
  const child = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', PLEIN_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /"msg":"Plein is ready","url":"([^"]+)","startupMs":(\d+)/.exec(out);
      const port = /"msg":"embedded PostgreSQL started","port":(\d+)/.exec(out);
      if (ready && port) {
        clearTimeout(timer);
        resolve({
          url: ready[1],
          pgPort: Number(port[1]),
          startupMs: Number(ready[2]),
          output: () => out,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${out}`));
    });
  });
}

async function login(url: string, username: string) {
  const res = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'plein-demo' }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { accessToken: string; person: { id: string } };
}

async function peopleCount(port: number): Promise<number> {
  const c = new pg.Client({ connectionString: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/plein` });
  await c.connect();
  try {
    return (await c.query('SELECT count(*)::int AS n FROM people')).rows[0].n;
  } finally {
    await c.end();
  }
}

describe('the embedded default (npm start with nothing configured)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plein-embedded-'));
  chmodSync(dataDir, 0o755);
  let running: Run | undefined;
  afterAll(async () => {
    await running?.stop();
  });

  it('starts real PostgreSQL and LDAP, seeds once, serves login, me and sockets, and keeps data across restarts', async () => {
    running = await start(dataDir);
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    const seeded = await peopleCount(running.pgPort);
    expect(seeded).toBeGreaterThanOrEqual(60);
    expect(running.output()).toContain('"msg":"demo organisation seeded"');
    // The living demo (issue 17): its seed time is printed at start.
    expect(running.output()).toMatch(/"msg":"demo content seeded in \d+\.\d s","messages":\d+/);

    const { accessToken } = await login(running.url, 'demo.employee');
    const me = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query: '{ me { displayName } }' }),
    });
    expect(await me.json()).toEqual({ data: { me: { displayName: 'Jan van der Berg' } } });
    const socket = await connectSocket(running.url, accessToken);
    socket.close();
    await expect(connectSocket(running.url)).rejects.toThrow('UNAUTHENTICATED');
    const newcomer = await login(running.url, 'demo.newcomer');

    expect(await running.stop()).toBe(0);
    running = undefined;
    // PostgreSQL was stopped with the app: its pid file is gone.
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    running = await start(dataDir);
    expect(running.output()).not.toContain('"msg":"demo organisation seeded"');
    expect(running.output()).not.toContain('demo content seeded');
    expect(await peopleCount(running.pgPort)).toBe(seeded + 1);
    const again = await login(running.url, 'demo.newcomer');
    expect(again.person.id).toBe(newcomer.person.id);
    // The access token from before the restart still works: the secret is kept in the data dir.
    const before = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query: '{ me { uid } }' }),
    });
    expect(await before.json()).toEqual({ data: { me: { uid: 'demo.employee' } } });
    expect(running.startupMs).toBeGreaterThan(0);
  });

  it('starts its PostgreSQL again when it crashes (SIGKILL), says so, and serves again with the data kept', async () => {
    const run = running ?? (running = await start(dataDir));
    const { accessToken } = await login(run.url, 'demo.employee');
    const pid = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    let me: unknown;
    for (let i = 0; i < 150 && !(me as { data?: unknown } | undefined)?.data; i++) {
      await new Promise((r) => setTimeout(r, 200));
      const res = await fetch(`${run.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ query: '{ me { uid } }' }),
      }).catch(() => null);
      me = await res?.json().catch(() => undefined);
    }
    expect(me).toEqual({ data: { me: { uid: 'demo.employee' } } });
    expect(run.output()).toMatch(/"msg":"embedded PostgreSQL exited unexpectedly; restarting it".*"signal":"SIGKILL"/);
    expect(run.output()).toContain('"msg":"embedded PostgreSQL restarted (crash recovery done)"');
    expect(await peopleCount(run.pgPort)).toBeGreaterThanOrEqual(61);
  });
});

describe('configuration errors', () => {
  it.each([
    [{ PORT: 'abc' }, 'Invalid configuration: PORT must be a whole number, got "abc"'],
    [{ DATABASE_URL: 'postgres://db/plein' }, 'Invalid configuration: JWT_SECRET is required when DATABASE_URL is set (all api nodes must share it)'],
    [{ LDAP_URL: 'ldap://x', LDAP_BIND_DN: 'cn=a' }, 'Invalid configuration: LDAP_BIND_CREDENTIALS is required when LDAP_URL is set'],
  ])('stops the process with one clear line for %j', async (env, line) => {
    const child = spawn(process.execPath, [ENTRY], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(stderr).toBe(line + '\n');
  });
});
