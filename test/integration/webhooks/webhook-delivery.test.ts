import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../../support/test-app.js';
import { api, createEndpoint, signatureHeaders, WEBHOOK_TEST_ENV, webhookReceiverFor } from './webhook-support.js';
import { eventually } from './webhook-receiver.js';

// Schedule 0, 300 ms, 900 ms: three attempts in all.
const stack = new TestStack({ label: 'webhook_delivery', env: WEBHOOK_TEST_ENV });
const receiver = webhookReceiverFor(stack);
let siteId: string;

beforeAll(async () => {
  siteId = (await stack.createSite()).id;
});

async function sendTest(endpointId: string): Promise<string> {
  const response = await api(stack, 'POST', `/sites/${siteId}/webhooks/${endpointId}/test`);
  expect(response.status).toBe(202);
  return response.json.deliveryId;
}

function delivery(endpointId: string, deliveryId: string) {
  return async () => (await api(stack, 'GET', `/sites/${siteId}/webhooks/${endpointId}/deliveries/${deliveryId}`)).json;
}

describe('webhook delivery', () => {
  it('a receiver that fails twice then succeeds gets three attempts with one webhook-id and growing delays, all logged', async () => {
    receiver.script('/flaky', { status: 500, body: 'boom' }, { status: 503, body: 'later' });
    const endpoint = await createEndpoint(stack, siteId, { url: `${receiver.url}/flaky`, events: ['message.created'] });
    const deliveryId = await sendTest(endpoint.id);
    const got = await receiver.waitFor('/flaky', 3);
    const done = await eventually(delivery(endpoint.id, deliveryId), (body) => body.delivery.status === 'succeeded');

    expect(new Set(got.map((request) => request.headers['webhook-id'])).size).toBe(1);
    for (const request of got)
      expect(() => new Webhook(endpoint.secret).verify(request.body, signatureHeaders(request.headers))).not.toThrow();
    const [first, second] = [got[1]!.at - got[0]!.at, got[2]!.at - got[1]!.at];
    expect(first).toBeGreaterThanOrEqual(250);
    expect(second).toBeGreaterThan(first);
    expect(done.attempts.map((attempt: { statusCode: number }) => attempt.statusCode)).toEqual([500, 503, 200]);
    expect(done.attempts[0]).toMatchObject({ attempt: 1, responseExcerpt: 'boom', error: 'HTTP 500' });
    expect(done.attempts[2].latencyMs).toBeGreaterThanOrEqual(0);
    expect(done.delivery.webhookId).toBe(got[0]!.headers['webhook-id']);
    expect(done.payload.type).toBe('webhook.test');
    const listed = await api(stack, 'GET', `/sites/${siteId}/webhooks/${endpoint.id}/deliveries`);
    expect(listed.json.deliveries.map((row: { id: string }) => row.id)).toEqual([deliveryId]);
  });

  it('410 Gone disables the endpoint after one attempt', async () => {
    receiver.script('/gone', { status: 410 });
    const endpoint = await createEndpoint(stack, siteId, { url: `${receiver.url}/gone`, events: ['message.created'] });
    const deliveryId = await sendTest(endpoint.id);
    const read = async () => (await api(stack, 'GET', `/sites/${siteId}/webhooks/${endpoint.id}`)).json.endpoint;
    const disabled = await eventually(read, (row) => row.enabled === false);
    expect(disabled.disabledReason).toBe('gone');
    const done = await eventually(delivery(endpoint.id, deliveryId), (body) => body.delivery.status === 'failed');
    expect(done.attempts).toHaveLength(1);
    expect(receiver.at('/gone')).toHaveLength(1);
  });

  it('an endpoint failing for days is disabled at its next failure, and enabling it again clears that', async () => {
    receiver.script('/failing', { status: 500 });
    const endpoint = await createEndpoint(stack, siteId, { url: `${receiver.url}/failing`, events: ['message.created'] });
    // It has been failing, without a success, for six days (WEBHOOK_DISABLE_AFTER_HOURS is 120).
    await stack.database.pool.query(`UPDATE webhook_endpoints SET failing_since = now() - interval '6 days' WHERE id = $1`, [
      endpoint.id,
    ]);
    await sendTest(endpoint.id);
    const read = async () => (await api(stack, 'GET', `/sites/${siteId}/webhooks/${endpoint.id}`)).json.endpoint;
    const disabled = await eventually(read, (row) => row.enabled === false);
    expect(disabled.disabledReason).toBe('failing');
    const enabled = await api(stack, 'PATCH', `/sites/${siteId}/webhooks/${endpoint.id}`, { enabled: true });
    expect(enabled.json.endpoint).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it('a replay of a failed delivery reaches the receiver with the original webhook-id; so does "every failed since T"', async () => {
    receiver.script('/replay', { status: 500 }, { status: 500 }, { status: 500 });
    const since = new Date(Date.now() - 1000).toISOString();
    const endpoint = await createEndpoint(stack, siteId, { url: `${receiver.url}/replay`, events: ['message.created'] });
    const deliveryId = await sendTest(endpoint.id);
    await eventually(delivery(endpoint.id, deliveryId), (body) => body.delivery.status === 'failed');
    const original = receiver.at('/replay')[0]!.headers['webhook-id'];

    const replayed = await api(stack, 'POST', `/sites/${siteId}/webhooks/${endpoint.id}/deliveries/${deliveryId}/replay`);
    expect(replayed.json).toEqual({ replayed: 1 });
    const [, , , fourth] = await receiver.waitFor('/replay', 4);
    expect(fourth!.headers['webhook-id']).toBe(original);
    await eventually(delivery(endpoint.id, deliveryId), (body) => body.delivery.status === 'succeeded');
    // Only a failed delivery can be replayed.
    const again = await api(stack, 'POST', `/sites/${siteId}/webhooks/${endpoint.id}/deliveries/${deliveryId}/replay`);
    expect(again.json.code).toBe('CONFLICT');

    receiver.script('/replay', { status: 500 }, { status: 500 }, { status: 500 });
    const second = await sendTest(endpoint.id);
    await eventually(delivery(endpoint.id, second), (body) => body.delivery.status === 'failed');
    const bulk = await api(stack, 'POST', `/sites/${siteId}/webhooks/${endpoint.id}/replay`, { since });
    expect(bulk.json).toEqual({ replayed: 1 });
    const all = await receiver.waitFor('/replay', 8);
    expect(all[7]!.headers['webhook-id']).toBe(all[4]!.headers['webhook-id']);
  });

  it('after a rotation, a receiver holding only the new or only the old secret verifies during the overlap', async () => {
    const endpoint = await createEndpoint(stack, siteId, { url: `${receiver.url}/rotate`, events: ['message.created'] });
    const rotated = await api(stack, 'POST', `/sites/${siteId}/webhooks/${endpoint.id}/rotate-secret`, { overlapSeconds: 600 });
    await sendTest(endpoint.id);
    const [request] = await receiver.waitFor('/rotate', 1);
    const headers = signatureHeaders(request!.headers);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(rotated.json.secret).verify(request!.body, headers)).not.toThrow();
    expect(() => new Webhook(endpoint.secret).verify(request!.body, headers)).not.toThrow();

    // Without an overlap the old secret stops signing at once.
    const abrupt = await api(stack, 'POST', `/sites/${siteId}/webhooks/${endpoint.id}/rotate-secret`, { overlapSeconds: 0 });
    await sendTest(endpoint.id);
    const [, next] = await receiver.waitFor('/rotate', 2);
    expect(() => new Webhook(abrupt.json.secret).verify(next!.body, signatureHeaders(next!.headers))).not.toThrow();
    expect(() => new Webhook(rotated.json.secret).verify(next!.body, signatureHeaders(next!.headers))).toThrow();
  });
});
