import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnRedis } from '../../support/own-redis.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TestStack, type WidgetClient } from '../../support/test-app.js';

/**
 * Redis keeps nothing on disk here: a restart loses every queued and running reply job. The messages
 * behind them are in Postgres, and the reconciler queues them again: each gets exactly one reply, and
 * the visitors who stayed connected see every reply end.
 */
describe('a Redis restart without its data', () => {
  const redis = new OwnRedis();
  let stack: TestStack;

  beforeAll(async () => {
    await redis.start();
    stack = new TestStack({
      label: 'redisrestart',
      // Slow replies, so jobs are waiting and running when Redis goes.
      simulator: { firstTokenDelayMs: 50, tokensPerSecond: 30, replyTokens: 60 },
      env: {
        REDIS_URL: redis.url,
        WORKER_CONCURRENCY: '3',
        WORKER_LOCK_DURATION_MS: '1000',
        RECONCILE_INTERVAL_MS: '500',
        RECONCILE_MIN_AGE_MS: '500',
      },
    });
    await stack.start();
  }, 30_000);
  afterAll(async () => {
    await stack.close();
    await redis.stop();
  });

  it('answers every acked message exactly once', async () => {
    const site = await stack.createSite();
    const visitors: Array<{ socket: WidgetClient; replies: ReplyCollector; conversationId: string; messageId: string }> = [];
    for (let index = 0; index < 6; index++) {
      const { socket, session } = await stack.connectWidget(site);
      const replies = new ReplyCollector(socket);
      const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: `question ${index}` });
      if (!ack.ok) throw new Error(ack.error.message);
      visitors.push({ socket, replies, conversationId: session.conversation.id, messageId: ack.message.id });
    }
    // Three replies stream (concurrency 3), three wait in the queue.
    await visitors[0]!.replies.waitFor(() => visitors[0]!.replies.deltas(visitors[0]!.messageId).length >= 2);

    await redis.stop();
    await redis.start();

    for (const visitor of visitors) await visitor.replies.waitForEnd(visitor.messageId, 30_000);
    const stored = await stack.database.pool.query(
      "SELECT in_reply_to, count(*)::int AS n FROM messages WHERE role = 'bot' AND conversation_id = ANY($1) GROUP BY in_reply_to",
      [visitors.map((visitor) => visitor.conversationId)],
    );
    expect(stored.rows.map((row: { in_reply_to: string }) => row.in_reply_to).sort()).toEqual(
      visitors.map((visitor) => visitor.messageId).sort(),
    );
    expect(stored.rows.every((row: { n: number }) => row.n === 1)).toBe(true);
    for (const visitor of visitors) {
      const end = await visitor.replies.waitForEnd(visitor.messageId);
      const ends = visitor.replies.events.filter((event) => event.kind === 'end');
      // What the screen shows at the end is the stored reply, whatever streamed before.
      expect(ends.at(-1)!.payload.message.id).toBe(end.message.id);
      // And what streamed after the last reset is that reply, not two streams mixed.
      if (visitor.replies.deltas(visitor.messageId).length > 0)
        expect(visitor.replies.streamedText(visitor.messageId)).toBe(end.message.text);
    }
  }, 60_000);
});
