import { z } from 'zod';
import type { ConversationMode } from './enums.js';
import type { Feedback } from './feedback.js';

/** Payload version: bumped only for a change a receiver would break on (fields are only ever added). */
export const WEBHOOK_PAYLOAD_VERSION = 1;

/** Events an endpoint can subscribe to (docs/webhooks.md has an example of each). */
export const WEBHOOK_EVENT_TYPES = [
  'conversation.created',
  'message.created',
  'note.created',
  'conversation.handoff_requested',
  'conversation.assigned',
  'conversation.resolved',
  'ticket.requested',
  'feedback.created',
] as const;
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

/** Sent only by "send test event", to the one endpoint asked; no subscription needed. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** Most endpoints a site may have. */
export const MAX_WEBHOOK_ENDPOINTS_PER_SITE = 20;

const webhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine((url) => !/\s/.test(url) && !url.includes('\u0000'), 'must not contain whitespace or NUL');

/** `POST /api/v1/sites/:siteId/webhooks`. */
export const createWebhookEndpointSchema = z.strictObject({
  url: webhookUrl,
  events: z.array(webhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length),
  enabled: z.boolean().default(true),
  description: z.string().max(500).default(''),
});
export type CreateWebhookEndpoint = z.infer<typeof createWebhookEndpointSchema>;

/** `PATCH /api/v1/sites/:siteId/webhooks/:endpointId`: only what is given changes. */
export const updateWebhookEndpointSchema = z
  .strictObject({
    url: webhookUrl,
    events: z.array(webhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length),
    enabled: z.boolean(),
    description: z.string().max(500),
  })
  .partial();
export type UpdateWebhookEndpoint = z.infer<typeof updateWebhookEndpointSchema>;

/** `POST .../rotate-secret`: how long the old secret keeps signing next to the new one. */
export const rotateWebhookSecretSchema = z.strictObject({
  overlapSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .default(24 * 3600),
});

/** `POST .../replay`: every failed delivery of the endpoint created at or after `since`. */
export const replayFailedSchema = z.strictObject({ since: z.iso.datetime({ offset: true }) });

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivering', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** `GET .../deliveries` query. */
export const listDeliveriesQuerySchema = z.object({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(50)
    .transform((limit) => Math.min(limit, 200)),
  /** Only deliveries created before this instant (paging: pass the last one's `createdAt`). */
  before: z.iso.datetime({ offset: true }).optional(),
});

/** An endpoint as the API shows it: never its secret. */
export interface WebhookEndpointView {
  id: string;
  siteId: string;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  description: string;
  disabledReason: string | null;
  failingSince: string | null;
  /** While a rotation overlaps, the old secret signs too until then. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The JSON body of every webhook. `sequence` is the conversation's event sequence number: larger is
 * newer, so a receiver can order events or drop a stale one. `data` is built when the change commits.
 */
export interface WebhookEnvelope {
  id: string;
  type: WebhookEventType | typeof WEBHOOK_TEST_EVENT;
  version: typeof WEBHOOK_PAYLOAD_VERSION;
  timestamp: string;
  siteId: string;
  conversationId: string | null;
  sequence: number;
  data: Record<string, unknown>;
}

/**
 * Payload of a `webhook` job: one attempt of one delivery. The job id is
 * `webhook-<deliveryId>-<attempt>`, so the sweep and the enqueue after commit cannot double an attempt.
 */
export const webhookJobSchema = z.object({
  deliveryId: z.uuid(),
  attempt: z.number().int().min(1),
});
export type WebhookJob = z.infer<typeof webhookJobSchema>;

export function webhookJobId(job: WebhookJob): string {
  return `webhook-${job.deliveryId}-${job.attempt}`;
}

/** A message as every webhook payload shows it (`message.created`, transcripts). */
export interface WebhookMessage {
  id: string;
  seq: number;
  role: 'customer' | 'bot' | 'agent' | 'system';
  text: string;
  flags: string[];
  inReplyTo: string | null;
  createdAt: string;
  /** Agent messages: who wrote it. */
  author: { id: string; name: string | null } | null;
}

/** A transcript in a payload; cut (oldest first) when the body would pass `WEBHOOK_MAX_PAYLOAD_BYTES`. */
export interface WebhookTranscript {
  messages: WebhookMessage[];
  truncated: boolean;
  /** When truncated: how many messages were left out, and where to read them all (admin API). */
  omitted?: number;
  url?: string;
}

/**
 * `data` of `conversation.handoff_requested`, for the handoff service to build (docs/webhooks.md).
 * `brief` is the handoff brief (contracts/handoff.ts) or null while it is being written.
 */
export interface HandoffRequestedData {
  conversation: { id: string; siteId: string; visitorId: string; waitingSince: string };
  reason: string;
  brief: Record<string, unknown> | null;
  transcript: WebhookTranscript;
}

/**
 * `data` of `ticket.requested`: nobody picked the handoff up in time, no agent is online, or it is
 * outside business hours. Shaped to map onto a helpdesk's "create ticket" call field by field
 * (docs/webhooks.md). `idempotencyKey` is `<conversation id>:<handoff number>`: the same on every
 * retry and every worker, so a helpdesk never opens the same ticket twice.
 */
export interface TicketRequestedData {
  ticket: {
    idempotencyKey: string;
    why: 'pickup_timeout' | 'no_agent_online' | 'outside_business_hours';
    subject: string;
    /** Plain text: the brief's summary and facts, then the transcript. */
    description: string;
    priority: 'low' | 'normal' | 'high' | 'urgent';
    tags: string[];
    requester: { name: string | null; email: string | null };
  };
  conversation: { id: string; siteId: string; visitorId: string; waitingSince: string | null };
  brief: Record<string, unknown> | null;
  transcript: WebhookTranscript;
}

/**
 * `data` of `feedback.created`: a visitor thumbed a bot reply or rated the resolved conversation.
 * Sent again, with the same feedback id and the new value, each time the visitor replaces it.
 */
export interface FeedbackCreatedData {
  feedback: Feedback;
  conversation: { id: string; siteId: string; visitorId: string; mode: ConversationMode };
  /** For a reply thumb: the bot message it is about (text as stored); null for a rating. */
  message: { id: string; seq: number; text: string; createdAt: string } | null;
}
