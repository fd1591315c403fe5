import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { WEBHOOK_QUEUE } from '../contracts/jobs.js';
import { webhookJobSchema, type WebhookJob } from '../contracts/webhooks.js';
import type { Logger } from '../observability/logger.js';

export interface WebhookWorkerOptions {
  connection: Redis;
  prefix: string;
  /** Deliveries in flight at once; they wait on receivers, not the CPU. */
  concurrency: number;
  /** Longer than one attempt (the HTTP timeout), so a slow receiver does not look like a dead worker. */
  lockDurationMs: number;
  logger: Logger;
}

/** Runs `webhook` jobs: one attempt of one delivery each. */
export class WebhookWorker {
  private readonly worker: Worker<WebhookJob>;

  constructor(handle: (job: WebhookJob) => Promise<void>, options: WebhookWorkerOptions) {
    this.worker = new Worker<WebhookJob>(
      WEBHOOK_QUEUE,
      async (job: Job<WebhookJob>) => {
        const parsed = webhookJobSchema.safeParse(job.data);
        if (!parsed.success) {
          throw new UnrecoverableError(`invalid webhook job payload: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
        }
        await handle(parsed.data);
      },
      {
        connection: options.connection,
        prefix: `${options.prefix}:bull`,
        concurrency: options.concurrency,
        lockDuration: options.lockDurationMs,
        stalledInterval: options.lockDurationMs,
      },
    );
    this.worker.on('failed', (job, error) =>
      options.logger.error({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, 'webhook job failed'),
    );
    this.worker.on('error', (error) => options.logger.error({ err: error }, 'webhook worker error'));
  }

  async waitUntilReady(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  async close(): Promise<void> {
    await this.worker.close();
  }
}
