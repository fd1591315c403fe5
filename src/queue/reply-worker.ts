import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { REPLY_QUEUE, replyJobSchema, type ReplyJob } from '../bus/jobs.js';
import type { ReplyAttempt } from '../conversations/reply.service.js';
import type { Logger } from '../observability/logger.js';

export interface ReplyWorkerOptions {
  connection: Redis;
  prefix: string;
  /** Replies wait on the network, not the CPU: one worker streams many at once. */
  concurrency: number;
  /** How often a worker renews its lock; a job whose worker died is retried after about this long. */
  lockDurationMs?: number;
  logger: Logger;
}

/** Runs `reply` jobs. A crashed worker's jobs stall and BullMQ hands them to another worker. */
export class ReplyWorker {
  private readonly worker: Worker<ReplyJob>;

  constructor(handle: (attempt: ReplyAttempt) => Promise<void>, options: ReplyWorkerOptions) {
    this.worker = new Worker<ReplyJob>(
      REPLY_QUEUE,
      async (job: Job<ReplyJob>) => handle({ job: replyJobSchema.parse(job.data), attempt: job.attemptsStarted }),
      {
        connection: options.connection,
        prefix: `${options.prefix}:bull`,
        concurrency: options.concurrency,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.lockDurationMs ?? 30_000,
        maxStalledCount: 2,
      },
    );
    this.worker.on('failed', (job, error) =>
      options.logger.error({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, 'reply job failed'),
    );
    this.worker.on('error', (error) => options.logger.error({ err: error }, 'reply worker error'));
  }

  waitUntilReady(): Promise<unknown> {
    return this.worker.waitUntilReady();
  }

  /** Stops taking jobs and waits for the ones in progress to finish. */
  async close(): Promise<void> {
    await this.worker.close();
  }
}
