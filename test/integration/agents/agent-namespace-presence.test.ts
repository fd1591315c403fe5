import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { AgentPresenceStore } from '../../../src/realtime/agent-presence.js';
import { ConversationViewers } from '../../../src/realtime/conversation-viewers.js';
import { TestStack } from '../../support/test-app.js';
import { REDIS_URL } from '../../support/test-env.js';
import { TEST_SESSION_SECRET } from './agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, newConversation, ok } from './agent-socket-support.js';

describe('presence and "who is viewing" agree across two gateway processes', () => {
  const stack = new TestStack({ label: 'agent_presence', env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET } });
  let second: App;
  let redis: Redis;
  beforeAll(async () => {
    await stack.start();
    // A second gateway on the same schema and Redis prefix, sharing nothing else with the first.
    second = await createApp(loadConfig({ ...stack.env, ROLE: 'gateway' }), { skipMigrations: true });
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    closeAgentSockets();
    redis?.disconnect();
    await second?.close();
    await stack.close();
  });

  it('shows the same agents and viewers from either gateway, and tells colleagues of the same sites only', async () => {
    const [site, otherSite] = await Promise.all([stack.createSite(), stack.createSite()]);
    const lin = await agentSession(stack, { siteIds: [site.id], name: 'Lin' });
    const sam = await agentSession(stack, { siteIds: [site.id], name: 'Sam' });
    const kim = await agentSession(stack, { siteIds: [otherSite.id], name: 'Kim' });
    const conversationId = await newConversation(stack, site.id);

    const kimSocket = await connectAgent(stack.url, kim.token);
    const kimLog = new EventLog(kimSocket);
    const linSocket = await connectAgent(stack.url, lin.token);
    const linLog = new EventLog(linSocket);
    const samSocket = await connectAgent(second.url, sam.token);
    const samLog = new EventLog(samSocket);

    // Sam came online on gateway B; Lin hears it on gateway A.
    expect(await linLog.waitFor('agent:presence', (presence) => presence.id === sam.id)).toEqual({
      id: sam.id,
      name: 'Sam',
      status: 'online',
    });
    const expected = [
      { id: lin.id, name: 'Lin', status: 'online' },
      { id: sam.id, name: 'Sam', status: 'online' },
    ];
    expect((await ok(linSocket, 'agents:presence', {})).agents).toEqual(expected);
    expect((await ok(samSocket, 'agents:presence', { siteId: site.id })).agents).toEqual(expected);

    await ok(linSocket, 'presence:set', { status: 'away' });
    await samLog.waitFor('agent:presence', (presence) => presence.id === lin.id && presence.status === 'away');
    expect((await ok(samSocket, 'agents:presence', {})).agents).toEqual([{ ...expected[0], status: 'away' }, expected[1]]);

    const linWatch = await ok(linSocket, 'conversation:watch', { conversationId });
    expect(linWatch.viewers).toEqual([{ id: lin.id, name: 'Lin' }]);
    const samWatch = await ok(samSocket, 'conversation:watch', { conversationId });
    const both = [
      { id: lin.id, name: 'Lin' },
      { id: sam.id, name: 'Sam' },
    ];
    expect(samWatch.viewers).toEqual(both);
    expect(await linLog.waitFor('conversation:viewers', (change) => change.viewers.length === 2)).toEqual({
      conversationId,
      viewers: both,
    });

    // Lin leaves gateway A: Sam, on B, sees the viewer list shrink and Lin go offline.
    linSocket.disconnect();
    expect(await samLog.waitFor('conversation:viewers', (change) => change.viewers.length === 1)).toEqual({
      conversationId,
      viewers: [{ id: sam.id, name: 'Sam' }],
    });
    await samLog.waitFor('agent:presence', (presence) => presence.id === lin.id && presence.status === 'offline');
    expect((await ok(samSocket, 'agents:presence', {})).agents).toEqual([expected[1]]);
    const rewatch = await ok(samSocket, 'conversation:watch', { conversationId });
    expect(rewatch.viewers).toEqual([{ id: sam.id, name: 'Sam' }]);

    // Kim (another site) heard nothing of it: a colleague of Kim's coming online is the positive signal.
    const lee = await agentSession(stack, { siteIds: [otherSite.id], name: 'Lee' });
    await connectAgent(second.url, lee.token);
    await kimLog.waitFor('agent:presence', (presence) => presence.id === lee.id);
    // Lee's (and perhaps Kim's own coming online); nothing about Lin or Sam.
    expect(
      kimLog
        .of('agent:presence')
        .map((presence) => presence.id)
        .filter((id) => id !== kim.id),
    ).toEqual([lee.id]);
    expect(kimLog.of('conversation:viewers')).toEqual([]);
  });

  it('forgets sockets that stop being refreshed (a gateway that died) once their TTL runs out', async () => {
    const presence = new AgentPresenceStore(redis, stack.namespace.redisPrefix, 200);
    const viewers = new ConversationViewers(redis, stack.namespace.redisPrefix, 200);
    const agent = { id: 'ghost-agent', name: 'Ghost', siteIds: ['ghost-site'] };
    expect(await presence.touch(agent, 'socket-1')).toEqual({ status: 'online', cameOnline: true });
    expect(await presence.touch(agent, 'socket-2')).toEqual({ status: 'online', cameOnline: false });
    await viewers.add({ conversationId: 'ghost-conversation', socketId: 'socket-1', agent });
    expect(await presence.list(['ghost-site'])).toEqual([{ id: 'ghost-agent', name: 'Ghost', status: 'online' }]);
    // One of two sockets leaving keeps the agent online.
    expect(await presence.leave(agent.id, 'socket-2')).toBe('online');

    const deadline = Date.now() + 3000;
    while ((await presence.list(['ghost-site'])).length > 0 || (await viewers.list('ghost-conversation')).length > 0) {
      if (Date.now() > deadline) throw new Error('presence entries did not run out');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await presence.leave(agent.id, 'socket-1')).toBe('offline');
  });
});
