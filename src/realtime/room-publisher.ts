import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { AgentRoomEvents, SiteAgentEvents } from '../contracts/agent-events.js';
import type { RoomEventName, RoomEvents } from '../contracts/room-events.js';
import {
  AGENT_NAMESPACE,
  CONVERSATION_NAMESPACES,
  conversationRoom,
  siteAgentsRoom,
  WIDGET_NAMESPACE,
} from '../contracts/rooms.js';
import type { WidgetRoomEvents } from '../contracts/widget-events.js';

/**
 * Sends an event to everyone in a conversation's room: the visitor's widget and every agent watching,
 * in every namespace, on whichever gateway their socket is.
 */
export interface RoomPublisher {
  publish<E extends RoomEventName>(conversationId: string, event: E, ...payload: Parameters<RoomEvents[E]>): void;
  /**
   * Only the agents in the room (the `/agent` namespace): private notes, viewers, typing. Nothing sent
   * this way can reach a widget socket, because it is never emitted into the widget namespace.
   */
  toAgents<E extends keyof AgentRoomEvents>(conversationId: string, event: E, ...payload: Parameters<AgentRoomEvents[E]>): void;
  /** Only the visitor's widget sockets in the room (the `/widget` namespace). */
  toWidgets<E extends keyof WidgetRoomEvents>(
    conversationId: string,
    event: E,
    ...payload: Parameters<WidgetRoomEvents[E]>
  ): void;
  /** Every connected agent of a site (room `site-agents:<siteId>` in `/agent`), whatever they watch. */
  toSiteAgents<E extends keyof SiteAgentEvents>(siteId: string, event: E, ...payload: Parameters<SiteAgentEvents[E]>): void;
}

/** Socket.IO adapter channel prefix; the emitter and the adapter must agree on it. */
export function busChannelKey(redisPrefix: string): string {
  return `${redisPrefix}:socket.io`;
}

/** Something with `.to(room).emit(...)`: a server namespace or an emitter's namespace. */
interface Emits {
  to(room: string): { emit(event: string, ...args: unknown[]): unknown };
}

abstract class NamespacedPublisher implements RoomPublisher {
  protected abstract of(namespace: string): Emits;
  protected abstract readonly conversationNamespaces: readonly Emits[];

  publish<E extends RoomEventName>(conversationId: string, event: E, ...payload: Parameters<RoomEvents[E]>): void {
    const room = conversationRoom(conversationId);
    for (const namespace of this.conversationNamespaces) namespace.to(room).emit(event, ...payload);
  }

  toAgents<E extends keyof AgentRoomEvents>(conversationId: string, event: E, ...payload: Parameters<AgentRoomEvents[E]>): void {
    this.of(AGENT_NAMESPACE)
      .to(conversationRoom(conversationId))
      .emit(event, ...payload);
  }

  toWidgets<E extends keyof WidgetRoomEvents>(
    conversationId: string,
    event: E,
    ...payload: Parameters<WidgetRoomEvents[E]>
  ): void {
    this.of(WIDGET_NAMESPACE)
      .to(conversationRoom(conversationId))
      .emit(event, ...payload);
  }

  toSiteAgents<E extends keyof SiteAgentEvents>(siteId: string, event: E, ...payload: Parameters<SiteAgentEvents[E]>): void {
    this.of(AGENT_NAMESPACE)
      .to(siteAgentsRoom(siteId))
      .emit(event, ...payload);
  }
}

/**
 * For gateways: emits through each namespace of the server, whose Redis adapter forwards to the other
 * gateways. Each namespace has its own adapter, hence one emit per namespace.
 */
export class ServerRoomPublisher extends NamespacedPublisher {
  protected readonly conversationNamespaces: readonly Emits[];

  constructor(
    private readonly io: Server,
    namespaces: readonly string[] = CONVERSATION_NAMESPACES,
  ) {
    super();
    this.conversationNamespaces = namespaces.map((name) => io.of(name) as unknown as Emits);
  }

  protected of(namespace: string): Emits {
    return this.io.of(namespace) as unknown as Emits;
  }
}

/** For workers, which hold no sockets: publishes straight to each namespace's adapter channel in Redis. */
export class RedisRoomPublisher extends NamespacedPublisher {
  protected readonly conversationNamespaces: readonly Emits[];
  private readonly emitter: Emitter;

  constructor(redis: Redis, redisPrefix: string, namespaces: readonly string[] = CONVERSATION_NAMESPACES) {
    super();
    this.emitter = new Emitter(redis, { key: busChannelKey(redisPrefix) });
    this.conversationNamespaces = namespaces.map((name) => this.of(name));
  }

  protected of(namespace: string): Emits {
    return this.emitter.of(namespace) as unknown as Emits;
  }
}
