/**
 * Confidence of a reply as the geometric mean of its token probabilities: exp(mean logprob), in 0..1.
 * `null` when the reply carried no logprobs (the request did not ask for them), so callers can tell
 * "unknown" from "low".
 */
export function confidenceFromLogprobs(logprobs: readonly number[]): number | null {
  const finite = logprobs.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return null;
  const mean = finite.reduce((sum, value) => sum + value, 0) / finite.length;
  return Math.min(1, Math.exp(mean));
}

/** True when a known confidence is below the site's threshold; an unknown confidence is never flagged. */
export function isLowConfidence(confidence: number | null, threshold: number): boolean {
  return confidence !== null && confidence < threshold;
}

/**
 * Collects logprobs from streamed `content` events; `reset()` on a `restart` event so a discarded attempt
 * does not count.
 */
export class ConfidenceMeter {
  private logprobs: number[] = [];

  add(logprobs: readonly number[] | undefined): void {
    if (logprobs) this.logprobs.push(...logprobs);
  }

  reset(): void {
    this.logprobs = [];
  }

  get confidence(): number | null {
    return confidenceFromLogprobs(this.logprobs);
  }
}
