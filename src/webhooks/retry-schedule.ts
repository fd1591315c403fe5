/** A `Retry-After` longer than this is taken as this (a receiver cannot park a delivery for a week). */
const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/**
 * When attempt `attempt + 1` is due, after `attempt` attempts failed; undefined when the schedule is
 * spent. Delays get up to ±10 % jitter so many deliveries failing together do not come back together;
 * a `Retry-After` (429, 503) is honoured when it asks for longer.
 */
export function nextAttemptDelayMs(
  schedule: readonly number[],
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number | undefined {
  const base = schedule[attempt];
  if (base === undefined) return undefined;
  const jittered = Math.round(base * (0.9 + 0.2 * random()));
  return retryAfterMs === undefined ? jittered : Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}
