import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors/app-error.js';

export interface LoginRateLimits {
  /** Failed logins per account (e-mail) per minute; the next attempt is refused. */
  perAccountPerMinute: number;
  /** Failed logins per client IP per minute, whatever the account. */
  perIpPerMinute: number;
}

/**
 * Login budgets in Redis, so they hold across every gateway. Each attempt spends a point up front (an
 * atomic INCR: parallel guesses cannot slip through between a check and a count); a successful login
 * gives its points back, so only failures add up.
 */
export class LoginAttemptLimiter {
  private readonly perAccount: RateLimiterRedis;
  private readonly perIp: RateLimiterRedis;

  constructor(redis: Redis, keyPrefix: string, limits: LoginRateLimits) {
    this.perAccount = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:rl:login-account`,
      points: limits.perAccountPerMinute,
      duration: 60,
    });
    this.perIp = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:rl:login-ip`,
      points: limits.perIpPerMinute,
      duration: 60,
    });
  }

  /** Spends one attempt for the account and the IP, or throws `RATE_LIMITED` with the wait. */
  async attempt(email: string, ip: string): Promise<void> {
    const results = await Promise.allSettled([this.perAccount.consume(accountKey(email)), this.perIp.consume(ip)]);
    const refusals = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    if (refusals.length === 0) return;
    const limited = refusals.filter((reason): reason is RateLimiterRes => reason instanceof RateLimiterRes);
    if (limited.length !== refusals.length) throw refusals.find((reason) => !(reason instanceof RateLimiterRes));
    throw new AppError('RATE_LIMITED', 'Too many login attempts; wait before trying again.', {
      retryAfterMs: Math.max(1, ...limited.map((refusal) => refusal.msBeforeNext)),
    });
  }

  /** A successful login: its attempt does not count against the account or the IP. */
  async succeeded(email: string, ip: string): Promise<void> {
    await Promise.all([this.perAccount.delete(accountKey(email)), this.perIp.reward(ip, 1)]);
  }
}

/** Keys name a hash of the address, so Redis holds no e-mail addresses. */
function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 22);
}
