import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import type { HandoffReason } from '../../../src/contracts/handoff.js';
import type { SiteRow } from '../../../src/db/schema.js';
import { TestStack, type WidgetClient } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from '../agents/agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, ok } from '../agents/agent-socket-support.js';
import { TeamRepository } from '../../../src/agents/team.repository.js';
import { randomUUID } from 'node:crypto';
import { addWord } from '../moderation/filter-support.js';
import { conversationRow, sendOk, WidgetEvents } from './handoff-support.js';

/**
 * Every trigger moves the conversation to `waiting` with its reason, and every connected agent of the
 * site, on either of two gateway processes, gets `handoff:requested`; an agent of another site nothing.
 */
describe('handoff triggers', () => {
  const stack = new TestStack({
    label: 'handoff_triggers',
    env: {
      AGENT_SESSION_SECRET: TEST_SESSION_SECRET,
      LLM_RETRY_MAX_ATTEMPTS: '1',
      LLM_BREAKER_FAILURE_THRESHOLD: '100',
    },
  });
  let second: App;
  let site: SiteRow;
  let otherSite: SiteRow;
  let lin: EventLog;
  let sam: EventLog;
  let kim: EventLog;
  let linToken: string;

  beforeAll(async () => {
    await stack.start();
    second = await createApp(loadConfig({ ...stack.env, ROLE: 'gateway' }), { skipMigrations: true });
    [site, otherSite] = await Promise.all([
      stack.createSite({
        botSettings: { confidenceThreshold: 0.5 },
        filterPolicy: { actions: { custom: 'review' } },
      }),
      stack.createSite(),
    ]);
    await addWord(stack, site.id, 'refund fraud', 'custom');
    const [linAccount, samAccount, kimAccount] = await Promise.all([
      agentSession(stack, { siteIds: [site.id], name: 'Lin' }),
      agentSession(stack, { siteIds: [site.id], name: 'Sam' }),
      agentSession(stack, { siteIds: [otherSite.id], name: 'Kim' }),
    ]);
    linToken = linAccount.token;
    lin = new EventLog(await connectAgent(stack.url, linAccount.token));
    sam = new EventLog(await connectAgent(second.url, samAccount.token));
    kim = new EventLog(await connectAgent(stack.url, kimAccount.token));
  });
  afterAll(async () => {
    closeAgentSockets();
    await second?.close();
    await stack.close();
  });

  /** Both agents of the site, one on each gateway, hear of it with the reason; the row says the same. */
  async function expectHandoff(conversationId: string, reason: HandoffReason) {
    const [onA, onB] = await Promise.all([
      lin.waitFor('handoff:requested', (event) => event.conversationId === conversationId && event.reason === reason),
      sam.waitFor('handoff:requested', (event) => event.conversationId === conversationId && event.reason === reason),
    ]);
    expect(onA).toEqual(onB);
    expect(onA).toMatchObject({ siteId: site.id, reason, brief: null, assignedAgent: null });
    const row = await conversationRow(stack, conversationId);
    expect(row).toMatchObject({ mode: 'waiting', handoff_reason: reason });
    expect(new Date(onA.waitingSince).getTime()).toBe(row.waiting_since!.getTime());
    return onA;
  }

  async function widget(): Promise<{ socket: WidgetClient; conversationId: string; events: WidgetEvents }> {
    const { socket, session } = await stack.connectWidget(site);
    return { socket, conversationId: session.conversation.id, events: new WidgetEvents(socket) };
  }

  it('the "Talk to a person" button (widget handoff:request)', async () => {
    const { socket, conversationId, events } = await widget();
    await sendOk(socket, 'Hello there');
    const ack = await socket.emitWithAck('handoff:request', {});
    expect(ack).toEqual({ ok: true, mode: 'waiting' });
    const notice = await expectHandoff(conversationId, 'customer_asked');
    expect(notice.preview).toBe('Hello there');
    expect(await events.waitFor('handoff:queued')).toMatchObject({ conversationId, position: expect.any(Number) });
  });

  it('a phrase of the site, in Chinese or English, with no bot reply queued', async () => {
    for (const text of ['转人工', 'Can I talk to a real person?']) {
      const { socket, conversationId } = await widget();
      const message = await sendOk(socket, text);
      const notice = await expectHandoff(conversationId, 'customer_asked');
      expect(notice.preview).toBe(text);
      expect(await stack.replyJobState(message.id)).toBeUndefined();
    }
  });

  it('a long question that mentions an agent goes to the bot', async () => {
    const { socket } = await widget();
    const message = await sendOk(
      socket,
      'My travel agent said the parcel with the blue shoes left your warehouse last Monday, where is it?',
    );
    expect(await stack.replyJobSettled(message.id)).toBe('completed');
  });

  it('the same question a third time (normalised)', async () => {
    const { socket, conversationId } = await widget();
    for (const text of ['Where is my parcel?', 'where is my parcel', 'WHERE IS MY PARCEL ?!']) {
      const message = await sendOk(socket, text);
      if (text !== 'WHERE IS MY PARCEL ?!') expect(await stack.replyJobSettled(message.id)).toBe('completed');
      else {
        await expectHandoff(conversationId, 'repeated_question');
        expect(await stack.replyJobState(message.id)).toBeUndefined();
      }
    }
  });

  it("the filter's review decision", async () => {
    const { socket, conversationId } = await widget();
    const message = await sendOk(socket, 'I want to report refund fraud please');
    await expectHandoff(conversationId, 'review');
    expect(await stack.replyJobState(message.id)).toBeUndefined();
    // Held for review means for people only: not even the brief shows it to the model.
    await lin.waitFor('handoff:brief', (event) => event.conversationId === conversationId);
    expect(JSON.stringify(stack.simulator.requests.map((request) => request.body))).not.toContain('report refund fraud');
  });

  it('the model calls its handoff tool (the system prompt tells it when)', async () => {
    const { socket, conversationId } = await widget();
    const message = await sendOk(socket, 'I need a refund decision [[sim:tool=handoff]]');
    const notice = await expectHandoff(conversationId, 'model_asked');
    expect(notice.detail).toBe('I need a refund decision');
    const request = stack.simulator.requests.find((recorded) => JSON.stringify(recorded.body).includes('tool=handoff'))!;
    expect(request.body.tools.map((tool: any) => tool.function.name)).toEqual(['handoff']);
    expect(request.body.messages[0].content).toContain('call the handoff tool');
    const reply = await stack.database.pool.query('SELECT text, flags FROM messages WHERE in_reply_to = $1', [message.id]);
    expect(reply.rows[0]).toEqual({ text: "I'll connect you with a member of our team.", flags: ['handoff'] });
  });

  it('a reply below the confidence threshold', async () => {
    const { socket, conversationId } = await widget();
    await sendOk(socket, 'Not sure about this [[sim:confidence=0.2]]');
    await expectHandoff(conversationId, 'low_confidence');
  });

  it('the model failing (the degraded reply)', async () => {
    const { socket, conversationId } = await widget();
    await sendOk(socket, 'Anyone there? [[sim:status=503]]');
    await expectHandoff(conversationId, 'model_failed');
  });

  it('a transfer to a team: the agents of the site hear of it, with the team', async () => {
    const { socket, conversationId } = await widget();
    await sendOk(socket, 'Hello');
    const team = await new TeamRepository(stack.database.db).create(`billing-${randomUUID()}`);
    const linSocket = await connectAgent(stack.url, linToken);
    await ok(linSocket, 'conversation:take', { conversationId });
    await ok(linSocket, 'conversation:transfer', { conversationId, toTeamId: team!.id });
    const notice = await sam.waitFor(
      'handoff:requested',
      (event) => event.conversationId === conversationId && event.reason === 'transfer',
    );
    expect(notice).toMatchObject({ siteId: site.id, teamId: team!.id, preview: 'Hello' });
  });

  it('an agent of another site hears nothing of it', async () => {
    // The positive signal: a handoff on Kim's own site reaches Kim.
    const { socket, session } = await stack.connectWidget(otherSite);
    await socket.emitWithAck('handoff:request', {});
    await kim.waitFor('handoff:requested', (event) => event.conversationId === session.conversation.id);
    expect(kim.of('handoff:requested').map((event) => event.siteId)).toEqual([otherSite.id]);
    expect(lin.of('handoff:requested').every((event) => event.siteId === site.id)).toBe(true);
  });
});
