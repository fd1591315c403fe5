import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from './agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, newConversation, ok, request } from './agent-socket-support.js';

describe('one owner at a time: agents racing to take a conversation', () => {
  const stack = new TestStack({ label: 'agent_race', env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET } });
  beforeAll(() => stack.start());
  afterAll(async () => {
    closeAgentSockets();
    await stack.close();
  });

  it('gives exactly one winner per round, 50 rounds; the loser is told who has it', async () => {
    const site = await stack.createSite();
    const [lin, sam] = await Promise.all([
      agentSession(stack, { siteIds: [site.id], name: 'Lin' }),
      agentSession(stack, { siteIds: [site.id], name: 'Sam' }),
    ]);
    const sockets = [await connectAgent(stack.url, lin.token), await connectAgent(stack.url, sam.token)];
    const agents = [lin, sam];
    const wins = [0, 0];
    for (let round = 0; round < 50; round += 1) {
      const conversationId = await newConversation(stack, site.id);
      if (round % 2 === 1)
        await stack.database.pool.query(`UPDATE conversations SET mode = 'waiting' WHERE id = $1`, [conversationId]);
      const acks = await Promise.all(sockets.map((socket) => request(socket, 'conversation:take', { conversationId })));
      const winners = acks.flatMap((ack, index) => (ack.ok ? [index] : []));
      expect(winners).toHaveLength(1);
      const winner = winners[0]!;
      wins[winner]! += 1;
      const loser = acks[1 - winner]!;
      expect(loser).toMatchObject({
        ok: false,
        error: {
          code: 'CONVERSATION_CONFLICT',
          details: { mode: 'human', assignedAgent: { id: agents[winner]!.id, name: agents[winner]!.name } },
        },
      });
      expect(acks[winner]).toMatchObject({
        ok: true,
        conversation: { id: conversationId, mode: 'human', assignedAgent: { id: agents[winner]!.id } },
      });
      const row = await stack.database.pool.query('SELECT mode, assigned_agent_id FROM conversations WHERE id = $1', [
        conversationId,
      ]);
      expect(row.rows[0]).toEqual({ mode: 'human', assigned_agent_id: agents[winner]!.id });
    }
    expect(wins[0]! + wins[1]!).toBe(50);
  });

  it('lets only the owner (or an admin) hand back, resolve or transfer; an admin may act on any', async () => {
    const site = await stack.createSite();
    const [owner, other, admin] = await Promise.all([
      agentSession(stack, { siteIds: [site.id], name: 'Owner' }),
      agentSession(stack, { siteIds: [site.id], name: 'Other' }),
      agentSession(stack, { siteIds: [site.id], name: 'Admin', role: 'admin' }),
    ]);
    const ownerSocket = await connectAgent(stack.url, owner.token);
    const otherSocket = await connectAgent(stack.url, other.token);
    const adminSocket = await connectAgent(stack.url, admin.token);
    const conversationId = await newConversation(stack, site.id);
    await ok(ownerSocket, 'conversation:take', { conversationId });
    for (const event of ['conversation:hand-back', 'conversation:resolve'] as const) {
      expect(await request(otherSocket, event, { conversationId })).toMatchObject({
        ok: false,
        error: { code: 'CONVERSATION_CONFLICT', details: { assignedAgent: { id: owner.id, name: 'Owner' } } },
      });
    }
    expect(await request(otherSocket, 'conversation:transfer', { conversationId, toAgentId: other.id })).toMatchObject({
      ok: false,
      error: { code: 'CONVERSATION_CONFLICT' },
    });
    // An admin moves it to the other agent (a compare-and-set on the owner); now the first one is refused.
    const moved = await ok(adminSocket, 'conversation:transfer', { conversationId, toAgentId: other.id });
    expect(moved.conversation).toMatchObject({ mode: 'human', assignedAgent: { id: other.id, name: 'Other' } });
    expect(await request(ownerSocket, 'conversation:hand-back', { conversationId })).toMatchObject({
      ok: false,
      error: { code: 'CONVERSATION_CONFLICT', details: { assignedAgent: { id: other.id } } },
    });
    const back = await ok(otherSocket, 'conversation:hand-back', { conversationId });
    expect(back.conversation).toMatchObject({ mode: 'bot', assignedAgent: null });
  });
});
