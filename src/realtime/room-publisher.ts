import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import type { Namespace } from 'socket.io';
import { conversationRoom, WIDGET_NAMESPACE, type RoomEvents, type WidgetServerEvents } from '../contracts/widget-events.js';

/** Sends an event to everyone in a conversation's room, on whichever gateway their socket is. */
export interface RoomPublisher {
  publish<E extends keyof RoomEvents>(conversationId: string, event: E, ...payload: Parameters<RoomEvents[E]>): void;
}

/** Socket.IO adapter channel prefix; the emitter and the adapter must agree on it. */
export function busChannelKey(redisPrefix: string): string {
  return `${redisPrefix}:socket.io`;
}

/** For gateways: emits through the namespace, whose Redis adapter forwards to the other gateways. */
export class NamespaceRoomPublisher implements RoomPublisher {
  constructor(private readonly namespace: Namespace<Record<string, never>, WidgetServerEvents>) {}

  publish<E extends keyof RoomEvents>(conversationId: string, event: E, ...payload: Parameters<RoomEvents[E]>): void {
    this.namespace.to(conversationRoom(conversationId)).emit(event, ...payload);
  }
}

/** For workers, which hold no sockets: publishes straight to the adapter's Redis channel. */
export class RedisRoomPublisher implements RoomPublisher {
  private readonly emitter;

  constructor(redis: Redis, redisPrefix: string) {
    this.emitter = new Emitter<WidgetServerEvents>(redis, { key: busChannelKey(redisPrefix) }).of(WIDGET_NAMESPACE);
  }

  publish<E extends keyof RoomEvents>(conversationId: string, event: E, ...payload: Parameters<RoomEvents[E]>): void {
    this.emitter.to(conversationRoom(conversationId)).emit(event, ...payload);
  }
}
