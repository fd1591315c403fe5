import { z } from 'zod';

/** How retry waits are randomised. `none` is for tests and for reading the schedule. */
export type JitterMode = 'none' | 'full' | 'decorrelated';

export const retryOptionsSchema = z.object({
  /** First wait. Default 1000 ms. */
  baseDelayMs: z.number().int().positive().default(1000),
  /** No single wait is longer. Default 64000 ms. */
  maxDelayMs: z.number().int().positive().default(64_000),
  /** Total time one call may spend from its first request until it gives up, waits included. Default 60000 ms. */
  budgetMs: z.number().int().positive().default(60_000),
  /** Total requests one call may send, across endpoints, the first included. Default 6. */
  maxAttempts: z.number().int().min(1).default(6),
  /** Default `full`: wait uniformly in [0, exponential delay] so clients that failed together spread out. */
  jitter: z.enum(['none', 'full', 'decorrelated']).default('full'),
});

export type RetryOptions = z.input<typeof retryOptionsSchema>;

/** Where a call stands when deciding whether to wait and retry. */
export interface RetryState {
  /** Requests sent so far (1 after the first failure). */
  attempts: number;
  /** Time since the first request started. */
  elapsedMs: number;
  /** The previous wait, for decorrelated jitter; 0 before the first. */
  previousDelayMs: number;
  /** The server's `Retry-After`, when it sent one. */
  retryAfterMs?: number;
}

/**
 * Exponential backoff: 1 s, 2 s, 4 s, ... capped at 64 s (defaults), jittered, and never past the total
 * budget or the attempt limit. A `Retry-After` is a floor for the wait: waiting less would only earn
 * another 429. When honouring it would overrun the budget, the policy gives up instead.
 */
export class RetryPolicy {
  readonly options: Required<z.output<typeof retryOptionsSchema>>;

  constructor(
    options: RetryOptions = {},
    private readonly random: () => number = Math.random,
  ) {
    this.options = retryOptionsSchema.parse(options);
  }

  /** The un-jittered wait before retry number `retry` (1-based): base * 2^(retry-1), capped. */
  exponentialDelayMs(retry: number): number {
    const { baseDelayMs, maxDelayMs } = this.options;
    return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
  }

  /** The wait before the next attempt, or `null` when the call should give up. */
  nextDelayMs(state: RetryState): number | null {
    const { maxAttempts, budgetMs } = this.options;
    if (state.attempts >= maxAttempts) return null;
    const delay = Math.max(this.jittered(state), state.retryAfterMs ?? 0);
    if (state.elapsedMs + delay >= budgetMs) return null;
    return delay;
  }

  private jittered(state: RetryState): number {
    const { baseDelayMs, maxDelayMs, jitter } = this.options;
    const exponential = this.exponentialDelayMs(state.attempts);
    switch (jitter) {
      case 'none':
        return exponential;
      case 'full':
        return Math.round(this.random() * exponential);
      case 'decorrelated': {
        // AWS "decorrelated jitter": random between base and 3x the previous wait.
        const upper = Math.max(baseDelayMs, state.previousDelayMs * 3);
        return Math.min(maxDelayMs, Math.round(baseDelayMs + this.random() * (upper - baseDelayMs)));
      }
    }
  }
}
