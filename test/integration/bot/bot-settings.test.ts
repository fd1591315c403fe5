import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBotSettings } from '../../../src/bot/bot-settings.js';
import { pickVariant } from '../../../src/bot/variant-assignment.js';
import { simulatedReasoning } from '../../../src/simulator/index.js';
import { TestStack } from '../../support/test-app.js';
import { ask, botRows, counterValue, requestsWith } from './llm-support.js';

describe('per-site bot settings', () => {
  const stack = new TestStack({ label: 'llm_bot' });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  it('flags a reply below the confidence threshold on the stored message and on reply:end', async () => {
    const site = await stack.createSite({ botSettings: { confidenceThreshold: 0.5 } });
    const { replies, message, conversationId } = await ask(stack, site, 'Unsure? [[sim:confidence=0.2;id=conf1]]');
    const end = await replies.waitForEnd(message.id);

    expect(requestsWith(stack.simulator, 'id=conf1')[0]!.body.logprobs).toBe(true);
    expect(end.lowConfidence).toBe(true);
    expect(end.confidence).toBeCloseTo(0.2, 1);
    expect(end.message.flags).toEqual(['low_confidence']);
    const [row] = await botRows(stack, conversationId);
    expect(row!.flags).toEqual(['low_confidence']);
    expect(row!.confidence).toBeCloseTo(0.2, 1);
    expect(await counterValue(stack.app.metrics.lowConfidenceReplies)).toBe(1);

    const next = await ask(stack, site, 'Sure? confident-1');
    const sure = await next.replies.waitForEnd(next.message.id);
    expect(sure.lowConfidence).toBe(false);
    expect(sure.confidence).toBeCloseTo(0.9, 1);
    expect(sure.message.flags).toEqual([]);
  });

  it('stores deepseek-reasoner reasoning for agents, never sends it to the widget, and asks it for no logprobs', async () => {
    const site = await stack.createSite({ model: 'deepseek-reasoner', botSettings: { confidenceThreshold: 0.5 } });
    const { replies, message, conversationId } = await ask(stack, site, 'Why is the sky blue? reasoner-1');
    const end = await replies.waitForEnd(message.id);

    const [request] = requestsWith(stack.simulator, 'reasoner-1');
    expect(request!.body.logprobs).toBeUndefined();
    const reasoning = simulatedReasoning(request!.body.messages);
    const [row] = await botRows(stack, conversationId);
    expect(row).toMatchObject({ reasoning, model: 'deepseek-reasoner', confidence: null });
    expect(JSON.stringify(replies.events)).not.toContain('I should answer politely');
    expect(end.lowConfidence).toBeUndefined();
  });

  it('answers a repeated first-turn question from the reply cache without calling the model', async () => {
    const site = await stack.createSite({ botSettings: { replyCache: { enabled: true, ttlSeconds: 60 } } });
    const first = await ask(stack, site, 'What are your opening hours? cache-1');
    const answer = (await first.replies.waitForEnd(first.message.id)).message.text;
    expect(requestsWith(stack.simulator, 'cache-1')).toHaveLength(1);

    const second = await ask(stack, site, '  what are your OPENING hours   cache-1 !!');
    const cached = await second.replies.waitForEnd(second.message.id);
    expect(requestsWith(stack.simulator, 'cache-1')).toHaveLength(1);
    expect(cached.message.text).toBe(answer);
    expect(second.replies.streamedText(second.message.id)).toBe(answer);
    expect(second.replies.deltas(second.message.id).length).toBeGreaterThan(0);
    expect(await botRows(stack, second.conversationId)).toMatchObject([{ endpoint: 'reply-cache', text: answer }]);

    // Only first turns: the same question later in a conversation goes to the model.
    const again = await second.socket.emitWithAck('message:send', {
      clientMessageId: randomUUID(),
      text: 'What are your opening hours? cache-1',
    });
    if (!again.ok) throw new Error(again.error.message);
    await second.replies.waitForEnd(again.message.id);
    expect(requestsWith(stack.simulator, 'cache-1')).toHaveLength(2);
    expect(await counterValue(stack.app.metrics.replyCache, { result: 'hit' })).toBe(1);
    expect(await counterValue(stack.app.metrics.replyCache, { result: 'miss' })).toBe(1);
  });

  it('routes short plain questions to the light model and long or keyword ones to the strong model', async () => {
    const site = await stack.createSite({
      botSettings: { routing: { light: 'deepseek-chat', strong: 'deepseek-reasoner', minChars: 80, keywords: ['Refund'] } },
    });
    const cases = [
      ['Hi there route-1', 'deepseek-chat'],
      ['I want a refund route-2', 'deepseek-reasoner'],
      [`${'My parcel went to the wrong address and '.repeat(3)}route-3`, 'deepseek-reasoner'],
    ] as const;
    for (const [text, model] of cases) {
      const { replies, message, conversationId } = await ask(stack, site, text);
      await replies.waitForEnd(message.id);
      expect(requestsWith(stack.simulator, text.slice(-7))[0]!.body.model).toBe(model);
      expect(await botRows(stack, conversationId)).toMatchObject([{ model }]);
    }
  });

  it('splits conversations between two variants by a stable hash and keeps each on its variant', async () => {
    const botSettings = {
      abTest: {
        variants: [
          { name: 'short', systemPrompt: 'PROMPT-SHORT' },
          { name: 'warm', systemPrompt: 'PROMPT-WARM', generation: { temperature: 1.3 } },
        ],
      },
    };
    const site = await stack.createSite({ botSettings });
    const abTest = parseBotSettings(botSettings).settings.abTest!;
    for (let n = 0; n < 4; n++) {
      const tag = `ab-${n}-${randomUUID().slice(0, 8)}`;
      const first = await ask(stack, site, `First question ${tag}`);
      await first.replies.waitForEnd(first.message.id);
      const follow = await first.socket.emitWithAck('message:send', {
        clientMessageId: randomUUID(),
        text: `Second question ${tag}`,
      });
      if (!follow.ok) throw new Error(follow.error.message);
      await first.replies.waitForEnd(follow.message.id);

      const expected = pickVariant(abTest, first.conversationId);
      const conversation = await stack.database.pool.query('SELECT variant FROM conversations WHERE id = $1', [
        first.conversationId,
      ]);
      expect(conversation.rows[0].variant).toBe(expected.name);
      expect((await botRows(stack, first.conversationId)).map((row) => row.variant)).toEqual([expected.name, expected.name]);
      for (const request of requestsWith(stack.simulator, tag)) {
        expect(request.body.messages[0]).toMatchObject({
          role: 'system',
          content: expect.stringMatching(new RegExp(`^${expected.systemPrompt}\n`)),
        });
        expect(request.body.temperature).toBe(expected.generation?.temperature);
      }
    }
  });
});
