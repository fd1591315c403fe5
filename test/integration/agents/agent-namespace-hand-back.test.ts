import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../../support/test-app.js';
import { botRows, requestsWith } from '../bot/llm-support.js';
import { TEST_SESSION_SECRET } from './agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, ok } from './agent-socket-support.js';

describe('hand back to the bot', () => {
  const stack = new TestStack({ label: 'agent_hand_back', env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET } });
  beforeAll(() => stack.start());
  afterAll(async () => {
    closeAgentSockets();
    await stack.close();
  });

  it("gives the bot the whole history: the next model request has the agent's message as an assistant turn", async () => {
    const site = await stack.createSite();
    const agent = await agentSession(stack, { siteIds: [site.id], name: 'Lin' });
    const { socket: widget, session } = await stack.connectWidget(site);
    const visitor = new EventLog(widget);
    const conversationId = session.conversation.id;
    const console = await connectAgent(stack.url, agent.token);

    const first = await widget.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'My parcel is late' });
    if (!first.ok) throw new Error(first.error.message);
    await visitor.waitFor('reply:end', (end) => end.replyTo === first.message.id);

    await ok(console, 'conversation:take', { conversationId });
    const agentText = `Your parcel ships tomorrow, reference ${randomUUID()}.`;
    await ok(console, 'message:send', { conversationId, clientMessageId: randomUUID(), text: agentText });
    const back = await ok(console, 'conversation:hand-back', { conversationId });
    expect(back.conversation).toMatchObject({ mode: 'bot', assignedAgent: null });
    await visitor.waitFor('conversation:mode', (change) => change.mode === 'bot' && change.assignedAgent === null);

    const question = `Thanks! What about returns? ${randomUUID()}`;
    const second = await widget.emitWithAck('message:send', { clientMessageId: randomUUID(), text: question });
    if (!second.ok) throw new Error(second.error.message);
    await visitor.waitFor('reply:end', (end) => end.replyTo === second.message.id);

    const [request] = requestsWith(stack.simulator, question);
    expect(request).toBeDefined();
    const messages = request!.body.messages as Array<{ role: string; content: string }>;
    expect(messages.at(-1)).toEqual({ role: 'user', content: question });
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    // The bot's first reply and the agent's message, merged into one assistant turn (two in a row are not allowed).
    expect(messages[2]!.content.endsWith(agentText)).toBe(true);
    expect((await botRows(stack, conversationId)).length).toBe(2);
  });
});
