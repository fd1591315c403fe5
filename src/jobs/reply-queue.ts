import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { REPLY_QUEUE, replyJobId, type ReplyJob } from '../contracts/jobs.js';

export interface ReplyQueueOptions {
  /** Tries in all, the first included. */
  attempts: number;
  /** First retry delay; doubles each time. */
  backoffMs: number;
}

/** Enqueues reply jobs. The job id comes from the message id, so a retried send cannot queue twice. */
export class ReplyQueue {
  private readonly queue: Queue<ReplyJob>;

  constructor(connection: Redis, prefix: string, options: ReplyQueueOptions) {
    this.queue = new Queue<ReplyJob>(REPLY_QUEUE, {
      connection,
      prefix: `${prefix}:bull`,
      defaultJobOptions: {
        attempts: options.attempts,
        backoff: { type: 'exponential', delay: options.backoffMs },
        removeOnComplete: { age: 3600, count: 10_000 },
        removeOnFail: { age: 24 * 3600 },
      },
    });
  }

  async enqueue(job: ReplyJob): Promise<void> {
    await this.queue.add('reply', job, { jobId: replyJobId(job.messageId) });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
