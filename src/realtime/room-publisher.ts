import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { RoomEventName, RoomEvents } from '../contracts/room-events.js';
import { CONVERSATION_NAMESPACES, conversationRoom } from '../contracts/rooms.js';

/**
 * Sends an event to everyone in a conversation's room: the visitor's widget and every agent watching,
 * in every namespace, on whichever gateway their socket is.
 */
export interface RoomPublisher {
  publish<E extends RoomEventName>(conversationId: string, event: E, ...payload: Parameters<RoomEvents[E]>): void;
}

/** Socket.IO adapter channel prefix; the emitter and the adapter must agree on it. */
export function busChannelKey(redisPrefix: string): string {
  return `${redisPrefix}:socket.io`;
}

/**
 * For gateways: emits through each namespace of the server, whose Redis adapter forwards to the other
 * gateways. Each namespace has its own adapter, hence one emit per namespace.
 */
export class ServerRoomPublisher implements RoomPublisher {
  private readonly namespaces;

  constructor(io: Server, namespaces: readonly string[] = CONVERSATION_NAMESPACES) {
    this.namespaces = namespaces.map((name) => io.of(name));
  }

  publish<E extends RoomEventName>(conversationId: string, event: E, ...payload: Parameters<RoomEvents[E]>): void {
    const room = conversationRoom(conversationId);
    for (const namespace of this.namespaces) namespace.to(room).emit(event, ...payload);
  }
}

/** For workers, which hold no sockets: publishes straight to each namespace's adapter channel in Redis. */
export class RedisRoomPublisher implements RoomPublisher {
  private readonly emitters;

  constructor(redis: Redis, redisPrefix: string, namespaces: readonly string[] = CONVERSATION_NAMESPACES) {
    const emitter = new Emitter<RoomEvents>(redis, { key: busChannelKey(redisPrefix) });
    this.emitters = namespaces.map((name) => emitter.of(name));
  }

  publish<E extends RoomEventName>(conversationId: string, event: E, ...payload: Parameters<RoomEvents[E]>): void {
    const room = conversationRoom(conversationId);
    for (const emitter of this.emitters) emitter.to(room).emit(event, ...payload);
  }
}
