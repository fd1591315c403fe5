import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestStack } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from '../agents/agent-support.js';
import { metricValue } from '../../support/metrics.js';
import { closeAgentSockets, watchedVisitor } from '../agents/agent-socket-support.js';

const stack = new TestStack({ label: 'widget_typing', env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET } });

beforeAll(() => stack.start(), 30_000);
afterAll(async () => {
  closeAgentSockets();
  await stack.close();
});

const widgetSockets = () => metricValue(stack, 'switchboard_sockets{namespace="widget"}');

describe('visitor typing', () => {
  it('is taken back when the visitor’s socket goes while they were typing (a closed tab)', async () => {
    const { socket, conversationId, log } = await watchedVisitor(stack);

    socket.emit('typing', { typing: true });
    await log.waitFor('visitor:typing');
    socket.disconnect();
    await log.waitFor('visitor:typing', (event: { typing: boolean }) => !event.typing);
    expect(log.of('visitor:typing')).toEqual([
      { conversationId, typing: true },
      { conversationId, typing: false },
    ]);
  });

  it('says nothing more at a disconnect when the visitor had stopped typing', async () => {
    const { site, socket, session, conversationId, log } = await watchedVisitor(stack);
    const otherTab = await stack.connectWidget(site, { visitorToken: session.visitorToken });

    socket.emit('typing', { typing: true });
    socket.emit('typing', { typing: false });
    await log.waitFor('visitor:typing', (event: { typing: boolean }) => !event.typing);
    const before = await widgetSockets();
    socket.disconnect();
    // The disconnect handler ran (the gauge dropped in it); what it published went out before the next tab's typing.
    await vi.waitFor(async () => expect(await widgetSockets()).toBe(before - 1), { timeout: 5000 });
    otherTab.socket.emit('typing', { typing: true });
    await vi.waitFor(() => expect(log.of('visitor:typing')).toHaveLength(3), { timeout: 5000 });
    expect(log.of('visitor:typing')).toEqual([
      { conversationId, typing: true },
      { conversationId, typing: false },
      { conversationId, typing: true },
    ]);
  });
});
