import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { TicketRepository } from '../../../src/handoff/ticket.repository.js';
import { TicketRequests } from '../../../src/handoff/ticket-requests.js';
import { WebhookEventRecorder } from '../../../src/webhooks/webhook-events.service.js';
import { closedNowHours } from '../../support/business-hours.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TestStack } from '../../support/test-app.js';
import { createEndpoint, signatureHeaders, WEBHOOK_TEST_ENV, webhookReceiverFor } from './webhook-support.js';
import { eventually } from './webhook-receiver.js';
import { TEST_SESSION_SECRET } from '../agents/agent-support.js';
import { agentSession, closeAgentSockets, connectAgent } from '../agents/agent-socket-support.js';

const stack = new TestStack({
  label: 'handoff_webhooks',
  env: { ...WEBHOOK_TEST_ENV, AGENT_SESSION_SECRET: TEST_SESSION_SECRET },
});
const receiver = webhookReceiverFor(stack);
afterAll(closeAgentSockets);

const ticketEvents = async (conversationId: string) =>
  (
    await stack.database.pool.query(
      `SELECT data FROM webhook_events WHERE conversation_id = $1 AND type = 'ticket.requested' ORDER BY sequence`,
      [conversationId],
    )
  ).rows.map((row) => row.data);

describe('handoff webhooks', () => {
  it('reports the handoff with its reason and transcript, and asks for one ticket per handoff when nobody can take it', async () => {
    const site = await stack.createSite({ handoffSettings: { pickupTimeoutSeconds: 1 } });
    const endpoint = await createEndpoint(stack, site.id, {
      url: `${receiver.url}/helpdesk`,
      events: ['conversation.handoff_requested', 'ticket.requested'],
    });
    const { socket, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    const widget = new ReplyCollector(socket);
    const unavailable: string[] = [];
    socket.on('handoff:unavailable', ({ reason }) => unavailable.push(reason));
    const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'Can I talk to a real person?' });
    expect(ack.ok).toBe(true);
    await widget.waitFor(() => widget.modes.includes('waiting'));
    // No agent is online: the visitor is told at once; after the 1 s pickup time, the timer fires too.
    await eventually(
      async () => unavailable,
      (reasons) => reasons.includes('no_agent_online') && reasons.includes('timeout'),
    );

    const received = await eventually(
      async () => receiver.at('/helpdesk'),
      (requests) => requests.length >= 2,
    );
    const events = received.map(
      (request) =>
        new Webhook(endpoint.secret).verify(request.body, signatureHeaders(request.headers)) as { type: string; data: any },
    );
    expect(events.map((event) => event.type).sort()).toEqual(['conversation.handoff_requested', 'ticket.requested']);
    const handoff = events.find((event) => event.type === 'conversation.handoff_requested')!.data;
    expect(handoff.reason).toBe('customer_asked');
    expect(handoff.transcript.messages.map((message: { text: string }) => message.text)).toContain(
      'Can I talk to a real person?',
    );

    const ticket = events.find((event) => event.type === 'ticket.requested')!.data;
    const waitingSince = (
      await stack.database.pool.query('SELECT waiting_since FROM conversations WHERE id = $1', [conversationId])
    ).rows[0].waiting_since as Date;
    expect(ticket.ticket).toMatchObject({
      idempotencyKey: `${conversationId}:${waitingSince.getTime()}`,
      why: 'no_agent_online',
      subject: 'Can I talk to a real person?',
      priority: 'normal',
    });
    expect(ticket.ticket.description).toContain('customer: Can I talk to a real person?');
    expect(ticket.transcript.messages).toHaveLength(1);
    // The pickup timer asked again for the same handoff: still one ticket.
    expect(await ticketEvents(conversationId)).toHaveLength(1);
  });

  it('outside business hours with nobody online: the visitor hears when agents are back, and the ticket says why', async () => {
    const closed = closedNowHours();
    const site = await stack.createSite({ businessHours: closed.hours, handoffSettings: { pickupTimeoutSeconds: 600 } });
    await createEndpoint(stack, site.id, { url: `${receiver.url}/after-hours`, events: ['ticket.requested'] });
    const { socket, session } = await stack.connectWidget(site);
    expect(session.site.agentHours).toEqual({ open: false, nextOpenAt: closed.nextOpenAt });
    const unavailable = new Promise((resolve) => socket.once('handoff:unavailable', resolve));
    const ack = await socket.emitWithAck('handoff:request', {});
    expect(ack).toEqual({ ok: true, mode: 'waiting' });
    expect(await unavailable).toEqual({
      conversationId: session.conversation.id,
      reason: 'outside_business_hours',
      nextOpenAt: closed.nextOpenAt,
    });
    // The ack comes after the handoff was announced, so its ticket is already written.
    const tickets = await ticketEvents(session.conversation.id);
    expect(tickets.map((data) => data.ticket.why)).toEqual(['outside_business_hours']);
  });

  it('asks for a ticket with the brief when an online agent lets the pickup time pass', async () => {
    const site = await stack.createSite({ handoffSettings: { pickupTimeoutSeconds: 3 } });
    const endpoint = await createEndpoint(stack, site.id, { url: `${receiver.url}/timeout`, events: ['ticket.requested'] });
    const lin = await agentSession(stack, { siteIds: [site.id], name: 'Lin' });
    await connectAgent(stack.url, lin.token);
    const { socket, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    const ack = await socket.emitWithAck('message:send', {
      clientMessageId: randomUUID(),
      text: 'I need a human please, my refund failed',
    });
    expect(ack.ok).toBe(true);
    // Lin is online but takes nothing: only the pickup timer asks for the ticket, after the brief is written.
    const [request] = await eventually(
      async () => receiver.at('/timeout'),
      (requests) => requests.length === 1,
      15_000,
    );
    const event = new Webhook(endpoint.secret).verify(request!.body, signatureHeaders(request!.headers)) as { data: any };
    expect(event.data.ticket.why).toBe('pickup_timeout');
    expect(event.data.brief).not.toBeNull();
    expect(event.data.ticket.subject).toBe(event.data.brief.summary.slice(0, 150));
    expect(event.data.ticket.description).toContain('customer: I need a human please, my refund failed');
    expect(event.data.transcript.messages[0].text).toBe('I need a human please, my refund failed');
    expect(await ticketEvents(conversationId)).toHaveLength(1);
  });

  it('records one ticket per handoff however many workers ask at once', async () => {
    const site = await stack.createSite();
    await createEndpoint(stack, site.id, { url: `${receiver.url}/race`, events: ['ticket.requested'] });
    const { socket, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'My order never came' });
    await stack.database.pool.query(`UPDATE conversations SET mode = 'waiting', waiting_since = now() WHERE id = $1`, [
      conversationId,
    ]);

    // Five workers' worth of ticket requests, each with its own pool connection.
    const requests = Array.from(
      { length: 5 },
      () =>
        new TicketRequests({
          tickets: new TicketRepository(stack.database.db),
          outbox: new WebhookEventRecorder(stack.database.db, () => undefined),
        }),
    );
    const outcomes = await Promise.all(requests.map((tickets) => tickets.request(conversationId, 'pickup_timeout')));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await ticketEvents(conversationId)).toHaveLength(1);
    // A conversation that no longer waits asks for none.
    await stack.database.pool.query(`UPDATE conversations SET mode = 'bot', waiting_since = NULL WHERE id = $1`, [
      conversationId,
    ]);
    expect(await requests[0]!.request(conversationId, 'pickup_timeout')).toBe(false);
  });
});
