import { z } from 'zod';
import { systemClock, type Clock } from './clock.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export const breakerOptionsSchema = z.object({
  /** Consecutive failures that open the breaker. Default 5. */
  failureThreshold: z.number().int().min(1).default(5),
  /** How long an open breaker refuses requests before letting one probe through. Default 30000 ms. */
  cooldownMs: z.number().int().positive().default(30_000),
});

export type BreakerOptions = z.input<typeof breakerOptionsSchema>;

/**
 * One endpoint's circuit breaker: `closed` -> `open` after `failureThreshold` consecutive failures ->
 * `half-open` once `cooldownMs` has passed, letting exactly one probe request through -> `closed` when it
 * succeeds, `open` again (fresh cool-down) when it fails. Keeps calls off an endpoint that is down
 * instead of spending every caller's retry budget on it.
 */
export class CircuitBreaker {
  private currentState: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private probeInFlight = false;
  private readonly options: z.output<typeof breakerOptionsSchema>;

  constructor(
    options: BreakerOptions = {},
    private readonly clock: Clock = systemClock,
    private readonly onStateChange: (state: BreakerState) => void = () => undefined,
  ) {
    this.options = breakerOptionsSchema.parse(options);
  }

  get state(): BreakerState {
    if (this.currentState === 'open' && this.clock.now() - this.openedAt >= this.options.cooldownMs) {
      this.transition('half-open');
    }
    return this.currentState;
  }

  /** Whether a request may go out now. In half-open, true once: the caller is the probe and must report back. */
  tryAcquire(): boolean {
    switch (this.state) {
      case 'closed':
        return true;
      case 'open':
        return false;
      case 'half-open':
        if (this.probeInFlight) return false;
        this.probeInFlight = true;
        return true;
    }
  }

  recordSuccess(): void {
    this.consecutiveFailures = 0;
    this.probeInFlight = false;
    if (this.currentState !== 'closed') this.transition('closed');
  }

  recordFailure(): void {
    this.consecutiveFailures++;
    const probeFailed = this.currentState === 'half-open';
    this.probeInFlight = false;
    if (probeFailed || (this.currentState === 'closed' && this.consecutiveFailures >= this.options.failureThreshold)) {
      this.openedAt = this.clock.now();
      this.transition('open');
    }
  }

  /** The request ended with no verdict on the endpoint (caller abort, rejected request): free the probe slot. */
  release(): void {
    this.probeInFlight = false;
  }

  private transition(state: BreakerState): void {
    this.currentState = state;
    this.onStateChange(state);
  }
}
