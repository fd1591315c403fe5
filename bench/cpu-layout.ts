import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * Which cores the service (gateway, worker, and the minimal relay it is compared with) runs on, and
 * which the load generator (simulator, clients, this process) runs on. Redis and PostgreSQL are shared
 * servers the bench does not own, so they stay unpinned.
 */
export interface CpuLayout {
  /** `taskset` core lists, or undefined when nothing is pinned. */
  service: string | undefined;
  generator: string | undefined;
  description: string;
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Service on core 0, generator on every other core; unpinned (and said so) with one core or no taskset. */
export function chooseLayout(cores = availableParallelism()): CpuLayout {
  if (process.platform !== 'linux' || !hasTaskset()) {
    return { service: undefined, generator: undefined, description: `unpinned (no taskset), ${cores} cores shared` };
  }
  if (cores < 2) return { service: undefined, generator: undefined, description: 'unpinned (1 core)' };
  const generator = cores === 2 ? '1' : `1-${cores - 1}`;
  return {
    service: '0',
    generator,
    description: `service (gateway, worker; relay) on cpu 0, generator (simulator, clients) on cpu ${generator}; redis, postgres unpinned`,
  };
}

/** Pins every thread of `pid` (threads started later inherit it); a no-op when `cores` is undefined. */
export function pin(pid: number | undefined, cores: string | undefined): void {
  if (pid === undefined || cores === undefined) return;
  execFileSync('taskset', ['-a', '-cp', cores, String(pid)], { stdio: 'ignore' });
}
