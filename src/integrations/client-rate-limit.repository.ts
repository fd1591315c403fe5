import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors/app-error.js';
import type { ClientRateLimit } from './integration-ports.js';

/** Requests per integration client per minute, in Redis so the budget holds across gateways. */
export class ClientRateLimitRepository implements ClientRateLimit {
  private readonly limiter: RateLimiterRedis;

  constructor(redis: Redis, prefix: string, perMinute: number) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:rl:integration`,
      points: perMinute,
      duration: 60,
    });
  }

  /** Spends one request or throws `RATE_LIMITED` with the wait until the next one. */
  async consume(clientRowId: string): Promise<void> {
    try {
      await this.limiter.consume(clientRowId);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        throw new AppError('RATE_LIMITED', 'Too many requests for this client; wait before trying again.', {
          retryAfterMs: Math.max(1, error.msBeforeNext),
        });
      }
      throw error;
    }
  }
}
