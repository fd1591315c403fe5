import { describe, expect, it } from 'vitest';
import { RetryPolicy } from '../../../src/llm/retry-policy.js';

const roomy = { budgetMs: 10_000_000, maxAttempts: 100, jitter: 'none' as const };

describe('RetryPolicy', () => {
  it('waits 1 s, 2 s, 4 s ... doubling, capped at 64 s', () => {
    const policy = new RetryPolicy(roomy);
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((attempts) =>
      policy.nextDelayMs({ attempts, elapsedMs: 0, previousDelayMs: 0 }),
    );
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 64_000, 64_000]);
  });

  it('defaults to base 1 s, cap 64 s, budget 60 s, 6 attempts, full jitter', () => {
    expect(new RetryPolicy().options).toEqual({
      baseDelayMs: 1000,
      maxDelayMs: 64_000,
      budgetMs: 60_000,
      maxAttempts: 6,
      jitter: 'full',
    });
  });

  it('full jitter draws uniformly below the exponential delay', () => {
    const policy = new RetryPolicy({ ...roomy, jitter: 'full' }, () => 0.25);
    expect(policy.nextDelayMs({ attempts: 3, elapsedMs: 0, previousDelayMs: 0 })).toBe(1000);
  });

  it('decorrelated jitter stays between the base and three times the previous wait, capped', () => {
    const high = new RetryPolicy({ ...roomy, jitter: 'decorrelated' }, () => 0.999_999);
    const low = new RetryPolicy({ ...roomy, jitter: 'decorrelated' }, () => 0);
    expect(high.nextDelayMs({ attempts: 2, elapsedMs: 0, previousDelayMs: 4000 })).toBe(12_000);
    expect(low.nextDelayMs({ attempts: 2, elapsedMs: 0, previousDelayMs: 4000 })).toBe(1000);
    expect(high.nextDelayMs({ attempts: 2, elapsedMs: 0, previousDelayMs: 60_000 })).toBe(64_000);
  });

  it('treats Retry-After as a floor', () => {
    const policy = new RetryPolicy(roomy);
    expect(policy.nextDelayMs({ attempts: 1, elapsedMs: 0, previousDelayMs: 0, retryAfterMs: 5000 })).toBe(5000);
    expect(policy.nextDelayMs({ attempts: 4, elapsedMs: 0, previousDelayMs: 0, retryAfterMs: 100 })).toBe(8000);
  });

  it('gives up when the wait would overrun the budget, Retry-After included', () => {
    const policy = new RetryPolicy({ budgetMs: 10_000, maxAttempts: 100, jitter: 'none' });
    expect(policy.nextDelayMs({ attempts: 3, elapsedMs: 5000, previousDelayMs: 0 })).toBe(4000);
    expect(policy.nextDelayMs({ attempts: 3, elapsedMs: 6000, previousDelayMs: 0 })).toBeNull();
    expect(policy.nextDelayMs({ attempts: 1, elapsedMs: 0, previousDelayMs: 0, retryAfterMs: 30_000 })).toBeNull();
  });

  it('gives up after maxAttempts requests', () => {
    const policy = new RetryPolicy({ ...roomy, maxAttempts: 3 });
    expect(policy.nextDelayMs({ attempts: 2, elapsedMs: 0, previousDelayMs: 0 })).toBe(2000);
    expect(policy.nextDelayMs({ attempts: 3, elapsedMs: 0, previousDelayMs: 0 })).toBeNull();
  });

  it('rejects nonsense options', () => {
    expect(() => new RetryPolicy({ baseDelayMs: -1 })).toThrow();
    expect(() => new RetryPolicy({ maxAttempts: 0 })).toThrow();
  });
});
