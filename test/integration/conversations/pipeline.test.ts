import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatedReply } from '../../../src/simulator/index.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TestStack } from '../../support/test-app.js';

describe('customer message -> Postgres -> queue -> streamed reply', () => {
  const stack = new TestStack({ label: 'pipeline' });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  it('acks a message with its seq, streams the simulator reply and stores it', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);

    const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'Where is my order?' });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.message.seq).toBe(1);
    expect(ack.message.role).toBe('customer');
    expect(ack.duplicate).toBe(false);

    const end = await replies.waitForEnd(ack.message.id);
    // This conversation's request, whichever tests ran before: the reply has ended, so it was made.
    const [request] = stack.simulator.requests.filter((recorded) =>
      JSON.stringify(recorded.body.messages).includes('Where is my order?'),
    );
    expect(request).toBeDefined();
    const expected = simulatedReply(request!.body.messages);
    expect(replies.streamedText(ack.message.id)).toBe(expected);
    expect(replies.deltas(ack.message.id).map((delta) => delta.index)).toEqual(
      replies.deltas(ack.message.id).map((_, index) => index),
    );
    expect(end.message).toMatchObject({ role: 'bot', seq: 2, text: expected, inReplyTo: ack.message.id });

    const stored = await stack.database.pool.query(
      'SELECT role, seq, text, prompt_tokens, ttft_ms FROM messages WHERE conversation_id = $1 ORDER BY seq',
      [session.conversation.id],
    );
    expect(stored.rows.map((row) => [row.role, row.seq, row.text])).toEqual([
      ['customer', 1, 'Where is my order?'],
      ['bot', 2, expected],
    ]);
    expect(stored.rows[1].prompt_tokens).toBeGreaterThan(0);
    expect(stored.rows[1].ttft_ms).toBeGreaterThanOrEqual(0);
  });

  it('returns the stored message for a repeated client message id and queues nothing new', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);
    const clientMessageId = randomUUID();

    const first = await socket.emitWithAck('message:send', { clientMessageId, text: 'hello once' });
    const second = await socket.emitWithAck('message:send', { clientMessageId, text: 'hello once' });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.duplicate).toBe(true);
    expect(second.message).toEqual(first.message);
    await replies.waitForEnd(first.message.id);

    const requestsForThisConversation = stack.simulator.requests.filter((request) =>
      JSON.stringify(request.body.messages).includes('hello once'),
    );
    expect(requestsForThisConversation).toHaveLength(1);
    const count = await stack.database.pool.query('SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [
      session.conversation.id,
    ]);
    expect(count.rows[0].n).toBe(2);
  });

  it('masks a site word before it is stored or reaches the model', async () => {
    const site = await stack.createSite({ blockedWords: ['secretword', '傻瓜'] });
    const { socket } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);

    const ack = await socket.emitWithAck('message:send', {
      clientMessageId: randomUUID(),
      text: 'my secretword is 傻瓜 ok',
    });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.message.text).toBe('my ********** is ** ok');
    expect(ack.message.flags).toContain('masked');
    await replies.waitForEnd(ack.message.id);

    const request = stack.simulator.requests.find((candidate) => JSON.stringify(candidate.body).includes('my ****'));
    expect(request).toBeDefined();
    const everythingSent = JSON.stringify(stack.simulator.requests.map((candidate) => candidate.body));
    expect(everythingSent).not.toContain('secretword');
    expect(everythingSent).not.toContain('傻瓜');
  });

  it('returns exactly the missed messages on sync after a reconnect', async () => {
    const site = await stack.createSite();
    const first = await stack.connectWidget(site);
    const replies = new ReplyCollector(first.socket);
    const ack = await first.socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'first question' });
    if (!ack.ok) throw new Error(ack.error.message);
    await replies.waitForEnd(ack.message.id);
    const lastSeenSeq = ack.message.seq;
    first.socket.disconnect();

    // While the visitor is away, another tab of the same visitor sends a message and gets a reply.
    const other = await stack.connectWidget(site, { visitorToken: first.session.visitorToken });
    expect(other.session.conversation.id).toBe(first.session.conversation.id);
    const otherReplies = new ReplyCollector(other.socket);
    const missed = await other.socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'second question' });
    if (!missed.ok) throw new Error(missed.error.message);
    await otherReplies.waitForEnd(missed.message.id);

    const back = await stack.connectWidget(site, { visitorToken: first.session.visitorToken });
    expect(back.session.conversation.id).toBe(first.session.conversation.id);
    const sync = await back.socket.emitWithAck('sync', { afterSeq: lastSeenSeq });
    expect(sync.ok).toBe(true);
    if (!sync.ok) return;
    expect(sync.messages.map((message) => [message.seq, message.role])).toEqual([
      [2, 'bot'],
      [3, 'customer'],
      [4, 'bot'],
    ]);
    expect(sync.messages[1]!.text).toBe('second question');
  });

  it('starts a new visitor for a forged visitor token', async () => {
    const site = await stack.createSite();
    const first = await stack.connectWidget(site);
    const forged = first.session.visitorToken.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    const second = await stack.connectWidget(site, { visitorToken: forged });
    expect(second.session.visitorId).not.toBe(first.session.visitorId);
    expect(second.session.conversation.id).not.toBe(first.session.conversation.id);
  });
});
