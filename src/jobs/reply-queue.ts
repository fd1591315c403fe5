import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { REPLY_QUEUE, replyJobId, type ReplyJob } from '../contracts/jobs.js';
import { isReplyJobProgress } from './reply-progress.js';

export interface ReplyQueueOptions {
  /** Tries in all, the first included. */
  attempts: number;
  /** First retry delay; doubles each time. */
  backoffMs: number;
}

export interface ResumeOptions {
  /**
   * Also run again a message whose job completed without storing a reply (the reply was cancelled
   * because the visitor had left). Off, only a message with no job at all is queued.
   */
  replaceCompleted: boolean;
  /** Start no sooner than this (lets a worker that still holds the old job notice it lost it). */
  delayMs?: number;
}

/** States in which a job is still going to run or running: nothing to resume. */
const LIVE_STATES = new Set(['active', 'waiting', 'waiting-children', 'delayed', 'prioritized']);

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

  /**
   * Queues the reply to a message Postgres says is unanswered, unless a job for it is live (or failed
   * for good: the visitor was told to send again). The job is marked `recovered`, so screens first drop
   * any partial text an earlier attempt left. True when a job was queued.
   */
  async resume(job: ReplyJob, options: ResumeOptions): Promise<boolean> {
    const jobId = replyJobId(job.messageId);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (LIVE_STATES.has(state) || state === 'failed') return false;
      if (state === 'completed' && !options.replaceCompleted) return false;
      // Throws when another process just made it live again (locked): that one answers.
      const removed = await existing.remove().then(
        () => true,
        () => false,
      );
      if (!removed) return false;
    }
    // Same job id: of two processes resuming at once, one job is queued.
    await this.queue.add('reply', { ...job, recovered: true }, { jobId, delay: options.delayMs ?? 0 });
    return true;
  }

  /** BullMQ's state of the reply job for a message (`active`, `waiting`, `failed`, ...); undefined when there is none. */
  async replyState(messageId: string): Promise<string | undefined> {
    const state = await this.queue.getJobState(replyJobId(messageId));
    return state === 'unknown' ? undefined : state;
  }

  /** The reply's text so far as its worker last recorded it (throttled); undefined before the first piece. */
  async textSoFar(messageId: string): Promise<string | undefined> {
    const job = await this.queue.getJob(replyJobId(messageId));
    return isReplyJobProgress(job?.progress) ? job.progress.text : undefined;
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
