import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { feedbackCreatedSchema, sendFeedbackResultSchema } from '../../../src/contracts/feedback.js';
import { TestStack } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from '../agents/agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, ok } from '../agents/agent-socket-support.js';
import { createEndpoint, signatureHeaders, WEBHOOK_TEST_ENV, webhookReceiverFor } from '../webhooks/webhook-support.js';
import { metricValue } from '../../support/metrics.js';
import { sendFeedback, visitorWithReply } from './feedback-support.js';

const stack = new TestStack({
  label: 'feedback_thumbs',
  env: { ...WEBHOOK_TEST_ENV, AGENT_SESSION_SECRET: TEST_SESSION_SECRET },
});
const receiver = webhookReceiverFor(stack);
afterAll(closeAgentSockets);

const UP = 'switchboard_feedback_total{kind="reply",value="up"}';
const DOWN = 'switchboard_feedback_total{kind="reply",value="down"}';

describe('feedback:send on a bot reply', () => {
  it('stores the thumb, acks it, tells the watching agent, counts it and delivers a signed feedback.created', async () => {
    const site = await stack.createSite();
    const endpoint = await createEndpoint(stack, site.id, { url: `${receiver.url}/thumbs`, events: ['feedback.created'] });
    const { socket, conversationId, visitorId, reply } = await visitorWithReply(stack, site);
    const agent = await agentSession(stack, { siteIds: [site.id] });
    const agentSocket = await connectAgent(stack.url, agent.token);
    const agentEvents = new EventLog(agentSocket);
    await ok(agentSocket, 'conversation:watch', { conversationId });
    const upBefore = await metricValue(stack, UP);

    const ack = await sendFeedback(socket, { conversationId, target: { kind: 'reply', messageId: reply.id, value: 'up' } });

    expect(ack.ok).toBe(true);
    const { feedback } = sendFeedbackResultSchema.parse(ack);
    expect(feedback).toMatchObject({ kind: 'reply', messageId: reply.id, value: 'up', rating: null, comment: null });
    const stored = await stack.database.pool.query('SELECT * FROM feedback WHERE id = $1', [feedback.id]);
    expect(stored.rows[0]).toMatchObject({
      site_id: site.id,
      conversation_id: conversationId,
      message_id: reply.id,
      visitor_id: visitorId,
      kind: 'reply',
      value: 'up',
    });

    const live = feedbackCreatedSchema.parse(await agentEvents.waitFor('feedback:created'));
    expect(live).toEqual({ conversationId, siteId: site.id, feedback });
    expect(await metricValue(stack, UP)).toBe(upBefore + 1);

    const [delivery] = await receiver.waitFor('/thumbs', 1);
    const event = new Webhook(endpoint.secret).verify(delivery!.body, signatureHeaders(delivery!.headers)) as {
      type: string;
      conversationId: string;
      data: { feedback: unknown; conversation: unknown; message: { id: string; text: string } };
    };
    expect(event.type).toBe('feedback.created');
    expect(event.conversationId).toBe(conversationId);
    expect(event.data.feedback).toEqual(feedback);
    expect(event.data.conversation).toMatchObject({ id: conversationId, siteId: site.id, visitorId });
    expect(event.data.message).toMatchObject({ id: reply.id, text: reply.text });

    // What a later watch starts from.
    const watched = await ok(agentSocket, 'conversation:watch', { conversationId });
    expect(watched.feedback).toEqual([feedback]);
  });

  it('replaces the thumb on a second send: one row, same id, the new value everywhere', async () => {
    const site = await stack.createSite();
    const endpoint = await createEndpoint(stack, site.id, { url: `${receiver.url}/replaced`, events: ['feedback.created'] });
    const { socket, conversationId, reply } = await visitorWithReply(stack, site);
    const agent = await agentSession(stack, { siteIds: [site.id] });
    const agentSocket = await connectAgent(stack.url, agent.token);
    const agentEvents = new EventLog(agentSocket);
    await ok(agentSocket, 'conversation:watch', { conversationId });
    const downBefore = await metricValue(stack, DOWN);

    const first = await sendFeedback(socket, { conversationId, target: { kind: 'reply', messageId: reply.id, value: 'up' } });
    const second = await sendFeedback(socket, { conversationId, target: { kind: 'reply', messageId: reply.id, value: 'down' } });

    expect(first.ok && second.ok).toBe(true);
    const before = sendFeedbackResultSchema.parse(first).feedback;
    const after = sendFeedbackResultSchema.parse(second).feedback;
    expect(after).toMatchObject({ id: before.id, value: 'down', createdAt: before.createdAt });
    expect(Date.parse(after.updatedAt)).toBeGreaterThanOrEqual(Date.parse(before.updatedAt));
    const rows = await stack.database.pool.query('SELECT id, value FROM feedback WHERE message_id = $1', [reply.id]);
    expect(rows.rows).toEqual([{ id: before.id, value: 'down' }]);

    const live = await agentEvents.waitFor('feedback:created', (payload) => payload.feedback.value === 'down');
    expect(live.feedback).toEqual(after);
    expect(await metricValue(stack, DOWN)).toBe(downBefore + 1);

    const deliveries = await receiver.waitFor('/replaced', 2);
    const events = deliveries
      .map(
        (delivery) =>
          new Webhook(endpoint.secret).verify(delivery.body, signatureHeaders(delivery.headers)) as {
            sequence: number;
            data: { feedback: { id: string; value: string } };
          },
      )
      .sort((a, b) => a.sequence - b.sequence);
    expect(events.map((event) => [event.data.feedback.id, event.data.feedback.value])).toEqual([
      [before.id, 'up'],
      [before.id, 'down'],
    ]);
    // The receiver orders by sequence: the replacement is the newer one.
    expect(events[1]!.sequence).toBeGreaterThan(events[0]!.sequence);
  });

  it('takes concurrent sends for one reply one after another: one row, every send reported with its own sequence', async () => {
    const site = await stack.createSite();
    await createEndpoint(stack, site.id, { url: `${receiver.url}/concurrent`, events: ['feedback.created'] });
    const { socket, conversationId, reply } = await visitorWithReply(stack, site);
    const values = ['up', 'down', 'up', 'down', 'up', 'down', 'up', 'down'] as const;

    const acks = await Promise.all(
      values.map((value) => sendFeedback(socket, { conversationId, target: { kind: 'reply', messageId: reply.id, value } })),
    );

    expect(acks.every((ack) => ack.ok)).toBe(true);
    const ids = new Set(acks.map((ack) => sendFeedbackResultSchema.parse(ack).feedback.id));
    expect(ids.size).toBe(1);
    const events = await stack.database.pool.query<{ sequence: number; value: string }>(
      `SELECT sequence, data->'feedback'->>'value' AS value FROM webhook_events
        WHERE conversation_id = $1 AND type = 'feedback.created' ORDER BY sequence`,
      [conversationId],
    );
    expect(new Set(events.rows.map((row) => row.sequence)).size).toBe(values.length);
    // The stored value is the one the last committed send reported.
    const stored = await stack.database.pool.query('SELECT value FROM feedback WHERE message_id = $1', [reply.id]);
    expect(stored.rows).toEqual([{ value: events.rows.at(-1)!.value }]);
  });
});
