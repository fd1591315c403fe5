import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { CONVERSATION_NAMESPACES } from '../contracts/rooms.js';
import type { Logger } from '../observability/logger.js';
import { logRedisErrors } from '../observability/redis-errors.js';
import { busChannelKey, RedisRoomPublisher, ServerRoomPublisher, type RoomPublisher } from '../realtime/room-publisher.js';
import { duplicateRedis } from './redis-clients.js';
import type { ShutdownStack } from './shutdown-stack.js';

/**
 * How room events travel between processes. On a single Redis: the classic Redis adapter on gateways
 * (PUBLISH, one pattern subscription per gateway) and `@socket.io/redis-emitter` on workers, as
 * before. On a cluster, classic pub/sub would send every event to every node; the sharded adapter
 * (Redis 7 SPUBLISH/SSUBSCRIBE) publishes a conversation's events on a channel of that room
 * (`<prefix>:socket.io#<namespace>#<room>#`), which lives on the one shard its slot hashes to, and a
 * gateway subscribes to a room's channel only while it holds a socket in that room.
 */

/** A gateway's adapter: `attach(io)` before sockets connect. */
export interface GatewayRoomBus {
  attach(io: Server): void;
  /** The adapter's subscriber connection: after it reconnects, the gateway's sockets resync. */
  subscriber: Redis;
  /**
   * Resolves once the subscriptions the adapters made so far are in place (call it after the
   * namespaces exist, before serving). The adapter subscribes and publishes without waiting or a
   * catch: a gateway serving before then could miss its first events, and one closed during the
   * subscriber's handshake left the subscriptions to fail as unhandled rejections.
   */
  subscribed(): Promise<void>;
}

export async function createGatewayRoomBus(
  redis: Redis,
  redisPrefix: string,
  logger: Logger,
  shutdown: ShutdownStack,
): Promise<GatewayRoomBus> {
  const pub = logRedisErrors(duplicateRedis(redis, { autoPipelining: true }), logger, 'adapter-pub');
  const sub = logRedisErrors(duplicateRedis(redis, { shardedSubscriber: true }), logger, 'adapter-sub');
  // io.close() (the gateway's 'http and sockets' step) closes the adapters first; these go after it.
  shutdown.defer('socket.io adapter', () => Promise.all([pub.quit(), sub.quit()]));
  if (!redis.isCluster) {
    // Connected before the adapter uses them, so nothing of theirs waits in ioredis' offline queue.
    await Promise.all([pub.connect(), sub.connect()]);
    return {
      attach: (io) => io.adapter(createAdapter(pub, sub, { key: busChannelKey(redisPrefix) })),
      subscriber: sub,
      // Answered only after the (P)SUBSCRIBEs written before it.
      subscribed: async () => void (await sub.ping()),
    };
  }
  await connectCluster(pub, sub);
  return {
    attach: (io) => io.adapter(createShardedAdapter(pub, sub, { channelPrefix: busChannelKey(redisPrefix) })),
    subscriber: sub,
    subscribed: () => shardSubscriptionsConfirmed(sub),
  };
}

/**
 * Resolves once each of the cluster's sharded subscriber connections answered a PING, which it does
 * only after the SSUBSCRIBEs written before it. ioredis 5 neither confirms its re-subscriptions (it
 * emits `subscribersReady` as it writes them) nor exposes the connections: this reads its
 * `shardedSubscribers` group, and does nothing if a later version moves it.
 */
async function shardSubscriptionsConfirmed(sub: Redis): Promise<void> {
  interface ShardConnection {
    isHealthy(): boolean;
    getInstance(): Pick<Redis, 'ping'> | null;
  }
  const group = (sub as unknown as { shardedSubscribers?: { shardedSubscribers?: Map<string, ShardConnection> } })
    .shardedSubscribers;
  const connections = [...(group?.shardedSubscribers?.values() ?? [])].filter((connection) => connection.isHealthy());
  await Promise.all(
    connections.map((connection) =>
      connection
        .getInstance()
        ?.ping()
        .catch(() => undefined),
    ),
  );
}

/**
 * A worker's publisher. On a cluster no emitter speaks the sharded adapter's channels, so the worker
 * runs a Socket.IO server of its own with that adapter and no HTTP listener (it never holds a socket)
 * and emits through it: the adapter's own code encodes and routes each event.
 */
export async function createWorkerRoomPublisher(
  redis: Redis,
  redisPrefix: string,
  logger: Logger,
  shutdown: ShutdownStack,
): Promise<RoomPublisher> {
  // Many streams publish at once: auto-pipelining batches their PUBLISHes into one write per tick (single Redis only).
  const pub = logRedisErrors(duplicateRedis(redis, { autoPipelining: true }), logger, 'bus');
  if (!redis.isCluster) {
    shutdown.defer('bus publisher', () => pub.quit());
    // The emitter publishes without a catch: connected first, no PUBLISH waits offline for a close to fail it.
    await pub.connect();
    return new RedisRoomPublisher(pub, redisPrefix);
  }
  const sub = logRedisErrors(duplicateRedis(redis, { shardedSubscriber: true }), logger, 'bus-sub');
  shutdown.defer('bus publisher', () => Promise.all([pub.quit(), sub.quit()]));
  await connectCluster(pub, sub);
  const io = new Server({
    serveClient: false,
    adapter: createShardedAdapter(pub, sub, { channelPrefix: busChannelKey(redisPrefix) }),
  });
  const namespaces = ['/', ...CONVERSATION_NAMESPACES];
  // Server.close() expects an engine a headless server does not have: close the adapters (SUNSUBSCRIBE) only.
  shutdown.defer('bus server', async () => {
    await Promise.all(namespaces.map((name) => io.of(name).adapter.close()));
  });
  return new ServerRoomPublisher(io, CONVERSATION_NAMESPACES);
}

/** A start fails loudly rather than waits for ever when a master cannot be subscribed to. */
const SUBSCRIBERS_READY_MS = 15_000;

/** The sharded adapter subscribes as it is built; with the topology known its SSUBSCRIBEs go straight to their shard. */
async function connectCluster(pub: Redis, sub: Redis): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const subscribersReady = new Promise<void>((resolve, reject) => {
    sub.once('subscribersReady', () => resolve());
    timer = setTimeout(
      () => reject(new Error(`Redis Cluster: no sharded subscriber connection to every master after ${SUBSCRIBERS_READY_MS} ms`)),
      SUBSCRIBERS_READY_MS,
    );
  });
  // Awaited below; a connect that fails first must not leave it rejecting unheard.
  subscribersReady.catch(() => undefined);
  try {
    await Promise.all([pub.connect(), sub.connect()]);
    await subscribersReady;
  } finally {
    clearTimeout(timer);
  }
}
