// Child process of bench-sockets.mjs: runs either the built api (`api`) or a bare Socket.IO server
// (`bare`) in its own process, so the memory it reports is the server's alone. Talks to the parent
// over IPC: { cmd: 'mem' } → garbage-collect, then report process.memoryUsage(); { cmd: 'emit' }
// (bare only) → broadcast a payload to every connected socket's room.
// Started with --expose-gc by the parent.
import http from 'node:http';
import { Server } from 'socket.io';
import { distImport } from './bench-support.mjs';

const mode = process.argv[2];
let io;
let stop;

if (mode === 'api') {
  const { startPlein } = await distImport('apps/api/src/bootstrap.js');
  const plein = await startPlein({ env: JSON.parse(process.argv[3]) });
  stop = () => plein.stop();
  process.send({ ready: true, url: plein.url });
} else {
  // The baseline: Socket.IO with defaults, a token check no cheaper than a string compare, one room.
  const server = http.createServer();
  io = new Server(server, { transports: ['websocket', 'polling'] });
  io.engine.on('connection', (raw) => {
    raw.request = null;
  });
  const ns = io.of('/realtime');
  ns.use((socket, next) => (socket.handshake.auth?.token === 'bare' ? next() : next(new Error('UNAUTHENTICATED'))));
  ns.on('connection', (socket) => {
    socket.join('audience:company');
    socket.emit('ready', {});
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  stop = () => new Promise((r) => io.close(() => r()));
  process.send({ ready: true, url: `http://127.0.0.1:${server.address().port}` });
}

process.on('message', async (msg) => {
  if (msg.cmd === 'mem') {
    for (let i = 0; i < 3; i++) {
      globalThis.gc?.();
      await new Promise((r) => setTimeout(r, 100));
    }
    process.send({ mem: process.memoryUsage() });
  } else if (msg.cmd === 'emit') {
    io.of('/realtime').to('audience:company').emit('message.created', msg.payload);
  } else if (msg.cmd === 'stop') {
    await stop().catch(() => undefined);
    process.exit(0);
  }
});
