import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { ReplyError } from '../../../src/contracts/payloads.js';
import type { ChatStreamer } from '../../../src/llm/llm-types.js';
import { TestStack } from '../../support/test-app.js';

/** Fails the way a bug or a lost database would: not an upstream error, so no degraded reply. */
const brokenModelPath: ChatStreamer = {
  // eslint-disable-next-line require-yield -- it fails before its first token, as the real one can
  async *stream() {
    throw new Error('simulated internal failure');
  },
};

describe('a reply that fails for good', () => {
  const stack = new TestStack({ label: 'replyfail', startApp: false });
  beforeAll(async () => {
    await stack.start();
    stack.app = await createApp(stack.config, { llm: brokenModelPath });
  });
  afterAll(() => stack.close());

  it('is retried, then the widget gets reply:error instead of a spinner that never ends', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const errors: ReplyError[] = [];
    const resets: string[] = [];
    socket.on('reply:error', (payload) => errors.push(payload));
    socket.on('reply:reset', ({ reason }) => resets.push(reason));

    const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'will this fail?' });
    if (!ack.ok) throw new Error(ack.error.message);

    const deadline = Date.now() + 15_000;
    while (errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors).toEqual([
      {
        conversationId: session.conversation.id,
        replyTo: ack.message.id,
        error: { code: 'INTERNAL', message: expect.any(String) },
      },
    ]);
    // Three attempts in all (the queue's default): the two retries each told the widget to start over.
    expect(resets).toEqual(['retry', 'retry']);
    const bots = await stack.database.pool.query("SELECT count(*)::int AS n FROM messages WHERE role = 'bot'");
    expect(bots.rows[0].n).toBe(0);
  }, 30_000);
});
