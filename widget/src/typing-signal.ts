/** No key for this long counts as having stopped typing. */
const IDLE_MS = 3000;

/**
 * The visitor's typing as agents see it: `true` when they start, `false` when they stop (idle, emptied
 * the box, sent). Only changes are sent, not one event per key: each one spends the socket's budget.
 */
export class TypingSignal {
  private typing = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (typing: boolean) => void,
    private readonly idleMs = IDLE_MS,
  ) {}

  /** The message box changed; `hasText` false (emptied) stops at once. */
  input(hasText: boolean): void {
    if (!hasText) return this.stop();
    if (!this.typing) this.send(true);
    this.typing = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.stop(), this.idleMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    if (this.typing) this.send(false);
    this.typing = false;
  }

  /** The connection dropped: nothing to take back; the next key starts again. */
  forget(): void {
    clearTimeout(this.timer);
    this.typing = false;
  }
}
