import type { Server } from 'socket.io';
import type { Resync } from '../contracts/resync.js';
import type { Logger } from '../observability/logger.js';

/** What is watched of the adapter's subscriber connection (an ioredis client). */
export interface BusSubscriber {
  on(event: 'ready' | 'close', listener: () => void): unknown;
  ping(): Promise<unknown>;
}

/**
 * Pub/sub keeps nothing for a connection that is away: when this gateway's bus subscriber drops and
 * comes back (a Redis restart, a network cut), the room events published in between never reach its
 * sockets, though they stayed connected to the gateway. Once the subscriber is back and subscribed
 * again, every socket of this gateway in `namespaces` is told `resync` and catches up from its last
 * seq; a gap of no events costs each client one `sync`.
 */
export function resyncAfterBusGaps(subscriber: BusSubscriber, io: Server, namespaces: readonly string[], logger: Logger): void {
  let away = false;
  subscriber.on('close', () => {
    away = true;
  });
  subscriber.on('ready', () => {
    if (!away) return;
    away = false;
    // ioredis emits 'ready' just before it writes the re-subscriptions; a PING queued after them is
    // answered after them, so no event published once a client is told to resync can be missed.
    setImmediate(() => {
      void subscriber
        .ping()
        .catch(() => undefined)
        .then(() => tellLocalSockets(io, namespaces, logger, 'bus subscriber back after a drop; told local sockets to resync'));
    });
  });
}

/** What is watched of a cluster's sharded subscriber (an ioredis `Cluster` with `shardedSubscribers`). */
export interface ShardedBusSubscriber {
  on(event: '-node' | '-subscriber' | 'error' | 'subscribersReady', listener: () => void): unknown;
}

/**
 * On a Redis Cluster the sharded subscriber stays `ready` when one master dies: it holds a connection
 * per master, drops the dead one (`-node`, `-subscriber`) and, once the slots say which node took over,
 * connects to it, writes the room SSUBSCRIBEs again and emits `subscribersReady`. The events published
 * on that shard in between are lost for this gateway's sockets, so they are told `resync` then. ioredis
 * also ends each attempt that failed to connect while the master was still down with
 * `subscribersReady`, after an `error`: a round with an error is not a recovery, so sockets are told
 * once the subscriber group came back whole, not at each attempt.
 */
export function resyncAfterShardGaps(
  subscriber: ShardedBusSubscriber,
  subscriptionsConfirmed: () => Promise<void>,
  io: Server,
  namespaces: readonly string[],
  logger: Logger,
): void {
  let away = false;
  let failedRound = false;
  const gone = () => {
    away = true;
  };
  subscriber.on('-node', gone);
  subscriber.on('-subscriber', gone);
  subscriber.on('error', () => {
    failedRound = true;
  });
  subscriber.on('subscribersReady', () => {
    const failed = failedRound;
    failedRound = false;
    if (!away || failed) return;
    away = false;
    // ioredis emits this as it writes the SSUBSCRIBEs again; told before Redis has them, a client
    // could sync and still miss an event published in that round trip.
    void subscriptionsConfirmed()
      .catch(() => undefined)
      .then(() =>
        tellLocalSockets(
          io,
          namespaces,
          logger,
          'sharded bus subscriber back after a shard dropped; told local sockets to resync',
        ),
      );
  });
}

function tellLocalSockets(io: Server, namespaces: readonly string[], logger: Logger, message: string): void {
  let sockets = 0;
  for (const name of namespaces) {
    const namespace = io.of(name);
    sockets += namespace.sockets.size;
    (namespace.local.emit as (event: 'resync', payload: Resync) => boolean)('resync', { reason: 'bus_reconnected' });
  }
  logger.warn({ sockets }, message);
}
