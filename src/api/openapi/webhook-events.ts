import { WEBHOOK_EVENT_DATA_SCHEMAS, webhookEnvelopeSchemaOf } from '../../contracts/webhook-payloads.js';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT } from '../../contracts/webhooks.js';
import { jsonSchema } from './json-schema.js';

const SIGNATURE_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => ({
  name,
  in: 'header',
  required: true,
  description: 'Standard Webhooks signature headers (docs/webhooks.md, "Verifying")',
  schema: { type: 'string' },
}));

/**
 * The OpenAPI 3.1 `webhooks` section: one entry per event type, the envelope with that event's `data`
 * schema from contracts/webhook-payloads.ts (a type without one is documented with a free-form `data`).
 */
export function webhookEvents(): Record<string, unknown> {
  const types = [...WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT] as const;
  return Object.fromEntries(
    types.map((type) => {
      const data = WEBHOOK_EVENT_DATA_SCHEMAS[type];
      return [
        type,
        {
          post: {
            summary: `${type} (signed POST to each subscribed endpoint)`,
            operationId: `webhook${type.replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase())}`,
            tags: ['Webhook events'],
            parameters: SIGNATURE_HEADERS,
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(webhookEnvelopeSchemaOf(type, data), 'output') } },
            },
            responses: {
              '2XX': { description: 'Received; any 2xx ends the delivery' },
              '410': { description: 'Gone: the endpoint is disabled' },
              default: { description: 'Anything else (or no answer in time) is retried with backoff' },
            },
          },
        },
      ];
    }),
  );
}
