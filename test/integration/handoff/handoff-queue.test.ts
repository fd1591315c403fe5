import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDOFF_QUEUE, handoffJobId } from '../../../src/contracts/jobs.js';
import type { NewSite } from '../../../src/sites/site.repository.js';
import { TestStack } from '../../support/test-app.js';
import { REDIS_URL } from '../../support/test-env.js';
import { TEST_SESSION_SECRET } from '../agents/agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, ok } from '../agents/agent-socket-support.js';
import { conversationRow, eventually, WidgetEvents } from './handoff-support.js';

/** The customer's side of the queue: place and estimate, nobody online, timers, auto-assignment, metrics. */
describe('the handoff queue', () => {
  const stack = new TestStack({ label: 'handoff_queue', env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET } });
  let jobs: Queue;
  beforeAll(async () => {
    await stack.start();
    jobs = new Queue(HANDOFF_QUEUE, { connection: { url: REDIS_URL }, prefix: `${stack.namespace.redisPrefix}:bull` });
  });
  afterAll(async () => {
    closeAgentSockets();
    await jobs?.close();
    await stack.close();
  });

  async function siteWithAgents(names: string[], handoffSettings: NewSite['handoffSettings'] = {}) {
    const site = await stack.createSite({ handoffSettings });
    const agents = [];
    for (const name of names) {
      const account = await agentSession(stack, { siteIds: [site.id], name });
      const socket = await connectAgent(stack.url, account.token);
      agents.push({ ...account, socket, log: new EventLog(socket) });
    }
    return { site, agents };
  }

  async function askForPerson(site: Awaited<ReturnType<typeof siteWithAgents>>['site']) {
    const { socket, session } = await stack.connectWidget(site);
    const events = new WidgetEvents(socket);
    const ack = await socket.emitWithAck('handoff:request', {});
    if (!ack.ok) throw new Error(ack.error.message);
    return { socket, conversationId: session.conversation.id, events, mode: ack.mode };
  }

  it('tells each visitor their place and an estimate, and moves them up when an agent takes the first', async () => {
    const { site, agents } = await siteWithAgents(['Lin']);
    const first = await askForPerson(site);
    const second = await askForPerson(site);
    const third = await askForPerson(site);
    expect(await third.events.waitFor('handoff:queued')).toEqual({
      conversationId: third.conversationId,
      position: 3,
      estimateSeconds: 3 * 240,
    });
    expect(second.events.of('handoff:queued').at(-1)).toMatchObject({ position: 2 });

    await ok(agents[0]!.socket, 'conversation:take', { conversationId: first.conversationId });
    expect(await second.events.waitFor('handoff:queued', (event) => event.position === 1)).toMatchObject({
      estimateSeconds: 240,
    });
    await third.events.waitFor('handoff:queued', (event) => event.position === 2);
    // waiting_since survives a repeated request: the clock does not restart.
    const before = (await conversationRow(stack, second.conversationId)).waiting_since;
    await second.socket.emitWithAck('handoff:request', {});
    expect((await conversationRow(stack, second.conversationId)).waiting_since).toEqual(before);
  });

  it('with nobody online, tells the visitor at once and keeps the e-mail address they leave', async () => {
    const { site } = await siteWithAgents([]);
    const visitor = await askForPerson(site);
    expect(await visitor.events.waitFor('handoff:unavailable')).toEqual({
      conversationId: visitor.conversationId,
      reason: 'no_agent_online',
    });
    expect(await visitor.socket.emitWithAck('contact:email', { email: 'not-an-address' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await visitor.socket.emitWithAck('contact:email', { email: ' kim@example.com ' })).toEqual({
      ok: true,
      email: 'kim@example.com',
    });
    expect((await conversationRow(stack, visitor.conversationId)).contact_email).toBe('kim@example.com');
  });

  it('tells the visitor when nobody picked it up within the site-set time (a delayed job)', async () => {
    const { site } = await siteWithAgents(['Lin'], { pickupTimeoutSeconds: 1 });
    const visitor = await askForPerson(site);
    await visitor.events.waitFor('handoff:queued');
    expect(visitor.events.of('handoff:unavailable')).toEqual([]);
    expect(await visitor.events.waitFor('handoff:unavailable', () => true, 5000)).toEqual({
      conversationId: visitor.conversationId,
      reason: 'timeout',
    });
  });

  it('auto-assigns to the least busy online agent under the cap; the rest wait', async () => {
    const { site, agents } = await siteWithAgents(['Lin', 'Sam'], { autoAssign: true, maxConversationsPerAgent: 1 });
    const [lin, sam] = agents;
    const first = await askForPerson(site);
    const second = await askForPerson(site);
    const third = await askForPerson(site);
    expect([first.mode, second.mode, third.mode]).toEqual(['human', 'human', 'waiting']);
    const owners = [
      (await conversationRow(stack, first.conversationId)).assigned_agent_id,
      (await conversationRow(stack, second.conversationId)).assigned_agent_id,
    ];
    expect(owners).toEqual([lin!.id, sam!.id]);
    expect(await lin!.log.waitFor('handoff:requested', (event) => event.conversationId === first.conversationId)).toMatchObject({
      assignedAgent: { id: lin!.id, name: 'Lin' },
    });
    expect(await first.events.waitFor('conversation:mode', (event) => event.mode === 'human')).toMatchObject({
      assignedAgent: { name: 'Lin' },
    });
    expect(await third.events.waitFor('handoff:queued')).toMatchObject({ position: 1 });

    // Lin finishes one: the one waiting is Lin's next.
    await ok(lin!.socket, 'conversation:resolve', { conversationId: first.conversationId });
    expect(await third.events.waitFor('conversation:mode', (event) => event.mode === 'human')).toMatchObject({
      assignedAgent: { id: lin!.id, name: 'Lin' },
    });
  });

  it('unassigns an agent who wrote nothing within the site-set time, and tells the queue', async () => {
    const { site, agents } = await siteWithAgents(['Lin', 'Sam'], { agentReplyTimeoutSeconds: 1 });
    const [lin, sam] = agents;
    const silent = await askForPerson(site);
    const answered = await askForPerson(site);
    await ok(lin!.socket, 'conversation:take', { conversationId: silent.conversationId });
    const taken = await ok(sam!.socket, 'conversation:take', { conversationId: answered.conversationId });
    await ok(sam!.socket, 'message:send', {
      conversationId: answered.conversationId,
      clientMessageId: randomUUID(),
      text: 'Hi!',
    });

    const back = await sam!.log.waitFor(
      'handoff:requested',
      (event) => event.conversationId === silent.conversationId && event.reason === 'agent_silent',
      5000,
    );
    expect(back).toMatchObject({ siteId: site.id });
    expect(await conversationRow(stack, silent.conversationId)).toMatchObject({ mode: 'waiting', assigned_agent_id: null });
    await silent.events.waitFor('handoff:queued', (event) => event.position === 1);

    // Sam answered: the timer ran and left the conversation with Sam.
    const jobId = handoffJobId({
      kind: 'agent-silence',
      conversationId: answered.conversationId,
      agentId: sam!.id,
      assignedAt: taken.conversation.updatedAt,
    });
    await eventually(
      () => jobs.getJobState(jobId),
      (state) => state === 'completed',
    );
    expect(await conversationRow(stack, answered.conversationId)).toMatchObject({ mode: 'human', assigned_agent_id: sam!.id });
  });

  it('reports waiting conversations, handoffs by reason, wait and first-reply times and agents online in /metrics', async () => {
    const { site, agents } = await siteWithAgents(['Lin']);
    const visitor = await askForPerson(site);
    await ok(agents[0]!.socket, 'conversation:take', { conversationId: visitor.conversationId });
    await ok(agents[0]!.socket, 'message:send', {
      conversationId: visitor.conversationId,
      clientMessageId: randomUUID(),
      text: 'Hello',
    });
    const text = await eventually(
      () => stack.app.metrics.registry.metrics(),
      (body) => /switchboard_handoff_first_agent_reply_seconds_count [1-9]/.test(body),
    );
    expect(text).toMatch(/switchboard_handoffs_total\{reason="customer_asked"\} [1-9]/);
    expect(text).toMatch(/switchboard_handoff_waiting_conversations [1-9]/);
    expect(text).toMatch(/switchboard_handoff_wait_seconds_count [1-9]/);
    expect(text).toMatch(/switchboard_agents_online [1-9]/);
  });
});
