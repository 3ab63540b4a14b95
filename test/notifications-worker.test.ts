import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Socket } from 'socket.io-client';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { bootApp, type TestApp } from './support/app.js';
import { eventually, messagesClient } from './support/messages.js';
import { connectSocket, nextEvent } from './support/socket.js';

/**
 * The production shape: the api runs no jobs (WORKER_INLINE=false), a separate worker context fans
 * out notifications, and the unread count still reaches the recipient's socket on the api (the
 * worker appends to realtime_events; NOTIFY on commit; the api's relay emits).
 */
describe('notifications fan out on the worker and reach sockets on the api', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let socket: Socket | undefined;

  beforeAll(async () => {
    app = await bootApp({ WORKER_INLINE: 'false' });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(app.plein.config), { logger: false });
    await worker.init();
  });
  afterAll(async () => {
    socket?.close();
    await worker?.close();
    await app.close();
  });

  it('a mention posted on the api is notified by the worker and pushed live by the api', async () => {
    const m = messagesClient(app);
    const author = await app.login('demo.employee');
    const recipient = await app.login('demo.hr');
    socket = await connectSocket(app.url, recipient.accessToken);
    const pushed = nextEvent<{ unread: number }>(socket, 'notification.count', 10_000);
    const msg = await m.post(author.accessToken, { text: 'Kun je hiernaar kijken, @demo.hr?', audience: 'company' });
    expect((await pushed).unread).toBe(1);
    const note = await eventually(async () => {
      const r = await m.ok<{ notifications: { edges: { node: { kind: string; message: { id: string } | null } }[] } }>(
        recipient.accessToken,
        '{ notifications { edges { node { kind message { id } } } } }',
      );
      return r.notifications.edges[0]?.node;
    });
    expect(note).toEqual({ kind: 'MENTION', message: { id: msg.id } });
  });
});
