import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomEventName } from '../../../src/contracts/room-events.js';
import { AGENT_NAMESPACE, conversationRoom, WIDGET_NAMESPACE } from '../../../src/contracts/rooms.js';
import {
  busChannelKey,
  RedisRoomPublisher,
  ServerRoomPublisher,
  type RoomPublisher,
} from '../../../src/realtime/room-publisher.js';
import { deleteRedisKeys, REDIS_URL, uniqueNamespace } from '../../support/test-env.js';

/**
 * Two gateways that share nothing but Redis, each with the widget namespace and a second one. A
 * socket joins the room it names in its handshake (the real namespaces decide that themselves).
 */
type Received = Array<{ event: string; payload: unknown }>;

describe('room publisher: one emit reaches the room in every namespace, on every gateway', () => {
  const { redisPrefix } = uniqueNamespace('rooms');
  const gateways: Array<{ io: Server; http: HttpServer; url: string; connections: Redis[] }> = [];
  const clients: Socket[] = [];
  let workerRedis: Redis;

  async function startGateway() {
    const http = createServer();
    const io = new Server(http);
    const pub = new Redis(REDIS_URL);
    const sub = pub.duplicate();
    io.adapter(createAdapter(pub, sub, { key: busChannelKey(redisPrefix) }));
    for (const name of [WIDGET_NAMESPACE, AGENT_NAMESPACE]) {
      io.of(name).on('connection', (socket) => {
        void socket.join(conversationRoom(String(socket.handshake.auth.conversationId)));
        socket.emit('joined' as never);
      });
    }
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const gateway = { io, http, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, connections: [pub, sub] };
    gateways.push(gateway);
    return gateway;
  }

  async function join(url: string, namespace: string, conversationId: string) {
    const socket = connect(`${url}${namespace}`, { transports: ['websocket'], auth: { conversationId }, forceNew: true });
    clients.push(socket);
    await new Promise<void>((resolve) => socket.once('joined', () => resolve()));
    const received: Received = [];
    socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
    return received;
  }

  async function until(check: () => boolean, timeoutMs = 3000) {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * A gateway's adapter subscribes to Redis asynchronously after it starts. Probes go out until every
   * receiver has one (a positive signal that the whole bus is up), then a marker drains what is still on
   * the wire, and the receivers start empty.
   */
  async function busReady(publisher: RoomPublisher, rooms: Array<{ conversationId: string; receivers: Received[] }>) {
    const probing = setInterval(() => {
      for (const { conversationId } of rooms)
        publisher.publish(conversationId, 'conversation:mode', { conversationId, mode: 'bot' });
    }, 20);
    try {
      await until(() => rooms.every(({ receivers }) => receivers.every((received) => received.length > 0)));
    } finally {
      clearInterval(probing);
    }
    const marker = `ready-${Math.random()}`;
    for (const { conversationId } of rooms) {
      publisher.publish(conversationId, 'reply:reset', { conversationId, replyTo: marker, reason: 'probe' });
    }
    const sawMarker = (received: Received) =>
      received.some((entry) => (entry.payload as { replyTo?: string }).replyTo === marker);
    await until(() => rooms.every(({ receivers }) => receivers.every(sawMarker)));
    for (const { receivers } of rooms) for (const received of receivers) received.length = 0;
  }

  beforeAll(async () => {
    await startGateway();
    await startGateway();
    workerRedis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    for (const socket of clients) socket.disconnect();
    for (const gateway of gateways) {
      await new Promise<void>((resolve) => gateway.io.close(() => resolve()));
      for (const connection of gateway.connections) connection.disconnect();
    }
    workerRedis?.disconnect();
    await deleteRedisKeys(redisPrefix);
  });

  it('a gateway emit reaches the widget and agents on both gateways, and only that room', async () => {
    const [a, b] = gateways;
    const widgetOnB = await join(b!.url, WIDGET_NAMESPACE, 'c1');
    const agentOnA = await join(a!.url, AGENT_NAMESPACE, 'c1');
    const agentOnB = await join(b!.url, AGENT_NAMESPACE, 'c1');
    const otherRoomAgent = await join(a!.url, AGENT_NAMESPACE, 'c2');

    const publisher = new ServerRoomPublisher(a!.io);
    await busReady(publisher, [
      { conversationId: 'c1', receivers: [widgetOnB, agentOnA, agentOnB] },
      { conversationId: 'c2', receivers: [otherRoomAgent] },
    ]);
    publisher.publish('c1', 'reply:delta', { conversationId: 'c1', replyTo: 'm1', index: 0, text: 'Hel' });
    publisher.publish('c2', 'conversation:mode', { conversationId: 'c2', mode: 'waiting' });

    await until(() => [widgetOnB, agentOnA, agentOnB].every((received) => received.length === 1) && otherRoomAgent.length === 1);
    for (const received of [widgetOnB, agentOnA, agentOnB]) {
      expect(received).toEqual([
        { event: 'reply:delta', payload: { conversationId: 'c1', replyTo: 'm1', index: 0, text: 'Hel' } },
      ]);
    }
    // Published after c1's event on the same ordered channel: had c1's reached this socket, it would be here first.
    expect(otherRoomAgent).toEqual([{ event: 'conversation:mode', payload: { conversationId: 'c2', mode: 'waiting' } }]);
  });

  it('a worker, holding no sockets, reaches the same sockets through Redis alone', async () => {
    const [a, b] = gateways;
    const widgetOnA = await join(a!.url, WIDGET_NAMESPACE, 'c3');
    const agentOnB = await join(b!.url, AGENT_NAMESPACE, 'c3');
    const worker = new RedisRoomPublisher(workerRedis, redisPrefix);
    await busReady(worker, [{ conversationId: 'c3', receivers: [widgetOnA, agentOnB] }]);
    const events: RoomEventName[] = ['reply:start', 'reply:delta', 'reply:end'];
    worker.publish('c3', 'reply:start', { conversationId: 'c3', replyTo: 'm3' });
    worker.publish('c3', 'reply:delta', { conversationId: 'c3', replyTo: 'm3', index: 0, text: 'Hi' });
    worker.publish('c3', 'reply:end', {
      conversationId: 'c3',
      replyTo: 'm3',
      message: {
        id: 'r3',
        conversationId: 'c3',
        seq: 2,
        role: 'bot',
        text: 'Hi',
        flags: [],
        clientMessageId: null,
        inReplyTo: 'm3',
        createdAt: new Date(0).toISOString(),
      },
    });
    await until(() => widgetOnA.length === 3 && agentOnB.length === 3);
    expect(widgetOnA.map((entry) => entry.event)).toEqual(events);
    expect(agentOnB).toEqual(widgetOnA);
  });
});
