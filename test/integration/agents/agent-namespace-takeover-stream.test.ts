import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../../support/test-app.js';
import { botRows } from '../bot/llm-support.js';
import { TEST_SESSION_SECRET } from './agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, ok } from './agent-socket-support.js';

const LONG_REPLY = encodeURIComponent(Array.from({ length: 150 }, (_, index) => `word${index}`).join(' '));

describe('a takeover while the bot is streaming', () => {
  // 100 tokens/s: a delta every window (30 ms) while the takeover lands, so some are in flight on the bus.
  const stack = new TestStack({
    label: 'agent_takeover',
    env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET },
    simulator: { tokensPerSecond: 100 },
  });
  beforeAll(() => stack.start());
  afterAll(async () => {
    closeAgentSockets();
    await stack.close();
  });

  async function takeOverMidStream(marker: string, deltasFirst: number) {
    const site = await stack.createSite();
    const agent = await agentSession(stack, { siteIds: [site.id], name: 'Lin' });
    const { socket: widget, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    const visitor = new EventLog(widget);
    const console = await connectAgent(stack.url, agent.token);
    const watching = new EventLog(console);
    await ok(console, 'conversation:watch', { conversationId });

    const sent = await widget.emitWithAck('message:send', { clientMessageId: randomUUID(), text: `Hello ${marker}` });
    if (!sent.ok) throw new Error(sent.error.message);
    const replyTo = sent.message.id;
    // The agent sees the bot's tokens as they stream, from the same emits as the visitor.
    await visitor.waitFor('reply:delta', (delta) => delta.replyTo === replyTo && delta.index >= deltasFirst - 1);
    await watching.waitFor('reply:delta', (delta) => delta.replyTo === replyTo);

    const taken = await ok(console, 'conversation:take', { conversationId });
    const ackedAt = Date.now();
    const lastBeforeAck = Math.max(...visitor.events.filter((entry) => entry.event === 'reply:delta').map((entry) => entry.at));
    expect(taken.conversation).toMatchObject({ mode: 'human', assignedAgent: { id: agent.id, name: 'Lin' } });

    // Positive signals that the bot is done: the reset on the visitor's screen, and the job settled.
    const reset = await visitor.waitFor('reply:reset', (payload) => payload.replyTo === replyTo, 3000);
    const resetAt = visitor.events.find((entry) => entry.event === 'reply:reset' && entry.payload.replyTo === replyTo)!.at;
    expect(await stack.replyJobSettled(replyTo)).toBe('completed');
    const lastDeltaAt = Math.max(
      ackedAt,
      ...visitor.events
        .filter((entry) => entry.event === 'reply:delta' && entry.payload.replyTo === replyTo)
        .map((entry) => entry.at),
    );
    return { conversationId, replyTo, reset, resetAt, ackedAt, lastDeltaAt, lastBeforeAck, visitor, watching };
  }

  it('aborts a steadily streaming reply within 100 ms of the ack, resets it everywhere, stores nothing', async () => {
    const { conversationId, replyTo, reset, resetAt, ackedAt, lastDeltaAt, lastBeforeAck, visitor, watching } =
      await takeOverMidStream(`[[sim:reply=${LONG_REPLY};id=steady-${randomUUID()}]]`, 3);
    const lagMs = lastDeltaAt - ackedAt;
    console.info(
      `takeover ack -> last reply:delta: ${lagMs} ms (the last delta before the ack came ${ackedAt - lastBeforeAck} ms earlier; reset ${resetAt - ackedAt} ms after)`,
    );
    expect(lagMs).toBeLessThanOrEqual(100);
    expect(reset.reason).toBe('cancelled');
    // Nothing after the reset: the visitor shows no partial text.
    const resetIndex = visitor.events.findIndex((entry) => entry.event === 'reply:reset' && entry.payload.replyTo === replyTo);
    expect(visitor.events.slice(resetIndex).filter((entry) => entry.event === 'reply:delta')).toEqual([]);
    expect(visitor.of('reply:end')).toEqual([]);
    await watching.waitFor('reply:reset', (payload) => payload.replyTo === replyTo);
    expect(visitor.of('conversation:mode')).toContainEqual({
      conversationId,
      mode: 'human',
      assignedAgent: expect.objectContaining({ name: 'Lin' }),
    });
    expect(await botRows(stack, conversationId)).toEqual([]);
  });

  it('aborts a stalled reply (the simulator holds the stream) the same way', async () => {
    const { conversationId, reset, ackedAt, lastDeltaAt } = await takeOverMidStream(
      `[[sim:stall-after=3;stall-ms=5000;id=stall-${randomUUID()}]]`,
      1,
    );
    expect(lastDeltaAt - ackedAt).toBeLessThanOrEqual(100);
    expect(reset.reason).toBe('cancelled');
    expect(await botRows(stack, conversationId)).toEqual([]);
  });
});
