import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SensitiveWordEngine, type WordEntry } from '../../../src/filter/index.js';

const PII_OFF = { phone: false, email: false, idCard: false, bankCard: false, contactHandle: false };
const words: WordEntry[] = [
  { word: 'badword', category: 'profanity' },
  { word: '敏感词', category: 'politics' },
];

function streamed(engine: SensitiveWordEngine, chunks: string[]): string {
  const stream = engine.createStream({ pii: false });
  return chunks.map((chunk) => stream.push(chunk)).join('') + stream.flush();
}

describe('StreamFilter without PII (model output)', () => {
  it('releases a word as soon as no dictionary word can still match it', () => {
    const stream = SensitiveWordEngine.build(words).createStream({ pii: false });
    expect(stream.push('Thanks')).toBe('Thank');
    expect(stream.push(' for')).toBe('s fo');
  });

  it('leaves phone numbers and e-mails in replies alone but still masks words', () => {
    const engine = SensitiveWordEngine.build(words);
    const text = 'Call 13812345678 or mail help@shop.example, no badword here';
    expect(streamed(engine, [...text])).toBe('Call 13812345678 or mail help@shop.example, no ******* here');
  });

  it('equals a batch scan with PII off for every chunking', () => {
    const engine = SensitiveWordEngine.build(words);
    const wordsOnly = SensitiveWordEngine.build(words, { pii: PII_OFF });
    const alphabet = fc.constantFrom('b', 'a', 'd', 'w', 'o', 'r', ' ', '敏', '感', '词', '1', '@', '.', 'x');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), fc.array(fc.nat(6), { maxLength: 30 }), (chars, cuts) => {
        const text = chars.join('');
        const chunks: string[] = [];
        let at = 0;
        for (const cut of cuts) {
          if (at >= text.length) break;
          chunks.push(text.slice(at, at + cut + 1));
          at += cut + 1;
        }
        if (at < text.length) chunks.push(text.slice(at));
        expect(streamed(engine, chunks)).toBe(wordsOnly.mask(text));
      }),
      { numRuns: 300 },
    );
  });
});
