import { z } from 'zod';

export const REPLY_QUEUE = 'reply';

/** Every BullMQ queue the service uses. A worker process refuses to start without a processor for each. */
export const JOB_QUEUES = [REPLY_QUEUE] as const;
export type JobQueueName = (typeof JOB_QUEUES)[number];

/** Payload of a `reply` job. The job id is `reply-<messageId>`, so one customer message gets one reply. */
export const replyJobSchema = z.object({
  conversationId: z.string().uuid(),
  messageId: z.string().uuid(),
  /** The customer message's seq: the context is the history up to it. */
  messageSeq: z.number().int().min(1),
  siteId: z.string().uuid(),
  enqueuedAt: z.number(),
  /**
   * Queued again from Postgres (the reconciler, a returning visitor) because the earlier job was lost
   * or cancelled: screens drop any partial text first (`reply:reset` reason `retry`).
   */
  recovered: z.boolean().optional(),
});
export type ReplyJob = z.infer<typeof replyJobSchema>;

export function replyJobId(messageId: string): string {
  return `reply-${messageId}`;
}
