import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { EngineMessageFilter } from '../../../src/moderation/message-filter.js';
import { SiteFilterRegistry } from '../../../src/moderation/site-filter-registry.js';
import { isShortMessage } from '../../../src/moderation/split-message-tail.js';
import type { SiteFilterSource } from '../../../src/moderation/word-list.repository.js';
import type { WordEntry } from '../../../src/filter/index.js';

const logger = pino({ level: 'silent' });
const words: WordEntry[] = [
  { word: '敏感词', category: 'profanity' },
  { word: '代开发票', category: 'ads' },
  { word: '某某运动', category: 'politics' },
  { word: 'fuck', category: 'profanity' },
];

async function filterFor(source: Partial<SiteFilterSource> = {}) {
  const registry = new SiteFilterRegistry(
    {
      loadEntries: async () => [],
      loadSiteSource: async () => ({ blockedWords: [], filterPolicy: {}, words, ...source }),
    },
    logger,
  );
  const filter = new EngineMessageFilter(registry, logger);
  await filter.prepare('s1');
  return filter;
}

const site = { id: 's1', blockedWords: [] };

describe('EngineMessageFilter.check', () => {
  it('maps verdicts to decisions and flags', async () => {
    const filter = await filterFor();
    expect(filter.check(site, 'hello')).toEqual({
      text: 'hello',
      textForPeople: 'hello',
      decision: 'allow',
      flags: [],
      categories: [],
      decisiveCategories: [],
    });
    expect(filter.check(site, '这是敏感词')).toMatchObject({
      text: '这是***',
      decision: 'mask',
      flags: ['masked', 'category:profanity'],
    });
    expect(filter.check(site, '代开发票和敏感词')).toMatchObject({
      text: '代开发票和***',
      decision: 'flag',
      flags: ['masked', 'flagged', 'category:ads', 'category:profanity'],
    });
    expect(filter.check(site, '某某运动和敏感词')).toMatchObject({ decision: 'block', decisiveCategories: ['politics'] });
  });

  it('reviews under a review policy', async () => {
    const filter = await filterFor({ filterPolicy: { actions: { ads: 'review' } } });
    expect(filter.check(site, '代开发票')).toMatchObject({
      text: '代开发票',
      decision: 'review',
      flags: ['review', 'category:ads'],
    });
  });

  it('applies a word completed across messages to the completing message only', async () => {
    const filter = await filterFor();
    expect(filter.check(site, '词', ['敏', '感'])).toMatchObject({
      text: '*',
      decision: 'mask',
      flags: ['masked', 'split', 'category:profanity'],
    });
    expect(filter.check(site, 'ck you', ['f', 'u'])).toMatchObject({ text: '** you', flags: expect.arrayContaining(['split']) });
    expect(filter.check(site, '运动', ['某某'])).toMatchObject({ decision: 'block' });
    // A word wholly inside the tail was dealt with when it was sent.
    expect(filter.check(site, 'hello', ['敏感词'])).toMatchObject({ decision: 'allow', text: 'hello' });
    // Pieces must be consecutive: a message in between breaks the word.
    expect(filter.check(site, 'k', ['fuc', 'hello']).decision).toBe('allow');
  });

  it('masks the stream of model output with the site engine', async () => {
    const filter = await filterFor();
    const stream = filter.createOutputStream(site);
    expect(stream.push('abc 敏感') + stream.push('词 ok') + stream.flush()).toBe('abc *** ok');
  });

  it('filters with the site row alone if a caller skipped prepare', () => {
    const registry = new SiteFilterRegistry({ loadEntries: async () => [], loadSiteSource: async () => undefined }, logger);
    const filter = new EngineMessageFilter(registry, logger);
    expect(filter.check({ id: 'cold', blockedWords: ['legacy'] }, 'a legacy word').text).toBe('a ****** word');
  });
});

describe('isShortMessage', () => {
  it('counts code points', () => {
    expect(isShortMessage('12345678')).toBe(true);
    expect(isShortMessage('123456789')).toBe(false);
    expect(isShortMessage('😀😀😀😀😀😀😀😀')).toBe(true);
  });
});
