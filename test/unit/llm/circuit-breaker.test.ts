import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerState } from '../../../src/llm/circuit-breaker.js';
import { FakeClock } from './fake-clock.js';

function breaker(): { breaker: CircuitBreaker; clock: FakeClock; changes: BreakerState[] } {
  const clock = new FakeClock();
  const changes: BreakerState[] = [];
  return {
    breaker: new CircuitBreaker({ failureThreshold: 3, cooldownMs: 10_000 }, clock, (state) => changes.push(state)),
    clock,
    changes,
  };
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and a success resets the count', () => {
    const { breaker: subject } = breaker();
    subject.recordFailure();
    subject.recordFailure();
    subject.recordSuccess();
    subject.recordFailure();
    subject.recordFailure();
    expect(subject.state).toBe('closed');
    expect(subject.tryAcquire()).toBe(true);
  });

  it('opens after N consecutive failures and refuses requests during the cool-down', () => {
    const { breaker: subject, clock } = breaker();
    for (let i = 0; i < 3; i++) subject.recordFailure();
    expect(subject.state).toBe('open');
    clock.advance(9_999);
    expect(subject.tryAcquire()).toBe(false);
  });

  it('lets exactly one probe through after the cool-down and closes when it succeeds', () => {
    const { breaker: subject, clock, changes } = breaker();
    for (let i = 0; i < 3; i++) subject.recordFailure();
    clock.advance(10_000);
    expect(subject.state).toBe('half-open');
    expect(subject.tryAcquire()).toBe(true);
    expect(subject.tryAcquire()).toBe(false);
    subject.recordSuccess();
    expect(subject.state).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('re-opens with a fresh cool-down when the probe fails', () => {
    const { breaker: subject, clock } = breaker();
    for (let i = 0; i < 3; i++) subject.recordFailure();
    clock.advance(10_000);
    expect(subject.tryAcquire()).toBe(true);
    subject.recordFailure();
    expect(subject.state).toBe('open');
    clock.advance(5_000);
    expect(subject.tryAcquire()).toBe(false);
    clock.advance(5_000);
    expect(subject.tryAcquire()).toBe(true);
  });

  it('frees the probe slot when the probe ends without a verdict', () => {
    const { breaker: subject, clock } = breaker();
    for (let i = 0; i < 3; i++) subject.recordFailure();
    clock.advance(10_000);
    expect(subject.tryAcquire()).toBe(true);
    subject.release();
    expect(subject.tryAcquire()).toBe(true);
  });
});
