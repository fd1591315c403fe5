import { setTimeout as delay } from 'node:timers/promises';
import { DelayedError, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { REPLY_QUEUE, replyJobSchema, type ReplyJob } from '../contracts/jobs.js';
import type { ReplyAttempt } from '../bot/reply.service.js';
import { isDependencyDown } from '../errors/unavailable.js';
import type { Logger } from '../observability/logger.js';
import { throttledReplyProgress } from './reply-progress.js';

export interface ReplyWorkerOptions {
  connection: Redis;
  prefix: string;
  /** Replies wait on the network, not the CPU: one worker streams many at once. */
  concurrency: number;
  /** Lock on a running job, renewed every half of it; a job whose worker died is retried after about 1.5x this. */
  lockDurationMs?: number;
  /**
   * BullMQ moves jobs to active one at a time per worker; a burst of messages waits in line for that.
   * Several fetchers in one process share the concurrency and take the line down in parallel.
   */
  fetchers?: number;
  /** At `close()`, how long replies in progress may finish before the rest are handed back (default: no limit). */
  drainMs?: number;
  logger: Logger;
}

/** While Postgres or Redis is away, a reply is tried again this much later, without using up an attempt. */
const DEPENDENCY_RETRY_MS = 2000;

/** Abort reason of the replies a closing worker hands back to the queue. */
const HAND_BACK = 'handed back at shutdown';

/** Runs `reply` jobs. A crashed worker's jobs stall and BullMQ hands them to another worker. */
export class ReplyWorker {
  private readonly workers: Worker<ReplyJob>[];
  private readonly drainMs: number;

  constructor(handle: (attempt: ReplyAttempt) => Promise<void>, options: ReplyWorkerOptions) {
    this.drainMs = options.drainMs ?? Infinity;
    const fetchers = Math.max(1, Math.min(options.fetchers ?? 4, options.concurrency));
    this.workers = Array.from({ length: fetchers }, () =>
      createWorker(handle, options, Math.ceil(options.concurrency / fetchers)),
    );
  }

  async waitUntilReady(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  /**
   * Stops taking jobs and lets the ones in progress finish for up to `drainMs` (default: the option's); the rest are stopped
   * and put back in the queue at once (another worker starts them with `reply:reset`), instead of
   * waiting for their locks to expire.
   */
  async close(drainMs = this.drainMs): Promise<void> {
    const closing = Promise.all(this.workers.map((worker) => worker.close()));
    if (Number.isFinite(drainMs)) {
      const timer = new AbortController();
      const finished = await Promise.race([
        closing.then(() => true),
        delay(drainMs, false, { signal: timer.signal }).catch(() => false),
      ]);
      timer.abort();
      if (!finished) for (const worker of this.workers) worker.cancelAllJobs(HAND_BACK);
    }
    await closing;
  }
}

function createWorker(handle: (attempt: ReplyAttempt) => Promise<void>, options: ReplyWorkerOptions, concurrency: number) {
  const worker = new Worker<ReplyJob>(
    REPLY_QUEUE,
    async (job: Job<ReplyJob>, token?: string, signal?: AbortSignal) => {
      const parsed = replyJobSchema.safeParse(job.data);
      // Another try cannot fix a payload: fail it now instead of after every attempt.
      if (!parsed.success)
        throw new UnrecoverableError(`invalid reply job payload: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
      try {
        await handle({
          job: parsed.data,
          attempt: job.attemptsStarted,
          final: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
          ...(signal ? { lockLost: signal } : {}),
          progress: throttledReplyProgress(job, options.logger),
        });
      } catch (error) {
        // An outage is not the reply's fault: wait it out instead of failing the job for good.
        if (!isDependencyDown(error) || !token) throw error;
        await job.moveToDelayed(Date.now() + DEPENDENCY_RETRY_MS, token);
        throw new DelayedError();
      }
      if (signal?.aborted && signal.reason === HAND_BACK && token) {
        // Back to the queue without using up an attempt; the next worker's try is attempt + 1 (a reset).
        await job.moveToWait(token);
        throw new WaitingError();
      }
    },
    {
      connection: options.connection,
      prefix: `${options.prefix}:bull`,
      concurrency,
      lockDuration: options.lockDurationMs ?? 5000,
      // A dead worker's job is found at most lockDuration + stalledInterval after its last renewal.
      stalledInterval: Math.max(500, Math.round((options.lockDurationMs ?? 5000) / 2)),
      maxStalledCount: 2,
    },
  );
  // Another worker took the job as stalled, or Redis lost it (a restart without data, and the
  // reconciler queues it again): stop streaming a reply that someone else now owns.
  worker.on('lockRenewalFailed', (jobIds) => {
    for (const jobId of jobIds) worker.cancelJob(jobId, 'lock lost');
    options.logger.warn({ jobIds }, 'reply job lock lost; stopped here, another attempt answers');
  });
  worker.on('failed', (job, error) =>
    options.logger.error({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, 'reply job failed'),
  );
  worker.on('error', (error) => options.logger.error({ err: error }, 'reply worker error'));
  return worker;
}
