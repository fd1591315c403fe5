import { describe, expect, it } from 'vitest';
import { corpusEngine, measureCorpus } from '../../../bench/corpus/corpus-engine.js';

describe('precision corpus (starter list + ass, badword, 加微信, 代开发票)', () => {
  const result = measureCorpus(corpusEngine());

  it('has at least 2,000 ordinary messages and 200 evasion cases', () => {
    expect(result.ordinary).toBeGreaterThanOrEqual(2000);
    expect(result.evasions).toBeGreaterThanOrEqual(200);
  });

  it('leaves every ordinary message unchanged (no match at all)', () => {
    expect(result.changed).toEqual([]);
  });

  it('catches every evasion case', () => {
    expect(result.missed).toEqual([]);
  });
});
