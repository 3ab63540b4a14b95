import { Logger } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { ActorService } from '@plein/identity';
import { RepeatedErrorLog } from '@plein/core';
import { PolicyService, type Actor } from '@plein/policy';
import type { Namespace, Socket } from 'socket.io';

export const REALTIME_NAMESPACE = '/realtime';

export interface SocketData {
  actor: Actor;
}

/**
 * The Socket.IO namespace `/realtime`. A connection must carry a valid access token in
 * `auth: { token }`; without one the handshake is refused (connect_error "UNAUTHENTICATED").
 * On connect, policy decides the rooms the socket joins, once, instead of per emit.
 */
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('Realtime');
  private readonly authFailures = new RepeatedErrorLog(this.logger, 'socket auth failed', 30_000);

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
        .fromToken(token)
        .then((actor) => {
          if (!actor) return next(new Error('UNAUTHENTICATED'));
          (socket.data as SocketData).actor = actor;
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
  }

  async handleConnection(socket: Socket): Promise<void> {
    const actor = (socket.data as SocketData).actor;
    const [groupIds, segmentIds] = await Promise.all([this.policy.readableGroupIds(actor), this.policy.segmentIdsOf(actor)]);
    await socket.join(this.policy.roomsFor(actor, groupIds, segmentIds));
    // Nothing reads the handshake after this point: drop its headers, query and token so an idle
    // connection keeps only its actor and rooms (with the raw request dropped by the adapter).
    Object.assign(socket.handshake, { headers: {}, query: {}, auth: {} });
    socket.emit('ready', { personId: actor.personId });
  }
}
