import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDOFF_TOOL_INSTRUCTION } from '../../../src/bot/reply-handoff.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TestStack } from '../../support/test-app.js';

describe('history_window trimming', () => {
  const stack = new TestStack({ label: 'history' });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  it('sends the site window and not more', async () => {
    const site = await stack.createSite({ historyWindow: 2, systemPrompt: 'window test prompt' });
    const { socket } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);
    for (const text of ['q1', 'q2', 'q3']) {
      const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text });
      if (!ack.ok) throw new Error(ack.error.message);
      await replies.waitForEnd(ack.message.id);
    }
    const lastRequest = stack.simulator.requests
      .filter((request) => JSON.stringify(request.body.messages).includes('window test prompt'))
      .at(-1)!;
    const messages = lastRequest.body.messages as Array<{ role: string; content: string }>;
    const bots = replies.events.flatMap((event) => (event.kind === 'end' ? [event.payload.message.text] : []));
    // Window 2: the customer's q2 and the bot's answer to it; q1 and its answer are cut.
    expect(bots).toHaveLength(3);
    expect(messages).toEqual([
      // The site's prompt, then the line about the handoff tool (docs/handoff.md).
      { role: 'system', content: `window test prompt\n\n${HANDOFF_TOOL_INSTRUCTION}` },
      { role: 'user', content: 'q2' },
      { role: 'assistant', content: bots[1] },
      { role: 'user', content: 'q3' },
    ]);
  });
});
