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
        .then(() => {
          let sockets = 0;
          for (const name of namespaces) {
            const namespace = io.of(name);
            sockets += namespace.sockets.size;
            (namespace.local.emit as (event: 'resync', payload: Resync) => boolean)('resync', { reason: 'bus_reconnected' });
          }
          logger.warn({ sockets }, 'bus subscriber back after a drop; told local sockets to resync');
        });
    });
  });
}
