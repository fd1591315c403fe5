import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { isLoopback } from '../connection-guard.js';
import { assertRedisUp, spendOrRefuse } from '../rate-limiter.js';

export interface NewConversationLimits {
  /** New conversations one IP address may start per window, across every gateway (Redis). */
  newConversationsPerIp: number;
  newConversationWindowSeconds: number;
}

/**
 * Keeps one address from filling the database with conversations: only conversations that did not
 * exist yet count, never a returning visitor's.
 */
export class NewConversationBudget {
  private readonly conversations: RateLimiterRedis;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
    limits: NewConversationLimits,
  ) {
    this.conversations = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:rl:new-conversation-ip`,
      points: limits.newConversationsPerIp,
      duration: limits.newConversationWindowSeconds,
    });
  }

  /** Spends one new conversation from `ip`'s budget or throws `RATE_LIMITED`. */
  async admit(ip: string): Promise<void> {
    if (isLoopback(ip)) return;
    assertRedisUp(this.redis);
    await spendOrRefuse(this.conversations, ip, 'Too many new conversations from this network; try again later.');
  }
}
