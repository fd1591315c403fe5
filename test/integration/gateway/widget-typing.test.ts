import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestStack } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from '../agents/agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, ok } from '../agents/agent-socket-support.js';

const stack = new TestStack({ label: 'widget_typing', env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET } });

beforeAll(() => stack.start(), 30_000);
afterAll(async () => {
  closeAgentSockets();
  await stack.close();
});

async function widgetSockets(): Promise<number> {
  const text = await (await fetch(`${stack.url}/metrics`)).text();
  const line = text.split('\n').find((row) => row.startsWith('switchboard_sockets{namespace="widget"} '));
  return line ? Number(line.split(' ')[1]) : 0;
}

describe('visitor typing', () => {
  it('is taken back when the visitor’s socket goes while they were typing (a closed tab)', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    const agent = await connectAgent(stack.url, (await agentSession(stack, { siteIds: [site.id] })).token);
    const log = new EventLog(agent);
    await ok(agent, 'conversation:watch', { conversationId });

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
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    const agent = await connectAgent(stack.url, (await agentSession(stack, { siteIds: [site.id] })).token);
    const log = new EventLog(agent);
    await ok(agent, 'conversation:watch', { conversationId });
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
