import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../../support/test-app.js';
import { call, createAgent, login } from '../agents/agent-support.js';
import { api, createEndpoint, WEBHOOK_TEST_ENV } from './webhook-support.js';

const stack = new TestStack({ label: 'webhook_api', env: WEBHOOK_TEST_ENV });
let siteId: string;
let otherSiteId: string;

beforeAll(async () => {
  await stack.start();
  siteId = (await stack.createSite()).id;
  otherSiteId = (await stack.createSite()).id;
}, 30_000);
afterAll(() => stack.close());

const url = 'http://127.0.0.1:9/hooks';

describe('webhook endpoints over the admin API', () => {
  it('creates an endpoint and answers its secret once, in the Standard Webhooks form', async () => {
    const created = await api(stack, 'POST', `/sites/${siteId}/webhooks`, {
      url,
      events: ['message.created', 'conversation.resolved', 'message.created'],
      description: 'Zendesk bridge',
    });
    expect(created.status).toBe(201);
    expect(created.json.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.json.endpoint).toMatchObject({
      siteId,
      url,
      events: ['message.created', 'conversation.resolved'],
      enabled: true,
      description: 'Zendesk bridge',
    });
    const id = created.json.endpoint.id as string;
    const read = await api(stack, 'GET', `/sites/${siteId}/webhooks/${id}`);
    const listed = await api(stack, 'GET', `/sites/${siteId}/webhooks`);
    expect(read.status).toBe(200);
    for (const body of [read.json, listed.json]) expect(JSON.stringify(body)).not.toContain(created.json.secret.slice(6));
    expect(listed.json.endpoints.map((endpoint: { id: string }) => endpoint.id)).toContain(id);
    expect(read.headers.get('cache-control')).toBe('no-store');
    // Stored encrypted: the row holds no trace of the secret.
    const row = await stack.database.pool.query('SELECT secret_ciphertext FROM webhook_endpoints WHERE id = $1', [id]);
    expect(row.rows[0].secret_ciphertext).not.toContain(created.json.secret.slice(6, 30));
  });

  it('updates, rotates with an overlap, and deletes', async () => {
    const { id, secret } = await createEndpoint(stack, siteId, { url, events: ['message.created'] });
    const updated = await api(stack, 'PATCH', `/sites/${siteId}/webhooks/${id}`, {
      enabled: false,
      events: ['ticket.requested'],
    });
    expect(updated.json.endpoint).toMatchObject({ enabled: false, events: ['ticket.requested'] });
    const rotated = await api(stack, 'POST', `/sites/${siteId}/webhooks/${id}/rotate-secret`, { overlapSeconds: 3600 });
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect(rotated.json.secret).not.toBe(secret);
    expect(Date.parse(rotated.json.endpoint.previousSecretExpiresAt)).toBeGreaterThan(Date.now() + 3500_000);
    expect((await api(stack, 'DELETE', `/sites/${siteId}/webhooks/${id}`)).status).toBe(204);
    expect((await api(stack, 'GET', `/sites/${siteId}/webhooks/${id}`)).json.code).toBe('NOT_FOUND');
  });

  it('refuses bad input with stable codes, never INTERNAL', async () => {
    const base = `/sites/${siteId}/webhooks`;
    const cases: Array<[unknown, string]> = [
      [{ url: 'ftp://example.com/x', events: ['message.created'] }, 'BAD_REQUEST'],
      [{ url: 'not a url', events: ['message.created'] }, 'BAD_REQUEST'],
      [{ url, events: [] }, 'BAD_REQUEST'],
      [{ url, events: ['message.deleted'] }, 'BAD_REQUEST'],
      [{ url, events: ['message.created'], extra: 1 }, 'BAD_REQUEST'],
      [{ url: `https://example.com/${'x'.repeat(3000)}`, events: ['message.created'] }, 'TOO_LONG'],
      [{ url: 'http://user:pw@127.0.0.1/x', events: ['message.created'] }, 'BAD_REQUEST'],
    ];
    for (const [body, code] of cases) {
      const response = await api(stack, 'POST', base, body);
      expect(response.json.code, JSON.stringify(body).slice(0, 80)).toBe(code);
    }
    expect((await api(stack, 'GET', `/sites/not-a-uuid/webhooks`)).json.code).toBe('BAD_REQUEST');
    expect((await api(stack, 'GET', `/sites/${siteId}/webhooks/not-a-uuid`)).json.code).toBe('BAD_REQUEST');
    expect((await api(stack, 'GET', `/sites/${crypto.randomUUID()}/webhooks`)).json.code).toBe('NOT_FOUND');
    const replay = await api(stack, 'POST', `${base}/${crypto.randomUUID()}/replay`, { since: 'yesterday' });
    expect(replay.json.code).toBe('BAD_REQUEST');
  });

  it("an admin agent of the site may manage its webhooks; an agent, another site's admin or nobody may not", async () => {
    const admin = await createAgent(stack, { role: 'admin', siteIds: [siteId] });
    const agent = await createAgent(stack, { role: 'agent', siteIds: [siteId] });
    const stranger = await createAgent(stack, { role: 'admin', siteIds: [otherSiteId] });
    const tokenOf = async (account: { email: string; password: string }) =>
      (await login(stack, account.email, account.password)).json.token as string;
    const path = `/api/v1/sites/${siteId}/webhooks`;
    const asAdmin = await call(stack, 'POST', path, { bearer: await tokenOf(admin), body: { url, events: ['message.created'] } });
    expect(asAdmin.status).toBe(201);
    expect((await call(stack, 'GET', path, { bearer: await tokenOf(agent) })).json.code).toBe('FORBIDDEN');
    expect((await call(stack, 'GET', path, { bearer: await tokenOf(stranger) })).json.code).toBe('NOT_FOUND');
    expect((await call(stack, 'GET', path, { bearer: 'wrong-token' })).json.code).toBe('UNAUTHORIZED');
    expect((await call(stack, 'GET', path)).json.code).toBe('UNAUTHORIZED');
    // Another site's endpoint id under this site's path is not found.
    const other = await createEndpoint(stack, otherSiteId, { url, events: ['message.created'] });
    expect((await api(stack, 'GET', `/sites/${siteId}/webhooks/${other.id}`)).json.code).toBe('NOT_FOUND');
  });
});
