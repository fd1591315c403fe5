import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteRow } from '../../../src/db/schema.js';
import { TestStack } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from '../agents/agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, ok, type AgentClient } from '../agents/agent-socket-support.js';
import { conversationRow, eventually, sendOk } from './handoff-support.js';

const BRIEF_TIMEOUT_MS = 1500;

/**
 * The brief: written by the model (JSON mode, validated) on a worker after the handoff was announced,
 * sent to the site's agents as `handoff:brief`, stored, and shown in `conversation:watch`; null when the
 * model is down or slower than the brief's timeout, and the handoff never waits for it.
 */
describe('the handoff brief', () => {
  const stack = new TestStack({
    label: 'handoff_brief',
    env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET, LLM_RETRY_MAX_ATTEMPTS: '1', LLM_BREAKER_FAILURE_THRESHOLD: '100' },
  });
  let site: SiteRow;
  let agent: AgentClient;
  let log: EventLog;

  beforeAll(async () => {
    await stack.start();
    site = await stack.createSite({ handoffSettings: { briefTimeoutMs: BRIEF_TIMEOUT_MS } });
    const account = await agentSession(stack, { siteIds: [site.id], name: 'Lin' });
    agent = await connectAgent(stack.url, account.token);
    log = new EventLog(agent);
  });
  afterAll(async () => {
    closeAgentSockets();
    await stack.close();
  });

  it('is written by the model, sent to the agents, stored and shown when watching', async () => {
    const { socket, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    const question = await sendOk(socket, 'Where is my order #1042? It is late.');
    await stack.replyJobSettled(question.id);
    await socket.emitWithAck('handoff:request', {});

    const requested = await log.waitFor('handoff:requested', (event) => event.conversationId === conversationId);
    expect(requested.brief).toBeNull();
    const { brief } = await log.waitFor('handoff:brief', (event) => event.conversationId === conversationId);
    expect(brief).toMatchObject({
      summary: expect.any(String),
      customer_intent: expect.any(String),
      facts: expect.any(Array),
      what_the_bot_tried: expect.any(String),
      sentiment: expect.stringMatching(/^(positive|neutral|negative|angry)$/),
      priority: expect.stringMatching(/^(low|normal|high|urgent)$/),
      suggested_reply: expect.any(String),
      language: expect.any(String),
    });
    const request = stack.simulator.requests.find((recorded) => recorded.body.response_format?.type === 'json_object')!;
    expect(JSON.stringify(request.body.messages)).toContain('Where is my order #1042?');
    expect((await conversationRow(stack, conversationId)).handoff_brief).toEqual(brief);
    const watched = await ok(agent, 'conversation:watch', { conversationId });
    expect(watched.conversation.handoffBrief).toEqual(brief);
  });

  it('is null when the model answers 503, and the handoff does not wait for it', async () => {
    const { socket, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    const sentAt = Date.now();
    // The reply fails (degraded: model_failed), and so does the brief, whose prompt holds the same marker.
    await sendOk(socket, 'Hello? [[sim:status=503]]');
    await log.waitFor('handoff:requested', (event) => event.conversationId === conversationId && event.reason === 'model_failed');
    const { brief } = await log.waitFor('handoff:brief', (event) => event.conversationId === conversationId);
    expect(brief).toBeNull();
    expect((await conversationRow(stack, conversationId)).handoff_brief).toBeNull();
    expect(Date.now() - sentAt).toBeLessThan(BRIEF_TIMEOUT_MS + 2000);
  });

  it('is null after its timeout when the model is slow; the agents were told of the handoff at once', async () => {
    const { socket, session } = await stack.connectWidget(site);
    const conversationId = session.conversation.id;
    await sendOk(socket, 'Hi, slow model here [[sim:keepalive=6000]]');
    // The reply itself is slow too: ask for a person while it streams.
    const askedAt = Date.now();
    await socket.emitWithAck('handoff:request', {});
    await log.waitFor('handoff:requested', (event) => event.conversationId === conversationId);
    const announcedAfter = Date.now() - askedAt;
    const { brief } = await log.waitFor('handoff:brief', (event) => event.conversationId === conversationId, 10_000);
    const briefAfter = Date.now() - askedAt;
    expect(brief).toBeNull();
    expect(announcedAfter).toBeLessThan(BRIEF_TIMEOUT_MS);
    expect(briefAfter).toBeGreaterThanOrEqual(BRIEF_TIMEOUT_MS - 100);
    expect(briefAfter).toBeLessThan(BRIEF_TIMEOUT_MS + 2000);
    await eventually(
      () => conversationRow(stack, conversationId),
      (row) => row.mode === 'waiting',
    );
  });
});
