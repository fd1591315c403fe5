import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from './agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, ok } from './agent-socket-support.js';

/** A site may give a returning customer their resolved conversation back with the same agent. */
describe('reopen with the same agent within N hours', () => {
  const stack = new TestStack({ label: 'reopen_agent', env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET } });
  beforeAll(() => stack.start());
  afterAll(async () => {
    closeAgentSockets();
    await stack.close();
  });

  /** A visitor talks, Lin takes over, answers and resolves; returns the visitor's token and the ids. */
  async function resolvedByLin(site: Awaited<ReturnType<TestStack['createSite']>>) {
    const { socket, session } = await stack.connectWidget(site);
    const lin = await agentSession(stack, { siteIds: [site.id], name: 'Lin' });
    const agent = await connectAgent(stack.url, lin.token);
    const conversationId = session.conversation.id;
    await ok(agent, 'conversation:take', { conversationId });
    await ok(agent, 'message:send', { conversationId, clientMessageId: randomUUID(), text: 'Your refund is on its way.' });
    await ok(agent, 'conversation:resolve', { conversationId });
    socket.disconnect();
    return { visitorToken: session.visitorToken, conversationId, lin };
  }

  it('hands the resolved conversation back to its agent when the customer returns in time', async () => {
    const site = await stack.createSite({ handoffSettings: { reopenWithAgentHours: 12 } });
    const { visitorToken, conversationId, lin } = await resolvedByLin(site);

    const back = await stack.connectWidget(site, { visitorToken });
    expect(back.session.conversation).toMatchObject({ id: conversationId, mode: 'human' });
    const owner = await stack.database.pool.query('SELECT assigned_agent_id FROM conversations WHERE id = $1', [conversationId]);
    expect(owner.rows[0].assigned_agent_id).toBe(lin.id);
    const ack = await back.socket.emitWithAck('message:send', {
      clientMessageId: randomUUID(),
      text: 'Thanks, one more question',
    });
    expect(ack).toMatchObject({ ok: true, message: { conversationId } });
  });

  it('starts a new conversation with the bot once the window has passed', async () => {
    const site = await stack.createSite({ handoffSettings: { reopenWithAgentHours: 1 } });
    const { visitorToken, conversationId } = await resolvedByLin(site);
    await stack.database.pool.query(`UPDATE conversations SET updated_at = now() - interval '2 hours' WHERE id = $1`, [
      conversationId,
    ]);

    const back = await stack.connectWidget(site, { visitorToken });
    expect(back.session.conversation.id).not.toBe(conversationId);
    expect(back.session.conversation.mode).toBe('bot');
  });

  it('starts a new conversation with the bot when the site does not reopen (the default)', async () => {
    const site = await stack.createSite();
    const { visitorToken, conversationId } = await resolvedByLin(site);
    const back = await stack.connectWidget(site, { visitorToken });
    expect(back.session.conversation.id).not.toBe(conversationId);
    expect(back.session.conversation.mode).toBe('bot');
  });
});
