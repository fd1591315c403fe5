import { Redis } from 'ioredis';
import { busChannelKey } from '../../src/realtime/room-publisher.js';

/**
 * Listens to the room bus on `redisUrl` (as any gateway's adapter would) and resolves `replyEnded`
 * once a `reply:end` for the customer message `replyTo` is published there: proof that a worker has
 * told the rooms, whether or not a gateway was listening.
 */
export function watchBus(redisUrl: string, redisPrefix: string, replyTo: string): { replyEnded: Promise<void>; close(): void } {
  const subscriber = new Redis(redisUrl);
  let ended: () => void = () => undefined;
  const replyEnded = new Promise<void>((resolve) => (ended = resolve));
  subscriber.on('pmessageBuffer', (_pattern: Buffer, _channel: Buffer, message: Buffer) => {
    if (message.includes('reply:end') && message.includes(replyTo)) ended();
  });
  void subscriber.psubscribe(`${busChannelKey(redisPrefix)}*`);
  return { replyEnded, close: () => subscriber.disconnect() };
}
