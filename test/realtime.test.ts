import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RealtimeService } from '@plein/realtime';
import type { Socket } from 'socket.io-client';
import { bootApp, TEST_JWT_SECRET, type TestApp } from './support/app.js';
import { collect, connectSocket, nextEvent } from './support/socket.js';

describe('Socket.IO /realtime on one node', () => {
  let app: TestApp;
  let realtime: RealtimeService;
  const open: Socket[] = [];
  const track = (s: Socket) => (open.push(s), s);

  beforeAll(async () => {
    app = await bootApp();
    realtime = app.plein.app.get(RealtimeService);
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await app.close();
  });

  it('refuses a connection without a token', async () => {
    await expect(connectSocket(app.url)).rejects.toThrow('UNAUTHENTICATED');
  });

  it('refuses a connection with a forged or expired token', async () => {
    await expect(connectSocket(app.url, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad')).rejects.toThrow('UNAUTHENTICATED');
  });

  it('accepts a valid token and puts the socket in its own user room', async () => {
    const { accessToken, person } = await app.login('demo.employee');
    const socket = track(await connectSocket(app.url, accessToken));
    const got = nextEvent<{ text: string }>(socket, 'notice');
    realtime.emitToUser(person.id, 'notice', { text: 'hallo' });
    expect(await got).toEqual({ text: 'hallo' });
  });

  it('emits to a set of users and to nobody else', async () => {
    const a = await app.login('demo.hr');
    const b = await app.login('demo.moderator');
    const c = await app.login('demo.admin');
    const [sa, sb, sc] = await Promise.all([a, b, c].map((x) => connectSocket(app.url, x.accessToken).then(track)));
    const got = Promise.all([nextEvent(sa, 'batch'), nextEvent(sb, 'batch'), collect(sc, 'batch', 500)]);
    realtime.emitToUsers([a.person.id, b.person.id], 'batch', { n: 1 });
    const [ga, gb, gc] = await got;
    expect(ga).toEqual({ n: 1 });
    expect(gb).toEqual({ n: 1 });
    expect(gc).toEqual([]);
  });

  it('emits to named rooms chosen by policy: payroll-only reaches employees, never a contractor', async () => {
    const employee = await app.login('demo.employee');
    const contractor = await app.login('demo.contractor');
    const freelancer = await app.login('demo.freelancer');
    const [se, sc, sf] = await Promise.all([employee, contractor, freelancer].map((x) => connectSocket(app.url, x.accessToken).then(track)));
    const got = Promise.all([nextEvent(se, 'news'), collect(sc, 'news', 500), collect(sf, 'news', 500)]);
    realtime.emitToRooms(['audience:employees'], 'news', { cao: 'akkoord' });
    const [ge, gc, gf] = await got;
    expect(ge).toEqual({ cao: 'akkoord' });
    expect(gc).toEqual([]);
    expect(gf).toEqual([]);

    const all = Promise.all([nextEvent(se, 'company'), nextEvent(sc, 'company'), nextEvent(sf, 'company')]);
    realtime.emitToRooms(['audience:company'], 'company', { hi: true });
    expect(await all).toEqual([{ hi: true }, { hi: true }, { hi: true }]);
  });

  it('can leave rooms out of an emit (as information barriers will)', async () => {
    const a = await app.login('demo.employee');
    const b = await app.login('demo.hr');
    const [sa, sb] = await Promise.all([a, b].map((x) => connectSocket(app.url, x.accessToken).then(track)));
    const got = Promise.all([collect(sa, 'except', 500), nextEvent(sb, 'except')]);
    realtime.emitToRooms(['audience:company'], 'except', { x: 1 }, [`user:${a.person.id}`]);
    const [ga, gb] = await got;
    expect(ga).toEqual([]);
    expect(gb).toEqual({ x: 1 });
  });
});

/** Starts the built api (dist) as a separate process and waits for its "Plein is ready" line. */
function startNode(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const entry = 'dist/apps/api/apps/api/src/main.js';
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` (npm test does it first)`);
  const child = spawn(process.execPath, [entry], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`second node did not start in 30 s:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"msg":"Plein is ready","url":"([^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`second node exited with ${code}:\n${out}`));
    });
  });
}

describe('two api processes on one Postgres', () => {
  let a: TestApp;
  let b: { child: ChildProcess; url: string; output: () => string };
  let socket: Socket | undefined;

  beforeAll(async () => {
    a = await bootApp();
    b = await startNode({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: a.databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      LDAP_URL: a.plein.config.ldap.url,
      LDAP_BIND_DN: a.plein.config.ldap.bindDn,
      LDAP_BIND_CREDENTIALS: a.plein.config.ldap.bindCredentials,
      WORKER_INLINE: 'false',
      SEED_DEMO: 'true',
      PLEIN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'plein-node-b-')),
      LOG_LEVEL: 'info',
    });
  });
  afterAll(async () => {
    socket?.close();
    if (b?.child.exitCode === null) {
      const exited = new Promise((r) => b.child.once('exit', r));
      b.child.kill('SIGTERM');
      await exited;
    }
    await a?.close();
  });

  it('accepts on node B an access token issued by node A', async () => {
    const { accessToken } = await a.login('demo.employee');
    const res = await fetch(`${b.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query: '{ me { displayName } }' }),
    });
    expect(await res.json()).toEqual({ data: { me: { displayName: 'Jan van der Berg' } } });
  });

  it('delivers an event emitted on node A to a socket connected to node B', async () => {
    const { accessToken, person } = await a.login('demo.contractor');
    socket = await connectSocket(b.url, accessToken);
    const realtime = a.plein.app.get(RealtimeService);
    // The adapter needs a moment to see the other node; retry the emit until it lands.
    const received = nextEvent<{ from: string }>(socket, 'cross-node', 10_000);
    const timer = setInterval(() => realtime.emitToUser(person.id, 'cross-node', { from: 'A' }), 200);
    try {
      expect(await received).toEqual({ from: 'A' });
    } finally {
      clearInterval(timer);
    }
    expect(await realtime.connectedCount()).toBeGreaterThanOrEqual(1);
  });

  it('logs JSON lines with a request id on node B', () => {
    const lines = b.output().split('\n').filter((l) => l.includes('"msg":"request"'));
    expect(lines.length).toBeGreaterThan(0);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 'info', method: 'POST', path: '/graphql', status: 200 });
    expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
