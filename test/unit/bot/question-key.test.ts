import { describe, expect, it } from 'vitest';
import { normalizeQuestion } from '../../../src/bot/question-key.js';

describe('normalizeQuestion', () => {
  it('ignores case, punctuation and spacing', () => {
    expect(normalizeQuestion('  What are your OPENING   hours?! ')).toBe('what are your opening hours');
    expect(normalizeQuestion('what are your opening hours')).toBe('what are your opening hours');
    expect(normalizeQuestion('Opening-hours, please.')).toBe('opening hours please');
  });

  it('keeps letters of every script and folds full-width forms', () => {
    expect(normalizeQuestion('营业时间？')).toBe('营业时间');
    expect(normalizeQuestion('ＡＢＣ　123')).toBe('abc 123');
  });

  it('is empty when only punctuation is left', () => {
    expect(normalizeQuestion(' ?!… ')).toBe('');
  });
});
