import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '../../../src/contracts/integration-auth.js';
import { restChannelAcceptedSchema, taskSchema } from '../../../src/contracts/integration-resources.js';
import type { StoredMessage } from '../../../src/contracts/payloads.js';
import { TestStack } from '../../support/test-app.js';
import { api, eventually, integrationToken } from './integration-support.js';

describe('the integration API: conversations, REST channel, tasks, idempotency', () => {
  const stack = new TestStack({ label: 'integration_api', simulator: { firstTokenDelayMs: 150, tokensPerSecond: 200 } });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  const customerRows = async (conversationId: string) =>
    (
      await stack.database.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM messages WHERE conversation_id = ${conversationId} AND role = 'customer'`,
      )
    ).rows[0]!.n;

  it('refuses a token without the scope a route needs with 403 problem JSON', async () => {
    const site = await stack.createSite();
    const token = await integrationToken(stack, site.id, ['conversations:read']);
    const answer = await api(stack, 'POST', '/api/v1/channels/rest/messages', {
      token,
      body: { visitorId: 'v1', text: 'hi', clientMessageId: 'c1' },
    });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(problemSchema.parse(answer.json).code).toBe('INSUFFICIENT_SCOPE');
  });

  it('takes a REST-channel message (202 + task) and polling the task returns the stored bot reply', async () => {
    const site = await stack.createSite();
    const token = await integrationToken(stack, site.id);
    const accepted = await api(stack, 'POST', '/api/v1/channels/rest/messages', {
      token,
      body: { visitorId: `mail:${randomUUID()}`, text: 'Where is my order?', clientMessageId: randomUUID() },
    });
    expect(accepted.status).toBe(202);
    const body = restChannelAcceptedSchema.parse(accepted.json);
    expect(body.message).toMatchObject({ role: 'customer', text: 'Where is my order?' });

    let task = taskSchema.parse((await api(stack, 'GET', `/api/v1/tasks/${body.task_id}`, { token })).json.task);
    expect(['pending', 'streaming', 'done']).toContain(task.status);
    await eventually(async () => {
      task = taskSchema.parse((await api(stack, 'GET', `/api/v1/tasks/${body.task_id}`, { token })).json.task);
      return task.status === 'done';
    });
    expect(task.reply).toMatchObject({ role: 'bot', inReplyTo: body.task_id, conversationId: body.conversationId });
    expect(task.reply!.text.length).toBeGreaterThan(0);

    // The same external visitor comes back to the same conversation.
    const again = await api(stack, 'POST', '/api/v1/channels/rest/messages', {
      token,
      body: { visitorId: 'x', text: 'hello', clientMessageId: randomUUID() },
    });
    expect(again.status).toBe(202);
  });

  it('?wait long-polls and returns as soon as the reply is stored, well before the wait is over', async () => {
    const site = await stack.createSite();
    const token = await integrationToken(stack, site.id);
    const accepted = await api(stack, 'POST', '/api/v1/channels/rest/messages', {
      token,
      body: { visitorId: `ivr:${randomUUID()}`, text: 'Opening hours?', clientMessageId: randomUUID() },
    });
    const started = Date.now();
    const waited = await api(stack, 'GET', `/api/v1/tasks/${accepted.json.task_id}?wait=20`, { token });
    const elapsed = Date.now() - started;
    expect(waited.status).toBe(200);
    expect(waited.json.task.status).toBe('done');
    expect(elapsed).toBeLessThan(10_000);
    const bad = await api(stack, 'GET', `/api/v1/tasks/${accepted.json.task_id}?wait=31`, { token });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('BAD_REQUEST');
  });

  it('a repeated Idempotency-Key returns the first answer and stores nothing new; another body with it is 422', async () => {
    const site = await stack.createSite();
    const token = await integrationToken(stack, site.id);
    const key = randomUUID();
    const body = { visitorId: `mail:${randomUUID()}`, text: 'Refund please', clientMessageId: randomUUID() };
    const first = await api(stack, 'POST', '/api/v1/channels/rest/messages', {
      token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(202);
    const second = await api(stack, 'POST', '/api/v1/channels/rest/messages', {
      token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(second.status).toBe(202);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.json).toEqual(first.json);
    expect(await customerRows(first.json.conversationId)).toBe(1);

    const other = await api(stack, 'POST', '/api/v1/channels/rest/messages', {
      token,
      body: { ...body, text: 'Something else' },
      headers: { 'idempotency-key': key },
    });
    expect(other.status).toBe(422);
    expect(other.json.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await customerRows(first.json.conversationId)).toBe(1);
  });

  it('a message posted by the integration reaches the connected widget live; hand off, resolve, reopen go through the modes', async () => {
    const site = await stack.createSite();
    const token = await integrationToken(stack, site.id);
    const { socket, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;

    const listed = await api(stack, 'GET', '/api/v1/conversations?mode=bot', { token });
    expect(listed.status).toBe(200);
    expect(listed.json.conversations.map((row: { id: string }) => row.id)).toContain(conversationId);
    const waitingOnly = await api(stack, 'GET', '/api/v1/conversations?mode=waiting&mode=human', { token });
    expect(waitingOnly.status).toBe(200);
    expect(waitingOnly.json.conversations.map((row: { id: string }) => row.id)).not.toContain(conversationId);

    const overBot = await api(stack, 'POST', `/api/v1/conversations/${conversationId}/messages`, {
      token,
      body: { text: 'Hello from the helpdesk', clientMessageId: randomUUID() },
    });
    expect(overBot.status).toBe(409);
    expect(overBot.json.code).toBe('CONVERSATION_CONFLICT');

    const handedOff = await api(stack, 'POST', `/api/v1/conversations/${conversationId}/handoff`, { token, body: {} });
    expect(handedOff.status).toBe(200);
    expect(handedOff.json.conversation.mode).toBe('waiting');
    expect(handedOff.json.conversation.handoffReason).toBe('customer_asked');

    const received = new Promise<StoredMessage>((resolve) => {
      socket.on('message:new', (message) => {
        if (message.role === 'agent') resolve(message);
      });
    });
    const posted = await api(stack, 'POST', `/api/v1/conversations/${conversationId}/messages`, {
      token,
      body: { text: 'Hello from the helpdesk', clientMessageId: randomUUID() },
    });
    expect(posted.status).toBe(201);
    const live = await received;
    expect(live).toMatchObject({
      id: posted.json.message.id,
      text: 'Hello from the helpdesk',
      agent: { id: null, name: 'Helpdesk' },
    });

    const read = await api(stack, 'GET', `/api/v1/conversations/${conversationId}`, { token });
    expect(read.json.messages.map((message: StoredMessage) => message.id)).toContain(live.id);

    const resolved = await api(stack, 'POST', `/api/v1/conversations/${conversationId}/resolve`, { token, body: {} });
    expect(resolved.json.conversation.mode).toBe('resolved');
    const reopened = await api(stack, 'POST', `/api/v1/conversations/${conversationId}/reopen`, { token, body: { to: 'bot' } });
    expect(reopened.json.conversation.mode).toBe('bot');
    const again = await api(stack, 'POST', `/api/v1/conversations/${conversationId}/reopen`, { token, body: { to: 'bot' } });
    expect(again.status).toBe(409);
  });

  it('answers bad input with problem JSON: 400 schema, 415 content type, 404 another site, 413 too large', async () => {
    const site = await stack.createSite();
    const otherSite = await stack.createSite();
    const token = await integrationToken(stack, site.id);
    const { session } = await stack.connectWidget(otherSite);

    const schema = await api(stack, 'POST', '/api/v1/channels/rest/messages', { token, body: { text: 'no visitor' } });
    expect(schema.status).toBe(400);
    expect(problemSchema.parse(schema.json).code).toBe('BAD_REQUEST');

    const media = await api(stack, 'POST', '/api/v1/channels/rest/messages', {
      token,
      rawBody: 'visitorId=a',
      headers: { 'content-type': 'text/plain' },
    });
    expect(media.status).toBe(415);
    expect(media.json.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const foreign = await api(stack, 'GET', `/api/v1/conversations/${session.conversation.id}`, { token });
    expect(foreign.status).toBe(404);
    expect(foreign.json.code).toBe('NOT_FOUND');

    const large = await api(stack, 'POST', '/api/v1/channels/rest/messages', {
      token,
      body: { visitorId: 'a', text: 'x'.repeat(70_000), clientMessageId: 'b' },
    });
    expect(large.status).toBe(413);
    expect(large.json.code).toBe('TOO_LONG');
  });
  it('hands off with the reason given (one of the handoff reasons) and refuses one that is not', async () => {
    const site = await stack.createSite();
    const token = await integrationToken(stack, site.id);
    const { socket, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    const bad = await api(stack, 'POST', `/api/v1/conversations/${conversationId}/handoff`, { token, body: { reason: 'bored' } });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('BAD_REQUEST');
    const handedOff = await api(stack, 'POST', `/api/v1/conversations/${conversationId}/handoff`, {
      token,
      body: { reason: 'review' },
    });
    expect(handedOff.status).toBe(200);
    expect(handedOff.json.conversation).toMatchObject({ mode: 'waiting', handoffReason: 'review' });
    socket.disconnect();
  });
});
