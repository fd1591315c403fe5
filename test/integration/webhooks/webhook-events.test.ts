import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { TestStack } from '../../support/test-app.js';
import { agentSession, closeAgentSockets, connectAgent, ok } from '../agents/agent-socket-support.js';
import { createEndpoint, signatureHeaders, WEBHOOK_TEST_ENV, webhookReceiverFor } from './webhook-support.js';
import { eventually } from './webhook-receiver.js';

const stack = new TestStack({ label: 'webhook_events', env: WEBHOOK_TEST_ENV });
const receiver = webhookReceiverFor(stack);
afterAll(closeAgentSockets);

async function deliveryStates(endpointId: string): Promise<Array<{ status: string; attempts: number }>> {
  const result = await stack.database.pool.query('SELECT status, attempts FROM webhook_deliveries WHERE endpoint_id = $1', [
    endpointId,
  ]);
  return result.rows;
}

describe('webhook events', () => {
  it('every event reaches each subscribed endpoint once, signed, in conversation order; notes only where asked', async () => {
    const site = await stack.createSite();
    const all = await createEndpoint(stack, site.id, {
      url: `${receiver.url}/all`,
      events: ['conversation.created', 'message.created', 'conversation.assigned', 'conversation.resolved'],
    });
    const notes = await createEndpoint(stack, site.id, {
      url: `${receiver.url}/notes`,
      events: ['message.created', 'note.created'],
    });

    const { socket, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    const sent = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'Where is my parcel?' });
    expect(sent.ok).toBe(true);
    await new Promise<void>((resolve) => socket.on('reply:end', () => resolve()));

    const agent = await agentSession(stack, { role: 'admin', siteIds: [site.id], name: 'Mei' });
    const console = await connectAgent(stack.url, agent.token);
    await ok(console, 'conversation:take', { conversationId });
    await ok(console, 'message:send', { conversationId, clientMessageId: randomUUID(), text: 'Hi, Mei here.' });
    await ok(console, 'note:add', { conversationId, text: 'Customer seems upset' });
    await ok(console, 'conversation:resolve', { conversationId });

    // created, customer message, bot reply, assigned, agent message, resolved; and 3 messages + 1 note.
    await eventually(
      async () => [...(await deliveryStates(all.id)), ...(await deliveryStates(notes.id))],
      (rows) => rows.length === 10 && rows.every((row) => row.status === 'succeeded'),
    );
    const toAll = receiver.at('/all');
    const toNotes = receiver.at('/notes');
    expect(toAll).toHaveLength(6);
    expect(toNotes).toHaveLength(4);

    const verify = (secret: string, request: (typeof toAll)[number]) =>
      new Webhook(secret).verify(request.body, signatureHeaders(request.headers)) as {
        id: string;
        type: string;
        sequence: number;
        data: any;
      };
    const events = toAll.map((request) => verify(all.secret, request)).sort((a, b) => a.sequence - b.sequence);
    expect(events.map((event) => event.type)).toEqual([
      'conversation.created',
      'message.created',
      'message.created',
      'conversation.assigned',
      'message.created',
      'conversation.resolved',
    ]);
    expect(new Set(toAll.map((request) => request.headers['webhook-id'])).size).toBe(6);
    expect(events.every((event) => event.id === toAll.find((r) => r.body.includes(event.id))!.headers['webhook-id'])).toBe(true);
    expect(events.map((event) => event.data.message?.role).filter(Boolean)).toEqual(['customer', 'bot', 'agent']);
    expect(events[3]!.data.agent).toEqual({ id: agent.id, name: 'Mei' });
    const resolved = events[5]!.data;
    expect(resolved.transcript.messages.map((message: { role: string }) => message.role)).toEqual(['customer', 'bot', 'agent']);
    expect(resolved.timings.firstBotReplyMs).toBeGreaterThanOrEqual(0);
    expect(resolved.timings.firstAgentReplyMs).toBeGreaterThanOrEqual(resolved.timings.firstBotReplyMs);
    expect(resolved.timings.resolutionMs).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain('Customer seems upset');

    const noteEvents = toNotes.map((request) => verify(notes.secret, request));
    expect(noteEvents.filter((event) => event.type === 'note.created').map((event) => event.data.note.text)).toEqual([
      'Customer seems upset',
    ]);
    // Each endpoint verifies only with its own secret.
    expect(() => verify(notes.secret, toAll[0]!)).toThrow();
  });

  it('a site without endpoints writes no outbox rows and its messages cost nothing more', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const sent = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'hello' });
    expect(sent.ok).toBe(true);
    const events = await stack.database.pool.query('SELECT count(*)::int AS n FROM webhook_events WHERE site_id = $1', [site.id]);
    const conversation = await stack.database.pool.query('SELECT event_seq FROM conversations WHERE id = $1', [
      session.conversation.id,
    ]);
    expect(events.rows[0].n).toBe(0);
    expect(conversation.rows[0].event_seq).toBe(0);
  });
});
