import { describe, expect, it } from 'vitest';
import { generationOverridesSchema, generationSettingsSchema, mergeSettings } from '../../../src/llm/generation-settings.js';

describe('generation settings', () => {
  it('accepts DeepSeek ranges', () => {
    const settings = {
      model: 'deepseek-chat',
      temperature: 2,
      top_p: 1,
      max_tokens: 8192,
      stop: Array.from({ length: 16 }, (_, i) => `s${i}`),
      presence_penalty: -2,
      frequency_penalty: 2,
      logprobs: true,
      top_logprobs: 20,
    };
    expect(generationSettingsSchema.parse(settings)).toEqual(settings);
  });

  it.each([
    { temperature: 2.1 },
    { temperature: -0.1 },
    { top_p: 0 },
    { top_p: 1.1 },
    { max_tokens: 0 },
    { max_tokens: 8193 },
    { max_tokens: 1.5 },
    { stop: Array.from({ length: 17 }, () => 'x') },
    { presence_penalty: 2.5 },
    { frequency_penalty: -3 },
    { logprobs: true, top_logprobs: 21 },
    { top_logprobs: 3 },
    { unknown_field: 1 },
  ])('rejects %o', (bad) => {
    expect(generationSettingsSchema.safeParse({ model: 'deepseek-chat', ...bad }).success).toBe(false);
  });

  it('lets a request override a site, field by field, and validates the result', () => {
    const site = { model: 'deepseek-chat', temperature: 0.3, max_tokens: 500 };
    expect(mergeSettings(site, { temperature: 1, max_tokens: undefined })).toEqual({
      model: 'deepseek-chat',
      temperature: 1,
      max_tokens: 500,
    });
    expect(() => mergeSettings(site, { top_logprobs: 5 })).toThrow(/logprobs/);
    expect(generationOverridesSchema.safeParse({ temperature: 3 }).success).toBe(false);
  });
});
