import { describe, expect, it } from 'vitest';
import { DEFAULT_BOT_SETTINGS, parseBotSettings } from '../../../src/bot/bot-settings.js';

describe('bot settings', () => {
  it('defaults to no confidence check, cache off, no routing, no A/B test', () => {
    expect(DEFAULT_BOT_SETTINGS).toEqual({ replyCache: { enabled: false, ttlSeconds: 3600 } });
    expect(parseBotSettings(null).settings).toEqual(DEFAULT_BOT_SETTINGS);
  });

  it('fills defaults inside the parts a site sets', () => {
    const { settings } = parseBotSettings({
      replyCache: { enabled: true },
      routing: { light: 'deepseek-chat', strong: 'deepseek-reasoner', minChars: 200 },
      abTest: { variants: [{ name: 'a' }, { name: 'b', generation: { temperature: 0.2 } }] },
    });
    expect(settings.replyCache).toEqual({ enabled: true, ttlSeconds: 3600 });
    expect(settings.routing?.keywords).toEqual([]);
    expect(settings.abTest?.split).toBe(0.5);
  });

  it('falls back to the defaults and lists every problem for invalid JSON', () => {
    const { settings, problems } = parseBotSettings({
      confidenceThreshold: 1.5,
      replyCache: { enabled: 'yes' },
      abTest: { variants: [{ name: 'a', generation: { temperature: 3 } }, { name: 'a' }] },
      typo: true,
    });
    expect(settings).toEqual(DEFAULT_BOT_SETTINGS);
    expect(problems.join('\n')).toMatch(/confidenceThreshold/);
    expect(problems.join('\n')).toMatch(/replyCache\.enabled/);
    expect(problems.join('\n')).toMatch(/temperature/);
    expect(problems.join('\n')).toMatch(/typo/);
  });
});
