/** Counts requests per fault id so `times=n` / `invalid-json=n` apply to the first n requests only. */
export class FaultCounter {
  private readonly seen = new Map<string, number>();

  /** Records one more request under `key` and says whether it is still within the first `limit`. */
  takeWithin(key: string, limit: number): boolean {
    const count = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, count);
    return count <= limit;
  }

  reset(): void {
    this.seen.clear();
  }
}
