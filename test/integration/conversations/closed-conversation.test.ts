import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TestStack } from '../../support/test-app.js';

describe('a conversation resolved under a connected visitor', () => {
  const stack = new TestStack({ label: 'closed' });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  it('refuses the next message with CONVERSATION_CLOSED and stores nothing; a reconnect starts a new conversation', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);
    const response = await fetch(`${stack.url}/api/v1/conversations/${session.conversation.id}/mode`, {
      method: 'PUT',
      headers: { authorization: 'Bearer test-admin-token-0123456789', 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'resolved' }),
    });
    expect(response.status).toBe(200);
    await replies.waitFor(() => replies.modes.includes('resolved'));

    const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'one more thing' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'CONVERSATION_CLOSED' } });
    const stored = await stack.database.pool.query('SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [
      session.conversation.id,
    ]);
    expect(stored.rows[0].n).toBe(0);

    const again = await stack.connectWidget(site, { visitorToken: session.visitorToken });
    expect(again.session.visitorId).toBe(session.visitorId);
    expect(again.session.conversation.id).not.toBe(session.conversation.id);
    expect(again.session.conversation.mode).toBe('bot');
  });
});
