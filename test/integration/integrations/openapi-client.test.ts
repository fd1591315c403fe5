import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { paths } from '../../generated/openapi.js';
import { OPENAPI_TYPES_PATH, renderOpenApiTypes } from '../../support/openapi-types.js';
import { TestStack } from '../../support/test-app.js';
import { ADMIN_TOKEN } from '../bot/llm-support.js';

/** The form body of the token endpoint, as the document describes it. */
const formBody = (body: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(body).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();

describe('a client typed from the OpenAPI document', () => {
  const stack = new TestStack({ label: 'openapi_client' });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  it('matches the committed types (npm run api:types writes them)', async () => {
    const served = await (await fetch(`${stack.url}/api/openapi.json`)).json();
    const committed = await readFile(OPENAPI_TYPES_PATH, 'utf8');
    expect(committed, 'test/generated/openapi.d.ts is stale: run npm run api:types').toBe(await renderOpenApiTypes(served));
  });

  it('gets a token, lists conversations, posts over the REST channel, polls the task to done and reads the visitor', async () => {
    const site = await stack.createSite();
    const operator = createClient<paths>({ baseUrl: stack.url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const created = await operator.POST('/api/v1/sites/{siteId}/integration-clients', {
      params: { path: { siteId: site.id } },
      body: { name: 'Typed helpdesk', scopes: ['conversations:read', 'messages:write'], ipAllowlist: [] },
    });
    expect(created.response.status).toBe(201);
    const { client, clientSecret } = created.data!;

    const anonymous = createClient<paths>({ baseUrl: stack.url });
    const issued = await anonymous.POST('/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret },
      bodySerializer: formBody,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(issued.error).toBeUndefined();
    expect(issued.data!.token_type).toBe('Bearer');
    const api = createClient<paths>({ baseUrl: stack.url, headers: { authorization: `Bearer ${issued.data!.access_token}` } });

    const before = await api.GET('/api/v1/conversations', { params: { query: { limit: 10 } } });
    expect(before.data!.conversations).toEqual([]);
    expect(before.data!.nextCursor).toBeNull();

    const externalId = `mail:${randomUUID()}`;
    const accepted = await api.POST('/api/v1/channels/rest/messages', {
      body: { visitorId: externalId, text: 'Where is my order #1042?', clientMessageId: randomUUID() },
      headers: { 'Idempotency-Key': randomUUID() },
    });
    expect(accepted.response.status).toBe(202);
    const { task_id: taskId, conversationId, message } = accepted.data!;
    expect(message.role).toBe('customer');

    const polled = await api.GET('/api/v1/tasks/{id}', { params: { path: { id: taskId }, query: { wait: 20 } } });
    const { task } = polled.data!;
    expect(task.status).toBe('done');
    expect(task.reply).toMatchObject({ role: 'bot', inReplyTo: taskId, conversationId });

    const listed = await api.GET('/api/v1/conversations', { params: { query: { mode: 'bot' } } });
    expect(listed.data!.conversations.map((row) => row.id)).toEqual([conversationId]);

    const found = await api.GET('/api/v1/visitors', { params: { query: { externalId } } });
    const [visitor] = found.data!.visitors;
    const read = await api.GET('/api/v1/visitors/{id}', { params: { path: { id: visitor!.id } } });
    expect(read.data!.visitor).toMatchObject({ externalId, siteId: site.id, verified: false });

    const missing = await api.GET('/api/v1/visitors/{id}', { params: { path: { id: randomUUID() } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
