import { WEBHOOK_PAYLOAD_VERSION, type WebhookEnvelope } from '../contracts/webhooks.js';
import type { WebhookEventRow } from '../db/schema.js';

/** The `webhook-id` of an event: the same for every attempt, every endpoint and every replay. */
export function webhookIdOf(eventId: string): string {
  return `msg_${eventId.replaceAll('-', '')}`;
}

/** The body every receiver gets, from the outbox row (its `data` was built when the change committed). */
export function envelopeOf(event: WebhookEventRow): WebhookEnvelope {
  return {
    id: webhookIdOf(event.id),
    type: event.type as WebhookEnvelope['type'],
    version: WEBHOOK_PAYLOAD_VERSION,
    timestamp: event.createdAt.toISOString(),
    siteId: event.siteId,
    conversationId: event.conversationId,
    sequence: event.sequence,
    data: event.data,
  };
}
