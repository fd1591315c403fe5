import type { Clock } from '../../../src/llm/clock.js';

/** A clock whose time only moves when a test says so; `sleep` records the wait and returns at once. */
export class FakeClock implements Clock {
  time = 1_000_000;
  readonly sleeps: number[] = [];
  private timers: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, callback, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.advance(ms);
  }

  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((timer) => !timer.cancelled && timer.at <= this.time);
    this.timers = this.timers.filter((timer) => !due.includes(timer));
    for (const timer of due) timer.callback();
  }
}
