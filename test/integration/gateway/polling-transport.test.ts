import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TestStack } from '../../support/test-app.js';

describe('the HTTP long-polling fallback (for visitors behind proxies that block WebSockets)', () => {
  const stack = new TestStack({ label: 'polling' });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  it('answers the engine.io handshake instead of a 404 from express', async () => {
    const response = await fetch(`${stack.url}/socket.io/?EIO=4&transport=polling`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^0\{"sid":"/);
  });

  it('carries a whole conversation: session, acked message, streamed reply', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site, { transport: 'polling' });
    expect(socket.io.engine.transport.name).toBe('polling');
    const replies = new ReplyCollector(socket);
    const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'Do you ship abroad?' });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.message.conversationId).toBe(session.conversation.id);
    const end = await replies.waitForEnd(ack.message.id);
    expect(end.message.role).toBe('bot');
    expect(replies.streamedText(ack.message.id)).toBe(end.message.text);
  });

  it('still answers express routes next to it', async () => {
    const response = await fetch(`${stack.url}/healthz`);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
