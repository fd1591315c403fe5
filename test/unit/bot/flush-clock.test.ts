import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeltaBatcher } from '../../../src/bot/delta-batcher.js';
import { FlushClock } from '../../../src/bot/flush-clock.js';

describe('FlushClock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('flushes every batcher due in a window in the same tick, from one timer', () => {
    const clock = new FlushClock(30);
    const sent: string[] = [];
    const first = new DeltaBatcher((text) => sent.push(`1:${text}`), 30, clock);
    const second = new DeltaBatcher((text) => sent.push(`2:${text}`), 30, clock);
    first.push('a');
    second.push('x');
    first.push('b');
    vi.advanceTimersByTime(10);
    second.push('y');
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(20);
    expect(sent).toEqual(['1:a', '2:x', '1:b', '2:y']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('drops its timer once nothing is due, and a flushed or discarded batcher is not flushed again', () => {
    const clock = new FlushClock(30);
    const sent: string[] = [];
    const first = new DeltaBatcher((text) => sent.push(`1:${text}`), 30, clock);
    const second = new DeltaBatcher((text) => sent.push(`2:${text}`), 30, clock);
    first.push('a');
    second.push('x');
    first.push('b');
    second.push('y');
    first.flush();
    second.discard();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual(['1:a', '2:x', '1:b']);
  });

  it('keeps flushing the others when one throws', () => {
    const clock = new FlushClock(30);
    const flushed: string[] = [];
    clock.schedule(() => {
      throw new Error('boom');
    });
    clock.schedule(() => flushed.push('second'));
    const thrown = new Promise((resolve) => process.once('uncaughtException', resolve));
    vi.advanceTimersByTime(30);
    expect(flushed).toEqual(['second']);
    return thrown;
  });
});
