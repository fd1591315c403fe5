import { setTimeout as sleep } from 'node:timers/promises';

/** Pacing of one response, from the simulator options and the request's fault. */
export interface ResponseTiming {
  firstTokenDelayMs: number;
  tokensPerSecond: number;
  /** Extra wait before the first token with keep-alives (the `keepalive=` fault), 0 if none. */
  keepaliveMs: number;
  keepaliveEveryMs: number;
}

/** Real DeepSeek starts sending keep-alives once a request has waited about this long. */
export const KEEPALIVE_THRESHOLD_MS = 1000;

/**
 * Waits `totalMs`, calling `beat` at the start and then every `everyMs`. Resolves false if the signal
 * aborted (the client went away), true otherwise.
 */
export async function waitWithBeats(
  totalMs: number,
  everyMs: number,
  beat: (() => void) | undefined,
  signal: AbortSignal,
): Promise<boolean> {
  const end = Date.now() + totalMs;
  try {
    if (beat) beat();
    for (let remaining = totalMs; remaining > 0; remaining = end - Date.now()) {
      await sleep(beat ? Math.min(everyMs, remaining) : remaining, undefined, { signal });
      if (beat && end - Date.now() > 0) beat();
    }
    return true;
  } catch {
    return false;
  }
}

export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return waitWithBeats(ms, ms, undefined, signal);
}
