import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnRedisCluster } from '../../support/own-redis-cluster.js';
import { TestStack, type WidgetClient } from '../../support/test-app.js';

/**
 * The master holding every queue key dies and its replica takes over (`cluster-node-timeout` 1 s). What
 * must hold is the service's promise, not live delivery (docs/deploy.md, "Redis Cluster": room events
 * can stall on a gateway after a fail-over): a message sent after the promotion is acked, stored,
 * queued and answered, and the widget gets the answer from `sync`.
 */
describe('on a Redis Cluster whose queue master fails over', () => {
  const cluster = new OwnRedisCluster({ masters: 3, replicas: 1, nodeTimeoutMs: 1000 });
  let stack: TestStack;

  beforeAll(async () => {
    await cluster.start();
    stack = new TestStack({ label: 'redis_failover', env: { REDIS_CLUSTER_NODES: cluster.nodes } });
    await stack.start();
  }, 30_000);

  afterAll(async () => {
    await stack?.close();
    await cluster.stop();
  }, 30_000);

  it('answers a message sent after the replica took over, and sync shows the answer', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    await answered(stack, socket, conversationId, 'Before anything fails: where is my parcel?');

    const failover = await cluster.failOverMasterOf(stack.config.redis.prefix);
    expect(failover.promoted).not.toBe(failover.killed);
    const reply = await answered(stack, socket, conversationId, 'After the queues moved: do you ship abroad?');

    const synced = await socket.timeout(10_000).emitWithAck('sync', { afterSeq: reply.seq - 1 });
    if (!synced.ok) throw new Error(`${synced.error.code}: ${synced.error.message}`);
    expect(synced.messages.map((message: { id: string }) => message.id)).toContain(reply.id);
  }, 60_000);
});

/** Sends `text`, then waits for its bot reply to be stored (polling Postgres, the source of truth). */
async function answered(
  stack: TestStack,
  socket: WidgetClient,
  conversationId: string,
  text: string,
): Promise<{ id: string; seq: number }> {
  const ack = await socket.timeout(10_000).emitWithAck('message:send', { clientMessageId: randomUUID(), text });
  if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { rows } = await stack.database.pool.query<{ id: string; seq: string }>(
      `SELECT id, seq FROM messages WHERE conversation_id = $1 AND role = 'bot' AND in_reply_to = $2`,
      [conversationId, ack.message.id],
    );
    if (rows[0]) return { id: rows[0].id, seq: Number(rows[0].seq) };
    if (Date.now() > deadline) throw new Error(`no reply stored for ${ack.message.id}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
