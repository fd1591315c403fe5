import { z } from 'zod';
import { conversationModeSchema, messageRoleSchema } from './enums.js';
import { feedbackSchema } from './feedback.js';
import { WEBHOOK_PAYLOAD_VERSION, WEBHOOK_TEST_EVENT, type WebhookEventType } from './webhooks.js';

/**
 * The webhook bodies as zod schemas (docs/webhooks.md): the OpenAPI document's `webhooks` section is
 * generated from them, and test/types/api-responses.test.ts holds them equal to the interfaces in
 * webhooks.ts that the builders use.
 */

const isoTime = z.iso.datetime({ offset: true });
const agentOf = z.object({ id: z.string(), name: z.string().nullable() });
/** The handoff brief as the model wrote it (contracts/handoff.ts), or null while it is being written. */
const brief = z.record(z.string(), z.unknown()).nullable();

export const webhookMessageSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  role: messageRoleSchema,
  text: z.string(),
  flags: z.array(z.string()),
  inReplyTo: z.string().nullable(),
  createdAt: z.string(),
  /** Agent messages: who wrote it. */
  author: agentOf.nullable(),
});

export const webhookTranscriptSchema = z.object({
  messages: z.array(webhookMessageSchema),
  truncated: z.boolean(),
  /** When truncated: how many messages were left out, and where to read them all (admin API). */
  omitted: z.number().int().optional(),
  url: z.string().optional(),
});

export const conversationCreatedDataSchema = z.object({
  conversation: z.object({
    id: z.string(),
    siteId: z.string(),
    visitorId: z.string(),
    mode: conversationModeSchema,
    createdAt: isoTime,
  }),
});

export const messageCreatedDataSchema = z.object({ message: webhookMessageSchema });

export const noteCreatedDataSchema = z.object({
  note: z.object({ id: z.string(), text: z.string(), author: agentOf, createdAt: isoTime }),
});

export const handoffRequestedDataSchema = z.object({
  conversation: z.object({ id: z.string(), siteId: z.string(), visitorId: z.string(), waitingSince: z.string() }),
  reason: z.string(),
  brief,
  transcript: webhookTranscriptSchema,
});

export const conversationAssignedDataSchema = z.object({
  conversation: z.object({ id: z.string(), mode: conversationModeSchema, waitingSince: z.string().nullable() }),
  agent: agentOf,
  previousAgent: agentOf.nullable(),
  teamId: z.string().nullable(),
  handoffReason: z.string().nullable(),
});

const milliseconds = z.number().int().nullable();
export const conversationResolvedDataSchema = z.object({
  conversation: z.object({
    id: z.string(),
    siteId: z.string(),
    visitorId: z.string(),
    createdAt: isoTime,
    resolvedAt: isoTime,
    handoffReason: z.string().nullable(),
    waitingSince: z.string().nullable(),
    assignedAgentId: z.string().nullable(),
    contactEmail: z.string().nullable(),
  }),
  brief,
  /** Milliseconds, null when it did not happen. */
  timings: z.object({
    firstBotReplyMs: milliseconds,
    handoffWaitMs: milliseconds,
    firstAgentReplyMs: milliseconds,
    resolutionMs: milliseconds,
  }),
  transcript: webhookTranscriptSchema,
});

export const ticketRequestedDataSchema = z.object({
  ticket: z.object({
    /** `<conversation id>:<handoff number>`: the same on every retry, so a helpdesk never opens it twice. */
    idempotencyKey: z.string(),
    why: z.enum(['pickup_timeout', 'no_agent_online', 'outside_business_hours']),
    subject: z.string(),
    description: z.string(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']),
    tags: z.array(z.string()),
    requester: z.object({ name: z.string().nullable(), email: z.string().nullable() }),
  }),
  conversation: z.object({
    id: z.string(),
    siteId: z.string(),
    visitorId: z.string(),
    waitingSince: z.string().nullable(),
  }),
  brief,
  transcript: webhookTranscriptSchema,
});

export const feedbackCreatedDataSchema = z.object({
  feedback: feedbackSchema,
  conversation: z.object({ id: z.string(), siteId: z.string(), visitorId: z.string(), mode: conversationModeSchema }),
  /** For a reply thumb: the bot message it is about; null for a rating. */
  message: z.object({ id: z.string(), seq: z.number().int(), text: z.string(), createdAt: isoTime }).nullable(),
});

export const webhookTestDataSchema = z.object({ message: z.string(), endpointId: z.string() });

/** `data` of each event. An event type added without one is documented with a free-form `data`. */
export const WEBHOOK_EVENT_DATA_SCHEMAS: Partial<Record<WebhookEventType | typeof WEBHOOK_TEST_EVENT, z.ZodType>> = {
  'conversation.created': conversationCreatedDataSchema,
  'message.created': messageCreatedDataSchema,
  'note.created': noteCreatedDataSchema,
  'conversation.handoff_requested': handoffRequestedDataSchema,
  'conversation.assigned': conversationAssignedDataSchema,
  'conversation.resolved': conversationResolvedDataSchema,
  'ticket.requested': ticketRequestedDataSchema,
  'feedback.created': feedbackCreatedDataSchema,
  [WEBHOOK_TEST_EVENT]: webhookTestDataSchema,
};

/** The body of one event type: the envelope every webhook shares, with that event's `data`. */
export function webhookEnvelopeSchemaOf(type: string, data: z.ZodType = z.record(z.string(), z.unknown())) {
  return z.object({
    /** `msg_<event id>`: the same on every attempt and replay (also the `webhook-id` header). */
    id: z.string(),
    type: z.literal(type),
    version: z.literal(WEBHOOK_PAYLOAD_VERSION),
    timestamp: isoTime,
    siteId: z.string(),
    conversationId: z.string().nullable(),
    /** The conversation's event sequence: larger is newer. */
    sequence: z.number().int(),
    data,
  });
}

/** Any webhook body (the delivery log shows it). */
export const webhookEnvelopeSchema = webhookEnvelopeSchemaOf('').extend({ type: z.string() });
