import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServiceProcess, type ServiceProcess } from '../../support/child-process.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TestStack } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from '../agents/agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, ok } from '../agents/agent-socket-support.js';

/**
 * The bus between real processes: the visitor's widget on this process (gateway + worker), an agent
 * on a second gateway PROCESS that shares only Postgres and Redis. The agent watching the
 * conversation gets the same events as the widget, from the same emits.
 */
describe('one emit reaches the widget and an agent on another gateway process', () => {
  const stack = new TestStack({ label: 'bus_processes', env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET } });
  let otherGateway: ServiceProcess;

  beforeAll(async () => {
    await stack.start();
    otherGateway = await startServiceProcess({ ...stack.env, ROLE: 'gateway', LOG_LEVEL: 'warn' });
  }, 60_000);
  afterAll(async () => {
    closeAgentSockets();
    await otherGateway?.stop();
    await stack.close();
  });

  it('relays the customer message, every streamed delta and the stored reply to both', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const widget = new ReplyCollector(socket);
    const agent = await agentSession(stack, { siteIds: [site.id] });
    const agentSocket = await connectAgent(otherGateway.url!, agent.token);
    const agentEvents = new EventLog(agentSocket);
    await ok(agentSocket, 'conversation:watch', { conversationId: session.conversation.id });

    const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'Where is my parcel?' });
    if (!ack.ok) throw new Error(ack.error.message);
    const end = await widget.waitForEnd(ack.message.id);
    const agentEnd = await agentEvents.waitFor('reply:end', (payload) => payload.replyTo === ack.message.id);

    expect(agentEvents.of('message:new').map((message) => message.id)).toContain(ack.message.id);
    expect(agentEnd).toEqual(end);
    const agentText = agentEvents.streamedText(ack.message.id);
    expect(agentText).toBe(widget.streamedText(ack.message.id));
    expect(agentText).toBe(end.message.text);
  });
});
