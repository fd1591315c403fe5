import { afterEach, describe, expect, it, vi } from 'vitest';
import { TypingSignal } from '../../../widget/src/typing-signal.js';

afterEach(() => vi.useRealTimers());

describe('TypingSignal', () => {
  it('sends true when typing starts and false once, after the idle time, however many keys came between', () => {
    vi.useFakeTimers();
    const sent: boolean[] = [];
    const signal = new TypingSignal((typing) => sent.push(typing), 3000);
    for (let key = 0; key < 700; key++) {
      signal.input(true);
      vi.advanceTimersByTime(100);
    }
    expect(sent).toEqual([true]);
    // 100 ms of the idle time passed after the last key.
    vi.advanceTimersByTime(2899);
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([true, false]);
    vi.advanceTimersByTime(60_000);
    expect(sent).toEqual([true, false]);
  });

  it('stops at once when the box is emptied or the message sent, and starts again with the next key', () => {
    vi.useFakeTimers();
    const sent: boolean[] = [];
    const signal = new TypingSignal((typing) => sent.push(typing));
    signal.input(true);
    signal.input(false);
    signal.input(false);
    signal.input(true);
    signal.stop();
    signal.stop();
    vi.advanceTimersByTime(60_000);
    expect(sent).toEqual([true, false, true, false]);
  });

  it('forgets the state when the connection drops (the server has nothing to take back)', () => {
    vi.useFakeTimers();
    const sent: boolean[] = [];
    const signal = new TypingSignal((typing) => sent.push(typing));
    signal.input(true);
    signal.forget();
    vi.advanceTimersByTime(60_000);
    signal.input(true);
    expect(sent).toEqual([true, true]);
  });
});
