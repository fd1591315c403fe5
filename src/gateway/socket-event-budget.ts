import { RateLimiterMemory } from 'rate-limiter-flexible';
import { spendOrRefuse } from './rate-limiter.js';

/**
 * Events one socket may send per minute. Counted in this process: a socket lives on one gateway, and
 * the budget guards this gateway's work (every agent event re-reads the session from Postgres).
 */
export class SocketEventBudget {
  private readonly limiter: RateLimiterMemory;

  constructor(eventsPerMinute: number) {
    this.limiter = new RateLimiterMemory({ points: eventsPerMinute, duration: 60 });
  }

  /** Spends one event of the socket's budget or throws `RATE_LIMITED` with the wait until the next one. */
  spend(socketId: string): Promise<void> {
    return spendOrRefuse(this.limiter, socketId, 'Too many events on this connection; slow down.');
  }

  /** Frees an ended socket's entry at once instead of at the end of its window. */
  forget(socketId: string): void {
    void this.limiter.delete(socketId);
  }
}
