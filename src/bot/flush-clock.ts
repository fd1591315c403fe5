/**
 * One timer for every delta batcher with the same window. Batchers that come due in the same window
 * flush in the same tick, so a worker streaming hundreds of replies publishes their deltas as one
 * Redis pipeline (one write) per window instead of one write per reply per window.
 */
export class FlushClock {
  private readonly due = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly windowMs: number) {}

  /** Runs `flush` at the end of the current window (the next one starts with the first schedule after it). */
  schedule(flush: () => void): void {
    this.due.add(flush);
    this.timer ??= setTimeout(() => this.fire(), this.windowMs);
  }

  cancel(flush: () => void): void {
    this.due.delete(flush);
    if (this.due.size > 0 || this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fire(): void {
    this.timer = undefined;
    const due = [...this.due];
    this.due.clear();
    for (const flush of due) {
      try {
        flush();
      } catch (error) {
        // One failing batcher must not hold back the others; it still surfaces as it did on its own timer.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

const clocks = new Map<number, FlushClock>();

/** The process's clock for a window length. */
export function sharedFlushClock(windowMs: number): FlushClock {
  let clock = clocks.get(windowMs);
  if (!clock) {
    clock = new FlushClock(windowMs);
    clocks.set(windowMs, clock);
  }
  return clock;
}
