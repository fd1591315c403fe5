import type { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/**
 * Logs a Redis connection's errors: the first one after each time it was ready, so an outage is one
 * warning per connection, not one per reconnect attempt. (Without a listener ioredis prints every
 * attempt to stderr as an "unhandled error event".)
 */
export function logRedisErrors<T extends Redis>(client: T, logger: Logger, connection: string): T {
  let quiet = false;
  client.on('ready', () => {
    if (quiet) logger.info({ connection }, 'redis connection back');
    quiet = false;
  });
  client.on('error', (error: Error) => {
    if (quiet) return;
    quiet = true;
    logger.warn({ connection, err: error }, 'redis connection lost; retrying');
  });
  return client;
}
