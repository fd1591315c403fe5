import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { HANDOFF_QUEUE, handoffJobId, type HandoffJob } from '../contracts/jobs.js';
import type { HandoffScheduler } from '../handoff/handoff-scheduler.js';

/**
 * Enqueues handoff jobs: the brief at once, the timers as delayed jobs (kept in Redis, so a restart of
 * every process loses none). Job ids come from the conversation and the moment, so a repeated trigger
 * schedules nothing twice.
 */
export class HandoffQueue implements HandoffScheduler {
  private readonly queue: Queue<HandoffJob>;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue<HandoffJob>(HANDOFF_QUEUE, {
      connection,
      prefix: `${prefix}:bull`,
      defaultJobOptions: {
        // A brief or a timer that failed on a database hiccup is tried again; the handlers are idempotent.
        attempts: 3,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 24 * 3600 },
      },
    });
  }

  async schedule(job: HandoffJob, delayMs = 0): Promise<void> {
    await this.queue.add(job.kind, job, { jobId: handoffJobId(job), ...(delayMs > 0 ? { delay: delayMs } : {}) });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
