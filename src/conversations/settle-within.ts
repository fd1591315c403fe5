import { setTimeout as delay } from 'node:timers/promises';

/**
 * Waits for `work` at most `ms`; its failure (or its being late) goes to `onProblem` instead of the
 * caller. For work after a commit that the caller's answer must not depend on.
 */
export async function settleWithin(work: Promise<unknown>, ms: number, onProblem: (error: unknown) => void): Promise<void> {
  const timer = new AbortController();
  const late = Symbol('late');
  const outcome = await Promise.race([
    work.then(
      () => undefined,
      (error: unknown) => {
        onProblem(error);
        return undefined;
      },
    ),
    delay(ms, late, { signal: timer.signal }).catch(() => undefined),
  ]);
  timer.abort();
  if (outcome === late) onProblem(new Error(`still running after ${ms} ms; left to finish on its own`));
}
