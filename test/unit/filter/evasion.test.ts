import { describe, expect, it } from 'vitest';
import { SensitiveWordEngine, type FilterMatch, type NormalizeOptions, type WordEntry } from '../../../src/filter/index.js';

const dictionary: WordEntry[] = [
  { word: 'fuck', category: 'profanity' },
  { word: 'badword', category: 'profanity' },
  { word: 'asshole', category: 'profanity' },
  { word: 'ass', category: 'profanity' },
  { word: 'book', category: 'custom' },
  { word: 'keeper', category: 'custom' },
  { word: '敏感词', category: 'custom' },
  { word: '发票', category: 'custom' },
  { word: '太太', category: 'custom' },
];

function engineWith(normalize: Partial<NormalizeOptions> = {}): SensitiveWordEngine {
  return SensitiveWordEngine.build(dictionary, { normalize });
}

const engine = engineWith();

function words(matches: FilterMatch[]): string[] {
  return matches.map((m) => m.word);
}

/** Masking replaces exactly the matched original span (one `*` per code point), nothing else. */
function expectMaskedExactly(text: string, word: string, start: number, end: number): void {
  const verdict = engine.check(text);
  expect(verdict.matches.map((m) => [m.word, m.start, m.end])).toEqual([[word, start, end]]);
  const stars = '*'.repeat([...text.slice(start, end)].length);
  expect(verdict.text).toBe(text.slice(0, start) + stars + text.slice(end));
}

describe('evasion: width and compatibility folding', () => {
  it.each([
    ['full-width', 'ｆｕｃｋ'],
    ['enclosed', 'ⓕⓤⓒⓚ'],
    ['mathematical bold', '𝐟𝐮𝐜𝐤'],
    ['accented', 'fúck'],
  ])('%s letters match', (_kind, text) => {
    expectMaskedExactly(`say ${text}!`, 'fuck', 4, 4 + text.length);
  });

  it('full-width CJK punctuation between Chinese characters is skipped', () => {
    expectMaskedExactly('这是敏，感，词', '敏感词', 2, 7);
  });

  it('is switchable', () => {
    expect(engineWith({ width: false }).scan('ｆｕｃｋ')).toEqual([]);
  });
});

describe('evasion: case', () => {
  it('matches any case and is switchable', () => {
    expectMaskedExactly('FuCk', 'fuck', 0, 4);
    expect(engineWith({ case: false }).scan('FUCK')).toEqual([]);
  });
});

describe('evasion: traditional Chinese', () => {
  it('發票 matches 发票 and masks the traditional original', () => {
    expectMaskedExactly('代開發票', '发票', 2, 4);
    expect(words(engine.scan('敏感詞'))).toEqual(['敏感词']);
  });

  it('applies to the dictionary too, and is switchable', () => {
    const traditionalEntry = SensitiveWordEngine.build([{ word: '發票', category: 'ads' }]);
    expect(words(traditionalEntry.scan('开发票'))).toEqual(['發票']);
    expect(engineWith({ traditional: false }).scan('發票')).toEqual([]);
  });
});

describe('evasion: homoglyphs', () => {
  it.each([
    ['Cyrillic а е о р с х у', 'fuсk', 'fuck'], // с is Cyrillic
    ['Greek υ', 'fυck', 'fuck'],
    ['Cyrillic in a longer word', 'bаdwоrd', 'badword'],
  ])('%s', (_kind, text, word) => {
    expectMaskedExactly(text, word, 0, text.length);
  });

  it('is switchable', () => {
    expect(engineWith({ homoglyph: false }).scan('fuсk')).toEqual([]);
  });
});

describe('evasion: leetspeak inside Latin words', () => {
  it.each(['b4dw0rd', 'b@dword', 'badw0rd', '4sshole', 'a$$hole'])('%s', (text) => {
    expect(words(engine.scan(text))).toHaveLength(1);
    expect(engine.mask(text)).toBe('*'.repeat(text.length));
  });

  it('leaves plain numbers alone', () => {
    const numbers = SensitiveWordEngine.build(
      [
        { word: 'io', category: 'custom' },
        { word: 'ease', category: 'custom' },
      ],
      { pii: { phone: false } },
    );
    expect(numbers.scan('in 2010 and 3535, call 13812345678')).toEqual([]);
    expect(numbers.scan('10')).toEqual([]);
  });

  it('is switchable', () => {
    expect(engineWith({ leet: false }).scan('b4dw0rd')).toEqual([]);
  });
});

describe('evasion: repeated letters', () => {
  it('collapses runs in the text and in the dictionary alike', () => {
    expectMaskedExactly('fuuuuuck', 'fuck', 0, 8);
    expectMaskedExactly('FFFUCKKK!', 'fuck', 0, 8);
    expectMaskedExactly('a book', 'book', 2, 6);
    expectMaskedExactly('a boooook', 'book', 2, 9);
  });

  it('does not collapse Chinese characters (a one-character word would match everywhere)', () => {
    expect(words(engine.scan('太太'))).toEqual(['太太']);
    expect(engine.scan('太好了')).toEqual([]);
  });

  it('a run collapsed across a space still gives each word its own edges', () => {
    expect(engine.scan('book keeper').map((m) => [m.word, m.start, m.end])).toEqual([
      ['book', 0, 4],
      ['keeper', 5, 11],
    ]);
  });

  it('is switchable', () => {
    expect(engineWith({ repeat: false }).scan('fuuuck')).toEqual([]);
  });
});

describe('evasion: skipped characters between letters', () => {
  it.each([
    ['spaces', 'f u c k'],
    ['dots', 'f.u.c.k'],
    ['symbols', 'f*u#c-k'],
    ['zero-width', 'f\u200bu\u200cc\u2060k'],
    ['soft hyphen and BOM', 'fu\u00adc\ufeffk'],
    ['combining marks', 'f\u0336u\u0336c\u0336k\u0336'],
    ['emoji', 'f😀u🔥ck'],
  ])('English with %s', (_kind, text) => {
    expectMaskedExactly(`x ${text} y`, 'fuck', 2, 2 + text.length);
  });

  it.each([
    ['spaces', '敏 感 词'],
    ['zero-width', '敏\u200b感词'],
    ['emoji', '敏😀感🔥词'],
    ['punctuation', '敏-感_词'],
  ])('Chinese with %s', (_kind, text) => {
    expectMaskedExactly(`有${text}吗`, '敏感词', 1, 1 + text.length);
  });

  it('does not skip more than six characters between two letters', () => {
    expect(engine.scan('敏......感词')).toHaveLength(1);
    expect(engine.scan('敏.......感词')).toEqual([]);
  });

  it('is switchable', () => {
    expect(engineWith({ skip: false }).scan('f u c k')).toEqual([]);
  });
});

describe('Latin whole-word rule', () => {
  it('does not fire inside other words, even across skipped spaces', () => {
    expect(engine.scan('class assignment')).toEqual([]);
    expect(engine.scan('classic passage')).toEqual([]);
    expect(engine.scan('glass hole')).toEqual([]);
  });

  it('catches a word split across spaces when it starts and ends on word edges', () => {
    expectMaskedExactly('you as shole', 'asshole', 4, 12);
    expectMaskedExactly('ass', 'ass', 0, 3);
  });

  it('does not apply to Chinese, which has no spaces between words', () => {
    expect(words(engine.scan('开发票了'))).toEqual(['发票']);
  });

  it('is switchable', () => {
    expect(words(engineWith({ latinWholeWord: false }).scan('class'))).toEqual(['ass']);
  });
});

describe('offsets', () => {
  it('map back to the original text through every transform at once', () => {
    const text = 'hey Ｆ.\u200bU υ u ⓒ-k! and 敏 😀 感詞 end';
    const verdict = engine.check(text);
    expect(verdict.matches.map((m) => text.slice(m.start, m.end))).toEqual(['Ｆ.\u200bU υ u ⓒ-k', '敏 😀 感詞']);
    expect(verdict.text).toBe('hey ************! and ****** end'); // one `*` per code point: 😀 is one
  });

  it('never mask anything outside a match', () => {
    const text = '...fuck...';
    expect(engine.mask(text)).toBe('...****...');
  });
});
