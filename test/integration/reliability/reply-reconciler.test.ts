import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageRepository } from '../../../src/conversations/message.repository.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TestStack } from '../../support/test-app.js';

async function botReplies(stack: TestStack, conversationId: string): Promise<Array<{ in_reply_to: string }>> {
  const result = await stack.database.pool.query("SELECT in_reply_to FROM messages WHERE conversation_id = $1 AND role = 'bot'", [
    conversationId,
  ]);
  return result.rows;
}

describe('the reply reconciler: Postgres is the truth, the queue a cache of work', () => {
  const stack = new TestStack({
    label: 'reconcile',
    env: { RECONCILE_INTERVAL_MS: '300', RECONCILE_MIN_AGE_MS: '300', WORKER_LOCK_DURATION_MS: '1000' },
  });

  beforeAll(async () => {
    await stack.start();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answers a stored customer message whose reply job was never queued', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);
    // Acked and stored, but the enqueue after the commit was lost (Redis went away in between).
    const stored = await new MessageRepository(stack.database.db).append({
      conversationId: session.conversation.id,
      role: 'customer',
      text: 'is anyone there?',
      clientMessageId: randomUUID(),
    });
    const messageId = stored!.message.id;
    expect(await stack.replyJobState(messageId)).toBeUndefined();

    const end = await replies.waitForEnd(messageId, 10_000);
    expect(end.message.role).toBe('bot');
    expect(replies.resets(messageId).map((reset) => reset.reason)).toEqual(['retry']);
    expect(await botReplies(stack, session.conversation.id)).toEqual([{ in_reply_to: messageId }]);
  });

  it('leaves a message that a later reply already covered, and one in a conversation the bot does not own', async () => {
    const site = await stack.createSite();
    const { session } = await stack.connectWidget(site);
    const messages = new MessageRepository(stack.database.db);
    const conversationId = session.conversation.id;
    const first = await messages.append({ conversationId, role: 'customer', text: 'one', clientMessageId: randomUUID() });
    const second = await messages.append({ conversationId, role: 'customer', text: 'two', clientMessageId: randomUUID() });
    await messages.append({ conversationId, role: 'bot', text: 'both answered', inReplyTo: second!.message.id });

    const other = await stack.connectWidget(site);
    await stack.database.pool.query("UPDATE conversations SET mode = 'resolved' WHERE id = $1", [other.session.conversation.id]);
    const closed = await messages.append({
      conversationId: other.session.conversation.id,
      role: 'customer',
      text: 'too late',
      clientMessageId: randomUUID(),
      writableModes: ['resolved'],
    });

    // A positive signal that passes ran: a third conversation's lost message is answered meanwhile.
    const probe = await stack.connectWidget(site);
    const probeReplies = new ReplyCollector(probe.socket);
    const lost = await messages.append({
      conversationId: probe.session.conversation.id,
      role: 'customer',
      text: 'probe',
      clientMessageId: randomUUID(),
    });
    await probeReplies.waitForEnd(lost!.message.id, 10_000);

    expect(await stack.replyJobState(first!.message.id)).toBeUndefined();
    expect(await stack.replyJobState(closed!.message.id)).toBeUndefined();
    expect(await botReplies(stack, conversationId)).toHaveLength(1);
  });
});

describe('a returning visitor whose reply was cancelled while they were away', () => {
  const stack = new TestStack({
    label: 'returning',
    // Slow enough to leave mid-reply; a short grace so the reply is cancelled quickly.
    simulator: { firstTokenDelayMs: 20, tokensPerSecond: 40, replyTokens: 80 },
    env: { REPLY_ABANDON_GRACE_MS: '100', RECONCILE_INTERVAL_MS: '300', RECONCILE_MIN_AGE_MS: '300' },
  });

  beforeAll(async () => {
    await stack.start();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('gets the answer when they come back, once', async () => {
    const site = await stack.createSite();
    const first = await stack.connectWidget(site);
    const replies = new ReplyCollector(first.socket);
    const ack = await first.socket.emitWithAck('message:send', {
      clientMessageId: randomUUID(),
      text: 'are you open on Sunday?',
    });
    if (!ack.ok) throw new Error(ack.error.message);
    await replies.waitFor(() => replies.deltas(ack.message.id).length >= 2);
    first.socket.disconnect();

    // The reply is cancelled (nobody in the room) and the job completes without a stored answer.
    expect(await stack.replyJobSettled(ack.message.id, 10_000)).toBe('completed');
    expect(await botReplies(stack, first.session.conversation.id)).toEqual([]);

    const back = await stack.connectWidget(site, { visitorToken: first.session.visitorToken });
    expect(back.session.conversation.id).toBe(first.session.conversation.id);
    const again = new ReplyCollector(back.socket);
    const end = await again.waitForEnd(ack.message.id, 15_000);
    expect(again.streamedText(ack.message.id)).toBe(end.message.text);
    expect(await botReplies(stack, first.session.conversation.id)).toEqual([{ in_reply_to: ack.message.id }]);
  }, 30_000);
});
