import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { ActorService } from '@plein/identity';
import { RepeatedErrorLog } from '@plein/core';
import { PolicyService, type Actor } from '@plein/policy';
import type { Namespace, Socket } from 'socket.io';

export const REALTIME_NAMESPACE = '/realtime';

/** Told to a socket just before the server ends it; `reason` says whether reconnecting can help. */
export const SESSION_ENDED_EVENT = 'session.ended';
export type SessionEndedReason = 'expired' | 'revoked' | 'deactivated' | 'suspended';

export interface SocketData {
  actor: Actor;
  /** The login session (refresh family) of the socket's token: the socket ends with it. */
  sessionId: string;
  /** When the socket's access token expires (epoch ms): the socket ends then. */
  expiresAt: number;
}

/** How often each node looks for sockets whose token expired (so they end within this). */
const EXPIRY_SWEEP_MS = 1000;

/**
 * The Socket.IO namespace `/realtime`. A connection must carry a valid access token in
 * `auth: { token }`; without one the handshake is refused (connect_error "UNAUTHENTICATED").
 * On connect, policy decides the rooms the socket joins, once, instead of per emit.
 * A socket lives no longer than its token: at expiry it is told `session.ended` { reason: 'expired' }
 * and disconnected; the client reconnects with its refreshed token. (A deactivated or suspended
 * person's sockets and a revoked session's are ended by the relay, on every node.)
 */
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger('Realtime');
  private readonly authFailures = new RepeatedErrorLog(this.logger, 'socket auth failed', 30_000);
  private sweep: NodeJS.Timeout | undefined;

  @WebSocketServer()
  namespace: Namespace;

  constructor(
    private readonly actors: ActorService,
    private readonly policy: PolicyService,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown } | undefined;
      const token = typeof auth?.token === 'string' ? auth.token : null;
      this.actors
        .sessionFromToken(token)
        .then((session) => {
          if (!session) return next(new Error('UNAUTHENTICATED'));
          Object.assign(socket.data as SocketData, session);
          this.authFailures.recovered('socket auth works again');
          next();
        })
        .catch((err: unknown) => {
          // A suspended person is refused (FORBIDDEN), not told the service is down.
          if (err instanceof Error && err.name === 'DomainError' && 'code' in err) return next(new Error(String(err.code)));
          // Once per 30 s with a count: during an outage every client's every reconnect fails here.
          this.authFailures.failed(err);
          next(new Error('SERVICE_UNAVAILABLE'));
        });
    });
    // One sweep per node rather than a timer per socket: an idle connection stays as small as it was.
    this.sweep = setInterval(() => this.endExpired(Date.now()), EXPIRY_SWEEP_MS);
    this.sweep.unref();
  }

  async handleConnection(socket: Socket): Promise<void> {
    const actor = (socket.data as SocketData).actor;
    const [groupIds, segmentIds] = await Promise.all([this.policy.readableGroupIds(actor), this.policy.segmentIdsOf(actor)]);
    await socket.join(this.policy.roomsFor(actor, groupIds, segmentIds));
    // Nothing reads the handshake after this point: drop its headers, query and token so an idle
    // connection keeps only its actor and rooms (with the raw request dropped by the adapter).
    Object.assign(socket.handshake, { headers: {}, query: {}, auth: {} });
    socket.emit('ready', { personId: actor.personId, expiresAt: new Date((socket.data as SocketData).expiresAt).toISOString() });
  }

  /** Ends this node's sockets whose access token has expired. */
  endExpired(now: number): void {
    if (!this.namespace) return;
    for (const socket of this.namespace.sockets.values()) {
      if ((socket.data as SocketData).expiresAt <= now) endSocket(socket, 'expired');
    }
  }

  /**
   * Ends this node's sockets whose person or session is no longer live: after the relay's LISTEN
   * connection came back, a `session.ended` sent while it was away was not heard.
   */
  async endStaleSessions(): Promise<number> {
    if (!this.namespace) return 0;
    const sockets = [...this.namespace.sockets.values()];
    const pairs = sockets.map((s) => ({ personId: (s.data as SocketData).actor.personId, sessionId: (s.data as SocketData).sessionId }));
    const live = await this.actors.liveSessions(pairs);
    let ended = 0;
    sockets.forEach((socket, i) => {
      if (socket.connected && !live.has(`${pairs[i].personId}:${pairs[i].sessionId}`)) {
        endSocket(socket, 'revoked');
        ended++;
      }
    });
    if (ended) this.logger.log({ msg: 'ended sockets of sessions that ended while the relay was away', sockets: ended });
    return ended;
  }

  onModuleDestroy(): void {
    clearInterval(this.sweep);
  }
}

/** Tells the socket why, then disconnects it (the packet goes out before the transport closes). */
export function endSocket(socket: Pick<Socket, 'emit' | 'disconnect'>, reason: SessionEndedReason): void {
  socket.emit(SESSION_ENDED_EVENT, { reason });
  socket.disconnect(true);
}
