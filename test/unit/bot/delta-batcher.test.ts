import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeltaBatcher } from '../../../src/bot/delta-batcher.js';

describe('DeltaBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first piece at once and merges later pieces over the window', () => {
    const sent: string[] = [];
    const batcher = new DeltaBatcher((text) => sent.push(text), 30);
    batcher.push('Hel');
    expect(sent).toEqual(['Hel']);
    batcher.push('lo');
    batcher.push(', ');
    expect(sent).toEqual(['Hel']);
    vi.advanceTimersByTime(30);
    expect(sent).toEqual(['Hel', 'lo, ']);
    batcher.push('world');
    batcher.flush();
    expect(sent).toEqual(['Hel', 'lo, ', 'world']);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(3);
  });

  it('drops pending text on discard and ignores empty pieces', () => {
    const sent: string[] = [];
    const batcher = new DeltaBatcher((text) => sent.push(text), 30);
    batcher.push('');
    batcher.push('a');
    batcher.push('b');
    batcher.discard();
    vi.advanceTimersByTime(100);
    expect(sent).toEqual(['a']);
  });

  it('relays every piece when the window is 0', () => {
    const sent: string[] = [];
    const batcher = new DeltaBatcher((text) => sent.push(text), 0);
    for (const piece of ['a', 'b', 'c']) batcher.push(piece);
    expect(sent).toEqual(['a', 'b', 'c']);
  });
});
