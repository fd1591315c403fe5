import { JOB_QUEUES } from '../contracts/jobs.js';

/**
 * Refuses to start a worker whose processors do not match the queues: a queue without a processor
 * would pile up jobs that nobody runs, and a processor for an unknown queue is a typo.
 */
export function assertEveryQueueHasProcessor(registered: readonly string[]): void {
  const missing = JOB_QUEUES.filter((queue) => !registered.includes(queue));
  const unknown = registered.filter((queue) => !(JOB_QUEUES as readonly string[]).includes(queue));
  if (missing.length === 0 && unknown.length === 0) return;
  const problems = [
    ...missing.map((queue) => `queue "${queue}" has no processor`),
    ...unknown.map((queue) => `processor for unknown queue "${queue}"`),
  ];
  throw new Error(`Cannot start the worker: ${problems.join('; ')}`);
}
