import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SensitiveWordEngine, type WordEntry } from '../../../src/filter/index.js';

const words: WordEntry[] = [
  { word: 'fuck', category: 'profanity' },
  { word: 'ass', category: 'profanity' },
  { word: 'asshole', category: 'profanity' },
  { word: 'book', category: 'custom' },
  { word: '敏感词', category: 'politics' },
  { word: '发票', category: 'ads' },
  { word: '代开发票', category: 'custom' },
  { word: 'assassin', category: 'custom', allow: true },
  { word: '😀x', category: 'custom' },
];

// Characters chosen so random strings hit words, evasions, PII and surrogate pairs often.
const alphabet = [
  'f',
  'u',
  'c',
  'k',
  'a',
  's',
  'h',
  'o',
  'l',
  'e',
  'b',
  'i',
  'n',
  'x',
  'F',
  'U',
  '4',
  '0',
  '1',
  '@',
  '$',
  ' ',
  '.',
  '-',
  '\u200b',
  '敏',
  '感',
  '词',
  '發',
  '票',
  '代',
  '开',
  '😀',
  '\ud83d',
  'ｆ',
  'ս',
  'v',
  'w',
  'q',
  '1',
  '3',
  '8',
  '5',
  '6',
  '7',
  '2',
  '9',
  '+',
  'm',
  '.',
  'c',
  'o',
  'X',
  '信',
  '微',
  '一',
  '三',
  '八',
  '①',
  // Runs longer than the skip limit, of separators and of invisible characters.
  '-------',
  '。。。。。。。',
  '😀😀😀😀',
  '\u200b\u200b\u200b\u200b\u200b\u200b\u200b',
  '\u0301',
];
const textArbitrary = fc.array(fc.constantFrom(...alphabet), { maxLength: 300, size: 'max' }).map((chars) => chars.join(''));

/** Splits `text` at the given cut points (in code units: the stream must cope with split surrogates). */
function chunk(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let previous = 0;
  for (const point of points) {
    chunks.push(text.slice(previous, point));
    previous = point;
  }
  chunks.push(text.slice(previous));
  return chunks;
}

function streamed(engine: SensitiveWordEngine, chunks: string[]): string {
  const stream = engine.createStream();
  return chunks.map((c) => stream.push(c)).join('') + stream.flush();
}

describe('StreamFilter', () => {
  const engine = SensitiveWordEngine.build(words);

  it('equals batch mask() for every chunking (all normalisation on)', () => {
    fc.assert(
      fc.property(textArbitrary, fc.array(fc.nat(), { maxLength: 20, size: 'max' }), (text, cuts) => {
        expect(streamed(engine, chunk(text, cuts))).toBe(engine.mask(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('equals batch mask() one code unit at a time, and with normalisation off', () => {
    const raw = SensitiveWordEngine.build(words, {
      normalize: {
        width: false,
        case: false,
        traditional: false,
        homoglyph: false,
        leet: false,
        repeat: false,
        skip: false,
        latinWholeWord: false,
      },
    });
    fc.assert(
      fc.property(textArbitrary, (text) => {
        const perUnit = text.split('');
        expect(streamed(engine, perUnit)).toBe(engine.mask(text));
        expect(streamed(raw, perUnit)).toBe(raw.mask(text));
      }),
      { numRuns: 500 },
    );
  });

  it('holds back a word in progress and releases the rest', () => {
    const stream = engine.createStream();
    expect(stream.push('hello fu')).toBe('hello ');
    // `you` could still grow into an e-mail address's local part, so it waits for the next chunk.
    expect(stream.push('ck you')).toBe('**** ');
    expect(stream.flush()).toBe('you');
    expect(stream.matches.map((m) => [m.start, m.end, m.word])).toEqual([[6, 10, 'fuck']]);
  });

  it('releases a partial word once a long run of separators makes it impossible to finish', () => {
    const stream = engine.createStream();
    expect(stream.push('你好敏感')).toBe('你好');
    expect(stream.push('。。。。。。。')).toBe('敏感。。。。。。。');
    expect(stream.pending).toBe(0);
    expect(stream.push('词')).toBe('');
    expect(stream.flush()).toBe('词');
  });

  it('never releases half of a surrogate pair', () => {
    const stream = engine.createStream();
    const out = [stream.push('ok \ud83d'), stream.push('\ude00 done')];
    for (const piece of out) expect(/[\ud800-\udbff]$/.test(piece)).toBe(false);
    expect(out.join('') + stream.flush()).toBe('ok 😀 done');
  });

  it('reports the strongest action so far, so a reply can be stopped on block', () => {
    const stream = engine.createStream();
    stream.push('这是敏感词，');
    stream.push('后面还有很多文字需要输出');
    expect(stream.action).toBe('block');
  });

  it('rejects push after flush', () => {
    const stream = engine.createStream();
    stream.flush();
    expect(() => stream.push('x')).toThrow(/after flush/);
  });
});
