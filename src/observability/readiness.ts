/** One dependency's probe: resolves when it answers. */
export type Probe = () => Promise<unknown>;

/**
 * Builds `/readyz`'s check: every probe runs at once and must answer within `timeoutMs`. A Redis
 * client that queues commands while it reconnects would otherwise leave the probe hanging instead
 * of answering 503. The error names each dependency that failed.
 */
export function readinessCheck(probes: Record<string, Probe>, timeoutMs: number): () => Promise<void> {
  return async () => {
    const names = Object.keys(probes);
    const outcomes = await Promise.allSettled(names.map((name) => withTimeout(probes[name]!(), timeoutMs, name)));
    const failures = outcomes.flatMap((outcome, index) =>
      outcome.status === 'rejected' ? [`${names[index]}: ${(outcome.reason as Error).message}`] : [],
    );
    if (failures.length > 0) throw new Error(failures.join('; '));
  };
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
