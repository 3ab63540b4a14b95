import { Injectable } from '@nestjs/common';
import { userRoom } from '@plein/policy';
import { RealtimeGateway } from './realtime.gateway.js';

/**
 * Emits to sockets on every api node (through the Socket.IO adapter): one emit per event,
 * addressed to rooms, whatever the number of receivers.
 */
@Injectable()
export class RealtimeService {
  constructor(private readonly gateway: RealtimeGateway) {}

  emitToUser(personId: string, event: string, payload: unknown): void {
    this.gateway.namespace.to(userRoom(personId)).emit(event, payload);
  }

  emitToUsers(personIds: readonly string[], event: string, payload: unknown): void {
    if (personIds.length === 0) return;
    this.gateway.namespace.to(personIds.map(userRoom)).emit(event, payload);
  }

  /** Emits to named rooms, optionally minus other rooms (for example segments behind a barrier). */
  emitToRooms(rooms: readonly string[], event: string, payload: unknown, except: readonly string[] = []): void {
    if (rooms.length === 0) return;
    let target = this.gateway.namespace.to([...rooms]);
    if (except.length) target = target.except([...except]);
    target.emit(event, payload);
  }

  /**
   * Moves every connected socket of a person into rooms, on every node (through the adapter), so a
   * new group member receives the group's events at once, without reconnecting.
   */
  joinUserToRooms(personId: string, rooms: readonly string[]): void {
    if (rooms.length === 0 || !this.gateway.namespace) return;
    this.gateway.namespace.in(userRoom(personId)).socketsJoin([...rooms]);
  }

  /** The reverse: a removed or banned member stops receiving the group's events at once. */
  removeUserFromRooms(personId: string, rooms: readonly string[]): void {
    if (rooms.length === 0 || !this.gateway.namespace) return;
    this.gateway.namespace.in(userRoom(personId)).socketsLeave([...rooms]);
  }

  /** The people with a socket connected to this node (presence for mail: libs/mail's heartbeat). */
  async localPersonIds(): Promise<string[]> {
    if (!this.gateway.namespace) return [];
    const sockets = await this.gateway.namespace.local.fetchSockets();
    return [...new Set(sockets.map((s) => (s.data as { actor?: { personId?: string } }).actor?.personId).filter((id): id is string => !!id))];
  }

  /** How many sockets are connected across all nodes (uses the adapter). */
  async connectedCount(): Promise<number> {
    const sockets = await this.gateway.namespace.fetchSockets();
    return sockets.length;
  }
}
