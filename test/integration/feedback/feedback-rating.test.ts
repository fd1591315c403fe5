import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendFeedbackResultSchema } from '../../../src/contracts/feedback.js';
import { integrationConversationSchema } from '../../../src/contracts/integration-resources.js';
import { TestStack } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from '../agents/agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, ok } from '../agents/agent-socket-support.js';
import { api, integrationToken } from '../integrations/integration-support.js';
import { metricValue } from '../../support/metrics.js';
import { sendFeedback, visitorWithReply } from './feedback-support.js';

/** Low enough that one test can spend a visitor's budget; every other test uses visitors of its own. */
const VISITOR_PER_MINUTE = 6;

const stack = new TestStack({
  label: 'feedback_rating',
  env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET, RATE_LIMIT_VISITOR_PER_MINUTE: String(VISITOR_PER_MINUTE) },
});

beforeAll(() => stack.start(), 30_000);
afterAll(async () => {
  closeAgentSockets();
  await stack.close();
});

async function resolvedBy(siteId: string, conversationId: string) {
  const agent = await agentSession(stack, { siteIds: [siteId] });
  const socket = await connectAgent(stack.url, agent.token);
  const events = new EventLog(socket);
  await ok(socket, 'conversation:watch', { conversationId });
  await ok(socket, 'conversation:resolve', { conversationId });
  return { socket, events };
}

describe('feedback:send rating a conversation', () => {
  it('is refused with CONVERSATION_NOT_RESOLVED before the conversation is resolved, and stored after', async () => {
    const site = await stack.createSite();
    const { socket, conversationId } = await visitorWithReply(stack, site);
    const early = await sendFeedback(socket, { conversationId, target: { kind: 'conversation', rating: 4 } });
    expect(early).toMatchObject({ ok: false, error: { code: 'CONVERSATION_NOT_RESOLVED' } });

    const agent = await resolvedBy(site.id, conversationId);
    const fourBefore = await metricValue(stack, 'switchboard_feedback_total{kind="conversation",value="4"}');
    const rated = await sendFeedback(socket, {
      conversationId,
      target: { kind: 'conversation', rating: 4, comment: '  Quick and kind, thanks!  ' },
    });

    expect(rated.ok).toBe(true);
    const { feedback } = sendFeedbackResultSchema.parse(rated);
    expect(feedback).toMatchObject({
      kind: 'conversation',
      messageId: null,
      value: null,
      rating: 4,
      comment: 'Quick and kind, thanks!',
    });
    const live = await agent.events.waitFor('feedback:created');
    expect(live).toEqual({ conversationId, siteId: site.id, feedback });
    expect(await metricValue(stack, 'switchboard_feedback_total{kind="conversation",value="4"}')).toBe(fourBefore + 1);
    const watched = await ok(agent.socket, 'conversation:watch', { conversationId });
    expect(watched.feedback).toEqual([feedback]);
    // The integration API's conversation resource carries it too.
    const token = await integrationToken(stack, site.id, ['conversations:read']);
    const read = await api(stack, 'GET', `/api/v1/conversations/${conversationId}`, { token });
    expect(read.status).toBe(200);
    expect(integrationConversationSchema.parse(read.json).feedback).toEqual([feedback]);
  });

  it('replaces the rating on a second send (a blank comment is no comment)', async () => {
    const site = await stack.createSite();
    const { socket, conversationId } = await visitorWithReply(stack, site);
    await resolvedBy(site.id, conversationId);

    const first = sendFeedbackResultSchema.parse(
      await sendFeedback(socket, { conversationId, target: { kind: 'conversation', rating: 2, comment: 'Slow.' } }),
    ).feedback;
    const second = sendFeedbackResultSchema.parse(
      await sendFeedback(socket, { conversationId, target: { kind: 'conversation', rating: 5, comment: '   ' } }),
    ).feedback;

    expect(second).toMatchObject({ id: first.id, rating: 5, comment: null, createdAt: first.createdAt });
    const rows = await stack.database.pool.query(`SELECT rating, comment FROM feedback WHERE conversation_id = $1`, [
      conversationId,
    ]);
    expect(rows.rows).toEqual([{ rating: 5, comment: null }]);
  });

  it('lets only the conversation’s own visitor rate it (another visitor is told NOT_FOUND)', async () => {
    const site = await stack.createSite();
    const owner = await visitorWithReply(stack, site);
    await resolvedBy(site.id, owner.conversationId);
    const stranger = await stack.connectWidget(site);

    const refused = await sendFeedback(stranger.socket, {
      conversationId: owner.conversationId,
      target: { kind: 'conversation', rating: 1, comment: 'Not mine to rate' },
    });
    const thumb = await sendFeedback(stranger.socket, {
      conversationId: owner.conversationId,
      target: { kind: 'reply', messageId: owner.reply.id, value: 'down' },
    });

    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(thumb).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const rows = await stack.database.pool.query(`SELECT count(*)::int AS n FROM feedback WHERE conversation_id = $1`, [
      owner.conversationId,
    ]);
    expect(rows.rows[0].n).toBe(0);
  });

  it('thumbs only a bot reply of the conversation named: another conversation’s reply and a customer message are NOT_FOUND', async () => {
    const site = await stack.createSite();
    const mine = await visitorWithReply(stack, site);
    const theirs = await visitorWithReply(stack, site, 'Do you ship abroad?');

    const foreign = await sendFeedback(mine.socket, {
      conversationId: mine.conversationId,
      target: { kind: 'reply', messageId: theirs.reply.id, value: 'up' },
    });
    const ownQuestion = await sendFeedback(mine.socket, {
      conversationId: mine.conversationId,
      target: { kind: 'reply', messageId: mine.question.id, value: 'up' },
    });
    const unknown = await sendFeedback(mine.socket, {
      conversationId: mine.conversationId,
      target: { kind: 'reply', messageId: randomUUID(), value: 'up' },
    });

    for (const ack of [foreign, ownQuestion, unknown]) expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const rows = await stack.database.pool.query(`SELECT count(*)::int AS n FROM feedback WHERE site_id = $1`, [site.id]);
    expect(rows.rows[0].n).toBe(0);
  });

  it('answers bad payloads with BAD_REQUEST (an over-long comment with TOO_LONG); 1,000 characters after trimming is stored', async () => {
    const site = await stack.createSite();
    const { socket, conversationId, reply } = await visitorWithReply(stack, site);
    await resolvedBy(site.id, conversationId);
    const rating = (extra: object) => ({ conversationId, target: { kind: 'conversation', rating: 3, ...extra } });
    const bad: unknown[] = [
      undefined,
      'up',
      {},
      { conversationId },
      { conversationId: 'not-a-uuid', target: { kind: 'reply', messageId: reply.id, value: 'up' } },
      { conversationId, target: { kind: 'reply', messageId: reply.id, value: 'meh' } },
      { conversationId, target: { kind: 'reply', messageId: 'abc', value: 'up' } },
      { conversationId, target: { kind: 'reply', messageId: reply.id } },
      { conversationId, target: { kind: 'stars', rating: 3 } },
      { conversationId, target: { kind: 'conversation', rating: 6 } },
      { conversationId, target: { kind: 'conversation', rating: 0 } },
      { conversationId, target: { kind: 'conversation', rating: 2.5 } },
      { conversationId, target: { kind: 'conversation', rating: '5' } },
      rating({ comment: 42 }),
      rating({ comment: 'nul \u0000 inside' }),
      rating({ comment: 'lone \uD800 surrogate' }),
      rating({ value: 'up' }),
      { conversationId, target: { kind: 'reply', messageId: reply.id, value: 'up' }, extra: true },
    ];
    for (const payload of bad) {
      const ack = await sendFeedback(socket, payload);
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    const tooLong = await sendFeedback(socket, rating({ comment: 'x'.repeat(1001) }));
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'TOO_LONG' } });
    // Exactly at the limit (after trimming) is fine.
    const atLimit = await sendFeedback(socket, rating({ comment: ` ${'y'.repeat(1000)} ` }));
    expect(atLimit.ok).toBe(true);
    const rows = await stack.database.pool.query(`SELECT length(comment) AS chars FROM feedback WHERE conversation_id = $1`, [
      conversationId,
    ]);
    expect(rows.rows).toEqual([{ chars: 1000 }]);
  });

  it('spends the visitor’s message budget like the other widget events (RATE_LIMITED when it is gone)', async () => {
    const site = await stack.createSite();
    const { socket, conversationId, reply } = await visitorWithReply(stack, site);
    // The question used one unit of the budget; thumbs spend the rest, then are refused.
    const acks = [];
    for (let sent = 0; sent < VISITOR_PER_MINUTE; sent += 1) {
      acks.push(
        await sendFeedback(socket, {
          conversationId,
          target: { kind: 'reply', messageId: reply.id, value: sent % 2 ? 'up' : 'down' },
        }),
      );
    }
    expect(acks.slice(0, VISITOR_PER_MINUTE - 1).every((ack) => ack.ok)).toBe(true);
    expect(acks.at(-1)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });
});
