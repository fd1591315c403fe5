import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../../support/test-app.js';
import { accountsOf, TEST_SESSION_SECRET } from './agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, newConversation, ok, request } from './agent-socket-support.js';

describe('/agent: an agent sees only the sites they belong to', () => {
  const stack = new TestStack({ label: 'agent_scope', env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET } });
  beforeAll(() => stack.start());
  afterAll(async () => {
    closeAgentSockets();
    await stack.close();
  });

  it("answers NOT_FOUND for another site's conversation, exactly as for one that does not exist", async () => {
    const [siteA, siteB] = await Promise.all([stack.createSite(), stack.createSite()]);
    const agent = await agentSession(stack, { siteIds: [siteA.id] });
    const socket = await connectAgent(stack.url, agent.token);
    const foreign = await newConversation(stack, siteB.id);
    for (const conversationId of [foreign, randomUUID()]) {
      const attempts = await Promise.all([
        request(socket, 'conversation:watch', { conversationId }),
        request(socket, 'conversation:take', { conversationId }),
        request(socket, 'conversation:resolve', { conversationId }),
        request(socket, 'message:send', { conversationId, clientMessageId: randomUUID(), text: 'hi' }),
        request(socket, 'note:add', { conversationId, text: 'psst' }),
      ]);
      for (const ack of attempts) {
        expect(ack).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No such conversation.' } });
      }
    }
    expect(await request(socket, 'conversations:list', { siteId: siteB.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await request(socket, 'agents:presence', { siteId: siteB.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // Nothing changed on the other site.
    const row = await stack.database.pool.query('SELECT mode FROM conversations WHERE id = $1', [foreign]);
    expect(row.rows[0]).toEqual({ mode: 'bot' });
  });

  it("stops sending a conversation's events once the agent is removed from its site (at the next event)", async () => {
    const site = await stack.createSite();
    const leaving = await agentSession(stack, { siteIds: [site.id] });
    const staying = await agentSession(stack, { siteIds: [site.id] });
    const { socket: widget, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    const leavingSocket = await connectAgent(stack.url, leaving.token);
    const stayingSocket = await connectAgent(stack.url, staying.token);
    const leavingLog = new EventLog(leavingSocket);
    const stayingLog = new EventLog(stayingSocket);
    await ok(leavingSocket, 'conversation:watch', { conversationId });
    await ok(stayingSocket, 'conversation:watch', { conversationId });

    await accountsOf(stack).revokeSites(leaving.id, [site.id]);
    expect(await request(leavingSocket, 'conversation:watch', { conversationId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const sent = await widget.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'Hello?' });
    if (!sent.ok) throw new Error(sent.error.message);
    await stayingLog.waitFor('message:new', (message) => message.id === sent.message.id);
    expect(leavingLog.of('message:new')).toEqual([]);
  });

  it('lists only its sites, newest activity first, by mode, in cursor pages', async () => {
    const [siteA, siteB, siteC] = await Promise.all([stack.createSite(), stack.createSite(), stack.createSite()]);
    const agent = await agentSession(stack, { siteIds: [siteA.id, siteB.id] });
    const socket = await connectAgent(stack.url, agent.token);
    const ids: string[] = [];
    for (let index = 0; index < 7; index += 1) ids.push(await newConversation(stack, index % 2 ? siteB.id : siteA.id));
    await newConversation(stack, siteC.id);
    await stack.database.pool.query(`UPDATE conversations SET mode = 'waiting', updated_at = now() WHERE id = $1`, [ids[2]]);
    // The newest activity: a message in the first conversation.
    await stack.database.pool.query(
      `WITH b AS (UPDATE conversations SET last_seq = last_seq + 1, updated_at = now() WHERE id = $1 RETURNING last_seq)
       INSERT INTO messages (conversation_id, seq, role, text) SELECT $1, b.last_seq, 'customer', $2 FROM b`,
      [ids[0], `Where is my order? ${'x'.repeat(300)}`],
    );

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await ok(socket, 'conversations:list', { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.conversations.map((conversation) => conversation.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(seen).toHaveLength(7);
    expect(seen[0]).toBe(ids[0]);

    const first = await ok(socket, 'conversations:list', { limit: 1 });
    expect(first.conversations[0]).toMatchObject({
      id: ids[0],
      siteId: siteA.id,
      mode: 'bot',
      assignedAgent: null,
      lastMessage: { seq: 1, role: 'customer' },
    });
    expect(first.conversations[0]!.lastMessage!.text).toHaveLength(200);

    const waiting = await ok(socket, 'conversations:list', { modes: ['waiting'] });
    expect(waiting.conversations.map((conversation) => conversation.id)).toEqual([ids[2]]);
    expect(waiting.conversations[0]!.waitingSince).toBeNull(); // set only by a real move to waiting
    const onlyB = await ok(socket, 'conversations:list', { siteId: siteB.id });
    expect(onlyB.conversations.every((conversation) => conversation.siteId === siteB.id)).toBe(true);
    expect(onlyB.conversations).toHaveLength(3);
  });
});
