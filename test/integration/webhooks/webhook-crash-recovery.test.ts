import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { recordOutboxEvent } from '../../../src/db/webhook-outbox.js';
import { startServiceProcess, type ServiceProcess } from '../../support/child-process.js';
import { TestStack } from '../../support/test-app.js';
import { api, createEndpoint, signatureHeaders, WEBHOOK_TEST_ENV, webhookReceiverFor } from './webhook-support.js';
import { eventually } from './webhook-receiver.js';

// The gateway runs here; the worker is a process of its own that the test kills with SIGKILL.
const stack = new TestStack({ label: 'webhook_crash', env: { ...WEBHOOK_TEST_ENV, ROLE: 'gateway' } });
const receiver = webhookReceiverFor(stack);
let worker: ServiceProcess | undefined;

afterAll(async () => {
  await worker?.kill();
});

async function states(endpointId: string): Promise<Array<{ status: string; attempts: number }>> {
  const result = await stack.database.pool.query('SELECT status, attempts FROM webhook_deliveries WHERE endpoint_id = $1', [
    endpointId,
  ]);
  return result.rows;
}

const startWorker = () => startServiceProcess({ ...stack.env, ROLE: 'worker', PORT: '0' });

describe('webhooks across a worker crash', () => {
  it('a worker killed with SIGKILL between commit and delivery still delivers after restart, even what was never queued', async () => {
    const site = await stack.createSite();
    const endpoint = await createEndpoint(stack, site.id, { url: `${receiver.url}/crash`, events: ['message.created'] });
    worker = await startWorker();
    await api(stack, 'POST', `/sites/${site.id}/webhooks/${endpoint.id}/test`);
    await receiver.waitFor('/crash', 1);
    await eventually(
      () => states(endpoint.id),
      (rows) => rows[0]?.status === 'succeeded',
    );

    await worker.kill();
    // Committed and queued while no worker runs.
    const queued = await api(stack, 'POST', `/sites/${site.id}/webhooks/${endpoint.id}/test`);
    expect(queued.status).toBe(202);
    // Committed, and the process died before it could queue it: only the outbox knows.
    const orphan = await recordOutboxEvent(stack.database.db, {
      siteId: site.id,
      conversationId: null,
      type: 'webhook.test',
      data: { orphan: true },
      onlyEndpointId: endpoint.id,
    });
    expect(orphan.deliveryIds).toHaveLength(1);

    worker = await startWorker();
    const got = await receiver.waitFor('/crash', 3, 20_000);
    const bodies = got.map(
      (request) =>
        new Webhook(endpoint.secret).verify(request.body, signatureHeaders(request.headers)) as { data: { orphan?: boolean } },
    );
    expect(bodies.filter((body) => body.data.orphan)).toHaveLength(1);
    expect(new Set(got.map((request) => request.headers['webhook-id'])).size).toBe(3);
    // At least once, and here exactly once: every delivery settled after one attempt.
    const settled = await eventually(
      () => states(endpoint.id),
      (rows) => rows.length === 3 && rows.every((row) => row.status !== 'pending' && row.status !== 'delivering'),
    );
    expect(settled).toEqual(Array.from({ length: 3 }, () => ({ status: 'succeeded', attempts: 1 })));
  }, 60_000);
});
