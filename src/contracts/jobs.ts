import { z } from 'zod';

export const REPLY_QUEUE = 'reply';
/** Webhook deliveries: one job per attempt (src/webhooks, docs/webhooks.md). */
export const WEBHOOK_QUEUE = 'webhook';

/** Handoff work off the gateway's path: the brief, and the queue's timers (delayed jobs survive restarts). */
export const HANDOFF_QUEUE = 'handoff';

/** Every BullMQ queue the service uses. A worker process refuses to start without a processor for each. */
export const JOB_QUEUES = [REPLY_QUEUE, HANDOFF_QUEUE, WEBHOOK_QUEUE] as const;
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

/**
 * Payload of a `handoff` job. `brief`: write the handoff brief now (once per wait). `pickup-timeout`: due when the
 * site's pickup time has passed; acts only if the conversation still waits since `waitingSince`.
 * `agent-silence`: due when the site's answer time has passed after `agentId` got the conversation at
 * `assignedAt`; unassigns them only if they still own it and wrote nothing since.
 */
export const handoffJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('brief'), conversationId: z.uuid(), waitingSince: z.string() }),
  z.object({ kind: z.literal('pickup-timeout'), conversationId: z.uuid(), waitingSince: z.string() }),
  z.object({ kind: z.literal('agent-silence'), conversationId: z.uuid(), agentId: z.uuid(), assignedAt: z.string() }),
]);
export type HandoffJob = z.infer<typeof handoffJobSchema>;

/** One job per conversation and moment, so a repeated trigger does not schedule twice. */
export function handoffJobId(job: HandoffJob): string {
  const at = job.kind === 'agent-silence' ? `${job.agentId}-${Date.parse(job.assignedAt)}` : String(Date.parse(job.waitingSince));
  return `${job.kind}-${job.conversationId}-${at}`;
}
