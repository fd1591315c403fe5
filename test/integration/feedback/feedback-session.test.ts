import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../../src/contracts/ack.js';
import type { DismissRatingResult } from '../../../src/contracts/feedback.js';
import { sessionPayloadSchema } from '../../../src/contracts/payloads.js';
import { TestStack, type WidgetClient } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from '../agents/agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, ok } from '../agents/agent-socket-support.js';
import { sendFeedback, visitorWithReply } from './feedback-support.js';

const stack = new TestStack({ label: 'feedback_session', env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET } });

beforeAll(() => stack.start(), 30_000);
afterAll(async () => {
  closeAgentSockets();
  await stack.close();
});

function dismiss(socket: WidgetClient, conversationId: string): Promise<Ack<DismissRatingResult>> {
  return socket.timeout(10_000).emitWithAck('feedback:dismiss', { conversationId });
}

async function resolve(siteId: string, conversationId: string): Promise<void> {
  const agent = await connectAgent(stack.url, (await agentSession(stack, { siteIds: [siteId] })).token);
  await ok(agent, 'conversation:watch', { conversationId });
  await ok(agent, 'conversation:resolve', { conversationId });
}

describe('the visitor’s own feedback in the widget session', () => {
  it('gives the thumbs back after a reconnect (the replaced one as it is now), and only to their visitor', async () => {
    const site = await stack.createSite();
    const { socket, conversationId, reply, visitorToken } = await visitorWithReply(stack, site);

    expect((await sendFeedback(socket, { conversationId, target: { kind: 'reply', messageId: reply.id, value: 'up' } })).ok).toBe(
      true,
    );
    expect(
      (await sendFeedback(socket, { conversationId, target: { kind: 'reply', messageId: reply.id, value: 'down' } })).ok,
    ).toBe(true);
    // Another visitor of the site sees none of them.
    expect(sessionPayloadSchema.parse((await stack.connectWidget(site)).session).feedback).toEqual({
      thumbs: [],
      unratedConversationId: null,
    });

    const resumed = await stack.connectWidget(site, { visitorToken });
    expect(resumed.session.conversation.id).toBe(conversationId);
    expect(sessionPayloadSchema.parse(resumed.session).feedback).toEqual({
      thumbs: [{ messageId: reply.id, value: 'down' }],
      unratedConversationId: null,
    });
  });

  it('names the resolved, unrated previous conversation to a returning visitor, until it is rated', async () => {
    const site = await stack.createSite();
    const { conversationId, visitorToken: token } = await visitorWithReply(stack, site);
    await resolve(site.id, conversationId);

    const back = await stack.connectWidget(site, { visitorToken: token });
    expect(back.session.conversation.id).not.toBe(conversationId);
    expect(back.session.feedback).toEqual({ thumbs: [], unratedConversationId: conversationId });
    // Offered again on every handshake while it is neither rated nor dismissed.
    expect((await stack.connectWidget(site, { visitorToken: token })).session.feedback.unratedConversationId).toBe(
      conversationId,
    );

    // The new conversation's socket rates the old one: any conversation of the visitor may be named.
    const rated = await sendFeedback(back.socket, { conversationId, target: { kind: 'conversation', rating: 5 } });
    expect(rated.ok).toBe(true);
    expect((await stack.connectWidget(site, { visitorToken: token })).session.feedback.unratedConversationId).toBeNull();
  });

  it('offers it no more once dismissed (feedback:dismiss), on any socket of the visitor; a rating is still taken', async () => {
    const site = await stack.createSite();
    const { socket, conversationId, visitorToken } = await visitorWithReply(stack, site);
    const early = await dismiss(socket, conversationId);
    expect(early).toMatchObject({ ok: false, error: { code: 'CONVERSATION_NOT_RESOLVED' } });
    await resolve(site.id, conversationId);

    const back = await stack.connectWidget(site, { visitorToken });
    expect(back.session.feedback.unratedConversationId).toBe(conversationId);
    expect(await dismiss(back.socket, conversationId)).toEqual({ ok: true });
    // Twice is fine: the first dismissal's time stays.
    expect(await dismiss(back.socket, conversationId)).toEqual({ ok: true });
    expect((await stack.connectWidget(site, { visitorToken })).session.feedback.unratedConversationId).toBeNull();
    const stored = await stack.database.pool.query<{ rating_dismissed_at: Date | null }>(
      'SELECT rating_dismissed_at FROM conversations WHERE id = $1',
      [conversationId],
    );
    expect(stored.rows[0]!.rating_dismissed_at).toBeInstanceOf(Date);
    // Dismissing is not rating: nothing was stored, and the visitor may still rate it.
    expect(
      (await stack.database.pool.query('SELECT 1 FROM feedback WHERE conversation_id = $1', [conversationId])).rowCount,
    ).toBe(0);
    expect((await sendFeedback(back.socket, { conversationId, target: { kind: 'conversation', rating: 3 } })).ok).toBe(true);

    // Another visitor cannot dismiss it (nor tell that it exists); a bad payload is BAD_REQUEST.
    const stranger = await stack.connectWidget(site);
    expect(await dismiss(stranger.socket, conversationId)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dismiss(stranger.socket, 'not-a-uuid')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('offers nothing for a previous conversation without a message, nor for another visitor’s', async () => {
    const site = await stack.createSite();
    const other = await visitorWithReply(stack, site);
    await resolve(site.id, other.conversationId);
    // A new visitor: another visitor's resolved conversation is not theirs to rate.
    const stranger = await stack.connectWidget(site);
    expect(stranger.session.feedback.unratedConversationId).toBeNull();

    // An empty conversation resolved: nothing to rate.
    await resolve(site.id, stranger.session.conversation.id);
    const back = await stack.connectWidget(site, { visitorToken: stranger.session.visitorToken });
    expect(back.session.conversation.id).not.toBe(stranger.session.conversation.id);
    expect(back.session.feedback.unratedConversationId).toBeNull();
  });
});
