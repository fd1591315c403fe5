import { describe, expect, it } from 'vitest';
import { SensitiveWordEngine, type WordEntry } from '../../../src/filter/index.js';

// The word list of issue 15.
const issueList: WordEntry[] = [
  { word: 'ass', category: 'profanity' },
  { word: 'badword', category: 'profanity' },
  { word: '加微信', category: 'ads' },
];
const engine = SensitiveWordEngine.build(issueList, { actions: { ads: 'mask' } });

const spans = (e: SensitiveWordEngine, text: string): Array<[string, string]> =>
  e.scan(text).map((m) => [m.word, text.slice(m.start, m.end)]);

describe('issue 15: ordinary sentences come out unchanged', () => {
  it.each(['好的，as agreed', 'Please ship it as soon as possible.', 'Galaxy A55 (SM-A556E)', 'as well as'])('%s', (text) => {
    expect(engine.check(text)).toEqual({ action: 'allow', text, matches: [] });
  });
});

describe('doubled letters the entry spells stay significant', () => {
  it.each([
    ['ass', 'ass'],
    ['asss', 'asss'],
    ['a$$', 'a$$'],
    ['aaass', 'aaass'],
    ['ASS', 'ASS'],
    ['a s s', 'a s s'],
  ])('%s is ass', (text, span) => {
    expect(spans(engine, `you ${text}!`)).toEqual([['ass', span]]);
    expect(engine.mask(`you ${text}!`)).toBe(`you ${'*'.repeat(span.length)}!`);
  });

  it('a single letter in the entry still matches a run in the text (fuuuck)', () => {
    const e = SensitiveWordEngine.build([{ word: 'fuck', category: 'profanity' }]);
    expect(spans(e, 'fuuuuck')).toEqual([['fuck', 'fuuuuck']]);
  });

  it('an entry spelled with a run matches the same as one spelled with a double (asss = ass)', () => {
    const e = SensitiveWordEngine.build([{ word: 'asss', category: 'profanity' }]);
    expect(spans(e, 'ass')).toEqual([['asss', 'ass']]);
    expect(e.scan('as')).toEqual([]);
  });

  it('an entry `as` next to `ass` reports the entry that spells the text', () => {
    const e = SensitiveWordEngine.build([{ word: 'as', category: 'custom' }, ...issueList]);
    expect(e.scan('as').map((m) => m.word)).toEqual(['as']);
    expect(e.scan('ass').map((m) => m.word)).toEqual(['ass']);
  });
});

describe('allow entries shield only what they spell', () => {
  it('an allow entry `as` does not switch `ass` off', () => {
    const e = SensitiveWordEngine.build([...issueList, { word: 'as', category: 'custom', allow: true }]);
    expect(spans(e, 'you ass')).toEqual([['ass', 'ass']]);
    expect(e.scan('as you like')).toEqual([]);
  });

  it('an allow entry still shields the words it contains when the text spells it', () => {
    const e = SensitiveWordEngine.build([...issueList, { word: 'assassin', category: 'custom', allow: true }], {
      normalize: { latinWholeWord: false },
    });
    expect(e.scan('assassin')).toEqual([]);
    // The text does not spell `assassin` (one `s` short), so the allow entry does not shield its `ass`.
    expect(spans(e, 'asassin')).toEqual([['ass', 'ass']]);
  });
});

describe('spans stay exact across repeated letters', () => {
  it('no wasabi I said: the match does not grow over the next one-letter word', () => {
    const e = SensitiveWordEngine.build([...issueList, { word: 'wasabi', category: 'custom' }]);
    expect(engine.check('no wasabi I said').text).toBe('no wasabi I said');
    expect(e.check('no wasabi I said').text).toBe('no ****** I said');
  });

  it('nor over a one-letter word before it', () => {
    const e = SensitiveWordEngine.build([{ word: 'idiot', category: 'profanity' }]);
    expect(e.check('I idiot').text).toBe('I *****');
  });

  it('a run across a space still serves a word that needs both halves', () => {
    const e = SensitiveWordEngine.build([{ word: 'asshole', category: 'profanity' }]);
    expect(spans(e, 'you as shole')).toEqual([['asshole', 'as shole']]);
  });
});

describe('leet only inside runs that are mostly letters', () => {
  it.each(['b4dw0rd', 'b@dword', 'badw0rd', 'BADW0RD'])('%s is still badword', (text) => {
    expect(spans(engine, text)).toEqual([['badword', text]]);
  });

  it.each(['A55', 'SM-A556E', 'a55 plug', 'A5 paper', 'order 4ss1234'])('%s stays a code', (text) => {
    expect(engine.scan(text)).toEqual([]);
  });

  it('5h1t and sh1t are words, win10 and user123 are codes', () => {
    const e = SensitiveWordEngine.build([
      { word: 'shit', category: 'profanity' },
      { word: 'winio', category: 'custom' },
      { word: 'useriet', category: 'custom' },
    ]);
    expect(e.scan('5h1t').map((m) => m.word)).toEqual(['shit']);
    expect(e.scan('sh1t').map((m) => m.word)).toEqual(['shit']);
    expect(e.scan('win10 user123')).toEqual([]);
  });
});

describe('spaces do not glue common words into a listed one', () => {
  const e = SensitiveWordEngine.build([
    { word: 'anus', category: 'profanity' },
    { word: 'anal', category: 'profanity' },
  ]);

  it('an us and an al are sentences', () => {
    expect(e.scan('Is there an US plug?')).toEqual([]);
    expect(e.scan('an al dente pasta')).toEqual([]);
  });

  it('spelled-out letters still match', () => {
    expect(spans(e, 'a n u s')).toEqual([['anus', 'a n u s']]);
    expect(spans(e, 'an.u.s')).toEqual([['anus', 'an.u.s']]);
  });

  it('is switched off with wordBoundaries', () => {
    const loose = SensitiveWordEngine.build([{ word: 'anus', category: 'profanity' }], { normalize: { wordBoundaries: false } });
    expect(loose.scan('an us').map((m) => m.word)).toEqual(['anus']);
  });
});

describe('CJK word boundaries', () => {
  const ads = SensitiveWordEngine.build([
    ...issueList,
    { word: '代开发票', category: 'ads' },
    { word: '发票', category: 'custom' },
  ]);

  it('an entry straddling a common word is no match (增加|微信, 替代|开发票)', () => {
    expect(ads.scan('我们增加微信支付了吗')).toEqual([]);
    expect(ads.scan('替代开发票').map((m) => m.word)).toEqual(['发票']);
  });

  it('the same entries match where they start a word', () => {
    expect(spans(ads, '请加微信好友')).toEqual([['加微信', '加微信']]);
    expect(spans(ads, '可以代开发票')).toEqual([['代开发票', '代开发票']]);
    expect(spans(ads, '开发票了')).toEqual([['发票', '发票']]);
  });

  it('is switched off with wordBoundaries', () => {
    const loose = SensitiveWordEngine.build(issueList, { normalize: { wordBoundaries: false } });
    expect(loose.scan('我们增加微信支付了吗').map((m) => m.word)).toEqual(['加微信']);
  });
});

describe('common words glued only across spaces are ordinary text; across punctuation they are spelled out', () => {
  it.each(['that is a bad word to use', 'an us army base'])('%s is left alone', (text) => {
    const e = SensitiveWordEngine.build([...issueList, { word: 'anus', category: 'profanity' }]);
    expect(e.check(text)).toEqual({ action: 'allow', text, matches: [] });
  });

  it.each([
    ['a BAD.WORD here', 'BAD.WORD'],
    ['a bad-word here', 'bad-word'],
    ['a bad*word here', 'bad*word'],
  ])('%s is caught', (text, span) => {
    expect(spans(engine, text)).toEqual([['badword', span]]);
  });
});
