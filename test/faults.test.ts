import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@plein/core';
import { bootApp, type TestApp } from './support/app.js';
import { connectSocket } from './support/socket.js';

/**
 * Postgres goes away under a running api and comes back: requests answer 503 quickly instead of
 * hanging, and the api recovers by itself. Uses its own PostgreSQL (the shared test cluster stays up).
 */
describe('when PostgreSQL stops and comes back', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plein-fault-'));
  chmodSync(dir, 0o755);
  let pg: EmbeddedPostgresHandle;
  let app: TestApp;
  beforeAll(async () => {
    pg = await startEmbeddedPostgres({ dataDir: dir, fast: true });
    app = await bootApp({ DATABASE_URL: pg.url });
  });
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 within seconds while it is down, keeps acknowledged writes, and recovers by itself', async () => {
    const { accessToken } = await app.login('demo.employee');
    const post = await app.gql('mutation { postMessage(input: { text: "voor de storing", audience: "company" }) { id } }', {}, accessToken);
    const acknowledged = post.body.data.postMessage.id as string;

    await pg.stop();
    const started = Date.now();
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query: '{ me { displayName } }' }),
    });
    expect(Date.now() - started).toBeLessThan(6000);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as { errors: { extensions: { code: string }; message: string }[] };
    expect(body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors[0].message).toMatch(/cannot reach its database/);
    const ready = await fetch(`${app.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);

    // Back on the same data directory and port.
    pg = await startEmbeddedPostgres({ dataDir: dir, port: pg.port, fast: true });
    let me: { status: number; body: { data?: { me: { displayName: string } } } } = { status: 0, body: {} };
    for (let i = 0; i < 30 && !me.body.data; i++) {
      me = await app.gql('{ me { displayName } }', {}, accessToken);
      if (!me.body.data) await new Promise((r) => setTimeout(r, 300));
    }
    expect(me.body.data).toEqual({ me: { displayName: 'Jan van der Berg' } });
    const again = await app.gql('query($id: ID!) { message(id: $id) { text } }', { id: acknowledged }, accessToken);
    expect(again.body.data).toEqual({ message: { text: 'voor de storing' } });
    expect((await fetch(`${app.url}/health/ready`)).status).toBe(200);
  });

  it('delivers to a socket that stayed connected what was posted before the relay listened again', async () => {
    const writer = await app.login('demo.employee');
    const reader = await app.login('demo.hr');
    const socket = await connectSocket(app.url, reader.accessToken);
    // Everything the socket receives from here on: an event the relay missed earlier (the previous
    // test's post, if its NOTIFY died with the server) may arrive first, late but once.
    const received: { id: string; text: string }[] = [];
    socket.on('message.created', (m: { id: string; text: string }) => received.push(m));
    try {
      await pg.stop();
      await new Promise((r) => setTimeout(r, 1500));
      pg = await startEmbeddedPostgres({ dataDir: dir, port: pg.port, fast: true });
      // Post the moment the api answers again: the relay's LISTEN connection is probably still
      // waiting for its next reconnect attempt, so only its replay from the last id can deliver it.
      let id: string | undefined;
      for (let i = 0; i < 50 && !id; i++) {
        const res = await app.gql('mutation { postMessage(input: { text: "Direct na de herstart", audience: "company" }) { id } }', {}, writer.accessToken);
        id = res.body.data?.postMessage.id;
        if (!id) await new Promise((r) => setTimeout(r, 200));
      }
      for (let waited = 0; waited < 20_000 && !received.some((m) => m.id === id); waited += 100) await new Promise((r) => setTimeout(r, 100));
      expect(received.filter((m) => m.id === id)).toEqual([expect.objectContaining({ id, text: 'Direct na de herstart' })]);
      // Each event once: the catch-up and a late NOTIFY never both deliver one.
      expect(new Set(received.map((m) => m.id)).size).toBe(received.length);
    } finally {
      socket.close();
    }
  });
});
