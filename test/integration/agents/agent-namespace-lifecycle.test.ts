import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeamRepository } from '../../../src/agents/team.repository.js';
import { TestStack } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from './agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, newConversation, ok, request } from './agent-socket-support.js';

describe('resolve, reopen and transfer', () => {
  const stack = new TestStack({ label: 'agent_lifecycle', env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET } });
  beforeAll(() => stack.start());
  afterAll(async () => {
    closeAgentSockets();
    await stack.close();
  });

  it('transfers to a team: back to waiting for that team, the wait clock started once and kept', async () => {
    const site = await stack.createSite();
    const lin = await agentSession(stack, { siteIds: [site.id], name: 'Lin' });
    const socket = await connectAgent(stack.url, lin.token);
    const team = await new TeamRepository(stack.database.db).create(`billing-${randomUUID()}`);
    const conversationId = await newConversation(stack, site.id);
    await stack.database.pool.query(
      `UPDATE conversations SET mode = 'waiting', waiting_since = now() - interval '5 minutes', handoff_reason = 'customer' WHERE id = $1`,
      [conversationId],
    );
    const taken = await ok(socket, 'conversation:take', { conversationId });
    const waitingSince = taken.conversation.waitingSince;
    expect(waitingSince).not.toBeNull();

    const moved = await ok(socket, 'conversation:transfer', { conversationId, toTeamId: team!.id });
    expect(moved.conversation).toMatchObject({
      mode: 'waiting',
      assignedAgent: null,
      assignedTeamId: team!.id,
      handoffReason: 'transfer',
      waitingSince,
    });
    expect(await request(socket, 'conversation:transfer', { conversationId, toTeamId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // To an agent who is not on the site: refused like an unknown one.
    const outsider = await agentSession(stack, { siteIds: [] });
    await ok(socket, 'conversation:take', { conversationId });
    expect(await request(socket, 'conversation:transfer', { conversationId, toAgentId: outsider.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('resolves (the visitor is told CONVERSATION_CLOSED and a reconnect starts anew with the bot) and reopens', async () => {
    const site = await stack.createSite();
    const lin = await agentSession(stack, { siteIds: [site.id], name: 'Lin' });
    const socket = await connectAgent(stack.url, lin.token);
    const { socket: widget, session } = await stack.connectWidget(site);
    const visitor = new EventLog(widget);
    const conversationId = session.conversation.id;

    await ok(socket, 'conversation:take', { conversationId });
    const resolved = await ok(socket, 'conversation:resolve', { conversationId });
    expect(resolved.conversation).toMatchObject({ mode: 'resolved', assignedAgent: null, waitingSince: null });
    await visitor.waitFor('conversation:mode', (change) => change.mode === 'resolved');
    const refused = await widget.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'One more thing' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONVERSATION_CLOSED' } });
    const again = await stack.connectWidget(site, { visitorToken: session.visitorToken });
    expect(again.session.conversation).toMatchObject({ mode: 'bot' });
    expect(again.session.conversation.id).not.toBe(conversationId);

    expect(await request(socket, 'conversation:take', { conversationId })).toMatchObject({
      ok: false,
      error: { code: 'CONVERSATION_CONFLICT', details: { mode: 'resolved' } },
    });
    const reopened = await ok(socket, 'conversation:reopen', { conversationId });
    expect(reopened.conversation).toMatchObject({ mode: 'human', assignedAgent: { id: lin.id, name: 'Lin' } });
    await ok(socket, 'conversation:resolve', { conversationId });
    const withBot = await ok(socket, 'conversation:reopen', { conversationId, to: 'bot' });
    expect(withBot.conversation).toMatchObject({ mode: 'bot', assignedAgent: null });
  });
});
