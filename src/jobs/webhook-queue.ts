import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { WEBHOOK_QUEUE } from '../contracts/jobs.js';
import { webhookJobId, type WebhookJob } from '../contracts/webhooks.js';
import type { WebhookScheduler } from '../webhooks/webhook-delivery.service.js';

/**
 * Queues webhook attempts. Retries are not BullMQ's: each attempt is a job of its own, delayed by the
 * delivery's schedule (Postgres holds the schedule, so the sweep can rebuild a lost job). BullMQ's own
 * retries only cover a processor that threw (Postgres briefly away).
 */
export class WebhookQueue implements WebhookScheduler {
  private readonly queue: Queue<WebhookJob>;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue<WebhookJob>(WEBHOOK_QUEUE, {
      connection,
      prefix: `${prefix}:bull`,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: { age: 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
  }

  async schedule(jobs: ReadonlyArray<WebhookJob & { delayMs?: number; key?: string }>): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map(({ delayMs, key, ...job }) => ({
        name: 'webhook',
        data: job,
        opts: { jobId: key ? `${webhookJobId(job)}-${key}` : webhookJobId(job), delay: delayMs ?? 0 },
      })),
    );
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
