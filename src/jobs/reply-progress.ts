import type { Job } from 'bullmq';
import type { Logger } from '../observability/logger.js';

/**
 * Most often a reply's text so far is written to its job. The widget gets every delta over the bus;
 * only REST-channel tasks poll this, so a few writes a second per reply (against ~33 deltas a second
 * at the default 30 ms window) keep the hot path's Redis traffic about where it was.
 */
export const REPLY_PROGRESS_INTERVAL_MS = 400;

/** What a reply job's `progress` holds while it streams. */
export interface ReplyJobProgress {
  text: string;
}

export function isReplyJobProgress(value: unknown): value is ReplyJobProgress {
  return typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string';
}

/**
 * A recorder for one attempt: the first text at once, then at most one write per interval (the latest
 * text wins), and at once whenever the text got shorter (a restart). Writes are fire-and-forget: a
 * lost one only makes a poll see an older prefix.
 */
export function throttledReplyProgress(
  job: Pick<Job, 'updateProgress' | 'id'>,
  logger: Logger,
  intervalMs = REPLY_PROGRESS_INTERVAL_MS,
  now: () => number = Date.now,
): (textSoFar: string) => void {
  let lastAt = -Infinity;
  let lastLength = -1;
  return (text) => {
    const at = now();
    if (at - lastAt < intervalMs && text.length >= lastLength) return;
    lastAt = at;
    lastLength = text.length;
    const progress: ReplyJobProgress = { text };
    job
      .updateProgress(progress)
      .catch((error: unknown) => logger.debug({ err: error, jobId: job.id }, 'reply progress not recorded'));
  };
}
