/**
 * Assembles one bot reply from `reply:delta` events. Deltas carry a 0-based index; text is shown only
 * up to the first gap, so a late or duplicated delta can never scramble the bubble. `reset()` starts a
 * new attempt (the server retried), which restarts the indexes at 0.
 */
export class ReplyStream {
  private readonly parts = new Map<number, string>();
  private contiguous = 0;
  private assembled = '';

  get text(): string {
    return this.assembled;
  }

  add(index: number, text: string): void {
    if (index < this.contiguous || this.parts.has(index)) return;
    this.parts.set(index, text);
    let next = this.parts.get(this.contiguous);
    while (next !== undefined) {
      this.assembled += next;
      this.parts.delete(this.contiguous);
      this.contiguous++;
      next = this.parts.get(this.contiguous);
    }
  }

  reset(): void {
    this.parts.clear();
    this.contiguous = 0;
    this.assembled = '';
  }
}
