import { describe, expect, it } from 'vitest';
import { parseBotSettings } from '../../../src/bot/bot-settings.js';
import { replayCachedReply } from '../../../src/bot/cached-reply-stream.js';
import { planReply } from '../../../src/bot/reply-plan.js';
import type { SiteRow } from '../../../src/db/schema.js';
import type { LlmStreamEvent } from '../../../src/llm/llm-types.js';

function site(overrides: Partial<SiteRow> = {}): SiteRow {
  return {
    id: 'site-1',
    widgetKey: 'key',
    name: 'Site',
    allowedOrigins: [],
    systemPrompt: 'SITE PROMPT',
    model: 'deepseek-chat',
    historyWindow: 10,
    contextTokenBudget: 6000,
    generation: { temperature: 0.7, max_tokens: 500 },
    maxMessageChars: 2000,
    language: 'en',
    blockedWords: [],
    filterPolicy: {},
    botSettings: {},
    handoffSettings: {},
    createdAt: new Date(),
    identitySecret: null,
    businessHours: null,
    greeting: null,
    suggestedQuestions: [],
    ...overrides,
  };
}

const bot = (raw: unknown) => parseBotSettings(raw).settings;

describe('planReply', () => {
  it('uses the site model, prompt and generation settings by default, without logprobs', () => {
    const plan = planReply(site(), bot({}), undefined, 'hi');
    expect(plan).toEqual({
      settings: { model: 'deepseek-chat', temperature: 0.7, max_tokens: 500 },
      systemPrompt: 'SITE PROMPT',
      confidenceThreshold: null,
      problems: [],
    });
  });

  it('layers the routed model and then the variant over the site', () => {
    const settings = bot({
      routing: { light: 'light', strong: 'strong', keywords: ['refund'] },
      abTest: {
        variants: [
          { name: 'a', systemPrompt: 'A', generation: { temperature: 1.5 } },
          { name: 'b', generation: { model: 'b-model' } },
        ],
      },
    });
    const [a, b] = settings.abTest!.variants;
    expect(planReply(site(), settings, a, 'refund?')).toMatchObject({
      settings: { model: 'strong', temperature: 1.5, max_tokens: 500 },
      systemPrompt: 'A',
    });
    expect(planReply(site(), settings, b, 'hi').settings.model).toBe('b-model');
  });

  it('asks for logprobs only when confidence is checked and the model returns them', () => {
    const checked = bot({ confidenceThreshold: 0.6 });
    expect(planReply(site(), checked, undefined, 'hi')).toMatchObject({ settings: { logprobs: true }, confidenceThreshold: 0.6 });
    const reasoner = planReply(
      site({ model: 'deepseek-reasoner', generation: { logprobs: true } as never }),
      checked,
      undefined,
      'hi',
    );
    expect(reasoner.settings.logprobs).toBeUndefined();
    expect(reasoner.confidenceThreshold).toBeNull();
  });

  it('answers with the bare model when the stored generation settings are out of range', () => {
    const plan = planReply(site({ generation: { temperature: 9 } }), bot({}), undefined, 'hi');
    expect(plan.settings).toEqual({ model: 'deepseek-chat' });
    expect(plan.problems.join()).toMatch(/temperature/);
  });
});

describe('replayCachedReply', () => {
  it('streams the cached text in pieces, then one finish from the cache', async () => {
    const events: LlmStreamEvent[] = [];
    for await (const event of replayCachedReply({ text: 'Open 9 to 5,  Monday to Friday.', model: 'deepseek-chat' }))
      events.push(event);
    const pieces = events.flatMap((event) => (event.type === 'content' ? [event.text] : []));
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe('Open 9 to 5,  Monday to Friday.');
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: null,
      endpoint: 'reply-cache',
      model: 'deepseek-chat',
    });
  });
});
