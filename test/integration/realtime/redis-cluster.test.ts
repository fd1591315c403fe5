import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.js';
import { replyJobId } from '../../../src/contracts/jobs.js';
import { conversationRoom, WIDGET_NAMESPACE, AGENT_NAMESPACE } from '../../../src/contracts/rooms.js';
import { busChannelKey } from '../../../src/realtime/room-publisher.js';
import { OwnRedisCluster } from '../../support/own-redis-cluster.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TestStack } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from '../agents/agent-support.js';
import { ask, botRows, requestsWith } from '../bot/llm-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, ok, type AgentClient } from '../agents/agent-socket-support.js';

/**
 * The service on a Redis Cluster of three masters the test starts itself: gateway A (this stack's
 * app), gateway B and a worker, each its own app sharing only the cluster and Postgres. A visitor on
 * A and an agent on B see the same events; the reply comes from the worker through the sharded
 * adapter's room channel.
 */
describe('on a Redis Cluster: two gateways and a worker', () => {
  const cluster = new OwnRedisCluster({ masters: 3 });
  let stack: TestStack;
  let gatewayB: App;
  let worker: App;
  /** The first test's agent on gateway B, still connected and watching for the later tests. */
  let watching: { socket: AgentClient; agentId: string; siteId: string; conversationId: string } | undefined;

  beforeAll(async () => {
    await cluster.start();
    stack = new TestStack({
      label: 'redis_cluster',
      env: {
        ROLE: 'gateway',
        REDIS_CLUSTER_NODES: cluster.nodes,
        AGENT_SESSION_SECRET: TEST_SESSION_SECRET,
        REPLY_ABANDON_GRACE_MS: '300',
      },
    });
    await stack.start();
    [gatewayB, worker] = await Promise.all([
      createApp({ ...stack.config, role: 'gateway' }, { skipMigrations: true }),
      createApp({ ...stack.config, role: 'worker' }, { skipMigrations: true }),
    ]);
  }, 30_000);

  afterAll(async () => {
    closeAgentSockets();
    await gatewayB?.close();
    await worker?.close();
    await stack?.close();
    await cluster.stop();
  }, 30_000);

  it('stores a widget message on gateway A and streams the worker reply to it and to an agent on gateway B', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const widget = new ReplyCollector(socket);
    const conversationId = session.conversation.id;
    const agent = await agentSession(stack, { siteIds: [site.id] });
    const agentSocket = await connectAgent(gatewayB.url, agent.token);
    const agentEvents = new EventLog(agentSocket);
    await ok(agentSocket, 'conversation:watch', { conversationId });
    watching = { socket: agentSocket, agentId: agent.id, siteId: site.id, conversationId };

    const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'Where is my parcel?' });
    if (!ack.ok) throw new Error(ack.error.message);
    const end = await widget.waitForEnd(ack.message.id);
    const agentEnd = await agentEvents.waitFor('reply:end', (payload) => payload.replyTo === ack.message.id);

    const stored = await stack.database.pool.query<{ text: string; role: string }>(
      'SELECT text, role FROM messages WHERE conversation_id = $1 ORDER BY seq',
      [conversationId],
    );
    expect(stored.rows).toEqual([
      { text: 'Where is my parcel?', role: 'customer' },
      { text: end.message.text, role: 'bot' },
    ]);
    expect(end.message.text.length).toBeGreaterThan(0);
    expect(widget.streamedText(ack.message.id)).toBe(end.message.text);
    expect(agentEvents.of('message:new').map((message) => message.id)).toContain(ack.message.id);
    expect(agentEnd).toEqual(end);
    const agentText = agentEvents.streamedText(ack.message.id);
    expect(agentText).toBe(end.message.text);

    // The room's events travel on sharded channels of their own, one per namespace.
    const channels = await shardChannels(cluster, `${busChannelKey(stack.config.redis.prefix)}#*`);
    for (const namespace of [WIDGET_NAMESPACE, AGENT_NAMESPACE]) {
      expect(channels).toContain(`${busChannelKey(stack.config.redis.prefix)}#${namespace}#${conversationRoom(conversationId)}#`);
    }
  });

  it('keeps every BullMQ key of the service in one hash slot on one master', async () => {
    const queuePrefix = stack.config.redis.queuePrefix;
    expect(queuePrefix).toBe(`{${stack.config.redis.prefix}}`);
    const byNode = await cluster.keysByNode(`${queuePrefix}:bull:*`);
    expect(byNode.size).toBe(1);
    const keys = [...byNode.values()][0]!;
    expect(keys.some((key) => key.startsWith(`${queuePrefix}:bull:reply:`))).toBe(true);
    expect(
      keys.some((key) => key.startsWith(`${queuePrefix}:bull:webhook:`) || key.startsWith(`${queuePrefix}:bull:handoff:`)),
    ).toBe(true);
    const slots = new Set(await Promise.all(keys.map((key) => cluster.keySlot(key))));
    expect(slots).toEqual(new Set([await cluster.keySlot(stack.config.redis.prefix)]));
  });

  it('keeps agent presence and viewers (MULTI, pipelines, a script over several keys) in one slot each', async () => {
    if (!watching) throw new Error('needs the first test');
    await ok(watching.socket, 'presence:heartbeat', {});
    const colleague = await agentSession(stack, { siteIds: [watching.siteId] });
    const colleagueSocket = await connectAgent(stack.url, colleague.token);
    const { agents } = await ok(colleagueSocket, 'agents:presence', { siteId: watching.siteId });
    expect(agents.map((presence) => presence.id).sort()).toEqual([watching.agentId, colleague.id].sort());
    const { viewers } = await ok(colleagueSocket, 'conversation:watch', { conversationId: watching.conversationId });
    expect(viewers.map((viewer) => viewer.id).sort()).toEqual([watching.agentId, colleague.id].sort());

    for (const family of ['{presence}', '{viewers}']) {
      const byNode = await cluster.keysByNode(`${stack.config.redis.prefix}:${family}:*`);
      expect(byNode.size).toBe(1);
      const keys = [...byNode.values()][0]!;
      expect(keys.length).toBeGreaterThan(0);
      const slots = new Set(await Promise.all(keys.map((key) => cluster.keySlot(key))));
      expect(slots.size).toBe(1);
    }
  });

  it('answers a second conversation whose job lands in the same queue slot', async () => {
    const site = await stack.createSite();
    const { socket } = await stack.connectWidget(site, { url: gatewayB.url });
    const widget = new ReplyCollector(socket);
    const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'Do you ship abroad?' });
    if (!ack.ok) throw new Error(ack.error.message);
    const end = await widget.waitForEnd(ack.message.id);
    expect(widget.streamedText(ack.message.id)).toBe(end.message.text);
    const byNode = await cluster.keysByNode(`${stack.config.redis.queuePrefix}:bull:reply:${replyJobId(ack.message.id)}`);
    expect([...byNode.values()].flat()).toHaveLength(1);
  });
  // With the next test: there fetchSockets answers (empty) from every server in time, so here the reply
  // runs on because the tab on gateway B was counted, not because counting failed.
  it("counts a visitor's tabs across gateways (fetchSockets over the sharded adapter) before cutting a reply", async () => {
    const site = await stack.createSite();
    const first = await ask(stack, site, 'Hi [[sim:stall-after=3;stall-ms=1000;id=cluster-stay]]');
    const second = await stack.connectWidget(site, { url: gatewayB.url, visitorToken: first.session.visitorToken });
    expect(second.session.conversation.id).toBe(first.conversationId);
    const replies = new ReplyCollector(second.socket);
    first.socket.disconnect();

    const end = await replies.waitForEnd(first.message.id, 5000);
    const [request] = requestsWith(stack.simulator, 'id=cluster-stay');
    expect((await stack.simulator.waitForClose(request!.id)).outcome).toBe('completed');
    expect(await botRows(stack, first.conversationId)).toMatchObject([{ text: end.message.text }]);
  });

  it('cancels the reply on the worker (a signal over the cluster) once the last tab has left', async () => {
    const site = await stack.createSite();
    const agent = await agentSession(stack, { siteIds: [site.id] });
    const agentSocket = await connectAgent(gatewayB.url, agent.token);
    const agentEvents = new EventLog(agentSocket);
    const { socket, replies, message, conversationId } = await ask(
      stack,
      site,
      'Hi [[sim:stall-after=3;stall-ms=5000;id=cluster-gone]]',
    );
    // Watching from gateway B: the worker's reset reaches it there.
    await ok(agentSocket, 'conversation:watch', { conversationId });
    await replies.waitFor(() => replies.deltas(message.id).length > 0);
    socket.disconnect();

    const [request] = requestsWith(stack.simulator, 'id=cluster-gone');
    expect((await stack.simulator.waitForClose(request!.id, 3000)).outcome).toBe('aborted');
    // Published by the worker after it gave the reply up: it stores nothing after that.
    const reset = await agentEvents.waitFor('reply:reset', (payload) => payload.replyTo === message.id);
    expect(reset.reason).toBe('cancelled');
    expect(await botRows(stack, conversationId)).toEqual([]);
  });
});

/** Every sharded channel matching `pattern` with a subscriber, on any master. */
async function shardChannels(cluster: OwnRedisCluster, pattern: string): Promise<string[]> {
  const channels: string[] = [];
  for (const port of cluster.ports) {
    const redis = new Redis({ port, host: '127.0.0.1' });
    try {
      channels.push(...((await redis.call('PUBSUB', 'SHARDCHANNELS', pattern)) as string[]));
    } finally {
      redis.disconnect();
    }
  }
  return channels;
}
