import { z } from 'zod';
import { agentRefSchema } from './payloads.js';

/**
 * Handoff to a person (docs/handoff.md): why a conversation moved to `waiting`, the brief the model
 * writes for the agent, and the events that tell agents and the visitor about the queue.
 */

/**
 * Machine-readable reasons of a move to `waiting`: the customer asked (button or phrase), the model
 * called its `handoff` tool, a reply below the site's confidence threshold, the model failing (the
 * degraded reply), the same question a third time, the filter's `review` decision, an assigned agent
 * who did not answer in time, and a transfer to a team.
 */
export const HANDOFF_REASONS = [
  'customer_asked',
  'model_asked',
  'low_confidence',
  'model_failed',
  'repeated_question',
  'review',
  'agent_silent',
  'transfer',
] as const;
export const handoffReasonSchema = z.enum(HANDOFF_REASONS);
export type HandoffReason = z.infer<typeof handoffReasonSchema>;

export const BRIEF_SENTIMENTS = ['positive', 'neutral', 'negative', 'angry'] as const;
export const BRIEF_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** Over-long text is cut rather than refused: a brief that runs long is still worth reading. */
const briefText = (max: number) =>
  z
    .string()
    .trim()
    .transform((text) => text.slice(0, max));

/**
 * The handoff brief, as the model writes it (JSON mode) and agents get it. Lenient where models are
 * loose: a single fact may come as a string, an unknown sentiment or priority falls back to
 * `neutral` / `normal`, and over-long fields are cut.
 */
export const handoffBriefSchema = z.object({
  summary: briefText(1000),
  customer_intent: briefText(500),
  facts: z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(briefText(300)).max(20)),
  what_the_bot_tried: briefText(1000),
  sentiment: z.preprocess(lower, z.enum(BRIEF_SENTIMENTS).catch('neutral')),
  priority: z.preprocess(lower, z.enum(BRIEF_PRIORITIES).catch('normal')),
  suggested_reply: briefText(2000),
  language: briefText(35),
});
export type HandoffBrief = z.infer<typeof handoffBriefSchema>;

function lower(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().toLowerCase() : value;
}

/** `handoff:requested` (to every connected agent of the conversation's site, on any gateway). */
export const handoffRequestedSchema = z.object({
  conversationId: z.string(),
  siteId: z.string(),
  reason: handoffReasonSchema,
  /** The reason the model gave (its tool's argument), or nothing. */
  detail: z.string().nullable(),
  /** The customer's newest message, cut to 200 characters. */
  preview: z.string().nullable(),
  /** ISO time it first started waiting (kept across repeated handoffs). */
  waitingSince: z.string(),
  /** The team it waits for, if any. */
  teamId: z.string().nullable(),
  /** Set when the site auto-assigned it: the agent who owns it now (mode `human`). */
  assignedAgent: agentRefSchema.nullable(),
  /** Null until the model has written it; it then follows as `handoff:brief`. */
  brief: handoffBriefSchema.nullable(),
});
export type HandoffRequested = z.infer<typeof handoffRequestedSchema>;

/** `handoff:brief` (to the site's agents): the brief, or null when the model could not write one in time. */
export const handoffBriefEventSchema = z.object({
  conversationId: z.string(),
  siteId: z.string(),
  brief: handoffBriefSchema.nullable(),
});
export type HandoffBriefEvent = z.infer<typeof handoffBriefEventSchema>;

/** `handoff:queued` (to the visitor): their place in the queue (1 = next) and a rough wait, updated as it moves. */
export const handoffQueuedSchema = z.object({
  conversationId: z.string(),
  position: z.number().int().min(1),
  estimateSeconds: z.number().int().min(0),
});
export type HandoffQueued = z.infer<typeof handoffQueuedSchema>;

/**
 * `handoff:unavailable` (to the visitor): nobody can answer now (`no_agent_online`), nobody is online
 * and it is outside the site's business hours (`outside_business_hours`, with the next opening), or
 * nobody picked the conversation up in the site's time (`timeout`); the widget asks for an e-mail address.
 */
export const handoffUnavailableSchema = z.object({
  conversationId: z.string(),
  reason: z.enum(['no_agent_online', 'outside_business_hours', 'timeout']),
  /** With `outside_business_hours`: ISO instant of the next opening (null: the schedule has none). */
  nextOpenAt: z.string().nullable().optional(),
});
export type HandoffUnavailable = z.infer<typeof handoffUnavailableSchema>;

/** Widget -> server `handoff:request`: the "Talk to a person" button. */
export const widgetHandoffRequestSchema = z.strictObject({});
/** Widget -> server `contact:email`: where the customer wants to be answered, kept on the conversation. */
export const contactEmailSchema = z.object({ email: z.string().trim().max(254).pipe(z.email()) });
