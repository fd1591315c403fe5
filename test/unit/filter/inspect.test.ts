import { describe, expect, it } from 'vitest';
import { SensitiveWordEngine } from '../../../src/filter/index.js';

const engine = SensitiveWordEngine.build([
  { word: 'badword', category: 'profanity' },
  { word: 'spam', category: 'ads' },
]);

describe('inspect(): PII for agents, not for the model', () => {
  it('masks PII and words in text, only words in textForAgents', () => {
    const message = 'badword, call me on 13812345678 or mail li.lei@example.com';
    const verdict = engine.inspect(message);
    expect(verdict.text).toBe(`*******, call me on *********** or mail ${'*'.repeat(18)}`);
    expect(verdict.textForAgents).toBe('*******, call me on 13812345678 or mail li.lei@example.com');
    expect(verdict.pii.map((m) => [m.word, message.slice(m.start, m.end)])).toEqual([
      ['phone', '13812345678'],
      ['email', 'li.lei@example.com'],
    ]);
    expect(verdict.action).toBe('mask');
  });

  it('agrees with check() on action, text and matches', () => {
    for (const message of ['hello', 'spam 13812345678', 'badword spam']) {
      const { textForAgents: _agents, pii: _pii, ...verdict } = engine.inspect(message);
      expect(verdict).toEqual(engine.check(message));
    }
  });

  it('leaves flagged words in both texts', () => {
    const verdict = engine.inspect('spam here');
    expect([verdict.action, verdict.text, verdict.textForAgents, verdict.pii]).toEqual(['flag', 'spam here', 'spam here', []]);
  });
});
