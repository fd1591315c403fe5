import { describe, expect, it } from 'vitest';
import { SensitiveWordEngine, type WordEntry } from '../../../src/filter/index.js';

const list: WordEntry[] = [
  { word: 'fuck', category: 'profanity' },
  { word: 'badword', category: 'profanity' },
  { word: '加微信', category: 'ads' },
  { word: '敏感词', category: 'custom' },
  { word: '违禁品', category: 'custom' },
];
const engine = SensitiveWordEngine.build(list);
const hits = (text: string, e = engine): Array<[string, string]> => e.scan(text).map((m) => [m.word, text.slice(m.start, m.end)]);

describe('invisible characters and combining marks: a run is one gap', () => {
  it.each([7, 9, 30])('%i zero-width characters between letters are still one word', (count) => {
    const text = ['f', 'u', 'c', 'k'].join('\u200b'.repeat(count));
    expect(hits(`x ${text} y`)).toEqual([['fuck', text]]);
    const chinese = ['敏', '感', '词'].join('\u2060\u200c'.repeat(count));
    expect(hits(chinese)).toEqual([['敏感词', chinese]]);
  });

  it('a stack of combining marks on every letter is still the word', () => {
    const text = [...'badword'].map((ch) => ch + '\u0336\u0301\u0308\u0337\u0338\u0335\u0334').join('');
    expect(hits(text)).toEqual([['badword', text]]);
  });

  it('visible separators still count one by one', () => {
    expect(engine.scan('敏.......感词')).toEqual([]);
  });
});

describe('contact keywords get the same folding as words', () => {
  it.each(['ｖｘ abc12345', '微 信 abc12345', 'V❤：abc12345', 'Ｖ信 abc12345', 'Ｗ Ｘ: abc12345', 'ｑｑ 12345678'])(
    '%s is a handle',
    (text) => {
      expect(hits(text)).toEqual([['contactHandle', text]]);
    },
  );

  it('keywords inside words and keywords without an id are not handles', () => {
    expect(engine.scan('请用微信支付')).toEqual([]);
    expect(engine.scan('wx is a good abbreviation')).toEqual([]);
    expect(engine.scan('fqq12345')).toEqual([]);
  });
});

describe('symbol stand-ins for contact words', () => {
  it.each(['加我V❤', '加我v♥', '加V❤', '加微❤', '加我vx', '加个wx', '加我威信', '加ｖｘ'])('%s is 加微信', (text) => {
    expect(hits(`你好${text}谢谢`)).toEqual([['加微信', text]]);
  });

  it('a heart anywhere else is still a skipped symbol', () => {
    expect(hits('f❤u❤c❤k')).toEqual([['fuck', 'f❤u❤c❤k']]);
    expect(engine.scan('I ❤ this shop, 信 me')).toEqual([]);
  });
});

describe('phone numbers in Chinese numerals', () => {
  it.each([
    '一三八一二三四五六七八',
    '幺三八幺二三四五六七八',
    '138一二三四5678',
    '壹叁捌壹贰叁肆伍陆柒捌',
    '一三八 一二三四 五六七八',
  ])('%s', (text) => {
    expect(hits(`电话${text}`)).toEqual([['phone', text]]);
  });

  it('ordinary numerals are not phones', () => {
    expect(engine.scan('第一次买，一二三四五六七八九十个都要')).toEqual([]);
    expect(engine.scan('一三八一二三四五六七')).toEqual([]); // ten digits
  });
});

describe('spelled e-mail addresses', () => {
  it.each([
    'name at example dot com',
    'name[at]example[dot]com',
    'zhang.san (at) gmail (dot) com',
    '123456#qq.com',
    'li_lei[at]mail.example.cn',
  ])('%s', (text) => {
    expect(hits(`mail ${text} thanks`)).toEqual([['email', text]]);
  });

  it('ordinary sentences with at and dot are not addresses', () => {
    expect(engine.scan('I bought it at amazon.com last week')).toEqual([]);
    expect(engine.scan('meet me at noon, dot the i')).toEqual([]);
    expect(engine.scan('order #12345 and issue #7.com')).toEqual([]);
  });
});

describe('Hangul and Japanese look-alikes', () => {
  it.each(['badwㅇrd', 'badwロrd', 'bаdwоrd' /* Cyrillic а, о */, 'badwㅇrd'.toUpperCase()])('%s is badword', (text) => {
    expect(hits(text)).toEqual([['badword', text]]);
  });

  it('ordinary Korean and Japanese text stays itself', () => {
    const e = SensitiveWordEngine.build([
      { word: 'oo', category: 'custom' },
      { word: 'lo', category: 'custom' },
      { word: 'to', category: 'custom' },
    ]);
    expect(e.scan('ㅇㅇ 알겠습니다 ㅋㅋ')).toEqual([]);
    expect(e.scan('ロボット ノート')).toEqual([]);
  });
});

describe('pinyin forms (normalize.pinyin)', () => {
  const pinyin = SensitiveWordEngine.build(list, { normalize: { pinyin: true } });

  it('matches the pinyin of a Chinese entry as a whole Latin word', () => {
    expect(hits('sell weijinpin here', pinyin)).toEqual([['违禁品', 'weijinpin']]);
    expect(hits('wei jin pin', pinyin)).toEqual([['违禁品', 'wei jin pin']]);
    expect(hits('WeiJinPin', pinyin)).toEqual([['违禁品', 'WeiJinPin']]);
  });

  it('not inside a longer word, and not at all by default', () => {
    expect(pinyin.scan('weijinpins')).toEqual([]);
    expect(engine.scan('weijinpin')).toEqual([]);
  });
});
