import AhoCorasick from 'ahocorasick';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton } from '../../../src/filter/automaton.js';
import { SensitiveWordEngine, rawNormalizeOptions, type WordEntry } from '../../../src/filter/index.js';

// Code points, not code units: dictionary words must be well-formed strings.
const alphabet = ['a', 'b', 'c', '中', '文', '😀', '𝐟', ' '];
const word = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
const dictionary = fc.uniqueArray(word, { minLength: 1, maxLength: 25 });
const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 200, size: 'max' }).map((cs) => cs.join(''));

interface Hit {
  start: number;
  end: number;
  word: string;
}

function oracleHits(words: string[], input: string): Hit[] {
  const hits: Hit[] = [];
  for (const [last, found] of new AhoCorasick(words).search(input)) {
    for (const w of new Set(found)) hits.push({ start: last + 1 - w.length, end: last + 1, word: w });
  }
  return sortHits(hits);
}

function sortHits(hits: Hit[]): Hit[] {
  return hits.sort((a, b) => a.start - b.start || b.end - a.end || a.word.localeCompare(b.word));
}

function leftmostLongest(hits: Hit[]): Hit[] {
  const chosen: Hit[] = [];
  let lastEnd = 0;
  for (const hit of sortHits([...hits])) {
    if (hit.start < lastEnd) continue;
    chosen.push(hit);
    lastEnd = hit.end;
  }
  return chosen;
}

function rawEngine(words: string[]): SensitiveWordEngine {
  const entries: WordEntry[] = words.map((w) => ({ word: w, category: 'custom' }));
  return SensitiveWordEngine.build(entries, {
    normalize: rawNormalizeOptions,
    pii: { phone: false, email: false, idCard: false, bankCard: false, contactHandle: false },
  });
}

describe('Automaton vs the ahocorasick package', () => {
  it('reports the same set of overlapping matches', () => {
    fc.assert(
      fc.property(dictionary, text, (words, input) => {
        const engine = rawEngine(words);
        const ours = engine
          .analyze(input, true)
          .words.map((c) => ({ start: c.start, end: c.end, word: input.slice(c.start, c.end) }));
        expect(sortHits(ours)).toEqual(oracleHits(words, input));
      }),
      { numRuns: 500 },
    );
  });

  it('scan() is the leftmost-longest non-overlapping subset of the oracle output', () => {
    fc.assert(
      fc.property(dictionary, text, (words, input) => {
        const ours = rawEngine(words)
          .scan(input)
          .map((m) => ({ start: m.start, end: m.end, word: m.word }));
        expect(ours).toEqual(leftmostLongest(oracleHits(words, input)));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps suffix matches inside a longer word in progress (complete output links)', () => {
    const engine = rawEngine(['abcd', 'bc', 'c']);
    const found = engine.analyze('abcx', true).words.map((c) => 'abcx'.slice(c.start, c.end));
    expect(found.sort()).toEqual(['bc', 'c']);
    expect(engine.scan('abcx').map((m) => m.word)).toEqual(['bc']);
  });

  it('matches astral code points with UTF-16 offsets', () => {
    const engine = rawEngine(['😀中', '𝐟']);
    expect(engine.scan('x😀中𝐟').map((m) => [m.start, m.end, m.word])).toEqual([
      [1, 4, '😀中'],
      [4, 6, '𝐟'],
    ]);
  });

  it('builds flat tables whose goto function agrees with the trie', () => {
    const patterns = ['he', 'she', 'his', 'hers'].map((w) => Int32Array.from(w, (c) => c.codePointAt(0)!));
    const automaton = Automaton.build(patterns);
    const code = (c: string) => c.codePointAt(0)!;
    const she = automaton.next(automaton.next(automaton.next(0, code('s')), code('h')), code('e'));
    expect(automaton.patternAt[she]).toBe(1);
    expect(automaton.patternAt[automaton.dictLink[she]!]).toBe(0); // "she" also reports "he"
    expect(automaton.next(0, code('x'))).toBe(-1);
    expect(automaton.maxDepth).toBe(4);
  });
});
