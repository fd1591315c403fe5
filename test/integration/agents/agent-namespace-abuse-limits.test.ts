import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../src/contracts/payloads.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { slowClientDropped, stalledPollingClient } from '../../support/stalled-polling-client.js';
import { TestStack } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from './agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, ok, request, type AgentClient } from './agent-socket-support.js';

/** The `/agent` namespace's own abuse limits, with small budgets so the test reaches each one. */
describe('abuse limits on /agent', () => {
  const stack = new TestStack({
    label: 'agent_abuse',
    simulator: { firstTokenDelayMs: 5, tokensPerSecond: 500, replyTokens: 120 },
    env: {
      AGENT_SESSION_SECRET: TEST_SESSION_SECRET,
      // The test plays many addresses through one trusted proxy hop.
      TRUST_PROXY_HOPS: '1',
      AGENT_CONNECTIONS_PER_IP: '3',
      AGENT_HANDSHAKES_PER_IP_PER_MINUTE: '12',
      MAX_SOCKETS_PER_AGENT: '2',
      AGENT_EVENTS_PER_SOCKET_PER_MINUTE: '10',
      SLOW_CLIENT_MAX_BUFFERED_PACKETS: '20',
      REPLY_DELTA_WINDOW_MS: '0',
    },
  });
  beforeAll(() => stack.start());
  afterAll(async () => {
    closeAgentSockets();
    await stack.close();
  });

  const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
  const refusal = (attempt: Promise<AgentClient>) =>
    attempt.then(
      (socket) => ({ socket, error: undefined }),
      (error: ErrorBody) => ({ socket: undefined, error }),
    );

  it('refuses a fourth open socket from one address with RATE_LIMITED, and admits it again once one closes', async () => {
    const tokens = await Promise.all([0, 1, 2, 3].map(async () => (await agentSession(stack)).token));
    const open = [];
    for (const token of tokens.slice(0, 3)) open.push(await connectAgent(stack.url, token, from('10.1.0.1')));
    const refused = await refusal(connectAgent(stack.url, tokens[3], from('10.1.0.1')));
    expect(refused.error?.code).toBe('RATE_LIMITED');
    expect(refused.error?.retryAfterMs).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await connectAgent(stack.url, tokens[3], from('10.1.0.99'))).connected).toBe(true);

    open[0]!.disconnect();
    let admitted: Awaited<ReturnType<typeof refusal>> | undefined;
    for (let tries = 0; tries < 50 && !admitted?.socket; tries++)
      admitted = await refusal(connectAgent(stack.url, tokens[3], from('10.1.0.1')));
    expect(admitted?.socket?.connected).toBe(true);
  });

  it('refuses handshakes past the per-minute budget of an address, good session or not', async () => {
    const { token } = await agentSession(stack);
    let refused: ErrorBody | undefined;
    for (let tries = 0; tries < 20 && !refused; tries++) {
      const attempt = await refusal(connectAgent(stack.url, tries % 2 ? token : 'not-a-token', from('10.1.0.2')));
      attempt.socket?.disconnect();
      if (attempt.error?.code === 'RATE_LIMITED') refused = attempt.error;
      else if (attempt.error) expect(attempt.error.code).toBe('UNAUTHORIZED');
    }
    expect(refused?.code).toBe('RATE_LIMITED');
  });

  it("closes an agent's oldest socket past the per-agent limit, not the new tab", async () => {
    const { token } = await agentSession(stack);
    const first = await connectAgent(stack.url, token, from('10.1.0.3'));
    const dropped = new Promise<string>((resolve) => first.once('disconnect', resolve));
    await connectAgent(stack.url, token, from('10.1.0.3'));
    const third = await connectAgent(stack.url, token, from('10.1.0.3'));
    expect(await dropped).toBe('io server disconnect');
    expect(third.connected).toBe(true);
    await ok(third, 'presence:heartbeat', {});
  });

  it('answers RATE_LIMITED past the per-socket event budget, and only on that socket', async () => {
    const { token } = await agentSession(stack);
    const busy = await connectAgent(stack.url, token, from('10.1.0.4'));
    const calm = await connectAgent(stack.url, token, from('10.1.0.4'));
    for (let event = 0; event < 10; event++) await ok(busy, 'presence:heartbeat', {});
    const over = await request(busy, 'presence:heartbeat', {});
    expect(over).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect((over as { error: ErrorBody }).error.retryAfterMs).toBeGreaterThan(0);
    expect(busy.connected).toBe(true);
    await ok(calm, 'presence:heartbeat', {});
  });

  it('drops an agent client that stops reading (a polling console that never polls), and only that one', async () => {
    const site = await stack.createSite();
    const agent = await agentSession(stack, { siteIds: [site.id] });
    const { socket: widget, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    const reader = await connectAgent(stack.url, agent.token, from('10.1.0.5'));
    await ok(reader, 'conversation:watch', { conversationId });
    const slow = await stalledPollingClient(stack.url, {
      namespace: '/agent',
      auth: { token: agent.token },
      headers: { 'x-forwarded-for': '10.1.0.5' },
    });
    expect(await slow.emit('conversation:watch', { conversationId })).toBe(200);
    // It is in the room once the watch is acked; from here on it reads nothing.
    await slow.readUntil(slow.ack);

    // The bot's deltas reach both agent sockets in the room; one of them never reads.
    const replies = new ReplyCollector(widget);
    const sent = await widget.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'a long answer' });
    if (!sent.ok) throw new Error(sent.error.message);
    await replies.waitForEnd(sent.message.id);

    await slowClientDropped(stack.url);
    expect(await slow.poll()).toBe(400);
    expect(reader.connected).toBe(true);
    expect(widget.connected).toBe(true);
  });
});
