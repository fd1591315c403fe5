import type { HandoffJob } from '../contracts/jobs.js';

/** Runs handoff work later, on a worker (the `handoff` queue in production; delayed jobs survive restarts). */
export interface HandoffScheduler {
  /** Schedules the job after `delayMs` (default now); the same job twice is scheduled once. */
  schedule(job: HandoffJob, delayMs?: number): Promise<void>;
}
