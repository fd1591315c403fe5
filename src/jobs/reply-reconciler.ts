import type { Redis } from 'ioredis';
import type { ReplyJob } from '../contracts/jobs.js';
import type { Logger } from '../observability/logger.js';
import type { ResumeOptions } from './reply-queue.js';

export interface ReplyReconcilerOptions {
  /** Pause between passes; the first pass runs at start. */
  intervalMs: number;
  /** A message younger than this is left to its job. */
  minAgeMs: number;
  /** Messages older than this are not looked at. */
  windowMs: number;
  /** Delay of a re-queued job, so a worker that still streams the lost job notices its lost lock first. */
  resumeDelayMs: number;
  /** Most messages re-queued per pass. */
  batchSize?: number;
}

export interface ReplyReconcilerDeps {
  /** Customer messages Postgres says are unanswered (`UnansweredMessageRepository.owed`). */
  owed: (query: {
    olderThanMs: number;
    withinMs: number;
    limit: number;
  }) => Promise<Array<Omit<ReplyJob, 'enqueuedAt' | 'recovered'>>>;
  resume: (job: ReplyJob, options: ResumeOptions) => Promise<boolean>;
  /** One pass at a time across workers: a short Redis lock (any process may take the next pass). */
  redis: Redis;
  prefix: string;
  logger: Logger;
}

/**
 * Postgres is the truth, the queue a cache of work: every few seconds, the customer messages the bot
 * still owes (see `UnansweredMessageRepository`) whose reply job is gone (a Redis restart without
 * data, an enqueue that failed after the commit) are queued again. A job that completed without a
 * reply (the visitor left, the reply was cancelled) is left for the visitor's return.
 */
export class ReplyReconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly deps: ReplyReconcilerDeps,
    private readonly options: ReplyReconcilerOptions,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** One pass: how many messages were queued again. */
  async reconcile(): Promise<number> {
    const { deps, options } = this;
    const lock = `${deps.prefix}:reply-reconciler`;
    const owner = await deps.redis.set(lock, String(process.pid), 'PX', Math.max(1000, options.intervalMs - 100), 'NX');
    if (owner !== 'OK') return 0;
    const owed = await deps.owed({
      olderThanMs: options.minAgeMs,
      withinMs: options.windowMs,
      limit: options.batchSize ?? 500,
    });
    let resumed = 0;
    for (const message of owed) {
      const queued = await deps.resume(
        { ...message, enqueuedAt: Date.now() },
        { replaceCompleted: false, delayMs: options.resumeDelayMs },
      );
      if (queued) resumed += 1;
    }
    if (resumed > 0) deps.logger.warn({ resumed, looked: owed.length }, 'unanswered messages without a reply job queued again');
    return resumed;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.running = this.reconcile()
        .then(
          () => undefined,
          (error: unknown) => this.deps.logger.warn({ err: error }, 'reply reconciliation failed; next pass retries'),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule(this.options.intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
