import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionPayloadSchema } from '../../../src/contracts/payloads.js';
import { TestStack } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from '../agents/agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, ok } from '../agents/agent-socket-support.js';
import { sendFeedback, visitorWithReply } from './feedback-support.js';

const stack = new TestStack({ label: 'feedback_session', env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET } });

beforeAll(() => stack.start(), 30_000);
afterAll(async () => {
  closeAgentSockets();
  await stack.close();
});

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
    // Offered again on every handshake while it is unrated (the widget keeps a dismissal itself).
    expect((await stack.connectWidget(site, { visitorToken: token })).session.feedback.unratedConversationId).toBe(
      conversationId,
    );

    // The new conversation's socket rates the old one: any conversation of the visitor may be named.
    const rated = await sendFeedback(back.socket, { conversationId, target: { kind: 'conversation', rating: 5 } });
    expect(rated.ok).toBe(true);
    expect((await stack.connectWidget(site, { visitorToken: token })).session.feedback.unratedConversationId).toBeNull();
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
