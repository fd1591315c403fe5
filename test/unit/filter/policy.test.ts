import { describe, expect, it } from 'vitest';
import { SensitiveWordEngine, defaultPolicy, type WordEntry } from '../../../src/filter/index.js';

const entries: WordEntry[] = [
  { word: 'ass', category: 'profanity' },
  { word: 'assassin', category: 'custom', allow: true },
  { word: 'classic', category: 'custom', allow: true },
  { word: '海洛因', category: 'custom' },
  { word: '上海', category: 'custom', allow: true },
  { word: '某某运动', category: 'politics' },
  { word: '代开发票', category: 'ads' },
  { word: '人工审核词', category: 'custom' },
];

describe('allow-list', () => {
  const engine = SensitiveWordEngine.build(entries, { normalize: { latinWholeWord: false } });

  it('shields the deny words an allowed word contains', () => {
    expect(engine.scan('assassin')).toEqual([]);
    expect(engine.scan('a classic')).toEqual([]);
    expect(engine.scan('the ass').map((m) => m.word)).toEqual(['ass']);
  });

  it('shields only what it contains, so it cannot be used as a prefix to smuggle a word', () => {
    // `上海` overlaps `海洛因` but does not contain it: the deny word still fires.
    expect(engine.scan('上海洛因').map((m) => m.word)).toEqual(['海洛因']);
    expect(engine.scan('classicass').map((m) => m.word)).toEqual(['ass']);
  });

  it('is normalised like deny words', () => {
    expect(engine.scan('ＡＳＳＡＳＳＩＮ')).toEqual([]);
  });
});

describe('actions and verdicts', () => {
  it('uses the documented defaults', () => {
    expect(defaultPolicy.actions).toEqual({ profanity: 'mask', politics: 'block', ads: 'flag', pii: 'mask', custom: 'mask' });
    // Every normalisation is on by default except pinyin forms (issue 15: optional, off by default).
    const { pinyin, ...normalize } = defaultPolicy.normalize;
    expect(Object.values(normalize).every(Boolean)).toBe(true);
    expect(pinyin).toBe(false);
    expect(Object.values(defaultPolicy.pii).every(Boolean)).toBe(true);
  });

  it('returns allow and the text untouched when nothing matches', () => {
    const engine = SensitiveWordEngine.build(entries);
    expect(engine.check('你好，请问退货怎么办？')).toEqual({ action: 'allow', text: '你好，请问退货怎么办？', matches: [] });
  });

  it('masks mask and block categories, leaves flag and review text as is, and reports the strongest action', () => {
    const engine = SensitiveWordEngine.build(entries, { actions: { custom: 'review' } });
    const flagged = engine.check('可以代开发票');
    expect(flagged.action).toBe('flag');
    expect(flagged.text).toBe('可以代开发票');
    const reviewed = engine.check('人工审核词 和 代开发票');
    expect(reviewed.action).toBe('review');
    const blocked = engine.check('the ass 某某运动 代开发票');
    expect(blocked.action).toBe('block');
    expect(blocked.text).toBe('the *** **** 代开发票');
    expect(blocked.matches.map((m) => m.category)).toEqual(['profanity', 'politics', 'ads']);
  });

  it('lets the stronger action win when two entries normalise alike', () => {
    const engine = SensitiveWordEngine.build([
      { word: 'spam', category: 'ads' },
      { word: 'SPAM', category: 'politics' },
    ]);
    expect(engine.check('spam').action).toBe('block');
  });

  it('ignores entries that normalise to nothing', () => {
    const engine = SensitiveWordEngine.build([
      { word: ' . ', category: 'custom' },
      { word: 'ok', category: 'custom' },
    ]);
    expect(engine.scan('. ok .').map((m) => m.word)).toEqual(['ok']);
    expect(engine.longestWord).toBe(2);
  });

  it('selects leftmost-longest, non-overlapping word matches', () => {
    const engine = SensitiveWordEngine.build([
      { word: '发票', category: 'custom' },
      { word: '代开发票', category: 'custom' },
      { word: '开发', category: 'custom' },
    ]);
    expect(engine.scan('代开发票').map((m) => m.word)).toEqual(['代开发票']);
    expect(engine.scan('开发票').map((m) => m.word)).toEqual(['开发']);
  });
});
