import { sharedFlushClock, type FlushClock } from './flush-clock.js';

/**
 * Relays a reply's text with the first piece sent at once (time to first token is what users feel) and
 * later pieces merged over a short window: at DeepSeek's pace a window of a few tens of milliseconds
 * looks the same on screen, and it cuts the bus and socket traffic per reply several times over.
 */
export class DeltaBatcher {
  private pending = '';
  private scheduled = false;
  private sentFirst = false;
  private readonly onDue = (): void => {
    this.scheduled = false;
    this.flush();
  };

  constructor(
    private readonly send: (text: string) => void,
    private readonly windowMs: number,
    private readonly clock: FlushClock = sharedFlushClock(windowMs),
  ) {}

  push(text: string): void {
    if (text.length === 0) return;
    if (!this.sentFirst || this.windowMs === 0) {
      this.sentFirst = true;
      this.send(text);
      return;
    }
    this.pending += text;
    if (this.scheduled) return;
    this.scheduled = true;
    this.clock.schedule(this.onDue);
  }

  /** Sends whatever is pending now; call before the reply's end or reset. */
  flush(): void {
    this.unschedule();
    if (this.pending.length === 0) return;
    const text = this.pending;
    this.pending = '';
    this.send(text);
  }

  /** Drops what is pending (the reply restarts or was cancelled). */
  discard(): void {
    this.unschedule();
    this.pending = '';
  }

  private unschedule(): void {
    if (!this.scheduled) return;
    this.scheduled = false;
    this.clock.cancel(this.onDue);
  }
}
