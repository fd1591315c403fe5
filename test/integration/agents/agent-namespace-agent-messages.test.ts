import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../../support/test-app.js';
import { botRows } from '../bot/llm-support.js';
import { TEST_SESSION_SECRET } from './agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, ok, request } from './agent-socket-support.js';

describe('an agent writes to the visitor', () => {
  const stack = new TestStack({ label: 'agent_messages', env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET } });
  beforeAll(() => stack.start());
  afterAll(async () => {
    closeAgentSockets();
    await stack.close();
  });

  async function setUp() {
    const site = await stack.createSite();
    const lin = await agentSession(stack, { siteIds: [site.id], name: 'Lin' });
    const sam = await agentSession(stack, { siteIds: [site.id], name: 'Sam' });
    const { socket: widget, session } = await stack.connectWidget(site);
    const visitor = new EventLog(widget);
    const linSocket = await connectAgent(stack.url, lin.token);
    const samSocket = await connectAgent(stack.url, sam.token);
    return { site, lin, sam, widget, session, visitor, linSocket, samSocket, conversationId: session.conversation.id };
  }

  it("stores the owner's message as the agent's, acks after commit, shows it to the widget and in sync; idempotent", async () => {
    const { lin, widget, visitor, linSocket, conversationId } = await setUp();
    const watched = await ok(linSocket, 'conversation:watch', { conversationId });
    expect(watched.conversation).toMatchObject({ id: conversationId, mode: 'bot', assignedAgent: null });
    await ok(linSocket, 'conversation:take', { conversationId });
    await visitor.waitFor('conversation:mode', (change) => change.mode === 'human' && change.assignedAgent?.name === 'Lin');

    const clientMessageId = randomUUID();
    const sent = await ok(linSocket, 'message:send', {
      conversationId,
      clientMessageId,
      text: '  Hi, Lin here. Let me check.  ',
    });
    expect(sent).toMatchObject({
      duplicate: false,
      message: {
        role: 'agent',
        text: 'Hi, Lin here. Let me check.',
        seq: 1,
        agent: { id: lin.id, name: 'Lin' },
        clientMessageId,
      },
    });
    const row = await stack.database.pool.query('SELECT role, agent_id, author_name FROM messages WHERE id = $1', [
      sent.message.id,
    ]);
    expect(row.rows[0]).toEqual({ role: 'agent', agent_id: lin.id, author_name: 'Lin' });
    expect(await visitor.waitFor('message:new', (message) => message.id === sent.message.id)).toEqual(sent.message);

    const again = await ok(linSocket, 'message:send', { conversationId, clientMessageId, text: 'Hi, Lin here. Let me check.' });
    expect(again).toMatchObject({ duplicate: true, message: { id: sent.message.id } });
    const next = await ok(linSocket, 'message:send', { conversationId, clientMessageId: randomUUID(), text: 'Found it.' });
    await visitor.waitFor('message:new', (message) => message.id === next.message.id);
    expect(visitor.of('message:new').map((message) => message.text)).toEqual(['Hi, Lin here. Let me check.', 'Found it.']);

    const synced = await widget.emitWithAck('sync', { afterSeq: 0 });
    expect(synced.ok && synced.messages.map((message) => [message.role, message.text, message.agent?.name])).toEqual([
      ['agent', 'Hi, Lin here. Let me check.', 'Lin'],
      ['agent', 'Found it.', 'Lin'],
    ]);
  });

  it('refuses a message from anyone but the owner, and while the bot or the queue has the conversation', async () => {
    const { lin, linSocket, samSocket, conversationId } = await setUp();
    const send = (socket: typeof linSocket) =>
      request(socket, 'message:send', { conversationId, clientMessageId: randomUUID(), text: 'hello' });
    expect(await send(linSocket)).toMatchObject({
      ok: false,
      error: { code: 'CONVERSATION_CONFLICT', details: { mode: 'bot', assignedAgent: null } },
    });
    await ok(linSocket, 'conversation:take', { conversationId });
    expect(
      await request(linSocket, 'message:send', { conversationId, clientMessageId: randomUUID(), text: ' \u200b\u200d ' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await send(samSocket)).toMatchObject({
      ok: false,
      error: { code: 'CONVERSATION_CONFLICT', details: { mode: 'human', assignedAgent: { id: lin.id, name: 'Lin' } } },
    });
    await ok(linSocket, 'conversation:resolve', { conversationId });
    expect(await send(linSocket)).toMatchObject({ ok: false, error: { code: 'CONVERSATION_CLOSED' } });
    const stored = await stack.database.pool.query(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1`, [
      conversationId,
    ]);
    expect(stored.rows[0]).toEqual({ n: 0 });
  });

  it("keeps the bot quiet while a human owns the conversation: the visitor's message gets no bot reply", async () => {
    const { widget, linSocket, conversationId } = await setUp();
    await ok(linSocket, 'conversation:take', { conversationId });
    const sent = await widget.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'Are you a person?' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(await stack.replyJobSettled(sent.message.id)).toBe('completed');
    expect(await botRows(stack, conversationId)).toEqual([]);
  });

  it('carries typing both ways: the agent to the widget and other agents, the visitor to agents only', async () => {
    const { lin, site, session, visitor, linSocket, samSocket, widget, conversationId } = await setUp();
    const secondTab = await stack.connectWidget(site, { visitorToken: session.visitorToken });
    const otherTab = new EventLog(secondTab.socket);
    const sam = new EventLog(samSocket);
    const linLog = new EventLog(linSocket);
    await ok(linSocket, 'conversation:watch', { conversationId });
    await ok(samSocket, 'conversation:watch', { conversationId });

    linSocket.emit('typing', { conversationId, typing: true });
    expect(await visitor.waitFor('agent:typing')).toEqual({ conversationId, agentName: 'Lin', typing: true });
    expect(await sam.waitFor('agent:typing')).toEqual({ conversationId, agentId: lin.id, agentName: 'Lin', typing: true });

    widget.emit('typing', { typing: true });
    expect(await linLog.waitFor('visitor:typing')).toEqual({ conversationId, typing: true });
    await sam.waitFor('visitor:typing');
    // A later room event reaches the other tab: by then it would have had the visitor's typing too.
    await ok(linSocket, 'conversation:take', { conversationId });
    await otherTab.waitFor('conversation:mode');
    expect(otherTab.of('visitor:typing')).toEqual([]);
    expect(visitor.of('visitor:typing')).toEqual([]);
  });
});
