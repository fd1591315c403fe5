import { describe, expect, it } from 'vitest';
import { SensitiveWordEngine, STARTER_CATEGORIES, starterWords } from '../../../src/filter/index.js';
import { DROPPED_CHINESE, DROPPED_ENGLISH } from '../../../src/filter/starter-list-curation.js';

describe('starterWords', () => {
  it('holds English and Chinese profanity from the LDNOOBW lists, and two spam words as ads', () => {
    const words = starterWords();
    expect(words.length).toBeGreaterThan(500);
    expect(words.map((w) => w.word)).toEqual(expect.arrayContaining(['fuck', 'asshole', '傻逼', '他妈的']));
    expect(
      words
        .filter((w) => w.category === 'ads')
        .map((w) => w.word)
        .sort(),
    ).toEqual(['cialis', 'viagra']);
    expect(STARTER_CATEGORIES).toEqual(['profanity', 'ads']);
  });

  it('returns only the categories asked for', () => {
    expect(
      starterWords(['ads'])
        .map((w) => w.word)
        .sort(),
    ).toEqual(['cialis', 'viagra']);
    expect(starterWords(['politics'])).toEqual([]);
    expect(starterWords(['profanity']).every((w) => w.category === 'profanity')).toBe(true);
  });

  it('leaves out the curated entries', () => {
    const words = new Set(starterWords().map((w) => w.word));
    for (const dropped of [...Object.keys(DROPPED_ENGLISH), ...Object.keys(DROPPED_CHINESE)])
      expect(words.has(dropped), dropped).toBe(false);
  });

  it('an ambiguous entry is switched off for a shop by an allow entry for its phrase', () => {
    const garden = SensitiveWordEngine.build([...starterWords(), { word: 'pussy willow', category: 'custom', allow: true }]);
    expect(garden.scan('Is the pussy willow plant in stock?')).toEqual([]);
    expect(garden.scan('what a pussy').map((m) => m.word)).toEqual(['pussy']);
  });

  it('returns fresh objects', () => {
    starterWords()[0]!.word = 'changed';
    expect(starterWords()[0]!.word).not.toBe('changed');
  });

  it('catches what it lists and leaves ordinary words that contain its entries alone', () => {
    const engine = SensitiveWordEngine.build(starterWords());
    expect(engine.mask('what the fuck, 你他妈的')).toBe('what the ****, 你***');
    for (const text of [
      'Scunthorpe',
      'a classic cocktail',
      'Middlesex',
      '牛奶',
      '性价比很高',
      '生日你们有优惠吗',
      '出口交易',
      '我妈的手机',
      '西瓜批发',
    ]) {
      expect(engine.scan(text), text).toEqual([]);
    }
  });
});
