import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SensitiveWordEngine, type WordEntry } from '../../../src/filter/index.js';

const words: WordEntry[] = [
  { word: 'ass', category: 'profanity' },
  { word: 'badword', category: 'profanity' },
  { word: 'wasabi', category: 'custom' },
  { word: '加微信', category: 'ads' },
  { word: '代开发票', category: 'custom' },
  { word: 'as', category: 'custom', allow: true },
];

// The characters of this rules: doubled letters, one-letter words, codes, look-alikes,
// stand-ins, boundary words, Chinese numerals, spelled e-mails.
const alphabet = [
  'a',
  's',
  'S',
  'b',
  'd',
  'w',
  'o',
  'r',
  'i',
  'I',
  't',
  'e',
  'x',
  'c',
  'm',
  'q',
  'v',
  'V',
  'A',
  '5',
  '6',
  '4',
  '0',
  '1',
  '3',
  '8',
  '$',
  '@',
  ' ',
  '.',
  '-',
  '#',
  '[',
  ']',
  '\u200b',
  '\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b',
  '\u0336',
  'ㅇ',
  'ロ',
  '❤',
  'ｖ',
  'ｘ',
  '加',
  '增',
  '微',
  '信',
  '我',
  '替',
  '代',
  '开',
  '发',
  '票',
  '一',
  '三',
  '八',
  '幺',
  '卡',
  '号',
  'at',
  'dot',
  'com',
  'card ',
  '订单',
];
const textArbitrary = fc.array(fc.constantFrom(...alphabet), { maxLength: 200, size: 'max' }).map((chars) => chars.join(''));

function streamed(engine: SensitiveWordEngine, chunks: string[], pii: boolean): string {
  const stream = engine.createStream({ pii });
  return chunks.map((c) => stream.push(c)).join('') + stream.flush();
}

describe('StreamFilter with the issue-15 rules', () => {
  const engine = SensitiveWordEngine.build(words, { actions: { ads: 'mask' }, pii: { orderNumberPatterns: ['SO[0-9]{6}'] } });
  const wordsOnly = SensitiveWordEngine.build(words, {
    actions: { ads: 'mask' },
    pii: { phone: false, email: false, idCard: false, bankCard: false, contactHandle: false },
  });
  const pinyin = SensitiveWordEngine.build([...words, { word: '违禁品', category: 'custom' }], { normalize: { pinyin: true } });

  it('equals batch mask() one code unit at a time and in random chunks, with PII and without', () => {
    fc.assert(
      fc.property(textArbitrary, fc.array(fc.nat(), { maxLength: 12 }), (text, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = points.map((p, i) => text.slice(points[i - 1] ?? 0, p)).concat(text.slice(points.at(-1) ?? 0));
        expect(streamed(engine, [...text.split('')], true)).toBe(engine.mask(text));
        expect(streamed(engine, chunks, true)).toBe(engine.mask(text));
        expect(streamed(engine, chunks, false)).toBe(wordsOnly.mask(text));
        expect(streamed(pinyin, chunks, true)).toBe(pinyin.mask(text));
      }),
      { numRuns: 600 },
    );
  });
});
