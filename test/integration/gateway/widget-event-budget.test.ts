import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../../src/contracts/ack.js';
import type { SyncResult } from '../../../src/contracts/widget-events.js';
import { TestStack, type WidgetClient } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from '../agents/agent-support.js';
import { closeAgentSockets, watchedVisitor } from '../agents/agent-socket-support.js';

/** Small enough to spend in a test; the lower bound the setting accepts. */
const BUDGET = 10;

const stack = new TestStack({
  label: 'widget_event_budget',
  env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET, WIDGET_EVENTS_PER_SOCKET_PER_MINUTE: String(BUDGET) },
});

beforeAll(() => stack.start(), 30_000);
afterAll(async () => {
  closeAgentSockets();
  await stack.close();
});

function sync(socket: WidgetClient, afterSeq = 0): Promise<Ack<SyncResult>> {
  return socket.timeout(10_000).emitWithAck('sync', { afterSeq });
}

describe('/widget event budget (WIDGET_EVENTS_PER_SOCKET_PER_MINUTE)', () => {
  it('drops typing past the budget: the watching agent gets exactly the budget, then the socket works on', async () => {
    const { socket, conversationId, log } = await watchedVisitor(stack);
    for (let index = 0; index < 200; index++) socket.emit('typing', { typing: index % 2 === 0 });

    // Handled in order on the socket: once the sync after the flood is refused, every typing was spent or dropped.
    const refused = await sync(socket);
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(refused.ok || refused.error.retryAfterMs).toBeGreaterThan(0);

    // A message is not budgeted: its message:new is published after every typing that was, so once it
    // reaches the agent, every visitor:typing the flood produced has too.
    const sent = await socket.timeout(10_000).emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'Still here' });
    expect(sent.ok).toBe(true);
    await log.waitFor('message:new', (message: { text: string }) => message.text === 'Still here');
    const typings = log.of('visitor:typing');
    expect(typings).toHaveLength(BUDGET);
    expect(typings[0]).toEqual({ conversationId, typing: true });
    expect(typings[1]).toEqual({ conversationId, typing: false });
  });

  it('answers sync with RATE_LIMITED past the budget, per socket: another socket of the visitor still syncs', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const answers = [];
    for (let index = 0; index < BUDGET + 3; index++) answers.push(await sync(socket));
    expect(answers.slice(0, BUDGET).every((answer) => answer.ok)).toBe(true);
    for (const answer of answers.slice(BUDGET)) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.any(String) } });
    }

    // The same visitor in a second tab: the budget is the socket's, not the visitor's.
    const other = await stack.connectWidget(site, { visitorToken: session.visitorToken });
    expect(other.session.conversation.id).toBe(session.conversation.id);
    expect(await sync(other.socket)).toEqual({ ok: true, messages: [] });
  });
});
