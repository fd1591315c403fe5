import { z } from 'zod';
import { cannedReplyViewSchema, teamViewSchema } from './admin-api.js';
import { filterCategorySchema } from './enums.js';
import { webhookEnvelopeSchema } from './webhook-payloads.js';
import { WEBHOOK_DELIVERY_STATUSES, webhookEventTypeSchema } from './webhooks.js';

/**
 * Answers of the admin routes that had no schema of their own (teams, canned replies, webhook endpoints
 * and deliveries, word lists), for the OpenAPI document; test/types/api-responses.test.ts holds them
 * equal to what the services return.
 */

export const teamResponseSchema = z.object({ team: teamViewSchema });
export const cannedReplyResponseSchema = z.object({ cannedReply: cannedReplyViewSchema });

/** An endpoint as the API shows it: never its secret. */
export const webhookEndpointViewSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  url: z.string(),
  events: z.array(webhookEventTypeSchema),
  enabled: z.boolean(),
  description: z.string(),
  disabledReason: z.string().nullable(),
  failingSince: z.string().nullable(),
  /** While a rotation overlaps, the old secret signs too until then. */
  previousSecretExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const webhookEndpointResponseSchema = z.object({ endpoint: webhookEndpointViewSchema });
/** Create and rotate: the only answers that carry the signing secret (`whsec_…`). */
export const webhookEndpointWithSecretSchema = z.object({ endpoint: webhookEndpointViewSchema, secret: z.string() });
export const webhookEndpointListSchema = z.object({ endpoints: z.array(webhookEndpointViewSchema) });
export const webhookTestEventResultSchema = z.object({ deliveryId: z.string() });

export const webhookDeliveryViewSchema = z.object({
  id: z.string(),
  endpointId: z.string(),
  eventId: z.string(),
  webhookId: z.string(),
  eventType: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const webhookDeliveryListSchema = z.object({ deliveries: z.array(webhookDeliveryViewSchema) });
export const webhookDeliveryDetailSchema = z.object({
  delivery: webhookDeliveryViewSchema,
  payload: webhookEnvelopeSchema,
  attempts: z.array(
    z.object({
      attempt: z.number().int(),
      statusCode: z.number().int().nullable(),
      latencyMs: z.number().int(),
      responseExcerpt: z.string().nullable(),
      error: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export const webhookReplayResultSchema = z.object({ replayed: z.number().int() });

export const wordViewSchema = z.object({
  id: z.string(),
  word: z.string(),
  category: filterCategorySchema,
  allow: z.boolean(),
  createdAt: z.string(),
});
export const wordListPageSchema = z.object({ words: z.array(wordViewSchema), next: z.string().nullable() });
export const wordResponseSchema = z.object({ word: wordViewSchema });
export const wordImportResultSchema = z.object({ imported: z.number().int() });
