import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Resync } from '../../../src/contracts/resync.js';
import { TEST_SESSION_SECRET } from '../agents/agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, ok } from '../agents/agent-socket-support.js';
import { watchBus } from '../../support/bus-watch.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { SplitStack } from '../../support/split-stack.js';
import { TestStack } from '../../support/test-app.js';

/**
 * A gateway whose bus subscriber is cut off from Redis while its sockets stay connected: Redis
 * restarts without its data, the reconciler re-queues the reply, a worker streams and stores it and
 * publishes `reply:end` into a Redis the gateway is not subscribed to. Once the gateway is back, each
 * of its sockets is told `resync` and its catch-up returns the stored reply, exactly once.
 */
describe('room events missed while the gateway was away from Redis', () => {
  const stack = new TestStack({
    label: 'busresync',
    startApp: false,
    simulator: { firstTokenDelayMs: 50, tokensPerSecond: 40, replyTokens: 40 },
    env: {
      AGENT_SESSION_SECRET: TEST_SESSION_SECRET,
      WORKER_LOCK_DURATION_MS: '1000',
      RECONCILE_INTERVAL_MS: '500',
      RECONCILE_MIN_AGE_MS: '500',
    },
  });
  const split = new SplitStack(stack);
  beforeAll(() => split.start(), 30_000);
  afterAll(async () => {
    closeAgentSockets();
    await split.close();
  });

  it('tells every socket of the gateway to resync, and the catch-up has the stored reply once', async () => {
    const site = await stack.createSite();
    const { socket: widget, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    const agent = await agentSession(stack, { siteIds: [site.id] });
    const console = await connectAgent(stack.url, agent.token);
    await ok(console, 'conversation:watch', { conversationId });
    const widgetConnects: string[] = [];
    widget.on('disconnect', (reason) => widgetConnects.push(`disconnect ${reason}`));
    const resyncs = { widget: [] as Resync[], console: [] as Resync[] };
    widget.on('resync', (event) => resyncs.widget.push(event));
    console.on('resync', (event) => resyncs.console.push(event));

    const replies = new ReplyCollector(widget);
    const sent = await widget.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'a question' });
    if (!sent.ok) throw new Error(sent.error.message);
    const question = sent.message;
    await replies.waitFor(() => replies.deltas(question.id).length > 0);

    await split.gatewayRedis.cut();
    await split.redis.stop();
    await split.redis.start();
    const published = watchBus(split.redis.url, stack.env.REDIS_PREFIX!, question.id);
    // The reconciler re-queues the lost job; the worker answers through the new Redis, unheard here.
    await published.replyEnded;
    published.close();
    expect(replies.events.some((event) => event.kind === 'end')).toBe(false);

    await split.gatewayRedis.start();
    await vi.waitFor(() => expect(resyncs.widget.length * resyncs.console.length).toBeGreaterThan(0), { timeout: 15_000 });
    expect(resyncs).toEqual({ widget: [{ reason: 'bus_reconnected' }], console: [{ reason: 'bus_reconnected' }] });

    const synced = await widget.emitWithAck('sync', { afterSeq: question.seq });
    if (!synced.ok) throw new Error(synced.error.message);
    const stored = await stack.database.pool.query<{ id: string; text: string }>(
      'SELECT id, text FROM messages WHERE in_reply_to = $1',
      [question.id],
    );
    expect(stored.rows).toHaveLength(1);
    expect(synced.messages.map(({ id, text, inReplyTo }) => ({ id, text, inReplyTo }))).toEqual([
      { id: stored.rows[0]!.id, text: stored.rows[0]!.text, inReplyTo: question.id },
    ]);
    const watched = await ok(console, 'conversation:watch', { conversationId, afterSeq: question.seq });
    expect(watched.messages.map((message) => message.id)).toEqual([stored.rows[0]!.id]);
    // The sockets never left: no reconnect was needed to catch up.
    expect(widget.connected && console.connected).toBe(true);
    expect(widgetConnects).toEqual([]);
  }, 60_000);
});
