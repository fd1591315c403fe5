import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { HANDOFF_QUEUE, handoffJobSchema, type HandoffJob } from '../contracts/jobs.js';
import type { Logger } from '../observability/logger.js';

export interface HandoffWorkerOptions {
  connection: Redis;
  prefix: string;
  /** Briefs wait on the model: several run at once. */
  concurrency?: number;
  logger: Logger;
}

/** Runs `handoff` jobs (briefs and the queue's timers). */
export class HandoffWorker {
  private readonly worker: Worker<HandoffJob>;

  constructor(handle: (job: HandoffJob) => Promise<void>, options: HandoffWorkerOptions) {
    this.worker = new Worker<HandoffJob>(
      HANDOFF_QUEUE,
      async (job: Job<HandoffJob>) => {
        const parsed = handoffJobSchema.safeParse(job.data);
        if (!parsed.success)
          throw new UnrecoverableError(`invalid handoff job payload: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
        await handle(parsed.data);
      },
      { connection: options.connection, prefix: `${options.prefix}:bull`, concurrency: options.concurrency ?? 20 },
    );
    this.worker.on('failed', (job, error) =>
      options.logger.error({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, 'handoff job failed'),
    );
    this.worker.on('error', (error) => options.logger.error({ err: error }, 'handoff worker error'));
  }

  async waitUntilReady(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  async close(): Promise<void> {
    await this.worker.close();
  }
}
