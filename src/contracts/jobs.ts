import { z } from 'zod';

export const REPLY_QUEUE = 'reply';

/** Payload of a `reply` job. The job id is `reply-<messageId>`, so one customer message gets one reply. */
export const replyJobSchema = z.object({
  conversationId: z.string().uuid(),
  messageId: z.string().uuid(),
  /** The customer message's seq: the context is the history up to it. */
  messageSeq: z.number().int().min(1),
  siteId: z.string().uuid(),
  enqueuedAt: z.number(),
});
export type ReplyJob = z.infer<typeof replyJobSchema>;

export function replyJobId(messageId: string): string {
  return `reply-${messageId}`;
}
