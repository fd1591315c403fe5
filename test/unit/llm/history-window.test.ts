import { describe, expect, it } from 'vitest';
import { buildContext, type HistoryEntry } from '../../../src/llm/history-window.js';
import { estimateTokens } from '../../../src/llm/token-estimate.js';

const conversation = (count: number): HistoryEntry[] =>
  Array.from({ length: count }, (_, index) => ({
    role: index % 2 === 0 ? 'customer' : 'bot',
    text: `message ${index}`,
  }));

describe('buildContext', () => {
  it('sends the system prompt, the last N messages and the newest customer message', () => {
    const history = conversation(9); // 0..8, 8 is the newest customer message
    const context = buildContext(history, { systemPrompt: 'sys', historyWindow: 3, tokenBudget: 10_000 });
    expect(context).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'assistant', content: 'message 5' },
      { role: 'user', content: 'message 6' },
      { role: 'assistant', content: 'message 7' },
      { role: 'user', content: 'message 8' },
    ]);
  });

  it('drops the oldest history first to fit the token budget but keeps system prompt and newest message', () => {
    const long = 'x'.repeat(1000); // ~300 tokens
    const history: HistoryEntry[] = [
      { role: 'customer', text: long },
      { role: 'bot', text: long },
      { role: 'customer', text: 'newest' },
    ];
    const budget = estimateTokens('sys') + estimateTokens('newest') + estimateTokens(long) + 3 * 4;
    const context = buildContext(history, { systemPrompt: 'sys', historyWindow: 10, tokenBudget: budget });
    expect(context.map((message) => message.role)).toEqual(['system', 'assistant', 'user']);
    const tiny = buildContext(history, { systemPrompt: 'sys', historyWindow: 10, tokenBudget: 1 });
    expect(tiny).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'newest' },
    ]);
  });

  it('merges consecutive messages of one role and leaves out system notes', () => {
    const context = buildContext(
      [
        { role: 'bot', text: 'hi' },
        { role: 'system', text: 'agent joined' },
        { role: 'agent', text: 'I am Ann' },
        { role: 'customer', text: 'a' },
        { role: 'customer', text: 'b' },
      ],
      { systemPrompt: 'sys', historyWindow: 10, tokenBudget: 10_000 },
    );
    expect(context).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'assistant', content: 'hi\n\nI am Ann' },
      { role: 'user', content: 'a\n\nb' },
    ]);
  });

  it('estimates ~0.3 token per English and ~0.6 per Chinese character', () => {
    expect(estimateTokens('a'.repeat(100))).toBe(30);
    expect(estimateTokens('中'.repeat(100))).toBe(60);
    expect(estimateTokens('')).toBe(0);
  });
});
