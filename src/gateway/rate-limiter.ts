import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../errors/app-error.js';

export interface MessageRateLimits {
  visitorPerMinute: number;
  sitePerMinute: number;
}

/**
 * Per-visitor and per-site message budgets held in Redis, so they hold across every gateway process.
 */
export class MessageRateLimiter {
  private readonly perVisitor: RateLimiterRedis;
  private readonly perSite: RateLimiterRedis;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
    limits: MessageRateLimits,
  ) {
    this.perVisitor = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:rl:visitor`,
      points: limits.visitorPerMinute,
      duration: 60,
    });
    this.perSite = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:rl:site`,
      points: limits.sitePerMinute,
      duration: 60,
    });
  }

  /** Spends one message from both budgets or throws `RATE_LIMITED` with the wait until the next one. */
  async consume(siteId: string, visitorId: string): Promise<void> {
    assertRedisUp(this.redis);
    const message = 'Too many messages; wait a moment before sending again.';
    await Promise.all([spendOrRefuse(this.perVisitor, visitorId, message), spendOrRefuse(this.perSite, siteId, message)]);
  }
}

/** Spends one point of `key`'s budget or throws `RATE_LIMITED` with the wait until the next point. */
export async function spendOrRefuse(limiter: RateLimiterAbstract, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      throw new AppError('RATE_LIMITED', message, { retryAfterMs: Math.max(1, error.msBeforeNext) });
    }
    throw error;
  }
}

/**
 * Commands to a Redis that is away wait in ioredis's queue until it is back; a visitor must instead
 * hear at once that the service is briefly unavailable (the widget's outbox retries).
 */
export function assertRedisUp(redis: Pick<Redis, 'status'>): void {
  if (redis.status !== 'ready') {
    throw new AppError('UNAVAILABLE', 'The service is briefly unavailable; try again in a moment.', { retryAfterMs: 2000 });
  }
}
