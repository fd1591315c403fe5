import { afterAll, beforeAll } from 'vitest';
import type { TestStack } from '../../support/test-app.js';
import { call, type HttpResult } from '../agents/agent-support.js';
import { WebhookReceiver } from './webhook-receiver.js';

export const ADMIN = 'test-admin-token-0123456789';

/** Environment for a stack whose webhooks may reach the local receiver, on a short retry schedule. */
export const WEBHOOK_TEST_ENV = {
  ALLOW_PRIVATE_WEBHOOKS: 'true',
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_RETRY_SCHEDULE: '0,300ms,900ms',
  WEBHOOK_SECRET_KEY: 'integration-test-webhook-secret-key-0123456789',
};

export function api(stack: TestStack, method: string, path: string, body?: unknown, bearer = ADMIN): Promise<HttpResult> {
  return call(stack, method, `/api/v1${path}`, { ...(body !== undefined ? { body } : {}), bearer });
}

/** Creates an endpoint over the API and returns its id and its secret (shown this once). */
export async function createEndpoint(
  stack: TestStack,
  siteId: string,
  body: { url: string; events: string[]; description?: string },
): Promise<{ id: string; secret: string }> {
  const response = await api(stack, 'POST', `/sites/${siteId}/webhooks`, body);
  if (response.status !== 201) throw new Error(`create endpoint: ${response.status} ${JSON.stringify(response.json)}`);
  return { id: response.json.endpoint.id, secret: response.json.secret };
}

/** The Standard Webhooks headers of a received request, as `Webhook#verify` wants them. */
export function signatureHeaders(headers: Record<string, string | string[] | undefined>): {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
} {
  return {
    'webhook-id': String(headers['webhook-id']),
    'webhook-timestamp': String(headers['webhook-timestamp']),
    'webhook-signature': String(headers['webhook-signature']),
  };
}

/**
 * A local receiver for the file's webhooks: it starts with `stack` before the file's tests and both
 * close after them (the file's own `afterAll`s, registered later, run first).
 */
export function webhookReceiverFor(stack: { start(): Promise<unknown>; close(): Promise<unknown> }): WebhookReceiver {
  const receiver = new WebhookReceiver();
  beforeAll(() => Promise.all([receiver.listen(), stack.start()]), 30_000);
  afterAll(async () => {
    await receiver.close();
    await stack.close();
  });
  return receiver;
}
