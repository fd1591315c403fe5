import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AGENT_NAMESPACE, conversationRoom, WIDGET_NAMESPACE } from '../../../src/contracts/rooms.js';
import type { SiteRow } from '../../../src/db/schema.js';
import { busChannelKey } from '../../../src/realtime/room-publisher.js';
import { OwnRedisCluster } from '../../support/own-redis-cluster.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TestStack, type WidgetClient } from '../../support/test-app.js';
import { uniqueNamespace } from '../../support/test-env.js';

/**
 * The master holding every queue key dies and its replica takes over (`cluster-node-timeout` 1 s): a
 * message sent after the promotion is acked, stored, queued and answered, and the widget gets the
 * answer from `sync`. Live delivery after a fail-over is the next describe's.
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

/**
 * The master holding a conversation's room channels dies while its widget watches. The reply to the
 * next message must stream live, not only show on `sync`. It did not (most runs) while the publishers
 * auto-pipelined: ioredis groups a tick's commands by node, so the room's `/widget` and `/agent`
 * SPUBLISHes (two slots of one master) went in one pipeline; sent on the stale slot map, both came back
 * `MOVED` with different slots, which ioredis' pipeline neither retries nor refreshes its slots for, so
 * every event of that master's rooms failed. The test makes that case likely (both channels on the
 * killed master) and checks it happened. What was published while the shard was away is lost, so the
 * gateway tells its sockets to `resync` once its sharded subscription is back.
 */
describe('on a Redis Cluster whose room channel master fails over', () => {
  const cluster = new OwnRedisCluster({ masters: 3, replicas: 1, nodeTimeoutMs: 1000 });
  let stack: TestStack;

  beforeAll(async () => {
    await cluster.start();
    stack = new TestStack({
      label: 'redis_room_failover',
      env: { REDIS_CLUSTER_NODES: cluster.nodes, REDIS_PREFIX: await prefixPairingChannels(cluster) },
    });
    await stack.start();
  }, 30_000);

  afterAll(async () => {
    await stack?.close();
    await cluster.stop();
  }, 30_000);

  it('streams the reply to a message sent after the replica took over live to the widget', async () => {
    const site = await stack.createSite();
    const { socket, conversationId, channel } = await conversationOnOneMaster(stack, cluster, site);
    const widget = new ReplyCollector(socket);
    // Each resync the widget gets, with the room channel's subscriber count on the masters left then.
    const resyncs: Array<Promise<{ reason: string; subscribers: number }>> = [];
    let killed = 0;
    socket.on('resync', ({ reason }) => {
      const alive = cluster.ports.filter((port) => port !== killed);
      resyncs.push(shardSubscribers(alive, channel).then((subscribers) => ({ reason, subscribers })));
    });
    const before = await socket
      .timeout(10_000)
      .emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'Where is my parcel?' });
    if (!before.ok) throw new Error(`${before.error.code}: ${before.error.message}`);
    await widget.waitForEnd(before.message.id);

    killed = await cluster.masterOf(channel);
    const failover = await cluster.failOverMasterOf(channel);
    expect(failover.promoted).not.toBe(failover.killed);
    const ack = await socket
      .timeout(10_000)
      .emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'Do you ship abroad?' });
    if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
    const end = await widget.waitForEnd(ack.message.id, 15_000);

    expect(widget.deltas(ack.message.id).length).toBeGreaterThan(0);
    expect(widget.streamedText(ack.message.id)).toBe(end.message.text);
    const { rows } = await stack.database.pool.query<{ text: string }>(
      `SELECT text FROM messages WHERE conversation_id = $1 AND role = 'bot' AND in_reply_to = $2`,
      [conversationId, ack.message.id],
    );
    expect(rows).toEqual([{ text: end.message.text }]);
    // Events published while the shard was away are lost: the gateway told the widget to resync, the
    // last time once its subscription was back on the promoted master, and not at each failed attempt
    // before. One earlier resync can come (about 1 run in 7 here): a recovery round without an error
    // on a slot map that did not yet give the dead master's slots to anyone (docs/reliability.md).
    await vi.waitFor(
      async () => expect((await Promise.all(resyncs)).at(-1)).toEqual({ reason: 'bus_reconnected', subscribers: 1 }),
      {
        timeout: 10_000,
      },
    );
    expect(resyncs.length).toBeLessThanOrEqual(2);
  }, 60_000);
});

/** Subscribers of a sharded channel over the given nodes (`PUBSUB SHARDNUMSUB`; replicas count none). */
async function shardSubscribers(ports: number[], channel: string): Promise<number> {
  const counts = await Promise.all(
    ports.map(async (port) => {
      const redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true });
      try {
        await redis.connect();
        const [, count] = (await redis.call('PUBSUB', 'SHARDNUMSUB', channel)) as [string, number];
        return count;
      } finally {
        redis.disconnect();
      }
    }),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

function roomChannel(prefix: string, namespace: string, conversationId: string): string {
  return `${busChannelKey(prefix)}#${namespace}#${conversationRoom(conversationId)}#`;
}

/**
 * A `REDIS_PREFIX` under which a room's two channels often share a master. Their names differ only
 * before an equal-length tail, so (CRC16 being linear) their slots differ by the same XOR for every
 * conversation; with bit 12 or 13 in it they never share a master of three, without it mostly do.
 */
async function prefixPairingChannels(cluster: OwnRedisCluster): Promise<string> {
  const sample = randomUUID();
  for (let attempt = 0; attempt < 64; attempt += 1) {
    const prefix = uniqueNamespace('redis_room_failover').redisPrefix;
    const [widget, agent] = await Promise.all([
      cluster.keySlot(roomChannel(prefix, WIDGET_NAMESPACE, sample)),
      cluster.keySlot(roomChannel(prefix, AGENT_NAMESPACE, sample)),
    ]);
    if (((widget ^ agent) & 0x3000) === 0) return prefix;
  }
  throw new Error('no prefix pairing the room channels in 64 tries');
}

/** A widget whose conversation's `/widget` and `/agent` room channels are on the same master. */
async function conversationOnOneMaster(
  stack: TestStack,
  cluster: OwnRedisCluster,
  site: SiteRow,
): Promise<{ socket: WidgetClient; conversationId: string; channel: string }> {
  const prefix = stack.config.redis.prefix;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const { socket, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    const channel = roomChannel(prefix, WIDGET_NAMESPACE, conversationId);
    const agentChannel = roomChannel(prefix, AGENT_NAMESPACE, conversationId);
    if ((await cluster.masterOf(channel)) === (await cluster.masterOf(agentChannel))) return { socket, conversationId, channel };
    socket.disconnect();
  }
  throw new Error('no conversation with both room channels on one master in 20 tries');
}

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
